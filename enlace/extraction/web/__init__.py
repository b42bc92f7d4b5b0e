"""Extraction's faces: the extraction API."""

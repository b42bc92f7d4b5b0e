"""Screening's faces: the queue, the catalog, routing rules and the screening API."""

"""Bulk import of partner files (CSV, JSON Lines, HTCDS-shaped), streamed in bounded memory.

``mapping`` says which column feeds which report field, ``readers`` stream the rows, ``rows``
checks and converts one row, ``runner`` inserts them in chunks and writes the error report.
"""

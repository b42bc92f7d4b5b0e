"""Screening: the indicator catalog and its engine (``engine``, pure), the stored results and
routing rules (``results``, ``rules``, ``tables``), the queue and catalog pages (``web``)."""

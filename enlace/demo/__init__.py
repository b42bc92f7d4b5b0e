"""Demo: the synthetic generator (``engine``, pure) and its loading into a database
(``loader`` for reports, ``case_loader`` for cases)."""

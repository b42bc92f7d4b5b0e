"""The report desk's pages and API."""

"""Extraction: the people, phones, places, vehicles, accounts and organizations a narrative
mentions (``engine``, pure), stored as mentions linked to entities (``mentions``, ``tables``)."""

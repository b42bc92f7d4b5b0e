"""Storage: engine, sessions, migrations. SQLite embedded by default, PostgreSQL in production."""

from enlace.store.db import Database, redact_url, sqlite_timestamp
from enlace.store.migrate import upgrade

__all__ = ["Database", "redact_url", "sqlite_timestamp", "upgrade"]

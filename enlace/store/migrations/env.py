"""Alembic environment: uses the engine handed over by ``enlace.store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

from enlace.plugins import load_tables
from enlace.store.base import Base

load_tables()  # every area's tables, so that autogenerate sees them all

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    # Running the plain ``alembic`` command: take the URL, data directory and key from the settings.
    from enlace.config import get_settings

    settings = get_settings()
    engine = create_engine(settings.resolved_database_url)
    config.attributes["settings"] = settings

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()

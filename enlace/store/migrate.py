"""Run the Alembic migrations shipped in the package (the same ones on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from enlace.store.db import Database

if TYPE_CHECKING:
    from enlace.config import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(db: Database, settings: Settings | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = db.engine
    # Migrations that touch files (0005 encrypts attachments) need the data directory and key.
    cfg.attributes["settings"] = settings
    return cfg


def head_revisions(db: Database) -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(alembic_config(db)).get_heads())


def current_revisions(db: Database) -> frozenset[str]:
    with db.engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def is_current(db: Database) -> bool:
    return current_revisions(db) == head_revisions(db)


def upgrade(db: Database, settings: Settings | None = None) -> None:
    """Bring the schema up to date; a database already there is left as it is.

    Areas developed side by side may add parallel branches of revisions; "heads" applies them all.
    ``settings`` locate the node's files and key for the migrations that change files; a database
    that has files needs them.
    """
    db.check()
    if is_current(db):
        return
    command.upgrade(alembic_config(db, settings), "heads")

"""encrypt the tip attachments stored in plaintext, as case attachments always were

Photos and documents sent with tips (the public form, the quick report, the chat/SMS gateways) were
written to ``<data dir>/attachments`` as they came, readable by anyone who could read the disk,
while case attachments in the same folder were encrypted. Both now go through one encrypted store
(``enlace.security.files``). This encrypts in place, with the node's field key, every file under
that folder still in plaintext, leftovers of interrupted writes included; a file already encrypted
(every case file) keeps its content, so running it again changes nothing. Files become readable by
the owner only, folders likewise. No table changes: the rows' paths stay valid.

The data directory and key come from the settings ``enlace.store.migrate.upgrade`` hands over
(``enlace db upgrade``, ``enlace serve`` and every command do), or from the environment under the
plain ``alembic`` command.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from enlace.config import Settings
from enlace.errors import ConfigError
from enlace.security.files import FileStore, attachments_dir

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade() -> None:
    config = op.get_context().config
    settings = config.attributes.get("settings") if config is not None else None
    if not isinstance(settings, Settings):
        # Handed only an engine (a fresh test database): nothing to protect without tip files, and
        # a database with some must not be marked done while they stay in plaintext.
        count = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM intake_attachments")).scalar()
        if not count:
            return
        raise ConfigError(
            "Encrypting the stored attachments needs the data directory and key: "
            "run `enlace db upgrade` with the node's settings"
        )
    if not attachments_dir(settings).is_dir():
        return  # no files yet; no key is made for nothing
    sealed = FileStore.of(settings).seal_all()
    log.info("Encrypted %d attachment file(s) stored in plaintext", sealed)


def downgrade() -> None:
    pass  # files stay encrypted: the older code reads case files so, and tips were never served

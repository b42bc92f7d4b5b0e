"""resolution lookups by index alone: blocking keys with their entity, judgements by right side

A new report's candidates are the entities sharing one of its blocking keys. With ``entity_id``
in the key index the lookup reads the index only, one contiguous range per key, instead of one
table page per matching row (a million stored people make blocks of thousands). Judgements are
looked up by either side of the pair; the right side had no index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("resolution_keys", schema=None) as batch_op:
        batch_op.create_index("ix_resolution_keys_key_entity", ["key", "entity_id"], unique=False)
        batch_op.drop_index("ix_resolution_keys_key")
    with op.batch_alter_table("resolution_judgements", schema=None) as batch_op:
        batch_op.create_index("ix_resolution_judgements_right", ["right_entity_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("resolution_judgements", schema=None) as batch_op:
        batch_op.drop_index("ix_resolution_judgements_right")
    with op.batch_alter_table("resolution_keys", schema=None) as batch_op:
        batch_op.create_index("ix_resolution_keys_key", ["key"], unique=False)
        batch_op.drop_index("ix_resolution_keys_key_entity")

"""resolution profiles keys judgements merges

Revision ID: resolution_0001
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import enlace.store.base

revision: str = "resolution_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resolution_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_models")),
    )
    op.create_table(
        "resolution_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("left_entity_id", sa.Integer(), nullable=False),
        sa.Column("right_entity_id", sa.Integer(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["left_entity_id"],
            ["entities.id"],
            name=op.f("fk_resolution_candidates_left_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["right_entity_id"],
            ["entities.id"],
            name=op.f("fk_resolution_candidates_right_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_candidates")),
        sa.UniqueConstraint(
            "left_entity_id", "right_entity_id", name="uq_resolution_candidates_pair"
        ),
    )
    with op.batch_alter_table("resolution_candidates", schema=None) as batch_op:
        batch_op.create_index("ix_resolution_candidates_probability", ["probability"], unique=False)

    op.create_table(
        "resolution_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_resolution_keys_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_keys")),
    )
    with op.batch_alter_table("resolution_keys", schema=None) as batch_op:
        batch_op.create_index("ix_resolution_keys_entity_id", ["entity_id"], unique=False)
        batch_op.create_index("ix_resolution_keys_key", ["key"], unique=False)

    op.create_table(
        "resolution_profiles",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=300), nullable=False),
        sa.Column("dob", sa.String(length=40), nullable=False),
        sa.Column("sex", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("prepared", sa.JSON(), nullable=False),
        sa.Column("updated_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_resolution_profiles_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", name=op.f("pk_resolution_profiles")),
    )
    op.create_table(
        "entity_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_entity_id", sa.Integer(), nullable=False),
        sa.Column("merged_entity_id", sa.Integer(), nullable=False),
        sa.Column("mention_ids", sa.JSON(), nullable=False),
        sa.Column("by", sa.String(length=20), nullable=False),
        sa.Column("probability", sa.Float(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("judgement_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undone_at", enlace.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("undone_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_entity_merges_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["undone_by_id"], ["users.id"], name=op.f("fk_entity_merges_undone_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_merges")),
    )
    with op.batch_alter_table("entity_merges", schema=None) as batch_op:
        batch_op.create_index("ix_entity_merges_kept", ["kept_entity_id"], unique=False)
        batch_op.create_index("ix_entity_merges_merged", ["merged_entity_id"], unique=False)

    op.create_table(
        "resolution_judgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("left_entity_id", sa.Integer(), nullable=False),
        sa.Column("right_entity_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_resolution_judgements_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_judgements")),
    )
    with op.batch_alter_table("resolution_judgements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_resolution_judgements_pair", ["left_entity_id", "right_entity_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("resolution_judgements", schema=None) as batch_op:
        batch_op.drop_index("ix_resolution_judgements_pair")

    op.drop_table("resolution_judgements")
    with op.batch_alter_table("entity_merges", schema=None) as batch_op:
        batch_op.drop_index("ix_entity_merges_merged")
        batch_op.drop_index("ix_entity_merges_kept")

    op.drop_table("entity_merges")
    op.drop_table("resolution_profiles")
    with op.batch_alter_table("resolution_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_resolution_keys_key")
        batch_op.drop_index("ix_resolution_keys_entity_id")

    op.drop_table("resolution_keys")
    with op.batch_alter_table("resolution_candidates", schema=None) as batch_op:
        batch_op.drop_index("ix_resolution_candidates_probability")

    op.drop_table("resolution_candidates")
    op.drop_table("resolution_models")

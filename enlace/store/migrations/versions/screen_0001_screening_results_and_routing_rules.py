"""screening results and routing rules

Revision ID: screen_0001
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import enlace.store.base

revision: str = "screen_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "routing_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("states", sa.JSON(), nullable=False),
        sa.Column("typologies", sa.JSON(), nullable=False),
        sa.Column("urgencies", sa.JSON(), nullable=False),
        sa.Column("minor", sa.Boolean(), nullable=True),
        sa.Column("queue", sa.String(length=60), nullable=False),
        sa.Column("agency", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_routing_rules_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rules")),
        sa.UniqueConstraint("key", name=op.f("uq_routing_rules_key")),
    )
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("catalog_version", sa.String(length=40), nullable=False),
        sa.Column("typology", sa.String(length=30), nullable=False),
        sa.Column("polaris_type", sa.String(length=60), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("urgency_rank", sa.Integer(), nullable=False),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("victim_minor", sa.Boolean(), nullable=False),
        sa.Column("imminent_danger", sa.Boolean(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("explanation_en", sa.Text(), nullable=False),
        sa.Column("explanation_es", sa.Text(), nullable=False),
        sa.Column("routed_queue", sa.String(length=60), nullable=True),
        sa.Column("routed_agency", sa.String(length=120), nullable=True),
        sa.Column("routing_rule", sa.String(length=60), nullable=True),
        sa.Column("needs_supervisor", sa.Boolean(), nullable=False),
        sa.Column("supervisor_ack_at", enlace.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_screenings_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_screenings_queue", ["current", "urgency_rank", "score"], unique=False
        )
        batch_op.create_index(
            "ix_screenings_report_current", ["report_id", "current"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.drop_index("ix_screenings_report_current")
        batch_op.drop_index("ix_screenings_queue")

    op.drop_table("screenings")
    op.drop_table("routing_rules")

"""intake tables

Revision ID: intake_0001
Revises: 0001
Create Date: 2026-11-23 11:36:25.871502
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import enlace.store.base

revision: str = "intake_0001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "intake_gateways",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", enlace.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_gateways")),
        sa.UniqueConstraint("name", name=op.f("uq_intake_gateways_name")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_intake_gateways_token_digest")),
    )
    op.create_table(
        "intake_import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_inserted", sa.Integer(), nullable=False),
        sa.Column("rows_duplicate", sa.Integer(), nullable=False),
        sa.Column("rows_failed", sa.Integer(), nullable=False),
        sa.Column("error_report", sa.String(length=400), nullable=True),
        sa.Column("started_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", enlace.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_intake_import_batches_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_import_batches")),
    )
    op.create_table(
        "intake_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=80), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_path", sa.String(length=300), nullable=False),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_intake_attachments_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_attachments")),
    )
    with op.batch_alter_table("intake_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_attachments_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "intake_call_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["users.id"], name=op.f("fk_intake_call_drafts_operator_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_intake_call_drafts_report_id_reports"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_call_drafts")),
    )
    with op.batch_alter_table("intake_call_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_call_drafts_operator_id"), ["operator_id"], unique=False
        )

    op.create_table(
        "intake_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gateway_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=200), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["gateway_id"],
            ["intake_gateways.id"],
            name=op.f("fk_intake_conversations_gateway_id_intake_gateways"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_intake_conversations_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_conversations")),
        sa.UniqueConstraint(
            "gateway_id", "conversation_id", name=op.f("uq_intake_conversations_gateway_id")
        ),
    )
    op.create_table(
        "intake_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("received_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_intake_follow_ups_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_follow_ups")),
    )
    with op.batch_alter_table("intake_follow_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_follow_ups_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "intake_idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=60), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_intake_idempotency_keys_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_idempotency_keys")),
        sa.UniqueConstraint("scope", "key", name=op.f("uq_intake_idempotency_keys_scope")),
    )
    op.create_table(
        "intake_import_row_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["intake_import_batches.id"],
            name=op.f("fk_intake_import_row_errors_batch_id_intake_import_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_import_row_errors")),
    )
    with op.batch_alter_table("intake_import_row_errors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_import_row_errors_batch_id"), ["batch_id"], unique=False
        )

    op.create_table(
        "intake_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("run_after", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("locked_until", enlace.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("locked_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", enlace.store.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", enlace.store.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_intake_jobs_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_jobs")),
    )
    with op.batch_alter_table("intake_jobs", schema=None) as batch_op:
        batch_op.create_index("ix_intake_jobs_report_id_seq", ["report_id", "seq"], unique=False)
        batch_op.create_index(
            "ix_intake_jobs_state_run_after", ["state", "run_after"], unique=False
        )

    op.create_table(
        "intake_report_details",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("gateway_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gateway_id"],
            ["intake_gateways.id"],
            name=op.f("fk_intake_report_details_gateway_id_intake_gateways"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_intake_report_details_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_intake_report_details")),
    )


def downgrade() -> None:
    op.drop_table("intake_report_details")
    with op.batch_alter_table("intake_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_intake_jobs_state_run_after")
        batch_op.drop_index("ix_intake_jobs_report_id_seq")

    op.drop_table("intake_jobs")
    with op.batch_alter_table("intake_import_row_errors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_import_row_errors_batch_id"))

    op.drop_table("intake_import_row_errors")
    op.drop_table("intake_idempotency_keys")
    with op.batch_alter_table("intake_follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_follow_ups_report_id"))

    op.drop_table("intake_follow_ups")
    op.drop_table("intake_conversations")
    with op.batch_alter_table("intake_call_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_call_drafts_operator_id"))

    op.drop_table("intake_call_drafts")
    with op.batch_alter_table("intake_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_attachments_report_id"))

    op.drop_table("intake_attachments")
    op.drop_table("intake_import_batches")
    op.drop_table("intake_gateways")

"""repair incident dates stored with a short year on SQLite, and process their reports again

The public API's raw SQLite insert wrote years before 1000 without their zeros ("1-01-01 …").
SQLAlchemy cannot read such a value back, so the report list, the dashboard and the report itself
failed for everyone, and the report's processing jobs failed until they gave up. This pads the
year, and puts the jobs that failed on such a report back in the queue so it is screened at last.
PostgreSQL stored real timestamps and needs nothing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # A stored SQLite datetime starts with its year and a dash; a short year has its dash early.
    op.execute(
        "UPDATE intake_jobs SET state = 'queued', attempts = 0, locked_until = NULL, "
        "locked_by = NULL, finished_at = NULL WHERE state = 'failed' AND report_id IN "
        "(SELECT id FROM reports WHERE instr(incident_at, '-') BETWEEN 2 AND 4)"
    )
    op.execute(
        "UPDATE reports SET incident_at = "
        "printf('%04d', CAST(substr(incident_at, 1, instr(incident_at, '-') - 1) AS INTEGER)) "
        "|| substr(incident_at, instr(incident_at, '-')) "
        "WHERE instr(incident_at, '-') BETWEEN 2 AND 4"
    )


def downgrade() -> None:
    pass  # the short form was never valid; there is nothing to go back to

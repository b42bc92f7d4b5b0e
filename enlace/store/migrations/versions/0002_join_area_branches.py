"""join the area branches (intake, cases, screening, resolution) into one head

Each area was developed as its own branch from 0001; this revision joins them so that
``alembic upgrade head`` has a single target and later revisions have one parent.

Revision ID: 0002
Revises: cases_0001, intake_0001, resolution_0001, screen_0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

revision: str = "0002"
down_revision: str | Sequence[str] | None = (
    "cases_0001",
    "intake_0001",
    "resolution_0001",
    "screen_0001",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

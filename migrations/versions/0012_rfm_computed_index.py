"""segments: index member_rfm by (program, computed_at) for the RFM distribution's "computed_at"

Revision ID: 0012
Revises: 0009

GET /v1/analytics/rfm answers the last change of any score; without this index that
is a scan of every scored member. Only the RFM refresh writes the column.
"""

from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_member_rfm_computed", "member_rfm", ["program_id", "computed_at"])


def downgrade() -> None:
    op.drop_index("ix_member_rfm_computed", table_name="member_rfm")

"""hostile integrator: awards counted by when they were recorded

Revision ID: 0013
Revises: 0011
Depends on: 0006 (rule_awards)

``rule_awards.awarded_at`` is the time the service recorded an award; caps count
by it, not by the caller's ``occurred_at``. Existing rows take their ``created_at``
(the commit time, which is when they were recorded).
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = ("0006",)


def upgrade() -> None:
    op.add_column("rule_awards", sa.Column("awarded_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE rule_awards SET awarded_at = created_at")
    op.alter_column("rule_awards", "awarded_at", nullable=False)
    op.drop_index("ix_rule_awards_program_id_member_id_rule_id_occurred_at", table_name="rule_awards")
    op.create_index("ix_rule_awards_program_id_member_id_rule_id_awarded_at", "rule_awards",
                    ["program_id", "member_id", "rule_id", "awarded_at"])


def downgrade() -> None:
    op.drop_index("ix_rule_awards_program_id_member_id_rule_id_awarded_at", table_name="rule_awards")
    op.create_index("ix_rule_awards_program_id_member_id_rule_id_occurred_at", "rule_awards",
                    ["program_id", "member_id", "rule_id", "occurred_at"])
    op.drop_column("rule_awards", "awarded_at")

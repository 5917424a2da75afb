"""segments and analytics: member RFM scores, and the indexes member filters and the summary read

Revision ID: 0009
Revises: 0002
Depends on: 0003 (ledger entries), 0005 (member tiers): indexed here
"""

from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0002"
branch_labels = None
depends_on = ("0003", "0005")


def upgrade() -> None:
    op.create_table(
        "member_rfm",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("recency", sa.SmallInteger(), nullable=False),
        sa.Column("frequency", sa.SmallInteger(), nullable=False),
        sa.Column("monetary", sa.SmallInteger(), nullable=False),
        sa.Column("cell", sa.String(length=3), nullable=False),
        sa.Column("segment", sa.String(length=16), nullable=True),
        sa.Column("last_order_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("spend", sa.Numeric(19, 4), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("recency BETWEEN 1 AND 5 AND frequency BETWEEN 1 AND 5 AND monetary BETWEEN 1 AND 5",
                           name=op.f("ck_member_rfm_scores_are_quintiles")),
        sa.PrimaryKeyConstraint("program_id", "member_id", name=op.f("pk_member_rfm")),
    )
    op.create_index("ix_member_rfm_cell", "member_rfm", ["program_id", "cell", "member_id"])
    op.create_index("ix_member_rfm_segment", "member_rfm", ["program_id", "segment", "member_id"])
    # enrolled_from/enrolled_to and the summary's new members.
    op.create_index("ix_members_enrolled", "members", ["program_id", "created_at"])
    # The summary's flows by period: an index-only range scan of the program's entries.
    op.create_index("ix_ledger_entries_created", "ledger_entries", ["program_id", "created_at"],
                    postgresql_include=["type", "points", "member_id"])
    # Member filters on tier and VIP walk member_tiers by program (tier_code is indexed by 0005).
    op.create_index("ix_member_tiers_vip", "member_tiers", ["program_id", "member_id"],
                    postgresql_where=sa.text("vip_code IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_member_tiers_vip", table_name="member_tiers")
    op.drop_index("ix_ledger_entries_created", table_name="ledger_entries")
    op.drop_index("ix_members_enrolled", table_name="members")
    op.drop_table("member_rfm")

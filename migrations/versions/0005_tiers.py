"""tiers: member tier state and tier history

Revision ID: 0005
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_tiers",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("tier_code", sa.String(length=32), nullable=True),
        sa.Column("earned_code", sa.String(length=32), nullable=True),
        sa.Column("earned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("earned_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("vip_code", sa.String(length=32), nullable=True),
        sa.Column("vip_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("vip_reason", sa.String(length=500), nullable=True),
        sa.Column("vip_granted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("(earned_code IS NULL) = (earned_expires_at IS NULL)",
                           name=op.f("ck_member_tiers_earned_has_expiry")),
        sa.CheckConstraint("vip_code IS NOT NULL OR vip_until IS NULL",
                           name=op.f("ck_member_tiers_vip_until_needs_vip")),
        sa.ForeignKeyConstraint(["program_id", "member_id"], ["members.program_id", "members.member_id"],
                                name=op.f("fk_member_tiers_program_id_members")),
        sa.PrimaryKeyConstraint("program_id", "member_id", name=op.f("pk_member_tiers")),
    )
    op.create_index(op.f("ix_member_tiers_program_id_tier_code"), "member_tiers", ["program_id", "tier_code"])
    op.create_index("ix_member_tiers_earned_expires_at", "member_tiers", ["earned_expires_at"],
                    postgresql_where=sa.text("earned_expires_at IS NOT NULL"))
    op.create_index("ix_member_tiers_vip_until", "member_tiers", ["vip_until"],
                    postgresql_where=sa.text("vip_until IS NOT NULL"))
    op.create_table(
        "tier_changes",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("change_id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("from_tier", sa.String(length=32), nullable=True),
        sa.Column("to_tier", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reason IN ('upgrade', 'downgrade', 'vip', 'ladder_change')",
                           name=op.f("ck_tier_changes_reason_known")),
        sa.PrimaryKeyConstraint("program_id", "change_id", name=op.f("pk_tier_changes")),
    )
    op.create_index(op.f("ix_tier_changes_program_id_member_id_change_id"), "tier_changes",
                    ["program_id", "member_id", "change_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_tier_changes_program_id_member_id_change_id"), table_name="tier_changes")
    op.drop_table("tier_changes")
    op.drop_index("ix_member_tiers_vip_until", table_name="member_tiers")
    op.drop_index("ix_member_tiers_earned_expires_at", table_name="member_tiers")
    op.drop_index(op.f("ix_member_tiers_program_id_tier_code"), table_name="member_tiers")
    op.drop_table("member_tiers")

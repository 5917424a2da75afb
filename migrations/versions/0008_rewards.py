"""rewards and coupons; event rules may grant a reward's coupon (earning_rules.reward_id)

Revision ID: 0008
Revises: 0002
Depends on: 0006 (earning_rules gains reward_id; no foreign keys across features)
"""

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0002"
branch_labels = None
depends_on = ("0006",)

OLD_EVENT_CHECK = "kind <> 'event' OR (event_type IS NOT NULL AND points > 0)"
NEW_EVENT_CHECK = "kind <> 'event' OR (event_type IS NOT NULL AND (points > 0 OR reward_id IS NOT NULL))"


def upgrade() -> None:
    op.create_table(
        "rewards",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("reward_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("value", sa.Numeric(precision=19, scale=4), nullable=True),
        sa.Column("sku", sa.String(length=200), nullable=True),
        sa.Column("cost_points", sa.BigInteger(), nullable=False),
        sa.Column("stock", sa.BigInteger(), nullable=True),
        sa.Column("limit_per_member", sa.Integer(), nullable=True),
        sa.Column("tiers", sa.ARRAY(sa.Text()), nullable=True),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("coupon_valid_days", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('discount_amount', 'discount_percent', 'free_delivery', 'gift')",
                           name=op.f("ck_rewards_kind_known")),
        sa.CheckConstraint("cost_points >= 0", name=op.f("ck_rewards_cost_not_negative")),
        sa.CheckConstraint("stock IS NULL OR stock >= 0", name=op.f("ck_rewards_stock_not_negative")),
        sa.CheckConstraint("kind <> 'gift' OR sku IS NOT NULL", name=op.f("ck_rewards_gift_has_sku")),
        sa.CheckConstraint("kind NOT IN ('discount_amount', 'discount_percent') OR value > 0",
                           name=op.f("ck_rewards_discount_has_value")),
        sa.CheckConstraint("valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until",
                           name=op.f("ck_rewards_window_ordered")),
        sa.PrimaryKeyConstraint("program_id", "reward_id", name=op.f("pk_rewards")),
    )
    op.create_table(
        "coupons",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("reward_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("value", sa.Numeric(precision=19, scale=4), nullable=True),
        sa.Column("sku", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("points_spent", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=True),
        sa.Column("event_id", sa.String(length=128), nullable=True),
        sa.Column("redeem_entry_id", sa.BigInteger(), nullable=True),
        sa.Column("refund_entry_id", sa.BigInteger(), nullable=True),
        sa.Column("order_id", sa.String(length=128), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('active', 'used', 'expired', 'cancelled')",
                           name=op.f("ck_coupons_status_known")),
        sa.CheckConstraint("source IN ('claim', 'rule')", name=op.f("ck_coupons_source_known")),
        sa.CheckConstraint("points_spent >= 0", name=op.f("ck_coupons_points_not_negative")),
        sa.CheckConstraint("(status = 'used') = (order_id IS NOT NULL)", name=op.f("ck_coupons_used_names_order")),
        sa.PrimaryKeyConstraint("program_id", "code", name=op.f("pk_coupons")),
    )
    op.create_index("ix_coupons_member", "coupons",
                    ["program_id", "member_id", sa.text("issued_at DESC"), sa.text("code DESC")], unique=False)
    op.create_index("ix_coupons_member_reward", "coupons", ["program_id", "member_id", "reward_id"], unique=False)
    op.create_index("ix_coupons_due", "coupons", ["program_id", "expires_at"], unique=False,
                    postgresql_where=sa.text("status = 'active'"))
    op.create_index("uq_coupons_event_rule", "coupons", ["program_id", "member_id", "event_id", "rule_id"],
                    unique=True, postgresql_where=sa.text("event_id IS NOT NULL"))
    op.add_column("earning_rules", sa.Column("reward_id", sa.String(length=64), nullable=True))
    op.drop_constraint(op.f("ck_earning_rules_event_has_points"), "earning_rules", type_="check")
    op.create_check_constraint(op.f("ck_earning_rules_event_has_points"), "earning_rules", NEW_EVENT_CHECK)


def downgrade() -> None:
    # Fails while a rule grants a coupon without points: delete or change those rules first.
    op.drop_constraint(op.f("ck_earning_rules_event_has_points"), "earning_rules", type_="check")
    op.create_check_constraint(op.f("ck_earning_rules_event_has_points"), "earning_rules", OLD_EVENT_CHECK)
    op.drop_column("earning_rules", "reward_id")
    op.drop_index("uq_coupons_event_rule", table_name="coupons", postgresql_where=sa.text("event_id IS NOT NULL"))
    op.drop_index("ix_coupons_due", table_name="coupons", postgresql_where=sa.text("status = 'active'"))
    op.drop_index("ix_coupons_member_reward", table_name="coupons")
    op.drop_index("ix_coupons_member", table_name="coupons")
    op.drop_table("coupons")
    op.drop_table("rewards")

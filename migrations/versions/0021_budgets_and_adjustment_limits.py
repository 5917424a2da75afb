"""rule budgets (points per period across all members) and adjustment limits

Revision ID: 0021
Revises: 0006

``earning_rules`` gains ``budget_points``/``budget_period`` (both or neither).
``rule_budget_usage`` counts what each budgeted rule gave per period; its CHECK
``used <= points`` is the database's own guard against overspending a budget.
``adjustment_usage`` counts the points each API client moved by manual
adjustments per day of the program's zone (the daily adjustment limit).
"""

from alembic import op
import sqlalchemy as sa

revision = "0021"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("earning_rules", sa.Column("budget_points", sa.Integer(), nullable=True))
    op.add_column("earning_rules", sa.Column("budget_period", sa.String(length=16), nullable=True))
    op.create_check_constraint(
        op.f("ck_earning_rules_budget_complete"), "earning_rules",
        "(budget_points IS NULL) = (budget_period IS NULL) AND (budget_points IS NULL OR budget_points > 0)")
    op.create_table(
        "rule_budget_usage",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.Column("last_taken", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("points > 0", name=op.f("ck_rule_budget_usage_points_positive")),
        sa.CheckConstraint("used >= 0 AND used <= points", name=op.f("ck_rule_budget_usage_used_within_budget")),
        sa.CheckConstraint("last_taken >= 0 AND last_taken <= used",
                           name=op.f("ck_rule_budget_usage_last_taken_within_used")),
        sa.CheckConstraint("period IN ('day', 'week', 'month', 'year', 'lifetime')",
                           name=op.f("ck_rule_budget_usage_period_known")),
        sa.PrimaryKeyConstraint("program_id", "rule_id", "period", "period_start", name=op.f("pk_rule_budget_usage")),
    )
    from loyalty_api.distribution import colocate_new_table

    colocate_new_table(op.get_bind(), "rule_budget_usage")
    op.create_foreign_key(op.f("fk_rule_budget_usage_program_id_earning_rules"), "rule_budget_usage",
                          "earning_rules", ["program_id", "rule_id"], ["program_id", "rule_id"])
    op.create_table(
        "adjustment_usage",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.String(length=128), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("points > 0", name=op.f("ck_adjustment_usage_points_positive")),
        sa.PrimaryKeyConstraint("program_id", "client_id", "day", name=op.f("pk_adjustment_usage")),
    )
    colocate_new_table(op.get_bind(), "adjustment_usage")


def downgrade() -> None:
    op.drop_table("adjustment_usage")
    op.drop_table("rule_budget_usage")
    op.drop_constraint(op.f("ck_earning_rules_budget_complete"), "earning_rules", type_="check")
    op.drop_column("earning_rules", "budget_period")
    op.drop_column("earning_rules", "budget_points")

"""analytics rollup: per-day totals of closed days, and the inactivity burn's watermark

Revision ID: 0010_analytics_rollup
Revises: 0009
Depends on: 0007 (expiry_progress gets the watermark; ix_lots_pending_born gets INCLUDE columns)
"""

from alembic import op
import sqlalchemy as sa

revision = "0010_analytics_rollup"
down_revision = "0009"
branch_labels = None
depends_on = ("0003", "0007")


def upgrade() -> None:
    op.create_table(
        "analytics_days",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sign", sa.SmallInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("items", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("sign IN (-1, 0, 1)", name=op.f("ck_analytics_days_sign_known")),
        sa.PrimaryKeyConstraint("program_id", "day", "kind", "sign", name=op.f("pk_analytics_days")),
    )
    op.create_table(
        "analytics_progress",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("rolled_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rolled_through", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("rolled_from <= rolled_through", name=op.f("ck_analytics_progress_range_ordered")),
        sa.PrimaryKeyConstraint("program_id", name=op.f("pk_analytics_progress")),
    )
    op.add_column("expiry_progress", sa.Column("inactive_through", sa.DateTime(timezone=True), nullable=True))
    op.add_column("expiry_progress", sa.Column("inactive_burned_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_members_erased", "members", ["program_id"], postgresql_where=sa.text("status = 'erased'"))
    # The summary's pending points from the index alone (an index-only range scan).
    _pending_born(include=["remaining", "expires_at"])


def _pending_born(include: list[str]) -> None:
    op.drop_index("ix_lots_pending_born", table_name="lots")
    op.create_index("ix_lots_pending_born", "lots", ["program_id", "available_at"],
                    postgresql_where=sa.text("available_at > created_at"), postgresql_include=include)


def downgrade() -> None:
    _pending_born(include=[])
    op.drop_index("ix_members_erased", table_name="members")
    op.drop_column("expiry_progress", "inactive_burned_at")
    op.drop_column("expiry_progress", "inactive_through")
    op.drop_table("analytics_progress")
    op.drop_table("analytics_days")

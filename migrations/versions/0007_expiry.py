"""expiry: lot and hold notices, job progress, and the indexes the burning job scans

Revision ID: 0007
Revises: 0002
Depends on: 0003 (the ledger's lots, balances and holds, indexed here)
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0002"
branch_labels = None
depends_on = ("0003",)


def upgrade() -> None:
    op.create_table(
        "expiry_lot_notices",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("lot_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('activated', 'expiring')", name=op.f("ck_expiry_lot_notices_kind_known")),
        sa.PrimaryKeyConstraint("program_id", "lot_id", "kind", name=op.f("pk_expiry_lot_notices")),
    )
    op.create_table(
        "expiry_hold_notices",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("hold_id", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("program_id", "hold_id", name=op.f("pk_expiry_hold_notices")),
    )
    op.create_table(
        "expiry_progress",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("activated_through", sa.DateTime(timezone=True), nullable=True),
        sa.Column("holds_through", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("program_id", name=op.f("pk_expiry_progress")),
    )
    # Activation announcements look only at lots that were born pending.
    op.create_index("ix_lots_pending_born", "lots", ["program_id", "available_at"],
                    postgresql_where=sa.text("available_at > created_at"))
    # The inactivity burn walks members by last activity.
    op.create_index("ix_balances_last_activity", "balances", ["program_id", "last_activity_at"])
    op.create_index("ix_holds_held_expiry", "holds", ["program_id", "expires_at"],
                    postgresql_where=sa.text("status = 'held'"))


def downgrade() -> None:
    op.drop_index("ix_holds_held_expiry", table_name="holds")
    op.drop_index("ix_balances_last_activity", table_name="balances")
    op.drop_index("ix_lots_pending_born", table_name="lots")
    op.drop_table("expiry_progress")
    op.drop_table("expiry_hold_notices")
    op.drop_table("expiry_lot_notices")

"""checkout: a hold's order_id is a natural key; ledger: lot draws, so refunds keep their lots' expiry

Revision ID: 0014
Revises: 0003

Holds written before this revision may share an ``order_id``. The earliest keeps it;
the later ones lose it (set to NULL) so the unique index can be built. Nothing of the
ledger depends on a hold's ``order_id``: a capture is recorded by the order
(``captured_by``, the ``redeem`` entry's ``order_id`` and ``hold_id``).

``lot_draws`` records what each debit took from each lot; a return's refund is then
one entry per source lot (its ``lot_id``), with that lot's expiry. Debits written
before this revision have no draws: their refunds get a fresh expiry, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
        UPDATE holds h SET order_id = NULL
          FROM (SELECT program_id, hold_id,
                       row_number() OVER (PARTITION BY program_id, order_id ORDER BY created_at, hold_id) AS n
                  FROM holds WHERE order_id IS NOT NULL) d
         WHERE h.program_id = d.program_id AND h.hold_id = d.hold_id AND d.n > 1
    """)
    op.create_index("ux_holds_order", "holds", ["program_id", "order_id"], unique=True,
                    postgresql_where="order_id IS NOT NULL")
    op.create_table(
        "lot_draws",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.BigInteger(), nullable=False),
        sa.Column("lot_id", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("points > 0", name=op.f("ck_lot_draws_points_positive")),
        sa.ForeignKeyConstraint(["program_id", "entry_id"], ["ledger_entries.program_id", "ledger_entries.entry_id"],
                                name=op.f("fk_lot_draws_program_id_ledger_entries")),
        sa.PrimaryKeyConstraint("program_id", "entry_id", "lot_id", name=op.f("pk_lot_draws")),
    )
    op.drop_index("uq_ledger_entries_return", table_name="ledger_entries")
    op.create_index("uq_ledger_entries_return", "ledger_entries", ["program_id", "order_id", "return_id", "type"],
                    unique=True, postgresql_where=sa.text("return_id IS NOT NULL AND type <> 'refund'"))
    op.create_index("uq_ledger_entries_refund", "ledger_entries", ["program_id", "order_id", "return_id", "lot_id"],
                    unique=True, postgresql_nulls_not_distinct=True,
                    postgresql_where=sa.text("return_id IS NOT NULL AND type = 'refund'"))


def downgrade() -> None:
    op.drop_index("uq_ledger_entries_refund", table_name="ledger_entries")
    op.drop_index("uq_ledger_entries_return", table_name="ledger_entries")
    op.create_index("uq_ledger_entries_return", "ledger_entries", ["program_id", "order_id", "return_id", "type"],
                    unique=True, postgresql_where=sa.text("return_id IS NOT NULL"))
    op.drop_table("lot_draws")
    op.drop_index("ux_holds_order", table_name="holds")

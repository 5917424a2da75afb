"""checkout: a hold's order_id is a natural key (one hold per order and program)

Revision ID: 0014
Revises: 0003

Holds written before this revision may share an ``order_id``. The earliest keeps it;
the later ones lose it (set to NULL) so the unique index can be built. Nothing of the
ledger depends on a hold's ``order_id``: a capture is recorded by the order
(``captured_by``, the ``redeem`` entry's ``order_id`` and ``hold_id``).
"""

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


def downgrade() -> None:
    op.drop_index("ux_holds_order", table_name="holds")

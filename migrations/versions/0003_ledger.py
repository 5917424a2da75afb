"""ledger and checkout: ledger_entries, lots, balances, holds, orders, order_returns

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
MONEY = sa.Numeric(19, 4)


def upgrade() -> None:
    op.create_table(
        'ledger_entries',
        sa.Column('program_id', sa.Uuid(), nullable=False),
        sa.Column('entry_id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('member_id', sa.String(length=128), nullable=False),
        sa.Column('type', sa.String(length=16), nullable=False),
        sa.Column('points', sa.BigInteger(), nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('order_id', sa.String(length=128), nullable=True),
        sa.Column('return_id', sa.String(length=128), nullable=True),
        sa.Column('hold_id', sa.String(length=64), nullable=True),
        sa.Column('lot_id', sa.BigInteger(), nullable=True),
        sa.Column('rule_id', sa.String(length=128), nullable=True),
        sa.Column('event_id', sa.String(length=128), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('actor', sa.String(length=128), nullable=True),
        sa.Column('available_at', TZ, nullable=True),
        sa.Column('expires_at', TZ, nullable=True),
        sa.CheckConstraint(
            "(type IN ('earn', 'bonus', 'referral', 'refund', 'transfer_in') AND points > 0)"
            " OR (type IN ('redeem', 'reverse', 'expire', 'transfer_out') AND points < 0)"
            " OR (type = 'adjust' AND points <> 0)",
            name=op.f('ck_ledger_entries_points_sign_by_type')),
        sa.CheckConstraint('(points > 0) = (available_at IS NOT NULL)',
                           name=op.f('ck_ledger_entries_credits_have_available_at')),
        sa.CheckConstraint("type <> 'expire' OR lot_id IS NOT NULL", name=op.f('ck_ledger_entries_expire_names_lot')),
        sa.PrimaryKeyConstraint('program_id', 'entry_id', name=op.f('pk_ledger_entries')),
    )
    op.create_index('ix_ledger_entries_member', 'ledger_entries',
                    ['program_id', 'member_id', sa.text('entry_id DESC')])
    op.create_index('ix_ledger_entries_order', 'ledger_entries', ['program_id', 'order_id'],
                    postgresql_where=sa.text('order_id IS NOT NULL'))
    op.create_index('uq_ledger_entries_order_earn', 'ledger_entries', ['program_id', 'order_id'], unique=True,
                    postgresql_where=sa.text("type = 'earn' AND order_id IS NOT NULL"))
    op.create_index('uq_ledger_entries_order_rule', 'ledger_entries', ['program_id', 'order_id', 'rule_id'],
                    unique=True,
                    postgresql_where=sa.text("type = 'bonus' AND order_id IS NOT NULL AND rule_id IS NOT NULL"))
    op.create_index('uq_ledger_entries_return', 'ledger_entries', ['program_id', 'order_id', 'return_id', 'type'],
                    unique=True, postgresql_where=sa.text('return_id IS NOT NULL'))
    op.create_index('uq_ledger_entries_expire_lot', 'ledger_entries', ['program_id', 'lot_id'], unique=True,
                    postgresql_where=sa.text("type = 'expire'"))
    op.create_index('uq_ledger_entries_event_rule', 'ledger_entries',
                    ['program_id', 'member_id', 'event_id', 'rule_id'], unique=True,
                    postgresql_where=sa.text('event_id IS NOT NULL AND rule_id IS NOT NULL'))

    op.create_table(
        'lots',
        sa.Column('program_id', sa.Uuid(), nullable=False),
        sa.Column('lot_id', sa.BigInteger(), nullable=False),
        sa.Column('member_id', sa.String(length=128), nullable=False),
        sa.Column('entry_id', sa.BigInteger(), nullable=False),
        sa.Column('points', sa.BigInteger(), nullable=False),
        sa.Column('remaining', sa.BigInteger(), nullable=False),
        sa.Column('available_at', TZ, nullable=False),
        sa.Column('expires_at', TZ, nullable=True),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('order_id', sa.String(length=128), nullable=True),
        sa.CheckConstraint('points > 0', name=op.f('ck_lots_points_positive')),
        sa.CheckConstraint('remaining >= 0 AND remaining <= points', name=op.f('ck_lots_remaining_within_points')),
        sa.CheckConstraint('lot_id = entry_id', name=op.f('ck_lots_lot_is_its_entry')),
        sa.ForeignKeyConstraint(['program_id', 'entry_id'], ['ledger_entries.program_id', 'ledger_entries.entry_id'],
                                name=op.f('fk_lots_program_id_ledger_entries')),
        sa.PrimaryKeyConstraint('program_id', 'lot_id', name=op.f('pk_lots')),
    )
    op.create_index('ix_lots_member_open', 'lots', ['program_id', 'member_id', 'expires_at'],
                    postgresql_where=sa.text('remaining > 0'))
    op.create_index('ix_lots_expiring', 'lots', ['program_id', 'expires_at'],
                    postgresql_where=sa.text('remaining > 0'))

    op.create_table(
        'balances',
        sa.Column('program_id', sa.Uuid(), nullable=False),
        sa.Column('member_id', sa.String(length=128), nullable=False),
        sa.Column('debt', sa.BigInteger(), nullable=False),
        sa.Column('lifetime_earned', sa.BigInteger(), nullable=False),
        sa.Column('last_activity_at', TZ, nullable=True),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('updated_at', TZ, nullable=False),
        sa.CheckConstraint('debt >= 0', name=op.f('ck_balances_debt_not_negative')),
        sa.ForeignKeyConstraint(['program_id', 'member_id'], ['members.program_id', 'members.member_id'],
                                name=op.f('fk_balances_program_id_members')),
        sa.PrimaryKeyConstraint('program_id', 'member_id', name=op.f('pk_balances')),
    )

    op.create_table(
        'holds',
        sa.Column('program_id', sa.Uuid(), nullable=False),
        sa.Column('hold_id', sa.String(length=64), nullable=False),
        sa.Column('member_id', sa.String(length=128), nullable=False),
        sa.Column('points', sa.BigInteger(), nullable=False),
        sa.Column('order_id', sa.String(length=128), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('expires_at', TZ, nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('closed_at', TZ, nullable=True),
        sa.Column('captured_by', sa.String(length=128), nullable=True),
        sa.CheckConstraint('points > 0', name=op.f('ck_holds_points_positive')),
        sa.CheckConstraint("status IN ('held', 'captured', 'released')", name=op.f('ck_holds_status_known')),
        sa.CheckConstraint("(status = 'captured') = (captured_by IS NOT NULL)",
                           name=op.f('ck_holds_captured_names_order')),
        sa.PrimaryKeyConstraint('program_id', 'hold_id', name=op.f('pk_holds')),
    )
    op.create_index('ix_holds_member_active', 'holds', ['program_id', 'member_id', 'expires_at'],
                    postgresql_where=sa.text("status = 'held'"))

    op.create_table(
        'orders',
        sa.Column('program_id', sa.Uuid(), nullable=False),
        sa.Column('order_id', sa.String(length=128), nullable=False),
        sa.Column('member_id', sa.String(length=128), nullable=False),
        sa.Column('amount', MONEY, nullable=False),
        sa.Column('paid_amount', MONEY, nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('lines', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('earned_points', sa.BigInteger(), nullable=False),
        sa.Column('redeemed_points', sa.BigInteger(), nullable=False),
        sa.Column('discount_amount', MONEY, nullable=False),
        sa.Column('returned_amount', MONEY, nullable=False),
        sa.Column('status', sa.String(length=24), nullable=False),
        sa.Column('hold_id', sa.String(length=64), nullable=True),
        sa.Column('placed_at', TZ, nullable=False),
        sa.Column('points_available_at', TZ, nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('request_hash', sa.String(length=64), nullable=False),
        sa.CheckConstraint("status IN ('completed', 'partially_returned', 'returned', 'cancelled')",
                           name=op.f('ck_orders_status_known')),
        sa.CheckConstraint('amount > 0 AND paid_amount >= 0 AND paid_amount <= amount',
                           name=op.f('ck_orders_amounts_sane')),
        sa.CheckConstraint('returned_amount >= 0 AND returned_amount <= amount',
                           name=op.f('ck_orders_returned_within_amount')),
        sa.CheckConstraint('earned_points >= 0 AND redeemed_points >= 0', name=op.f('ck_orders_points_not_negative')),
        sa.PrimaryKeyConstraint('program_id', 'order_id', name=op.f('pk_orders')),
    )
    op.create_index('ix_orders_member_placed', 'orders', ['program_id', 'member_id', 'placed_at'])

    op.create_table(
        'order_returns',
        sa.Column('program_id', sa.Uuid(), nullable=False),
        sa.Column('order_id', sa.String(length=128), nullable=False),
        sa.Column('return_id', sa.String(length=128), nullable=False),
        sa.Column('amount', MONEY, nullable=False),
        sa.Column('lines', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('points_reversed', sa.BigInteger(), nullable=False),
        sa.Column('points_refunded', sa.BigInteger(), nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('request_hash', sa.String(length=64), nullable=False),
        sa.CheckConstraint('amount >= 0', name=op.f('ck_order_returns_amount_not_negative')),
        sa.CheckConstraint('points_reversed >= 0 AND points_refunded >= 0',
                           name=op.f('ck_order_returns_points_not_negative')),
        sa.PrimaryKeyConstraint('program_id', 'order_id', 'return_id', name=op.f('pk_order_returns')),
    )


def downgrade() -> None:
    for table in ('order_returns', 'orders', 'holds', 'balances', 'lots', 'ledger_entries'):
        op.drop_table(table)

"""checkout: orders in another currency keep the rate they were converted at

Revision ID: 0020
Revises: 0003

An order in one of the program's ``currencies`` is converted to the program currency
before any rule, and its money columns hold the converted figures (what tiers,
referrals, segments and returns count). ``exchange_rate`` keeps the rate it was
converted at, so returns and cancels use it and never today's; ``currency_*`` keep
what the customer was shown in the order's currency. All NULL for an order in the
program currency (every order written before this revision), so nothing is rewritten.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0003"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(19, 4)
CONVERTED_SANE = (
    "CASE WHEN exchange_rate IS NULL"
    " THEN num_nonnulls(currency_amount, currency_discount_amount, currency_returned_amount) = 0"
    " ELSE coalesce(exchange_rate > 0 AND currency_amount > 0"
    " AND currency_discount_amount BETWEEN 0 AND currency_amount"
    " AND currency_returned_amount BETWEEN 0 AND currency_amount, false) END")


def upgrade() -> None:
    op.add_column("orders", sa.Column("exchange_rate", sa.Numeric(19, 10), nullable=True))
    op.add_column("orders", sa.Column("currency_amount", MONEY, nullable=True))
    op.add_column("orders", sa.Column("currency_discount_amount", MONEY, nullable=True))
    op.add_column("orders", sa.Column("currency_returned_amount", MONEY, nullable=True))
    # NOT VALID, then VALIDATE: the scan of existing orders (all NULL) runs without
    # holding the exclusive lock that would stop order writes meanwhile.
    op.execute(f"ALTER TABLE orders ADD CONSTRAINT ck_orders_converted_sane CHECK ({CONVERTED_SANE}) NOT VALID")
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_converted_sane")
    op.add_column("order_returns", sa.Column("currency_amount", MONEY, nullable=True))
    op.create_check_constraint(op.f("ck_order_returns_currency_amount_not_negative"), "order_returns",
                               "currency_amount >= 0")


def downgrade() -> None:
    op.drop_constraint(op.f("ck_order_returns_currency_amount_not_negative"), "order_returns", type_="check")
    op.drop_column("order_returns", "currency_amount")
    op.drop_constraint(op.f("ck_orders_converted_sane"), "orders", type_="check")
    for column in ("currency_returned_amount", "currency_discount_amount", "currency_amount", "exchange_rate"):
        op.drop_column("orders", column)

"""webhooks: give-up clock from the first failure, disabling, delivery counters, heartbeats

Revision ID: 0015
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa

revision = '0015'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('webhook_deliveries', sa.Column('first_failed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('webhooks', sa.Column('failing_since', sa.DateTime(timezone=True), nullable=True))
    op.add_column('webhooks', sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('webhooks', sa.Column('disabled_reason', sa.String(length=200), nullable=True))
    op.create_index('ix_webhook_deliveries_due_by_program', 'webhook_deliveries',
                    ['program_id', 'next_attempt_at', 'event_seq'], unique=False,
                    postgresql_where=sa.text("status = 'pending'"))
    op.create_index('ix_webhook_deliveries_leased', 'webhook_deliveries', ['program_id', 'lease_until'],
                    unique=False, postgresql_where=sa.text("status = 'pending' AND lease_token IS NOT NULL"))
    op.create_table('webhook_delivery_counts',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('count', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("outcome IN ('succeeded', 'retrying', 'failed')",
                       name=op.f('ck_webhook_delivery_counts_outcome_known')),
    sa.CheckConstraint('count >= 0', name=op.f('ck_webhook_delivery_counts_count_not_negative')),
    sa.PrimaryKeyConstraint('program_id', 'outcome', name=op.f('pk_webhook_delivery_counts'))
    )
    op.create_table('heartbeats',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('succeeded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_heartbeats'))
    )


def downgrade() -> None:
    op.drop_table('heartbeats')
    op.drop_table('webhook_delivery_counts')
    op.drop_index('ix_webhook_deliveries_leased', table_name='webhook_deliveries')
    op.drop_index('ix_webhook_deliveries_due_by_program', table_name='webhook_deliveries')
    op.drop_column('webhooks', 'disabled_reason')
    op.drop_column('webhooks', 'disabled_at')
    op.drop_column('webhooks', 'failing_since')
    op.drop_column('webhook_deliveries', 'first_failed_at')

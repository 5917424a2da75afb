"""webhooks: subscriptions, deliveries, and the outbox dispatch mark

Revision ID: 0004
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('outbox_events', sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_outbox_events_undispatched', 'outbox_events', ['seq'], unique=False,
                    postgresql_where=sa.text('dispatched_at IS NULL'))

    op.create_table('webhooks',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('webhook_id', sa.Uuid(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('event_types', sa.ARRAY(sa.Text()), nullable=False),
    sa.Column('secret_sealed', sa.Text(), nullable=False),
    sa.Column('previous_secret_sealed', sa.Text(), nullable=True),
    sa.Column('previous_secret_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('program_id', 'webhook_id', name=op.f('pk_webhooks'))
    )
    op.create_index('ix_webhooks_active', 'webhooks', ['program_id', 'created_at', 'webhook_id'], unique=False,
                    postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('webhook_deliveries',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('delivery_id', sa.Uuid(), nullable=False),
    sa.Column('webhook_id', sa.Uuid(), nullable=False),
    sa.Column('event_seq', sa.BigInteger(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('member_id', sa.String(length=128), nullable=True),
    sa.Column('redelivery_of', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('lease_token', sa.Uuid(), nullable=True),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_status_code', sa.SmallInteger(), nullable=True),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'succeeded', 'failed', 'cancelled')",
                       name=op.f('ck_webhook_deliveries_status_known')),
    sa.PrimaryKeyConstraint('program_id', 'delivery_id', name=op.f('pk_webhook_deliveries'))
    )
    op.create_index('uq_webhook_deliveries_fan_out', 'webhook_deliveries', ['program_id', 'webhook_id', 'event_seq'],
                    unique=True, postgresql_where=sa.text('redelivery_of IS NULL'))
    op.create_index('ix_webhook_deliveries_due', 'webhook_deliveries', ['next_attempt_at', 'event_seq'], unique=False,
                    postgresql_where=sa.text("status = 'pending'"))
    op.create_index('ix_webhook_deliveries_member_pending', 'webhook_deliveries',
                    ['program_id', 'webhook_id', 'member_id', 'event_seq'], unique=False,
                    postgresql_where=sa.text("status = 'pending' AND redelivery_of IS NULL"))
    op.create_index('ix_webhook_deliveries_log', 'webhook_deliveries',
                    ['program_id', 'webhook_id', 'created_at', 'delivery_id'], unique=False)


def downgrade() -> None:
    op.drop_table('webhook_deliveries')
    op.drop_table('webhooks')
    op.drop_index('ix_outbox_events_undispatched', table_name='outbox_events')
    op.drop_column('outbox_events', 'dispatched_at')

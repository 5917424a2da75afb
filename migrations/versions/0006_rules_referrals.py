"""earning rules, member events, rule awards, referrals

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-23 19:33:50.370651
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0006'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('earning_rules',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('rule_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=True),
    sa.Column('points', sa.Integer(), nullable=True),
    sa.Column('multiplier', sa.Numeric(precision=12, scale=4), nullable=True),
    sa.Column('points_per_unit', sa.Numeric(precision=12, scale=4), nullable=True),
    sa.Column('skus', sa.ARRAY(sa.Text()), nullable=False),
    sa.Column('categories', sa.ARRAY(sa.Text()), nullable=False),
    sa.Column('min_order_amount', sa.Numeric(precision=19, scale=4), nullable=True),
    sa.Column('tiers', sa.ARRAY(sa.Text()), nullable=True),
    sa.Column('valid_from', sa.DateTime(timezone=True), nullable=True),
    sa.Column('valid_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cap_count', sa.Integer(), nullable=True),
    sa.Column('cap_period', sa.String(length=16), nullable=True),
    sa.Column('expires_in_days', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind <> 'event' OR (event_type IS NOT NULL AND points > 0)", name=op.f('ck_earning_rules_event_has_points')),
    sa.CheckConstraint("kind <> 'purchase' OR (multiplier IS NULL) <> (points_per_unit IS NULL)", name=op.f('ck_earning_rules_purchase_has_one_rate')),
    sa.CheckConstraint("kind IN ('purchase', 'event')", name=op.f('ck_earning_rules_kind_known')),
    sa.CheckConstraint('(cap_count IS NULL) = (cap_period IS NULL)', name=op.f('ck_earning_rules_cap_complete')),
    sa.CheckConstraint('valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until', name=op.f('ck_earning_rules_window_ordered')),
    sa.PrimaryKeyConstraint('program_id', 'rule_id', name=op.f('pk_earning_rules'))
    )
    op.create_index(op.f('ix_earning_rules_program_id_kind_event_type'), 'earning_rules', ['program_id', 'kind', 'event_type'], unique=False, postgresql_where='active')
    op.create_table('member_events',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.String(length=128), nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attributes', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('response', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('program_id', 'member_id', 'event_id', name=op.f('pk_member_events'))
    )
    op.create_table('referrals',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('referee_id', sa.String(length=128), nullable=False),
    sa.Column('referrer_id', sa.String(length=128), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('order_id', sa.String(length=128), nullable=True),
    sa.Column('referrer_points', sa.Integer(), nullable=False),
    sa.Column('referee_points', sa.Integer(), nullable=False),
    sa.Column('referrer_lot_id', sa.BigInteger(), nullable=True),
    sa.Column('referee_lot_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('rewarded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reversed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'qualified', 'rewarded', 'rejected')", name=op.f('ck_referrals_status_known')),
    sa.CheckConstraint('referrer_id <> referee_id', name=op.f('ck_referrals_no_self_referral')),
    sa.PrimaryKeyConstraint('program_id', 'referee_id', name=op.f('pk_referrals'))
    )
    op.create_index(op.f('ix_referrals_program_id_referrer_id_created_at'), 'referrals', ['program_id', 'referrer_id', 'created_at'], unique=False)
    op.create_index('ix_referrals_rewarded', 'referrals', ['program_id', 'rewarded_at'], unique=False, postgresql_where="status = 'rewarded'")
    op.create_table('rule_awards',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.String(length=128), nullable=False),
    sa.Column('rule_id', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('program_id', 'member_id', 'rule_id', 'event_id', name=op.f('pk_rule_awards'))
    )
    op.create_index(op.f('ix_rule_awards_program_id_member_id_rule_id_occurred_at'), 'rule_awards', ['program_id', 'member_id', 'rule_id', 'occurred_at'], unique=False)
    # The birthday job looks members up by month and day.
    op.create_index('ix_members_birthday_month_day', 'members', ['program_id', sa.text('EXTRACT(MONTH FROM birthday)'), sa.text('EXTRACT(DAY FROM birthday)')], unique=False, postgresql_where='birthday IS NOT NULL')


def downgrade() -> None:
    op.drop_index('ix_members_birthday_month_day', table_name='members')
    op.drop_index(op.f('ix_rule_awards_program_id_member_id_rule_id_occurred_at'), table_name='rule_awards')
    op.drop_table('rule_awards')
    op.drop_index('ix_referrals_rewarded', table_name='referrals', postgresql_where="status = 'rewarded'")
    op.drop_index(op.f('ix_referrals_program_id_referrer_id_created_at'), table_name='referrals')
    op.drop_table('referrals')
    op.drop_table('member_events')
    op.drop_index(op.f('ix_earning_rules_program_id_kind_event_type'), table_name='earning_rules', postgresql_where='active')
    op.drop_table('earning_rules')

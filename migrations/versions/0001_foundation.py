"""foundation: programs clients members idempotency

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 19:26:30.826649
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('idempotency_keys',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('method', sa.String(length=8), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('response_status', sa.Integer(), nullable=False),
    sa.Column('response_body', sa.LargeBinary(), nullable=False),
    sa.Column('response_content_type', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('program_id', 'key', 'method', 'path', name=op.f('pk_idempotency_keys'))
    )
    op.create_index(op.f('ix_idempotency_keys_created_at'), 'idempotency_keys', ['created_at'], unique=False)
    op.create_table('programs',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('settings', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("currency ~ '^[A-Z]{3}$'", name=op.f('ck_programs_currency_iso4217')),
    sa.PrimaryKeyConstraint('program_id', name=op.f('pk_programs'))
    )
    op.create_table('api_clients',
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('program_id', sa.Uuid(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.ARRAY(sa.Text()), nullable=False),
    sa.Column('platform_admin', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('platform_admin = (program_id IS NULL)', name=op.f('ck_api_clients_platform_admin_has_no_program')),
    sa.ForeignKeyConstraint(['program_id'], ['programs.program_id'], name=op.f('fk_api_clients_program_id_programs')),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_api_clients'))
    )
    op.create_index(op.f('ix_api_clients_program_id'), 'api_clients', ['program_id'], unique=False)
    op.create_table('members',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('member_id', sa.String(length=128), nullable=False),
    sa.Column('referral_code', sa.String(length=16), nullable=False),
    sa.Column('referred_by', sa.String(length=128), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('birthday', sa.Date(), nullable=True),
    sa.Column('attributes', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('active', 'blocked', 'erased')", name=op.f('ck_members_status_known')),
    sa.CheckConstraint('referred_by IS DISTINCT FROM member_id', name=op.f('ck_members_no_self_referral')),
    sa.ForeignKeyConstraint(['program_id'], ['programs.program_id'], name=op.f('fk_members_program_id_programs')),
    sa.PrimaryKeyConstraint('program_id', 'member_id', name=op.f('pk_members')),
    sa.UniqueConstraint('program_id', 'referral_code', name=op.f('uq_members_program_id_referral_code'))
    )


def downgrade() -> None:
    op.drop_table('members')
    op.drop_index(op.f('ix_api_clients_program_id'), table_name='api_clients')
    op.drop_table('api_clients')
    op.drop_table('programs')
    op.drop_index(op.f('ix_idempotency_keys_created_at'), table_name='idempotency_keys')
    op.drop_table('idempotency_keys')

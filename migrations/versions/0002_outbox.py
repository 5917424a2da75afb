"""outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:28:27.583978
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_events',
    sa.Column('program_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('member_id', sa.String(length=128), nullable=True),
    sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('program_id', 'seq', name=op.f('pk_outbox_events')),
    sa.UniqueConstraint('program_id', 'event_id', name=op.f('uq_outbox_events_program_id_event_id'))
    )
    op.create_index(op.f('ix_outbox_events_program_id_type_created_at'), 'outbox_events', ['program_id', 'type', 'created_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_outbox_events_program_id_type_created_at'), table_name='outbox_events')
    op.drop_table('outbox_events')

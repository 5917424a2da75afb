"""audit log: one append-only row per change made through the admin and member-write API

Revision ID: 0023
Revises: 0001

``audit_entries`` is keyed by (program, entry id) and read newest first through
``ix_audit_entries_at``. A trigger refuses every UPDATE and DELETE: the log is
append-only whatever code runs against it (the ledger keeps that rule by CHECKs on
what a row may say; here nothing may change a row at all).
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from loyalty_api.distribution import colocate_new_table, has_citus

revision = "0023"
down_revision = "0001"
branch_labels = None
depends_on = None

REFUSE = """
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target_type", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.String(length=320), nullable=False),
        sa.Column("request_id", sa.String(length=128), nullable=True),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.CheckConstraint("action ~ '^[a-z_]+\\.[a-z_]+$'", name=op.f("ck_audit_entries_action_shape")),
        sa.PrimaryKeyConstraint("program_id", "entry_id", name=op.f("pk_audit_entries")),
    )
    op.create_index("ix_audit_entries_at", "audit_entries", ["program_id", "at", "entry_id"])
    colocate_new_table(op.get_bind(), "audit_entries")
    if has_citus(op.get_bind()):
        # The trigger only raises, so it is safe on the shards; Citus asks for the opt-in.
        op.execute("SET LOCAL citus.enable_unsafe_triggers TO on")
    op.execute(REFUSE)
    op.execute("CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries "
               "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()")
    op.execute("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries "
               "FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()")


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_entries_no_truncate ON audit_entries")
    op.execute("DROP TRIGGER audit_entries_append_only ON audit_entries")
    op.execute("DROP FUNCTION audit_entries_append_only()")
    op.drop_index("ix_audit_entries_at", table_name="audit_entries")
    op.drop_table("audit_entries")

"""identities (card, phone, email, external id) per member; members may be merged

Revision ID: 0019
Revises: 0001

``member_identities`` keys an identifier by (program, type, canonical value), so the
primary key itself is the "unique per program and type" rule and concurrent attaches
of one identifier cannot both win. ``members.merged_into`` records a merge: the
source member keeps its row (status ``merged``) so that reads and writes naming it
can answer where it went; ``member_merges`` keeps each merge's answer (exactly once
per source), and ``balances.merged`` closes the source's ledger lock so that a write
waiting on it during the merge finds the member gone instead of writing to it.
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0019"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD_STATUS = "status IN ('active', 'blocked', 'erased')"
NEW_STATUS = "status IN ('active', 'blocked', 'erased', 'merged')"
# A merged member names its target; an erased one may still (the erasure of a merged
# member keeps the link: the accounts of the target count its entries).
MERGED_HAS_TARGET = "(status <> 'merged' OR merged_into IS NOT NULL) AND (merged_into IS NULL OR status IN ('merged', 'erased'))"


def upgrade() -> None:
    op.create_table(
        "member_identities",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=320), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("type IN ('card', 'phone', 'email', 'external')", name=op.f("ck_member_identities_type_known")),
        sa.ForeignKeyConstraint(["program_id", "member_id"], ["members.program_id", "members.member_id"],
                                name=op.f("fk_member_identities_program_id_members")),
        sa.PrimaryKeyConstraint("program_id", "type", "value", name=op.f("pk_member_identities")),
    )
    op.create_index("ix_member_identities_member", "member_identities", ["program_id", "member_id"])
    op.add_column("members", sa.Column("merged_into", sa.String(length=128), nullable=True))
    op.create_index("ix_members_merged_into", "members", ["program_id", "merged_into"],
                    postgresql_where=sa.text("merged_into IS NOT NULL"))
    op.add_column("balances", sa.Column("merged", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.create_table(
        "member_merges",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("source_id", sa.String(length=128), nullable=False),
        sa.Column("target_id", sa.String(length=128), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("moved", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.CheckConstraint("source_id <> target_id", name=op.f("ck_member_merges_not_itself")),
        sa.PrimaryKeyConstraint("program_id", "source_id", name=op.f("pk_member_merges")),
    )
    op.create_index("ix_member_merges_target", "member_merges", ["program_id", "target_id"])
    op.drop_constraint(op.f("ck_members_status_known"), "members", type_="check")
    op.create_check_constraint(op.f("ck_members_status_known"), "members", NEW_STATUS)
    op.create_check_constraint(op.f("ck_members_merged_has_target"), "members", MERGED_HAS_TARGET)


def downgrade() -> None:
    op.drop_constraint(op.f("ck_members_merged_has_target"), "members", type_="check")
    op.drop_constraint(op.f("ck_members_status_known"), "members", type_="check")
    op.create_check_constraint(op.f("ck_members_status_known"), "members", OLD_STATUS)
    op.drop_index("ix_member_merges_target", table_name="member_merges")
    op.drop_table("member_merges")
    op.drop_column("balances", "merged")
    op.drop_index("ix_members_merged_into", table_name="members")
    op.drop_column("members", "merged_into")
    op.drop_index("ix_member_identities_member", table_name="member_identities")
    op.drop_table("member_identities")

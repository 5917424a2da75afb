"""transfers of available points between members

Revision ID: 0022
Revises: 0003

``member_transfers`` keeps one row per transfer (the ledger holds the points: a
``transfer_out`` entry on the sender, ``transfer_in`` entries and their lots on the
receiver). It references the members and the sender's debit entry, so it follows the
ledger's revision. The CHECKs repeat what the service refuses: no transfer of zero
points, none to oneself.
"""

from alembic import op
import sqlalchemy as sa

from loyalty_api.distribution import colocate_new_table

revision = "0022"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_transfers",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("transfer_id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("from_member_id", sa.String(length=128), nullable=False),
        sa.Column("to_member_id", sa.String(length=128), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("initiated_by", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("out_entry_id", sa.BigInteger(), nullable=False),
        sa.Column("in_entry_ids", sa.ARRAY(sa.BigInteger()), nullable=False),
        sa.CheckConstraint("points > 0", name=op.f("ck_member_transfers_points_positive")),
        sa.CheckConstraint("from_member_id <> to_member_id", name=op.f("ck_member_transfers_not_to_self")),
        sa.CheckConstraint("initiated_by IN ('client', 'member')", name=op.f("ck_member_transfers_initiated_by_known")),
        sa.CheckConstraint("cardinality(in_entry_ids) >= 1", name=op.f("ck_member_transfers_has_credits")),
        sa.PrimaryKeyConstraint("program_id", "transfer_id", name=op.f("pk_member_transfers")),
    )
    # Before the foreign keys: Citus refuses one between a local and a distributed table.
    colocate_new_table(op.get_bind(), "member_transfers")
    op.create_foreign_key("fk_member_transfers_from_member", "member_transfers", "members",
                          ["program_id", "from_member_id"], ["program_id", "member_id"])
    op.create_foreign_key("fk_member_transfers_to_member", "member_transfers", "members",
                          ["program_id", "to_member_id"], ["program_id", "member_id"])
    op.create_foreign_key("fk_member_transfers_out_entry", "member_transfers", "ledger_entries",
                          ["program_id", "out_entry_id"], ["program_id", "entry_id"])
    op.create_index("ix_member_transfers_sender", "member_transfers", ["program_id", "from_member_id", "created_at"])
    op.create_index("ix_member_transfers_receiver", "member_transfers", ["program_id", "to_member_id", "transfer_id"])
    op.create_index("uq_member_transfers_out_entry", "member_transfers", ["program_id", "out_entry_id"], unique=True)


def downgrade() -> None:
    op.drop_table("member_transfers")

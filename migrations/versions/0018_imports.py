"""imports: chunks, per-line errors, imported lots keyed by lot_ref, imported tier metrics

Revision ID: 0018
Revises: 0003

An import brings members from another system in chunks. ``import_lots`` is the
natural key of an imported lot, (program, member, ``lot_ref``): a retried chunk finds
the lot there and credits nothing twice (it has no foreign key to its entry: the same
statement writes both, and the lot's own foreign key already names that entry; a
million-member import would pay three million more key checks). ``import_chunks`` keeps each chunk's answer by
the digest of its body, so a retry answers the same and counts once. The ledger's
sign check learns the ``import`` entry type (a credit). ``imported_metrics`` keeps the
tier metric a member had reached in the old system, which the tier evaluation adds.
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0018"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_SIGN = (
    "(type IN ('earn', 'bonus', 'referral', 'refund', 'transfer_in') AND points > 0)"
    " OR (type IN ('redeem', 'reverse', 'expire', 'transfer_out') AND points < 0)"
    " OR (type = 'adjust' AND points <> 0)"
)
NEW_SIGN = OLD_SIGN.replace("'transfer_in')", "'transfer_in', 'import')")


def upgrade() -> None:
    op.drop_constraint(op.f("ck_ledger_entries_points_sign_by_type"), "ledger_entries", type_="check")
    op.create_check_constraint(op.f("ck_ledger_entries_points_sign_by_type"), "ledger_entries", NEW_SIGN)
    op.create_table(
        "imports",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("chunks", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('members')", name=op.f("ck_imports_kind_known")),
        sa.CheckConstraint("status IN ('open', 'completed')", name=op.f("ck_imports_status_known")),
        sa.CheckConstraint("(status = 'completed') = (completed_at IS NOT NULL)",
                           name=op.f("ck_imports_completed_has_time")),
        sa.PrimaryKeyConstraint("program_id", "import_id", name=op.f("pk_imports")),
    )
    op.create_table(
        "import_chunks",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("lots", sa.Integer(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["program_id", "import_id"], ["imports.program_id", "imports.import_id"],
                                name=op.f("fk_import_chunks_program_id_imports")),
        sa.PrimaryKeyConstraint("program_id", "import_id", "digest", name=op.f("pk_import_chunks")),
        sa.UniqueConstraint("program_id", "import_id", "chunk", name=op.f("uq_import_chunks_program_id_import_id_chunk")),
    )
    op.create_table(
        "import_errors",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("chunk", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["program_id", "import_id"], ["imports.program_id", "imports.import_id"],
                                name=op.f("fk_import_errors_program_id_imports")),
        sa.PrimaryKeyConstraint("program_id", "import_id", "chunk", "line", name=op.f("pk_import_errors")),
    )
    op.create_table(
        "import_lots",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("lot_ref", sa.String(length=128), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("program_id", "member_id", "lot_ref", name=op.f("pk_import_lots")),
    )
    op.create_index("ix_import_lots_import", "import_lots", ["program_id", "import_id"])
    op.create_table(
        "imported_metrics",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.String(length=128), nullable=False),
        sa.Column("metric", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Numeric(14, 2), nullable=False),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("value >= 0", name=op.f("ck_imported_metrics_value_not_negative")),
        sa.ForeignKeyConstraint(["program_id", "member_id"], ["members.program_id", "members.member_id"],
                                name=op.f("fk_imported_metrics_program_id_members")),
        sa.PrimaryKeyConstraint("program_id", "member_id", name=op.f("pk_imported_metrics")),
    )


def downgrade() -> None:
    op.drop_table("imported_metrics")
    op.drop_index("ix_import_lots_import", table_name="import_lots")
    op.drop_table("import_lots")
    op.drop_table("import_errors")
    op.drop_table("import_chunks")
    op.drop_table("imports")
    op.drop_constraint(op.f("ck_ledger_entries_points_sign_by_type"), "ledger_entries", type_="check")
    op.create_check_constraint(op.f("ck_ledger_entries_points_sign_by_type"), "ledger_entries", OLD_SIGN)

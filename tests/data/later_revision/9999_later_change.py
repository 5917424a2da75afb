"""A later revision as a migration author writes one for a distributed database (tests only).

A new program table (distributed as soon as it exists, foreign keys after), a column
and an index on an existing distributed table, and a backfill filtered by program.
"""

import sqlalchemy as sa
from alembic import op

from loyalty_api.distribution import colocate_new_table

revision = "9999_later_change"
down_revision = None
branch_labels = ("later_change",)
depends_on = ("0001",)  # members; the session database is at every head anyway


def upgrade() -> None:
    op.create_table(
        "member_notes",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("program_id", "member_id", name="pk_member_notes"),
    )
    colocate_new_table(op.get_bind(), "member_notes")
    op.create_foreign_key("fk_member_notes_program_id_members", "member_notes", "members",
                          ["program_id", "member_id"], ["program_id", "member_id"])
    op.add_column("members", sa.Column("nickname", sa.Text(), nullable=True))
    op.create_index("ix_members_program_id_nickname", "members", ["program_id", "nickname"])


def downgrade() -> None:
    op.drop_index("ix_members_program_id_nickname", table_name="members")
    op.drop_column("members", "nickname")
    op.drop_table("member_notes")

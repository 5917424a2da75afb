"""test programs and their clocks: ``programs.mode`` and ``programs.clock_offset``

Revision ID: 0024
Revises: 0001

A program is ``live`` (the default) or ``test``, fixed at creation. A test program's
time is the real time plus ``clock_offset``; the constraints keep the invariants in
the database: a live program has no clock (offset zero), and no clock is behind the
real time (offset never negative; moving it backwards is refused by the service).
"""

from alembic import op
import sqlalchemy as sa

revision = "0024"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("programs", sa.Column("mode", sa.String(length=4), server_default=sa.text("'live'"),
                                        nullable=False))
    op.add_column("programs", sa.Column("clock_offset", sa.Interval(), server_default=sa.text("interval '0'"),
                                        nullable=False))
    op.create_check_constraint(op.f("ck_programs_mode_known"), "programs", "mode IN ('live', 'test')")
    op.create_check_constraint(op.f("ck_programs_clock_offset_forward"), "programs", "clock_offset >= interval '0'")
    op.create_check_constraint(op.f("ck_programs_live_has_no_clock"), "programs", "mode = 'test' OR clock_offset = interval '0'")
    # The job runner's pass over shifted test clocks reads only these rows.
    op.create_index("ix_programs_shifted_clock", "programs", ["program_id"],
                    postgresql_where=sa.text("clock_offset > interval '0'"))


def downgrade() -> None:
    op.drop_index("ix_programs_shifted_clock", table_name="programs")
    for name in ("live_has_no_clock", "clock_offset_forward", "mode_known"):
        op.drop_constraint(f"ck_programs_{name}", "programs", type_="check")
    op.drop_column("programs", "clock_offset")
    op.drop_column("programs", "mode")

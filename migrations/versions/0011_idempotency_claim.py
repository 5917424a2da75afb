"""idempotency: claim a key (try-lock, then look up its stored answer) in one round trip

Revision ID: 0011
Revises: 0002
Depends on: 0001 (idempotency_keys)

The lock and the lookup cannot share one plain statement: under READ COMMITTED a
statement's snapshot is taken when it starts, so a lookup in the statement that
took the lock could miss the record of a duplicate that committed (releasing the
lock) after that snapshot. In a VOLATILE PL/pgSQL function each
statement takes a fresh snapshot, so the lookup runs after the lock, as two
statements would, in one round trip.
"""

from alembic import op

revision = "0011"
down_revision = "0002"
branch_labels = None
depends_on = ("0001",)


def upgrade() -> None:
    op.execute("""
CREATE FUNCTION idempotency_claim(lock_name text, p_program_id uuid, p_key varchar, p_method varchar,
                                  p_path text)
RETURNS TABLE (locked boolean, request_hash varchar, response_status integer, response_body bytea,
               response_content_type varchar)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtextextended(lock_name, 0)) THEN
    RETURN QUERY SELECT false, NULL::varchar, NULL::integer, NULL::bytea, NULL::varchar;
    RETURN;
  END IF;
  RETURN QUERY
    SELECT true, k.request_hash, k.response_status, k.response_body, k.response_content_type
      FROM (SELECT 1) AS one
      LEFT JOIN idempotency_keys k
        ON k.program_id = p_program_id AND k.key = p_key AND k.method = p_method AND k.path = p_path;
END
$$
""")


def downgrade() -> None:
    op.execute("DROP FUNCTION idempotency_claim(text, uuid, varchar, varchar, text)")

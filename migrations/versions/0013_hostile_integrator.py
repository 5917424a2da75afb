"""hostile integrator: awards counted by when they were recorded; idempotency keys per caller;
client token versions

Revision ID: 0013
Revises: 0011 (idempotency_claim)
Depends on: 0006 (rule_awards); 0001 (idempotency_keys, api_clients) through 0011

``rule_awards.awarded_at`` is the time the service recorded an award; caps count
by it, not by the caller's ``occurred_at``. Existing rows take their ``created_at``
(the commit time, which is when they were recorded).

``idempotency_keys`` gains ``caller`` (in the key: one caller never replays
another's answer) and ``member_id`` (indexed: erasure finds a member's answers
without reading every body). Records stored before this revision have no known
caller (``''``) and are no longer replayed; natural keys (``order_id``,
``event_id``, …) still guard their retries. Their ``member_id`` is read once, here,
from the path and the body, as erasure used to.

``api_clients.token_version`` goes into every token (``ver``); revocation raises it,
and every process reloads the clients with a raised version (partial index
``ix_api_clients_cut_off``) at least once a minute.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = ("0006",)


CLAIM_V1 = "idempotency_claim(text, uuid, varchar, varchar, text)"
CLAIM_V2 = "idempotency_claim(text, uuid, varchar, varchar, varchar, text)"


def upgrade() -> None:
    _awarded_at()
    _idempotency_caller()
    op.add_column("api_clients", sa.Column("token_version", sa.Integer(), nullable=False, server_default=sa.text("0")))
    op.create_index("ix_api_clients_cut_off", "api_clients", ["client_id"],
                    postgresql_where=sa.text("token_version > 0 OR revoked_at IS NOT NULL"))


def _awarded_at() -> None:
    op.add_column("rule_awards", sa.Column("awarded_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE rule_awards SET awarded_at = created_at")
    op.alter_column("rule_awards", "awarded_at", nullable=False)
    op.drop_index("ix_rule_awards_program_id_member_id_rule_id_occurred_at", table_name="rule_awards")
    op.create_index("ix_rule_awards_program_id_member_id_rule_id_awarded_at", "rule_awards",
                    ["program_id", "member_id", "rule_id", "awarded_at"])


def _idempotency_caller() -> None:
    op.add_column("idempotency_keys", sa.Column("caller", sa.String(200), nullable=False, server_default=""))
    op.alter_column("idempotency_keys", "caller", server_default=None)
    op.add_column("idempotency_keys", sa.Column("member_id", sa.String(128), nullable=True))
    op.execute(r"""
UPDATE idempotency_keys
   SET member_id = coalesce(substring(path FROM '^/v1/members/([^/]+)'),
                            substring(convert_from(response_body, 'UTF8') FROM '"member_id":"([^"\\]+)"'))
 WHERE path LIKE '/v1/members/%' OR response_content_type LIKE '%json%'
""")
    op.drop_constraint("pk_idempotency_keys", "idempotency_keys", type_="primary")
    op.create_primary_key("pk_idempotency_keys", "idempotency_keys",
                          ["program_id", "caller", "key", "method", "path"])
    op.create_index("ix_idempotency_keys_member", "idempotency_keys", ["program_id", "member_id"],
                    postgresql_where=sa.text("member_id IS NOT NULL"))
    op.execute(f"DROP FUNCTION {CLAIM_V1}")
    op.execute(_claim_function(with_caller=True))


def _claim_function(*, with_caller: bool) -> str:
    """Migration 0011's function (see there why it is one), with or without the caller."""
    caller_param, caller_match = ("p_caller varchar, ", " AND k.caller = p_caller") if with_caller else ("", "")
    return f"""
CREATE FUNCTION idempotency_claim(lock_name text, p_program_id uuid, {caller_param}p_key varchar,
                                  p_method varchar, p_path text)
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
        ON k.program_id = p_program_id{caller_match} AND k.key = p_key AND k.method = p_method
       AND k.path = p_path;
END
$$
"""


def downgrade() -> None:
    op.drop_index("ix_api_clients_cut_off", table_name="api_clients")
    op.drop_column("api_clients", "token_version")
    op.execute(f"DROP FUNCTION {CLAIM_V2}")
    op.execute(_claim_function(with_caller=False))
    op.drop_index("ix_idempotency_keys_member", table_name="idempotency_keys")
    op.drop_constraint("pk_idempotency_keys", "idempotency_keys", type_="primary")
    # Without the caller, answers of several callers to one key cannot all stay.
    op.execute("""
DELETE FROM idempotency_keys k USING idempotency_keys o
 WHERE (k.program_id, k.key, k.method, k.path) = (o.program_id, o.key, o.method, o.path) AND k.ctid > o.ctid
""")
    op.create_primary_key("pk_idempotency_keys", "idempotency_keys", ["program_id", "key", "method", "path"])
    op.drop_column("idempotency_keys", "member_id")
    op.drop_column("idempotency_keys", "caller")
    op.drop_index("ix_rule_awards_program_id_member_id_rule_id_awarded_at", table_name="rule_awards")
    op.create_index("ix_rule_awards_program_id_member_id_rule_id_occurred_at", "rule_awards",
                    ["program_id", "member_id", "rule_id", "occurred_at"])
    op.drop_column("rule_awards", "awarded_at")

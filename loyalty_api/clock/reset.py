"""``POST /v1/program/reset``: erase a test program's members and all they did.

Kept: the program, its settings, clock, rules, tiers ladder, reward definitions, API
clients and webhook subscriptions (what an integrator configured). Erased: members and
every row about them (ledger, lots, holds, orders, returns, coupons, tiers, events,
referrals, imports, identities, merges, segments, analytics), the outbox events that
name a member and their webhook deliveries, and the program's Idempotency-Keys
(their answers name orders and holds that are gone), but those of reset itself.

The clock is not rewound: a program's time only moves forward, so every
watermark (expiry announcements) and every stored instant stays consistent.

This is the one place where ledger rows are deleted: a test program's ledger is
sample data, and its reset is the integrator's explicit request. Live programs are
refused before anything runs (403), and each statement names the program.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.clock.service import _test_clock

# Children before the rows their foreign keys name; ``members`` last.
ERASED_TABLES: tuple[str, ...] = (
    "member_transfers", "rule_budget_usage", "adjustment_usage", "lot_draws", "lots", "ledger_entries", "holds", "order_returns", "orders", "rule_awards", "member_events",
    "tier_changes", "member_tiers", "expiry_lot_notices", "expiry_hold_notices", "referrals", "member_rfm",
    "member_identities", "member_merges", "import_errors", "import_chunks", "import_lots", "imported_metrics",
    "imports", "analytics_days", "analytics_progress", "balances",
)
# Tables kept whole: configuration (and the program's expiry watermarks, which follow
# the clock, not the members). A test compares this with every table of the schema.
KEPT_TABLES: tuple[str, ...] = (
    "programs", "api_clients", "earning_rules", "rewards", "webhooks", "webhook_delivery_counts",
    "expiry_progress",
    # Append-only by a trigger, and it holds no personal data: a reset is itself a change
    # the log keeps (rule budgets' and adjustment limits' counts above start again).
    "audit_entries",
)
# Partly erased, by their own statement below.
PARTLY_ERASED: tuple[str, ...] = ("coupons", "outbox_events", "webhook_deliveries", "idempotency_keys", "members")

# A coupon that was not cancelled holds one unit of its reward's stock: given back.
_COUPONS = text("""
WITH gone AS (
    DELETE FROM coupons WHERE program_id = :program_id RETURNING reward_id, status
), given_back AS (
    SELECT reward_id, count(*) AS units FROM gone WHERE status <> 'cancelled' GROUP BY reward_id
)
UPDATE rewards r SET stock = r.stock + g.units
  FROM given_back g
 WHERE r.program_id = :program_id AND r.reward_id = g.reward_id AND r.stock IS NOT NULL
""")
_STATEMENTS = (
    *(text(f"DELETE FROM {table} WHERE program_id = :program_id") for table in ERASED_TABLES),
    _COUPONS,
    text("DELETE FROM webhook_deliveries WHERE program_id = :program_id AND member_id IS NOT NULL"),
    text("DELETE FROM outbox_events WHERE program_id = :program_id AND member_id IS NOT NULL"),
    text("DELETE FROM idempotency_keys WHERE program_id = :program_id "
         "AND NOT (method = 'POST' AND path = '/v1/program/reset')"),
    text("DELETE FROM members WHERE program_id = :program_id"),
)
_COUNT_MEMBERS = text("SELECT count(*) FROM members WHERE program_id = :program_id")


def reset_program(session: Session, program_id: uuid.UUID, *, actor: Actor) -> dict:
    """Erase the test program's members and what they did; answer how many members went."""
    _test_clock(session, program_id)
    members = session.execute(_COUNT_MEMBERS, {"program_id": program_id}).scalar_one()
    for statement in _STATEMENTS:
        session.execute(statement, {"program_id": program_id})
    if members:  # a repeated reset changes nothing and writes no entry
        audit.record(session, program_id, actor, "program.reset", ("program", program_id),
                     after={"members_erased": members})
    return {"program_id": program_id, "members_erased": members}

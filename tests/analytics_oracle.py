"""The analytics summary as it was computed before the rollup: every figure from a
full scan (the entries of the period, every open lot, every member). Kept as the
oracle the fast summary must equal, figure for figure.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.expiry import rules as expiry_rules
from loyalty_api.expiry.service import settings_of
from loyalty_api.ledger.rules import ACTIVITY_TYPES
from loyalty_api.programs.models import Program
from loyalty_api.programs.service import program_config
from loyalty_api.segments import rules

ISSUED_TYPES = ("earn", "bonus", "referral")


def _in(types: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{name}'" for name in types) + ")"


FLOWS = text(f"""
SELECT coalesce(sum(points) FILTER (WHERE type IN {_in(ISSUED_TYPES)} OR (type = 'adjust' AND points > 0)), 0)
         AS issued,
       coalesce(-sum(points) FILTER (WHERE type = 'redeem'), 0) AS redeemed,
       coalesce(sum(points) FILTER (WHERE type = 'refund'), 0) AS refunded,
       coalesce(-sum(points) FILTER (WHERE type = 'reverse'), 0) AS reversed,
       coalesce(-sum(points) FILTER (WHERE type = 'expire'), 0) AS expired,
       coalesce(-sum(points) FILTER (WHERE type = 'adjust' AND points < 0), 0) AS adjusted_out,
       count(DISTINCT member_id) FILTER (WHERE type IN {_in(ACTIVITY_TYPES)}) AS active_members
  FROM ledger_entries
 WHERE program_id = :program_id AND created_at >= :from AND created_at < :to
""")

# The ledger's read-time rules for every lot of the program: expired lots and lots
# taken by inactivity (both before the cutoff) are gone even if no job burned them.
OUTSTANDING = text("""
SELECT coalesce(sum(l.remaining) FILTER (WHERE l.available_at <= :now AND NOT (
         l.available_at < :cutoff AND coalesce(b.last_activity_at, '-infinity') < :cutoff)), 0) AS active,
       coalesce(sum(l.remaining) FILTER (WHERE l.available_at > :now), 0) AS pending,
       (SELECT coalesce(sum(debt), 0) FROM balances WHERE program_id = :program_id) AS debt
  FROM lots l
  JOIN balances b ON b.program_id = l.program_id AND b.member_id = l.member_id
 WHERE l.program_id = :program_id AND l.remaining > 0 AND (l.expires_at IS NULL OR l.expires_at > :now)
""")

MEMBERS = text("""
SELECT count(*) FILTER (WHERE status <> 'erased') AS total,
       count(*) FILTER (WHERE created_at >= :from AND created_at < :to) AS new
  FROM members WHERE program_id = :program_id
""")

TIERS = text("""
SELECT t.tier_code AS tier, count(*) AS members
  FROM member_tiers t
  JOIN members m ON m.program_id = t.program_id AND m.member_id = t.member_id AND m.status <> 'erased'
 WHERE t.program_id = :program_id AND t.tier_code IS NOT NULL
 GROUP BY t.tier_code
""")

REFERRALS = text("""
SELECT count(*) FROM referrals
 WHERE program_id = :program_id AND status = 'rewarded' AND rewarded_at >= :from AND rewarded_at < :to
""")


def _ladder_order(program: Program) -> list[str]:
    return [tier["code"] for tier in (program_config(program).get("tiers") or [])]


def full_scan_summary(session: Session, program_id: uuid.UUID, start: datetime, end: datetime,
            now: datetime) -> dict[str, Any]:
    program = session.get(Program, program_id)
    config = program_config(program)
    period = {"program_id": program_id, "from": start, "to": end}
    flows = session.execute(FLOWS, period).one()
    expiry, tz = settings_of(program)
    cutoff = expiry_rules.inactivity_cutoff(now, expiry.get("inactivity_days"), tz)
    held = session.execute(OUTSTANDING, {"program_id": program_id, "now": now,
                                         "cutoff": cutoff or datetime.min.replace(tzinfo=now.tzinfo)}).one()
    members = session.execute(MEMBERS, period).one()
    counts = {row.tier: int(row.members) for row in session.execute(TIERS, {"program_id": program_id})}
    ladder = _ladder_order(program)
    codes = [code for code in ladder if code in counts] + sorted(code for code in counts if code not in ladder)
    tiers = [{"tier": code, "members": counts[code]} for code in codes]
    tiers.append({"tier": None, "members": int(members.total) - sum(counts.values())})
    available = int(held.active) - int(held.debt)
    outstanding = available + int(held.pending)
    point_value = Decimal(config["redeem"]["point_value"])
    return {
        "from": start, "to": end, "as_of": now,
        "points": {name: int(getattr(flows, name)) for name in
                   ("issued", "redeemed", "refunded", "reversed", "expired", "adjusted_out")},
        "outstanding": {"points": outstanding, "available": available, "pending": int(held.pending),
                        "point_value": point_value, "liability": rules.liability(outstanding, point_value),
                        "currency": program.currency},
        "breakage_rate": rules.breakage_rate(int(flows.expired), int(flows.redeemed)),
        "members": {"total": int(members.total), "active": int(flows.active_members), "new": int(members.new)},
        "tier_distribution": tiers,
        "referral_conversions": int(session.execute(REFERRALS, period).scalar()),
    }

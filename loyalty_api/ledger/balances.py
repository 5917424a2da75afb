"""The member's balance, read without locks: the balance answer (one statement) and
the available points a quote or a reward claim checks.

Both must agree at every instant with what a spend under the lock finds
(``lots.spendable``): lots past their expiry or taken by inactivity are gone even
before the job burns them, except expired points active holds still reserve; and
nothing burns for inactivity while the member has an active hold.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.driver import Constant, Runner, one_or_none
from loyalty_api.errors import NotFound
from loyalty_api.expiry import rules as expiry_rules
from loyalty_api.expiry import service as expiry
from loyalty_api.ledger import lots
from loyalty_api.programs.models import Program
from loyalty_api.programs.service import config_of
from loyalty_api.sql import compose


@dataclass(frozen=True)
class Balance:
    available: int
    pending: int
    held: int
    lifetime_earned: int
    next_expiry: dict[str, Any] | None
    expiring: list[dict[str, Any]] = field(default_factory=list)


# ``:cutoff`` is the expiry rules' inactivity cutoff (NULL when inactivity is off); a
# member whose balance row shows no activity since then is past the deadline, and
# lots that became available before the cutoff have burned (``expiry.inactive_before``,
# folded in here so that the figures need no statement of their own).
# Not while the member has an active hold (``expiry.service.ACTIVE_HOLD``).
_INACTIVE_BEFORE = """CASE WHEN b.member_id IS NOT NULL
       AND (b.last_activity_at IS NULL OR b.last_activity_at < CAST(:cutoff AS timestamptz))
       AND NOT """ + compose(expiry.ACTIVE_HOLD, member="b.member_id") + """
      THEN CAST(:cutoff AS timestamptz) END"""
_HELD = """(SELECT coalesce(sum(points), 0) FROM holds
    WHERE program_id = :program_id AND member_id = :member_id AND status = 'held'
      AND expires_at > :now) AS held"""
_BALANCE_SQL = """
SELECT m.status, coalesce(b.debt, 0) AS debt, coalesce(b.lifetime_earned, 0) AS lifetime,
  b.last_activity_at,
  (SELECT coalesce(sum(remaining), 0) FROM lots
    WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
      AND available_at <= :now AND (expires_at IS NULL OR expires_at > :now)
      AND available_at >= coalesce({inactive_before}, '-infinity')) AS active,
  (SELECT coalesce(sum(remaining), 0) FROM lots
    WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
      AND available_at > :now AND (expires_at IS NULL OR expires_at > :now)) AS pending,
  (SELECT coalesce(sum(remaining), 0) FROM lots
    WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
      AND available_at <= :now AND expires_at <= :now) AS expired,
  {held}
FROM members m
LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id
WHERE m.program_id = :program_id AND m.member_id = :member_id
"""
_BALANCE = text(compose(_BALANCE_SQL, inactive_before=_INACTIVE_BEFORE, held=_HELD))


def _figures(session: Session, program: Program | None, params: dict[str, Any]) -> tuple[Any, lots.Spendable]:
    if program is None:
        raise NotFound("Program not found")
    # Lots taken by a passed inactivity deadline are gone even before the job burns them.
    cutoff = expiry.read_cutoff(program, params["now"])
    row = session.execute(_BALANCE, {**params, "cutoff": cutoff}).one_or_none()
    if row is None or row.status == "erased":
        raise NotFound(f"Member {params['member_id']!r} not found")
    return row, lots.Spendable(active=int(row.active), held_total=int(row.held), debt=int(row.debt),
                               expired=int(row.expired))


def available_points(session: Session, program_id: uuid.UUID, member_id: str, now: datetime) -> int:
    """The member's available points without locking (quotes); ``NotFound`` for unknown members."""
    return _figures(session, session.get(Program, program_id),
                    {"program_id": program_id, "member_id": member_id, "now": now})[1].available


# The balance answer in one statement: the program's settings, the member's figures
# and non-empty lots; which lots count (pending, active, gone by expiry or inactivity)
# is decided by the expiry rules in Python, from the same lots the schedule lists.
_BALANCE_READ = Constant(compose("""
SELECT p.updated_at, p.settings, m.status, coalesce(b.debt, 0) AS debt, coalesce(b.lifetime_earned, 0) AS lifetime,
  b.last_activity_at,
  {held},
  l.remaining, l.available_at, l.expires_at
FROM programs p
LEFT JOIN members m ON m.program_id = p.program_id AND m.member_id = :member_id
LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id
LEFT JOIN LATERAL (
  SELECT array_agg(remaining ORDER BY lot_id) AS remaining, array_agg(available_at ORDER BY lot_id) AS available_at,
         array_agg(expires_at ORDER BY lot_id) AS expires_at
    FROM lots WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0) l ON true
WHERE p.program_id = :program_id
""", held=_HELD))


def get_balance(db: Runner, program_id: uuid.UUID, member_id: str, now: datetime) -> Balance:
    row = one_or_none(db, _BALANCE_READ, {"program_id": program_id, "member_id": member_id, "now": now})
    if row is None:
        raise NotFound("Program not found")
    if row.status is None or row.status == "erased":
        raise NotFound(f"Member {member_id!r} not found")
    config = config_of(program_id, row.updated_at, row.settings)
    member_lots = [expiry_rules.LotView(int(remaining), available_at, expires_at) for remaining, available_at, expires_at
                   in zip(row.remaining or (), row.available_at or (), row.expires_at or ())]
    # While a hold is active nothing burns for inactivity (``expiry.service.ACTIVE_HOLD``).
    days = None if int(row.held) > 0 else config["expiry"].get("inactivity_days")
    inactivity = expiry_rules.Inactivity(row.last_activity_at, days, config["timezone"])
    points = expiry_rules.points_by_state(member_lots, now, inactivity)
    # Lots past their expiry still count while active holds need them (Spendable.kept).
    expired = sum(lot.points for lot in member_lots
                  if lot.available_at <= now and expiry_rules.lot_state(lot, now, inactivity) == "expired")
    figures = lots.Spendable(active=points["active"], held_total=int(row.held), debt=int(row.debt),
                             expired=expired)
    expiring = [{"expires_at": when, "points": burning}
                for when, burning in expiry_rules.expiring_schedule(member_lots, now, inactivity)]
    return Balance(available=figures.available, pending=points["pending"], held=figures.held,
                   lifetime_earned=int(row.lifetime), next_expiry=expiring[0] if expiring else None,
                   expiring=expiring)

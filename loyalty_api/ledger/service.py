"""Ledger use cases: credit, debit, adjust, history, verification; the balance
reads are in ``balances`` (and answered from here too).

Every function takes the caller's ``Session`` and never commits. Writers lock the
member first (``lock_member``) and then touch lots and holds (see ``lots``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from loyalty_api.adjustment_limits import service as limits
from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import InsufficientPoints, NotFound, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.ledger import lots, rules
from loyalty_api.ledger.balances import Balance, available_points, get_balance  # noqa: F401  (this module's API)
from loyalty_api.ledger.lots import lock_member  # noqa: F401  (part of this module's API)
from loyalty_api.ledger.models import LedgerEntry
from loyalty_api.programs.models import Program
from loyalty_api.programs.values import ProgramColumns
from loyalty_api.programs.service import program_config
from loyalty_api.timestamps import rfc3339_or_none
from loyalty_api.sql import compose


@dataclass(frozen=True)
class Mismatch:
    program_id: uuid.UUID
    member_id: str
    check: str
    expected: int
    actual: int


def credit_expiry(program: ProgramColumns, available_at: datetime, *, expires_at: datetime | None = None,
                  expires_in_days: int | None = None) -> datetime | None:
    config = program_config(program)
    if expires_at is not None:
        return expires_at
    if expires_in_days is not None:
        return rules.expires_after_days(available_at, expires_in_days, config["timezone"])
    return rules.expiry_instant(available_at, config["expiry"], config["timezone"])


def _iso(value: datetime | None) -> str | None:
    return rfc3339_or_none(value)


def credit(session: Session, program: ProgramColumns, member_id: str, *, entry_type: str, points: int,
           now: datetime, order_id: str | None = None, rule_id: str | None = None,
           event_id: str | None = None, reason: str | None = None, actor: str | None = None,
           available_at: datetime | None = None, expires_at: datetime | None = None,
           expires_in_days: int | None = None) -> int:
    """Credit ``points`` as a new lot (pending until ``available_at``); answers the entry id."""
    if entry_type not in rules.CREDIT_TYPES + ("adjust",) or points <= 0:
        raise ValueError(f"not a credit: {entry_type} {points}")
    if points > rules.MAX_POINTS:
        raise ValidationFailed("More points than the ledger can hold", errors={"points": ["Out of range."]})
    available_at = available_at or now
    expires_at = credit_expiry(program, available_at, expires_at=expires_at, expires_in_days=expires_in_days)
    program_id = program.program_id
    debt = lots.lock_member(session, program_id, member_id, now,
                            lifetime_delta=points if entry_type in rules.LIFETIME_TYPES else 0,
                            activity_at=now if entry_type in rules.ACTIVITY_TYPES else None, program=program)
    entry_id, = lots.insert_credits(session, program_id, member_id, [{
        "type": entry_type, "points": points, "order_id": order_id, "rule_id": rule_id, "event_id": event_id,
        "reason": reason, "actor": actor, "available_at": available_at, "expires_at": expires_at,
    }], now, debt)
    emit(session, program_id, "points.earned", {
        "member_id": member_id, "points": points, "entry_id": entry_id, "entry_type": entry_type,
        "order_id": order_id, "rule_id": rule_id, "available_at": _iso(available_at),
        "expires_at": _iso(expires_at)})
    return entry_id


def debit(session: Session, program: ProgramColumns, member_id: str, *, entry_type: str, points: int,
          now: datetime, reason: str | None = None, actor: str | None = None,
          order_id: str | None = None) -> int:
    """Spend ``points`` from available lots (soonest expiry first); ``InsufficientPoints`` if short."""
    if entry_type not in rules.DEBIT_TYPES + ("adjust",) or points <= 0:
        raise ValueError(f"not a debit: {entry_type} {points}")
    program_id = program.program_id
    debt = lots.lock_member(session, program_id, member_id, now,
                            activity_at=now if entry_type in rules.ACTIVITY_TYPES else None, program=program)
    figures = lots.spendable(session, program_id, member_id, now, debt)
    if figures.available < points:
        raise InsufficientPoints(f"{figures.available} points available, {points} needed",
                                 available=figures.available)
    entry_id = lots.spend_and_record(session, program_id, member_id, points, now, entry_type=entry_type,
                                     reason=reason, actor=actor, order_id=order_id)
    if entry_id is None:  # cannot happen under the lock; never write a half-spent debit
        raise InsufficientPoints("The points are no longer there")
    emit(session, program_id, "points.redeemed" if entry_type == "redeem" else "points.reversed", {
        "member_id": member_id, "points": points, "entry_id": entry_id, "entry_type": entry_type,
        "order_id": order_id, "reason": reason})
    return entry_id


def adjust(session: Session, program_id: uuid.UUID, member_id: str, *, points: int, reason: str, actor: Actor,
           now: datetime, expires_at: datetime | None = None) -> dict[str, Any]:
    """A manual correction by an operator (``actor``: its client id goes in the entry): a credit
    (own lot) or a debit, within the program's adjustment limits (422 ``limit_exceeded`` beyond them)."""
    if points == 0:
        raise ValidationFailed("points must not be zero", errors={"points": ["Must not be zero."]})
    if expires_at is not None and (points < 0 or expires_at <= now):
        raise ValidationFailed("expires_at applies to credits and must be in the future",
                               errors={"expires_at": ["Only for credits, in the future."]})
    program = session.get(Program, program_id)
    config = program_config(program)
    limits.check_adjustment(config, points)
    if points > 0:
        entry_id = credit(session, program, member_id, entry_type="adjust", points=points, now=now,
                          reason=reason, actor=actor.client_id, expires_at=expires_at)
    else:
        entry_id = debit(session, program, member_id, entry_type="adjust", points=-points, now=now,
                         reason=reason, actor=actor.client_id)
    limits.count_adjustment(session, program_id, config, actor.client_id, points, now)  # under the member lock
    entry = session.execute(select(LedgerEntry).where(
        LedgerEntry.program_id == program_id, LedgerEntry.entry_id == entry_id)).scalar_one()
    # The reason is free text an erasure scrubs from the ledger: never copied here.
    audit.record(session, program_id, actor, "member.adjusted", ("member", member_id), redact=("reason",),
                 after={"points": points, "entry_id": entry_id, "expires_at": entry.expires_at, "reason": reason})
    return _entry_item(entry)


def _entry_item(entry: Any) -> dict[str, Any]:
    credit_entry = entry.points > 0
    return {
        "id": entry.entry_id, "type": entry.type, "points": entry.points, "created_at": entry.created_at,
        "order_id": entry.order_id, "return_id": entry.return_id, "rule_id": entry.rule_id,
        "reason": entry.reason,
        "available_at": entry.available_at if credit_entry else None,
        "expires_at": entry.expires_at if credit_entry else None,
        "lot_id": entry.lot_id if entry.type == "expire" else None,
    }


def _require_member(session: Session, program_id: uuid.UUID, member_id: str) -> None:
    status = session.execute(text("SELECT status FROM members WHERE program_id = :p AND member_id = :m"),
                             {"p": program_id, "m": member_id}).scalar()
    if status is None or status == "erased":
        raise NotFound(f"Member {member_id!r} not found")


def ledger_page(session: Session, program_id: uuid.UUID, member_id: str, *, limit: int, cursor: str | None,
                entry_type: str | None = None, order_id: str | None = None) -> dict[str, Any]:
    """The member's entries, newest first; ``cursor`` continues after the last one served."""
    _require_member(session, program_id, member_id)
    query = select(LedgerEntry).where(LedgerEntry.program_id == program_id, LedgerEntry.member_id == member_id)
    if entry_type:
        query = query.where(LedgerEntry.type == entry_type)
    if order_id:
        query = query.where(LedgerEntry.order_id == order_id)
    after = decode_cursor(cursor, 1)
    if after is not None:
        if not isinstance(after[0], int):
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]})
        query = query.where(LedgerEntry.entry_id < after[0])
    rows = session.execute(query.order_by(LedgerEntry.entry_id.desc()).limit(limit + 1)).scalars().all()
    return page([_entry_item(row) for row in rows], limit, lambda item: [item["id"]])


# ``lifetime_earned`` moves with a merge but entries never move: the lifetime check
# counts the entries of members merged into a member as that member's (``life``).
_VERIFY = """
WITH e AS (
  SELECT program_id, member_id, sum(points) AS total,
         sum(points) FILTER (WHERE type IN ('earn', 'bonus', 'referral', 'reverse')) AS lifetime
    FROM ledger_entries {where} GROUP BY program_id, member_id
), merged AS (
  SELECT program_id, member_id, merged_into FROM members {where} {and_} merged_into IS NOT NULL
), life AS (
  SELECT e.program_id, coalesce(merged.merged_into, e.member_id) AS member_id, sum(e.lifetime) AS lifetime
    FROM e LEFT JOIN merged ON merged.program_id = e.program_id AND merged.member_id = e.member_id
   GROUP BY 1, 2
), l AS (
  SELECT program_id, member_id, sum(remaining) AS remaining FROM lots {where} GROUP BY program_id, member_id
), b AS (
  SELECT program_id, member_id, debt, lifetime_earned FROM balances {where}
), k AS (
  SELECT program_id, member_id FROM e UNION SELECT program_id, member_id FROM l
  UNION SELECT program_id, member_id FROM b
)
SELECT k.program_id, k.member_id, coalesce(e.total, 0) AS total, coalesce(life.lifetime, 0) AS lifetime,
       coalesce(l.remaining, 0) AS remaining, coalesce(b.debt, 0) AS debt,
       coalesce(b.lifetime_earned, 0) AS lifetime_earned
  FROM k
  LEFT JOIN e ON e.program_id = k.program_id AND e.member_id = k.member_id
  LEFT JOIN life ON life.program_id = k.program_id AND life.member_id = k.member_id
  LEFT JOIN l ON l.program_id = k.program_id AND l.member_id = k.member_id
  LEFT JOIN b ON b.program_id = k.program_id AND b.member_id = k.member_id
 WHERE coalesce(e.total, 0) <> coalesce(l.remaining, 0) - coalesce(b.debt, 0)
    OR coalesce(life.lifetime, 0) <> coalesce(b.lifetime_earned, 0)
"""

_VERIFY_LOTS = """
SELECT l.program_id, l.member_id, l.lot_id, l.points AS lot_points, e.points AS entry_points
  FROM lots l LEFT JOIN ledger_entries e ON e.program_id = l.program_id AND e.entry_id = l.entry_id
 {where_l} AND (e.entry_id IS NULL OR e.points <> l.points OR e.member_id <> l.member_id)
"""


# Per order: the entries written for it match the figures the order and its returns answered.
_VERIFY_ORDERS = """
SELECT o.program_id, o.member_id, o.order_id,
       o.earned_points, coalesce(e.earned, 0) AS e_earned,
       o.redeemed_points, coalesce(e.redeemed, 0) AS e_redeemed,
       coalesce(r.reversed, 0) AS r_reversed, coalesce(e.reversed, 0) AS e_reversed,
       coalesce(r.refunded, 0) AS r_refunded, coalesce(e.refunded, 0) AS e_refunded
  FROM orders o
  LEFT JOIN (SELECT program_id, order_id, sum(points_reversed) AS reversed, sum(points_refunded) AS refunded
               FROM order_returns GROUP BY program_id, order_id) r
    ON r.program_id = o.program_id AND r.order_id = o.order_id
  LEFT JOIN (SELECT le.program_id, coalesce(m.merged_into, le.member_id) AS member_id, le.order_id,
                    sum(points) FILTER (WHERE type IN ('earn', 'bonus')) AS earned,
                    -sum(points) FILTER (WHERE type = 'redeem') AS redeemed,
                    -sum(points) FILTER (WHERE type = 'reverse' AND return_id IS NOT NULL) AS reversed,
                    sum(points) FILTER (WHERE type = 'refund' AND return_id IS NOT NULL) AS refunded
               FROM ledger_entries le
               -- an order moved with a merge; its entries stay on the member merged away
               LEFT JOIN members m ON m.program_id = le.program_id AND m.member_id = le.member_id
                                  AND m.merged_into IS NOT NULL
              WHERE le.order_id IS NOT NULL GROUP BY 1, 2, 3) e
    ON e.program_id = o.program_id AND e.member_id = o.member_id AND e.order_id = o.order_id
 {where_o}
"""


def verify_ledger(session: Session, program_id: uuid.UUID | None = None) -> list[Mismatch]:
    """Recompute every member's figures from the entries and lots (SPEC §3 rule 1).

    Per member: the entries add up to the lots' remaining points minus the debt,
    and ``lifetime_earned`` equals the earned credits net of reversals. Per lot: its
    points are its crediting entry's. Per order: its earn, bonus, redeem, reverse and
    refund entries match what the order and its returns answered. Answers every
    difference found (``expected`` is the recorded figure, ``actual`` the entries').
    """
    where = "WHERE program_id = :program_id" if program_id else ""
    where_l = "WHERE l.program_id = :program_id" if program_id else "WHERE true"
    params = {"program_id": program_id} if program_id else {}
    found: list[Mismatch] = []
    for row in session.execute(text(compose(_VERIFY, where=where, and_="AND" if program_id else "WHERE")), params):
        expected_total = int(row.remaining) - int(row.debt)
        if int(row.total) != expected_total:
            found.append(Mismatch(row.program_id, row.member_id, "entries_vs_lots", expected_total, int(row.total)))
        if int(row.lifetime) != int(row.lifetime_earned):
            found.append(Mismatch(row.program_id, row.member_id, "lifetime_earned", int(row.lifetime),
                                  int(row.lifetime_earned)))
    for row in session.execute(text(compose(_VERIFY_LOTS, where_l=where_l)), params):
        found.append(Mismatch(row.program_id, row.member_id, f"lot {row.lot_id} vs its entry",
                              int(row.entry_points or 0), int(row.lot_points)))
    where_o = "WHERE o.program_id = :program_id" if program_id else ""
    for row in session.execute(text(compose(_VERIFY_ORDERS, where_o=where_o)), params):
        for figure, expected, actual in (("earned", row.earned_points, row.e_earned),
                                         ("redeemed", row.redeemed_points, row.e_redeemed),
                                         ("reversed", row.r_reversed, row.e_reversed),
                                         ("refunded", row.r_refunded, row.e_refunded)):
            if int(expected) != int(actual):
                found.append(Mismatch(row.program_id, row.member_id, f"order {row.order_id} {figure}",
                                      int(expected), int(actual)))
    return found

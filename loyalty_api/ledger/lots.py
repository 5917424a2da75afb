"""The ledger's SQL building blocks: member lock, spendable figures, lot writes.

Locking order, for every writer of a member's points: the member's ``balances``
row first (``lock_member``), then lots and holds. Lots are never locked on their
own; the balance row serialises all changes of one member. Everything here is
SQLAlchemy Core with few round trips: this is the checkout hot path.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence

from sqlalchemy import bindparam, insert, text, update
from sqlalchemy.orm import Session

from loyalty_api import reactions
from loyalty_api.driver import Constant, one_or_none
from loyalty_api.ledger.models import BalanceRow, LedgerEntry
from loyalty_api.observability.metrics import record_entry
from loyalty_api.sql import compose

# One statement creates the balance row on first use, checks the member exists
# (erased members are gone; a merged member's row answers nothing, read again under
# the lock, so a write that waited out the merge does not land on it) and takes the row lock; the figures a caller already
# knows ride along so the common case needs no second UPDATE.
_LOCK_SQL = """
INSERT INTO balances AS b (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at, updated_at)
SELECT m.program_id, m.member_id, 0, CAST(:lifetime AS bigint), CAST(:activity AS timestamptz),
       CAST(:now AS timestamptz), CAST(:now AS timestamptz)
  FROM members m
 WHERE m.program_id = :program_id AND m.member_id = :member_id AND m.status <> 'erased'{only_if}
ON CONFLICT (program_id, member_id) DO UPDATE
   SET lifetime_earned = b.lifetime_earned + excluded.lifetime_earned,
       last_activity_at = GREATEST(b.last_activity_at, excluded.last_activity_at),
       updated_at = excluded.updated_at
 WHERE NOT b.merged
RETURNING b.debt
"""
_LOCK = Constant(compose(_LOCK_SQL, only_if=""))
# The same for an order, which also learns whether the member was referred: only a
# referred member can have a pending referral (members.referred_by is set at
# enrolment, with the referral, and never changes), so the others skip that query.
# A fragment: the order folds it into the statement that records the order
# (``{when}``: lock only if the order is new); run it through ``lock_member_within``.
LOCK_FOR_ORDER = compose(_LOCK_SQL, only_if=" AND {when}")
# Read beside the lock, not in its RETURNING: on Citus a subquery in the RETURNING of
# an INSERT … SELECT runs on the worker's shard, where a distributed query may not.
REFERRED = """EXISTS (SELECT 1 FROM members r WHERE r.program_id = :program_id AND r.member_id = :member_id
                      AND r.referred_by IS NOT NULL)"""

# Read after the lock, in a statement of its own: a statement's snapshot is taken
# when it starts, so figures read by the locking statement could predate the
# transaction we waited for.
_SPENDABLE = text("""
SELECT
  (SELECT coalesce(sum(remaining), 0) FROM lots
    WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
      AND available_at <= :now AND (expires_at IS NULL OR expires_at > :now)) AS active,
  (SELECT coalesce(sum(points), 0) FROM holds
    WHERE program_id = :program_id AND member_id = :member_id AND status = 'held'
      AND expires_at > :now) AS held,
  (SELECT coalesce(sum(remaining), 0) FROM lots
    WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
      AND available_at <= :now AND expires_at <= :now) AS expired
""")

# Draws ``points`` from the chosen lots in spending order (SPEC §3 rule 3) in one
# statement: a running total picks the lots, the UPDATE takes from each.
SPEND = """
WITH c AS (
  SELECT lot_id, remaining,
         sum(remaining) OVER (ORDER BY {priority} expires_at NULLS LAST, created_at, lot_id) AS running
    FROM lots
   WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0 AND {where}
), take AS (
  SELECT lot_id, LEAST(remaining, :points - (running - remaining)) AS t
    FROM c WHERE running - remaining < :points
)
UPDATE lots SET remaining = lots.remaining - take.t
  FROM take
 WHERE lots.program_id = :program_id AND lots.lot_id = take.lot_id
RETURNING take.t AS taken, take.lot_id, lots.expires_at
"""
SPEND_AVAILABLE = text(compose(SPEND,
    priority="", where="available_at <= :now AND (expires_at IS NULL OR expires_at > :now)"))
# The spend, its debit entry and its draws (what it took from each lot, for refunds)
# in one statement: the entry is written only when the lots gave all of ``points``
# (else no row comes back and the caller rolls back).
_SPEND_AND_RECORD = text("""
WITH c AS (
  SELECT lot_id, remaining,
         sum(remaining) OVER (ORDER BY expires_at NULLS LAST, created_at, lot_id) AS running
    FROM lots
   WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
     AND available_at <= :now AND (expires_at IS NULL OR expires_at > :now)
), take AS (
  SELECT lot_id, LEAST(remaining, :points - (running - remaining)) AS t
    FROM c WHERE running - remaining < :points
), spent AS (
  UPDATE lots SET remaining = lots.remaining - take.t
    FROM take
   WHERE lots.program_id = :program_id AND lots.lot_id = take.lot_id
  RETURNING take.t, take.lot_id, lots.expires_at
), entry AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, order_id, return_id, hold_id,
                              reason, actor)
  SELECT :program_id, :member_id, :entry_type, -CAST(:points AS bigint), :now, CAST(:order_id AS varchar),
         CAST(:return_id AS varchar), CAST(:hold_id AS varchar), CAST(:reason AS text), CAST(:actor AS varchar)
   WHERE (SELECT coalesce(sum(t), 0) FROM spent) = :points
  RETURNING entry_id
), draws AS (
  INSERT INTO lot_draws (program_id, entry_id, lot_id, points, expires_at)
  SELECT :program_id, entry.entry_id, spent.lot_id, spent.t, spent.expires_at FROM entry, spent WHERE spent.t > 0
)
SELECT entry_id FROM entry
""")
_SPEND_NEW_LOTS = text(compose(SPEND, priority="", where="lot_id = ANY(:lot_ids)")).bindparams(
    bindparam("lot_ids", expanding=False))


@dataclass(frozen=True)
class Spendable:
    """A member's figures under the hold rule (SPEC §4): points an active hold reserves
    are exclusive. A lot that reaches its expiry while held does not burn: as much of
    the expired lots as the holds lack in unexpired ones stays reserved (``kept``)
    until the holds are captured, released or run out."""

    active: int  # remaining points of available, unexpired lots
    held_total: int  # points of active holds
    debt: int
    expired: int = 0  # remaining points of available lots past their expiry, not burned yet

    @property
    def kept(self) -> int:
        return min(max(self.held_total - self.active, 0), self.expired)

    @property
    def held(self) -> int:
        # Holds never count for more than the points behind them, so available is
        # never negative without debt.
        return min(self.held_total, max(self.active + self.kept - self.debt, 0))

    @property
    def available(self) -> int:
        return self.active + self.kept - self.debt - self.held

    @property
    def free(self) -> int:
        """Available points no hold reserves: all a reversal or takeback may draw on."""
        return max(self.active - self.held_total, 0)


def lock_member(session: Session, program_id: uuid.UUID, member_id: str, now: datetime | None = None,
                *, lifetime_delta: int = 0, activity_at: datetime | None = None, program: Any = None) -> int:
    """Lock the member's balance row (creating it) and answer the member's debt.

    ``program``: the program's columns when the caller holds them already (a ``Program``
    or a ``ProgramSettings``), so the reactions before the lock need not read them."""
    now = now or datetime.now().astimezone()
    row = lock_member_within(session, _LOCK, {"program_id": program_id, "member_id": member_id, "now": now,
                                              "lifetime": lifetime_delta, "activity": activity_at},
                             program_id, member_id, now, program=program)
    if row is None:
        from loyalty_api.members.lookup import missing_member_error

        raise missing_member_error(session, program_id, member_id)
    return row.debt


def lock_member_within(session: Session, statement: Constant, params: dict[str, Any], program_id: uuid.UUID,
                       member_id: str, now: datetime, *, program: Any = None) -> Any:
    """Run a statement that takes the member lock (``_LOCK``, or a caller's statement
    with a ``LOCK_FOR_ORDER`` fragment; params ``lifetime`` and ``activity`` besides
    the ids and ``now``); answers its one row, or None."""
    # A passed inactivity deadline burns before this write can restart the clock
    # (expiry's reaction, installed by ``loyalty_api.wiring``).
    reactions.run(reactions.BEFORE_MEMBER_LOCK, session, program_id, member_id, now, program=program)
    return one_or_none(session, statement, params)


def spendable(session: Session, program_id: uuid.UUID, member_id: str, now: datetime, debt: int) -> Spendable:
    row = session.execute(_SPENDABLE, {"program_id": program_id, "member_id": member_id, "now": now}).one()
    return Spendable(active=int(row.active), held_total=int(row.held), debt=debt, expired=int(row.expired))


def spend_lots(session: Session, program_id: uuid.UUID, member_id: str, points: int, now: datetime) -> int:
    """Take up to ``points`` from spendable lots; answers how many were taken."""
    return take(session, SPEND_AVAILABLE, program_id, member_id, points, now)


def spend_and_record(session: Session, program_id: uuid.UUID, member_id: str, points: int, now: datetime, *,
                     entry_type: str, order_id: str | None = None, return_id: str | None = None,
                     hold_id: str | None = None, reason: str | None = None, actor: str | None = None) -> int | None:
    """Spend ``points`` from available lots and write the debit entry; None when the lots fell short."""
    record_entry(session, entry_type, points)
    return session.execute(_SPEND_AND_RECORD, {
        "program_id": program_id, "member_id": member_id, "points": points, "now": now, "entry_type": entry_type,
        "order_id": order_id, "return_id": return_id, "hold_id": hold_id, "reason": reason, "actor": actor,
    }).scalar()


def take_rows(session: Session, statement: Any, program_id: uuid.UUID, member_id: str, points: int,
              now: datetime, **params: Any) -> list[Any]:
    """Run a ``SPEND`` statement; answers (taken, lot_id, expires_at) per lot drawn on."""
    if points <= 0:
        return []
    return list(session.execute(statement, {"program_id": program_id, "member_id": member_id, "points": points,
                                            "now": now, **params}))


def take(session: Session, statement: Any, program_id: uuid.UUID, member_id: str, points: int, now: datetime,
         **params: Any) -> int:
    return int(sum(row.taken for row in take_rows(session, statement, program_id, member_id, points, now, **params)))


_CREDIT_COLUMNS = ("type", "points", "order_id", "return_id", "rule_id", "event_id", "reason", "actor",
                   "available_at", "expires_at", "lot_id")
# Entries and their lots in two CTEs of one fixed shape for any number of credits
# (arrays, not a multi-row VALUES), so the statement is compiled and prepared once.
# A lot names the order whose earning created it: returns take those lots first.
# A fragment: ``{when}`` lets a caller's statement write the credits conditionally
# (an order folds them into the statement that takes the member lock); its
# parameters are ``credit_arrays``.
CREDIT_CTES = """credit_entries AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, order_id, return_id, rule_id,
                              event_id, reason, actor, available_at, expires_at, lot_id)
  SELECT :program_id, :member_id, c.type, c.points, :now, c.order_id, c.return_id, c.rule_id, c.event_id,
         c.reason, c.actor, c.available_at, c.expires_at, c.lot_id
    FROM unnest(CAST(:credit_type AS varchar[]), CAST(:credit_points AS bigint[]),
                CAST(:credit_order_id AS varchar[]), CAST(:credit_return_id AS varchar[]),
                CAST(:credit_rule_id AS varchar[]), CAST(:credit_event_id AS varchar[]),
                CAST(:credit_reason AS text[]), CAST(:credit_actor AS varchar[]),
                CAST(:credit_available_at AS timestamptz[]), CAST(:credit_expires_at AS timestamptz[]),
                CAST(:credit_lot_id AS bigint[]))
         WITH ORDINALITY AS c(type, points, order_id, return_id, rule_id, event_id, reason, actor,
                              available_at, expires_at, lot_id, n)
   WHERE {when}
   ORDER BY c.n
  RETURNING entry_id, points, available_at, expires_at, order_id, type
), credit_lots AS (
  INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                    created_at, order_id)
  SELECT :program_id, entry_id, :member_id, entry_id, points, points, available_at, expires_at, :now,
         CASE WHEN type IN ('earn', 'bonus') THEN order_id END
    FROM credit_entries
  RETURNING lot_id
)"""
_INSERT_CREDITS = text(f"WITH {compose(CREDIT_CTES, when='true')} SELECT lot_id FROM credit_lots")


def credit_arrays(rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    """The parameters of ``CREDIT_CTES`` for these credits."""
    return {f"credit_{name}": [row.get(name) for row in rows] for name in _CREDIT_COLUMNS}


def insert_credits(session: Session, program_id: uuid.UUID, member_id: str, rows: Sequence[dict[str, Any]],
                   now: datetime, debt: int) -> list[int]:
    """Write credit entries and their lots in one statement; new points pay debt first."""
    statement = session.execute(_INSERT_CREDITS, {"program_id": program_id, "member_id": member_id, "now": now,
                                                  **credit_arrays(rows)})
    lot_ids = sorted(statement.scalars().all())
    credits_written(session, program_id, member_id, rows, lot_ids, now, debt)
    return lot_ids


def credits_written(session: Session, program_id: uuid.UUID, member_id: str, rows: Sequence[dict[str, Any]],
                    lot_ids: list[int], now: datetime, debt: int) -> None:
    """After credits were written (here or by a caller's ``CREDIT_CTES``): count them,
    and let the new lots pay the member's debt first."""
    for row in rows:
        record_entry(session, row["type"], row["points"])
    if debt > 0:
        owed = min(debt, sum(row["points"] for row in rows))
        paid = session.execute(_SPEND_NEW_LOTS, {"program_id": program_id, "member_id": member_id,
                                                 "points": owed, "lot_ids": lot_ids}).scalars().all()
        change_debt(session, program_id, member_id, -int(sum(paid)), now)


def insert_debit(session: Session, program_id: uuid.UUID, member_id: str, *, entry_type: str, points: int,
                 now: datetime, **fields: Any) -> int:
    """Write one debit entry (``points`` is the positive amount taken)."""
    record_entry(session, entry_type, points)
    return session.execute(insert(LedgerEntry).values(
        program_id=program_id, member_id=member_id, type=entry_type, points=-points, created_at=now,
        **fields).returning(LedgerEntry.entry_id)).scalar_one()


def change_debt(session: Session, program_id: uuid.UUID, member_id: str, delta: int, now: datetime,
                lifetime_delta: int = 0) -> None:
    if delta == 0 and lifetime_delta == 0:
        return
    session.execute(update(BalanceRow).where(
        BalanceRow.program_id == program_id, BalanceRow.member_id == member_id,
    ).values(debt=BalanceRow.debt + delta, lifetime_earned=BalanceRow.lifetime_earned + lifetime_delta,
             updated_at=now))

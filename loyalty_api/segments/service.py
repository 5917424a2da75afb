"""Member segments: ``GET /v1/members`` filters, pages and CSV, and the RFM refresh.

Balances are computed at read time from the lots, as the ledger's balance query
does (``ledger.service._BALANCE``, ``ledger.lots.Spendable``), but for a whole page
in one statement: members are walked in ``member_id`` order and each one's lots and
holds are summed through the ledger's own indexes (``ix_lots_member_open``,
``ix_holds_member_active``). Lots taken by a passed inactivity deadline are left out
exactly as ``expiry.service.inactive_before`` says (one cutoff per program).
``tests/segments/test_segments_members.py`` holds every item equal to ``GET …/balance``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Iterator

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from loyalty_api.errors import ValidationFailed
from loyalty_api.expiry import rules as expiry_rules
from loyalty_api.expiry.service import settings_of
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.programs.models import Program
from loyalty_api.segments import rules
from loyalty_api.sql import compose

CSV_BATCH = 1000

# The ledger's figures per member. ``burned_before``: lots that became available
# before it were taken by inactivity (``-infinity`` = none; none while a hold is
# active), as in inactive_before.
# available = active - debt - held, held capped at active - debt (Spendable).
_MEMBERS = """
SELECT member_id, email, phone, enrolled_at, tier, vip, lifetime_earned, last_activity_at, rfm,
       active - debt - LEAST(held, GREATEST(active - debt, 0)) AS available, pending,
       LEAST(held, GREATEST(active - debt, 0)) AS held, debt
  FROM (
  SELECT {key}.member_id, m.email, m.phone, m.created_at AS enrolled_at, t.tier_code AS tier,
         coalesce(t.vip_code IS NOT NULL AND (t.vip_until IS NULL OR t.vip_until > :now), false) AS vip,
         coalesce(b.lifetime_earned, 0) AS lifetime_earned, b.last_activity_at, r.cell AS rfm,
         coalesce(b.debt, 0) AS debt, f.active, f.pending, h.held
    {source}
    LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id
    LEFT JOIN member_tiers t ON t.program_id = m.program_id AND t.member_id = m.member_id
   CROSS JOIN LATERAL (
     SELECT coalesce(sum(l.remaining) FILTER (WHERE l.available_at <= :now AND l.available_at >=
              CASE WHEN coalesce(b.last_activity_at, '-infinity') < :cutoff AND NOT EXISTS (
                     SELECT 1 FROM holds ha WHERE ha.program_id = m.program_id AND ha.member_id = m.member_id
                        AND ha.status = 'held' AND ha.expires_at > :now) THEN :cutoff
                   ELSE '-infinity'::timestamptz END), 0) AS active,
            coalesce(sum(l.remaining) FILTER (WHERE l.available_at > :now), 0) AS pending
       FROM lots l
      WHERE l.program_id = m.program_id AND l.member_id = m.member_id AND l.remaining > 0
        AND (l.expires_at IS NULL OR l.expires_at > :now)) f
   CROSS JOIN LATERAL (
     SELECT coalesce(sum(hd.points), 0) AS held FROM holds hd
      WHERE hd.program_id = m.program_id AND hd.member_id = m.member_id AND hd.status = 'held'
        AND hd.expires_at > :now) h
   WHERE {key}.program_id = :program_id AND m.status <> 'erased' {member_filters}
  ) s
 WHERE true {figure_filters}
 ORDER BY member_id
 {limit}
"""

# Walk all members in member_id order; an ``rfm`` filter instead walks that cell's or
# segment's index (in member_id order too) and looks each member up: a merge join with
# the members would read every member before the first match.
_ALL_MEMBERS = """FROM members m
    LEFT JOIN member_rfm r ON r.program_id = m.program_id AND r.member_id = m.member_id"""
_RFM_MEMBERS = """FROM member_rfm r
   CROSS JOIN LATERAL (SELECT * FROM members mm WHERE mm.program_id = r.program_id
                          AND mm.member_id = r.member_id OFFSET 0) m"""

_VIP = "(t.vip_code IS NOT NULL AND (t.vip_until IS NULL OR t.vip_until > :now))"
# A lot burns within the horizon if its own expiry or its inactivity deadline falls in
# (now, horizon]; the inactivity deadline has passed by ``h_cutoff`` exactly when the
# lot's clock (the later of its arrival and the member's last activity) started
# before it (expiry.rules.inactivity_cutoff). Lots already burned are skipped.
_EXPIRING = """
 AND EXISTS (SELECT 1 FROM lots x
              WHERE x.program_id = m.program_id AND x.member_id = m.member_id AND x.remaining > 0
                AND (x.expires_at IS NULL OR x.expires_at > :now)
                AND NOT (x.available_at < :cutoff AND coalesce(b.last_activity_at, '-infinity') < :cutoff)
                AND (x.expires_at <= :horizon
                     OR greatest(x.available_at, b.last_activity_at) < :h_cutoff))"""


@dataclass(frozen=True)
class SegmentQuery:
    sql: str
    params: dict[str, Any]


def _program(session: Session, program_id: uuid.UUID) -> Program:
    return session.get(Program, program_id)


def segment_query(program: Program, args: dict[str, Any], now: datetime, *, after: str | None = None,
                  limit: int | None = None) -> SegmentQuery:
    """The statement for the segment ``args`` describes (also used by the benchmark)."""
    expiry, tz = settings_of(program)
    days = expiry.get("inactivity_days")
    # No inactivity rule: a cutoff no instant is before.
    cutoff = expiry_rules.inactivity_cutoff(now, days, tz)
    params: dict[str, Any] = {"program_id": program.program_id, "now": now,
                              "cutoff": cutoff or datetime.min.replace(tzinfo=now.tzinfo)}
    member, figures = [], []
    if args.get("tier") is not None:
        member.append("AND t.tier_code = :tier")
        params["tier"] = args["tier"]
    if args.get("vip") is True:
        member.append(f"AND {_VIP}")
    elif args.get("vip") is False:
        member.append(f"AND NOT coalesce({_VIP}, false)")
    if args.get("rfm"):
        value = args["rfm"]
        member.append("AND r.cell = :rfm" if rules.is_cell(value) else "AND r.segment = :rfm")
        params["rfm"] = value
    if args.get("enrolled_from") is not None:
        member.append("AND m.created_at >= :enrolled_from")
        params["enrolled_from"] = args["enrolled_from"]
    if args.get("enrolled_to") is not None:
        member.append("AND m.created_at < :enrolled_to")
        params["enrolled_to"] = args["enrolled_to"]
    if args.get("inactive_days") is not None:
        # Never active counts from enrolment.
        member.append("AND coalesce(b.last_activity_at, m.created_at) < :inactive_since")
        params["inactive_since"] = now - timedelta(days=args["inactive_days"])
    if args.get("expiring_within_days") is not None:
        horizon = now + timedelta(days=args["expiring_within_days"])
        member.append(_EXPIRING)
        h_cutoff = expiry_rules.inactivity_cutoff(horizon, days, tz)
        params.update(horizon=horizon, h_cutoff=h_cutoff or params["cutoff"])
    key = "r" if args.get("rfm") else "m"
    if after is not None:
        member.append(f"AND {key}.member_id > :after")
        params["after"] = after
    if args.get("min_points") is not None:
        figures.append("AND active - debt - LEAST(held, GREATEST(active - debt, 0)) >= :min_points")
        params["min_points"] = args["min_points"]
    if args.get("max_points") is not None:
        figures.append("AND active - debt - LEAST(held, GREATEST(active - debt, 0)) <= :max_points")
        params["max_points"] = args["max_points"]
    if limit is not None:
        params["limit"] = limit
    sql = compose(_MEMBERS, source=_RFM_MEMBERS if key == "r" else _ALL_MEMBERS, key=key,
                  member_filters="\n     ".join(member), figure_filters=" ".join(figures),
                  limit="LIMIT :limit" if limit is not None else "")
    return SegmentQuery(sql, params)


def _item(row: Any) -> dict[str, Any]:
    return {"member_id": row.member_id, "email": row.email, "phone": row.phone, "tier": row.tier,
            "vip": bool(row.vip), "available": int(row.available), "pending": int(row.pending),
            "lifetime_earned": int(row.lifetime_earned), "last_activity_at": row.last_activity_at,
            "rfm": row.rfm, "enrolled_at": row.enrolled_at}


def _after(cursor: str | None) -> str | None:
    key = decode_cursor(cursor, 1)
    if key is None:
        return None
    if not isinstance(key[0], str):
        raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]})
    return key[0]


def members_page(session: Session, program_id: uuid.UUID, args: dict[str, Any], now: datetime) -> dict[str, Any]:
    """One page of the segment, in ``member_id`` order; ``cursor`` continues after the last one."""
    query = segment_query(_program(session, program_id), args, now, after=_after(args.get("cursor")),
                          limit=args["limit"] + 1)
    rows = session.execute(text(query.sql), query.params).all()
    return page([_item(row) for row in rows], args["limit"], lambda item: [item["member_id"]])


def segment_csv(session_factory: sessionmaker[Session], program_id: uuid.UUID, args: dict[str, Any],
                now: datetime) -> Iterator[str]:
    """The whole segment as CSV lines, read through a server-side cursor in batches.

    A session of its own (the request's transaction is committed before the body is
    sent), one read-only snapshot for the whole file; memory stays at one batch.
    """
    with session_factory() as session:
        session.execute(text("SET TRANSACTION READ ONLY"))
        query = segment_query(_program(session, program_id), args, now, after=_after(args.get("cursor")))
        result = session.execute(text(query.sql).execution_options(yield_per=CSV_BATCH), query.params)
        try:
            yield from rules.csv_lines(_item(row) for row in result)
        finally:
            result.close()
            session.rollback()


# --- RFM -----------------------------------------------------------------------------

def _segment_case() -> str:
    """``segments.rules.NAMED_SEGMENTS`` as a CASE over the scores r, f, m (first match wins)."""
    whens = []
    for segment in rules.NAMED_SEGMENTS:
        (r1, r2), (f1, f2), (m1, m2) = segment.recency, segment.frequency, segment.monetary
        whens.append(f"WHEN r BETWEEN {r1} AND {r2} AND f BETWEEN {f1} AND {f2} AND m BETWEEN {m1} AND {m2} "
                     f"THEN '{segment.name}'")
    return "CASE " + " ".join(whens) + " END"


# Kept orders: not cancelled nor fully returned; money is what was paid, net of returns
# (a partial return takes back the same share of the paid amount, as the tiers' spend).
# Ties break by the other two figures, then by member_id (deterministic): among members
# with as many orders, the one who spent more ranks higher.
_REFRESH = f"""
WITH kept AS (
  SELECT o.member_id, max(o.placed_at) AS last_order_at, count(*) AS orders,
         sum(round(o.paid_amount * (o.amount - o.returned_amount) / o.amount, 2)) AS spend
    FROM orders o
    JOIN members mm ON mm.program_id = o.program_id AND mm.member_id = o.member_id AND mm.status <> 'erased'
   WHERE o.program_id = :program_id AND o.status NOT IN ('returned', 'cancelled') AND o.placed_at <= :now
   GROUP BY o.member_id
), scored AS (
  SELECT member_id, last_order_at, orders, spend,
         ntile(5) OVER (ORDER BY last_order_at, orders, spend, member_id) AS r,
         ntile(5) OVER (ORDER BY orders, spend, last_order_at, member_id) AS f,
         ntile(5) OVER (ORDER BY spend, orders, last_order_at, member_id) AS m
    FROM kept
), upserted AS (
  INSERT INTO member_rfm AS x (program_id, member_id, recency, frequency, monetary, cell, segment,
                               last_order_at, orders, spend, computed_at)
  SELECT :program_id, member_id, r, f, m, concat(r, f, m), {_segment_case()}, last_order_at, orders, spend, :now
    FROM scored
  ON CONFLICT (program_id, member_id) DO UPDATE
     SET recency = excluded.recency, frequency = excluded.frequency, monetary = excluded.monetary,
         cell = excluded.cell, segment = excluded.segment, last_order_at = excluded.last_order_at,
         orders = excluded.orders, spend = excluded.spend, computed_at = excluded.computed_at
   WHERE (x.cell, x.segment, x.last_order_at, x.orders, x.spend)
         IS DISTINCT FROM (excluded.cell, excluded.segment, excluded.last_order_at, excluded.orders, excluded.spend)
  RETURNING 1
), gone AS (
  DELETE FROM member_rfm g
   WHERE g.program_id = :program_id AND NOT EXISTS (SELECT 1 FROM scored s WHERE s.member_id = g.member_id)
  RETURNING 1
)
SELECT (SELECT count(*) FROM scored) AS scored, (SELECT count(*) FROM upserted) AS changed,
       (SELECT count(*) FROM gone) AS removed
"""


def refresh_rfm(session: Session, program_id: uuid.UUID, now: datetime) -> dict[str, int]:
    """Recompute the program's RFM scores in one statement; unchanged rows are not rewritten."""
    row = session.execute(text(_REFRESH), {"program_id": program_id, "now": now}).one()
    return {"scored": int(row.scored), "changed": int(row.changed), "removed": int(row.removed)}

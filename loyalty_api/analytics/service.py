"""Program analytics: the summary of a period and the RFM distribution.

The summary is exact and does not grow with the program's history (see
docs/segments-and-analytics.md): flows and enrolments come from per-day totals of
closed days (the ``analytics.rollup`` job step) plus a live scan of everything
outside them, outstanding points from the ledger invariant (``queries``), member and
tier counts from small indexes. Flows count ledger entries by ``created_at`` in
``[from, to)``; the outstanding points and the tier distribution are as of the
request (balances are computed from the lots against now, as the ledger does).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.analytics import queries
from loyalty_api.analytics import rules as analytics_rules
from loyalty_api.analytics.rollup import progress
from loyalty_api.errors import ValidationFailed
from loyalty_api.expiry import rules as expiry_rules
from loyalty_api.expiry.service import settings_of
from loyalty_api.programs.models import Program
from loyalty_api.programs.service import program_config
from loyalty_api.segments import rules

FLOWS = ("issued", "redeemed", "refunded", "reversed", "expired", "adjusted_out")
FOREVER = datetime(9999, 12, 31, tzinfo=timezone.utc)


def _ladder_order(program: Program) -> list[str]:
    return [tier["code"] for tier in (program_config(program).get("tiers") or [])]


def _ranges(start: datetime, end: datetime, rolled: tuple[datetime, datetime]) -> dict[str, Any]:
    """The parameters that place ``[start, end)`` against the rolled-up days."""
    split = analytics_rules.split_period(start, end, *rolled)
    live = list(split.live) + [(end, end)] * (2 - len(split.live))
    return {"live1_from": live[0][0], "live1_to": live[0][1], "live2_from": live[1][0], "live2_to": live[1][1],
            "days_from": split.days_from, "days_to": split.days_to,
            "rolled_from": rolled[0].date(), "rolled_to": rolled[1].date(),
            "before_from": analytics_rules.NEVER, "before_to": rolled[0],
            "after_from": rolled[1], "after_to": FOREVER}


def _inactivity(session: Session, program: Program, now: datetime) -> tuple[str, dict[str, Any]]:
    """Which lookup of the lots inactivity took applies, with its parameters."""
    expiry, tz = settings_of(program)
    cutoff = expiry_rules.inactivity_cutoff(now, expiry.get("inactivity_days"), tz)
    if cutoff is None:
        return "off", {}
    mark = session.execute(text("SELECT inactive_through, inactive_burned_at FROM expiry_progress"
                                " WHERE program_id = :program_id"), {"program_id": program.program_id}).first()
    floor = analytics_rules.inactivity_floor(mark.inactive_through if mark else None,
                                             mark.inactive_burned_at if mark else None, cutoff, now)
    if floor is None:
        return "all", {"cutoff": cutoff}
    return "since_floor", {"cutoff": cutoff, "floor": floor}


def outstanding_points(session: Session, program: Program, now: datetime,
                       params: dict[str, Any]) -> tuple[int, int]:
    """(outstanding, pending) now; ``params`` from ``_ranges``."""
    lookup, extra = _inactivity(session, program, now)
    row = session.execute(queries.OUTSTANDING[lookup], {**params, **extra, "now": now}).one()
    return int(row.entries) - int(row.expired) - int(row.taken), int(row.pending)


def summary(session: Session, program_id: uuid.UUID, start: datetime, end: datetime,
            now: datetime) -> dict[str, Any]:
    if start >= end:
        raise ValidationFailed("from must be before to", errors={"to": ["Must be after from."]})
    program = session.get(Program, program_id)
    config = program_config(program)
    rolled = progress(session, program_id) or (analytics_rules.NEVER, analytics_rules.NEVER)
    params = {"program_id": program_id, "from": start, "to": end, **_ranges(start, end, rolled)}
    period = session.execute(queries.PERIOD, params).one()
    active = period.active_members
    if active is None:  # someone was active at or after the period's end
        active = session.execute(queries.ACTIVE_MEMBERS, params).scalar()
    outstanding, pending = outstanding_points(session, program, now, params)
    counts = {row.tier: int(row.members) for row in session.execute(queries.TIERS, {"program_id": program_id})}
    ladder = _ladder_order(program)
    codes = [code for code in ladder if code in counts] + sorted(code for code in counts if code not in ladder)
    tiers = [{"tier": code, "members": counts[code]} for code in codes]
    total = int(period.total_members)
    tiers.append({"tier": None, "members": total - sum(counts.values())})
    point_value = Decimal(config["redeem"]["point_value"])
    return {
        "from": start, "to": end, "as_of": now,
        "points": {name: int(getattr(period, name)) for name in FLOWS},
        "outstanding": {"points": outstanding, "available": outstanding - pending, "pending": pending,
                        "point_value": point_value, "liability": rules.liability(outstanding, point_value),
                        "currency": program.currency},
        "breakage_rate": rules.breakage_rate(int(period.expired), int(period.redeemed)),
        "members": {"total": total, "active": int(active), "new": int(period.new_members)},
        "tier_distribution": tiers,
        "referral_conversions": int(period.referral_conversions),
    }


# Counted on the cell index alone (an index-only scan), minus the cells of erased
# members, who are few and whose rows stay until the next refresh: joining every
# scored member to ``members`` instead took most of the time at 1M members.
RFM_CELLS = text("""
SELECT c.cell, c.members - coalesce(e.members, 0) AS members
  FROM (SELECT cell, count(*) AS members FROM member_rfm WHERE program_id = :program_id GROUP BY cell) c
  LEFT JOIN (SELECT r.cell, count(*) AS members
               FROM members m
               JOIN member_rfm r ON r.program_id = m.program_id AND r.member_id = m.member_id
              WHERE m.program_id = :program_id AND m.status = 'erased'
              GROUP BY r.cell) e ON e.cell = c.cell
 WHERE c.members > coalesce(e.members, 0)
 ORDER BY c.cell DESC
""")
# The last change of any score, erased members' rows included (their scores changed
# then too); ``ix_member_rfm_computed`` answers it from the index's end.
RFM_COMPUTED_AT = text("SELECT max(computed_at) FROM member_rfm WHERE program_id = :program_id")
MEMBERS_NOW = text("""
SELECT (SELECT count(*) FROM members WHERE program_id = :program_id)
     - (SELECT count(*) FROM members WHERE program_id = :program_id AND status = 'erased')
""")


def rfm_distribution(session: Session, program_id: uuid.UUID) -> dict[str, Any]:
    """Members per RFM cell (only cells with members) and per named segment."""
    params = {"program_id": program_id}
    rows = session.execute(RFM_CELLS, params).all()
    cells = [{"cell": row.cell, "recency": int(row.cell[0]), "frequency": int(row.cell[1]),
              "monetary": int(row.cell[2]), "members": int(row.members)} for row in rows]
    by_segment = {name: 0 for name in rules.SEGMENT_NAMES}
    unnamed = 0
    for cell in cells:
        name = rules.named_segment(cell["recency"], cell["frequency"], cell["monetary"])
        if name is None:
            unnamed += cell["members"]
        else:
            by_segment[name] += cell["members"]
    segments = [{"segment": name, "members": count} for name, count in by_segment.items()]
    segments.append({"segment": None, "members": unnamed})
    scored = sum(cell["members"] for cell in cells)
    return {"cells": cells, "segments": segments, "scored_members": scored,
            "unscored_members": int(session.execute(MEMBERS_NOW, params).scalar()) - scored,
            "computed_at": session.execute(RFM_COMPUTED_AT, params).scalar()}

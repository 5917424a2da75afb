"""What a chunk changes, decided line by line against what the program already holds:
pure, the service looks the facts up and hands them in.

A line for a new member creates it with everything it carries; a line for a member
that already exists (an earlier chunk or import, or an enrolment) changes nothing of
its profile and credits only the lots not credited yet. A lot already imported
under the same (member, ``lot_ref``) with the same figures is skipped (a retry); with
other figures the line is refused. Lines are decided in order, so a referrer on an
earlier line of the same chunk counts as known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from loyalty_api.imports.rules import LineError, LotLine, MemberLine

LotFigures = tuple[int, datetime, "datetime | None"]


@dataclass(frozen=True)
class Known:
    """A member as it stands: ``status`` and ``debt`` (points owed)."""

    status: str
    debt: int


@dataclass
class Plan:
    new_members: list[MemberLine] = field(default_factory=list)
    new_lots: list[tuple[str, LotLine]] = field(default_factory=list)
    accepted: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(lot.points for _, lot in self.new_lots)


def plan_chunk(lines: list[MemberLine | LineError], members: Mapping[str, Known],
               lots: Mapping[tuple[str, str], LotFigures],
               identity_holders: Mapping[tuple[str, str], str] | None = None) -> Plan:
    plan = Plan()
    seen: dict[str, int] = {}
    created: set[str] = set()
    holders = dict(identity_holders or {})
    for line in lines:
        if isinstance(line, LineError):
            plan.errors.append(line)
            continue
        verdict = _refusal(line, seen, members, created, lots, holders)
        seen.setdefault(line.member_id, line.line)
        if verdict is not None:
            plan.errors.append(LineError(line.line, line.member_id, *verdict))
            continue
        plan.accepted += 1
        if line.member_id not in members:
            created.add(line.member_id)
            plan.new_members.append(line)
            holders.update({identity: line.member_id for identity in line.identities})
        plan.new_lots.extend((line.member_id, lot) for lot in line.lots if (line.member_id, lot.lot_ref) not in lots)
    return plan


def _refusal(line: MemberLine, seen: Mapping[str, int], members: Mapping[str, Known], created: set[str],
             lots: Mapping[tuple[str, str], LotFigures],
             holders: Mapping[tuple[str, str], str]) -> tuple[str, str] | None:
    """(code, detail) of the reason to refuse the line, or None."""
    if line.member_id in seen:
        return "duplicate_member", f"Member {line.member_id!r} is on line {seen[line.member_id]} of this chunk already"
    known = members.get(line.member_id)
    if known is not None and known.status in ("erased", "merged"):
        return f"member_{known.status}", f"Member {line.member_id!r} is {known.status}"
    for lot in line.lots:
        figures = lots.get((line.member_id, lot.lot_ref))
        if figures is not None and tuple(figures) != lot.figures:
            return "lot_conflict", (f"lot_ref {lot.lot_ref!r} was imported with other figures "
                                    f"({figures[0]} points, available {figures[1].isoformat()})")
    fresh_lots = [lot for lot in line.lots if (line.member_id, lot.lot_ref) not in lots]
    if known is not None and known.debt > 0 and fresh_lots:
        return "member_in_debt", f"Member {line.member_id!r} owes {known.debt} points; settle it before importing lots"
    if known is None:
        referrer = members.get(line.referred_by) if line.referred_by else None
        if line.referred_by and line.referred_by not in created and (
                referrer is None or referrer.status in ("erased", "merged")):
            return "unknown_referrer", (f"referred_by {line.referred_by!r} is not a member (import referrers "
                                        "on an earlier line or chunk)")
        for identity in line.identities:
            holder = holders.get(identity)
            if holder is not None and holder != line.member_id:
                return "identity_taken", f"The {identity[0]} {identity[1]!r} belongs to another member"
    return None

"""The summary's statements (``service.summary`` puts them together).

Flows and enrolments add the rolled-up days (``analytics_days``) inside the period to
a live scan of the entries (``ix_ledger_entries_created``, index-only) and members
(``ix_members_enrolled``) for the rest: at most two ranges, the period's partial
edges and the days not rolled up yet. Unused ranges are empty (``to`` = ``from``),
so every statement has one fixed text.

Outstanding points use the ledger invariant instead of reading every open lot: per
member the entries add up to the lots' remaining points minus debt (SPEC §3 rule 1),
so for the program

    outstanding = sum of all entries − lots past expiry not burned yet
                  − lots inactivity took, not burned yet (and not past expiry)

and debt drops out. The sum of all entries is the rolled-up days plus the entries
outside them; lots past expiry are a range of ``ix_lots_expiring`` (empty when the
expiry job keeps up); what inactivity took is looked for only where it can be since
the inactivity burn's watermark (see ``rules.inactivity_floor``).
"""

from __future__ import annotations

from sqlalchemy import text

from loyalty_api.ledger.rules import ACTIVITY_TYPES
from loyalty_api.sql import compose

ISSUED_TYPES = ("earn", "bonus", "referral")


def _in(types: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{name}'" for name in types) + ")"


def _live_entries(bounds: str) -> str:
    return (f"SELECT type AS kind, sign(points) AS sign, sum(points) AS points FROM ledger_entries"
            f" WHERE program_id = :program_id AND created_at >= :{bounds}_from AND created_at < :{bounds}_to"
            " GROUP BY 1, 2")


def _live_members(bounds: str) -> str:
    return (f"(SELECT count(*) FROM members WHERE program_id = :program_id"
            f" AND created_at >= :{bounds}_from AND created_at < :{bounds}_to)")


_DAYS = "program_id = :program_id AND day >= :{window}_from AND day < :{window}_to"

PERIOD = text(f"""
WITH flows AS (
  {_live_entries("live1")}
  UNION ALL
  {_live_entries("live2")}
  UNION ALL
  SELECT kind, sign, sum(points) FROM analytics_days WHERE {compose(_DAYS, window="days")} AND kind <> 'enrolled'
   GROUP BY 1, 2
)
SELECT coalesce(sum(points) FILTER (WHERE kind IN {_in(ISSUED_TYPES)} OR (kind = 'adjust' AND sign > 0)), 0)
         AS issued,
       coalesce(-sum(points) FILTER (WHERE kind = 'redeem'), 0) AS redeemed,
       coalesce(sum(points) FILTER (WHERE kind = 'refund'), 0) AS refunded,
       coalesce(-sum(points) FILTER (WHERE kind = 'reverse'), 0) AS reversed,
       coalesce(-sum(points) FILTER (WHERE kind = 'expire'), 0) AS expired,
       coalesce(-sum(points) FILTER (WHERE kind = 'adjust' AND sign < 0), 0) AS adjusted_out,
       {_live_members("live1")} + {_live_members("live2")}
         + (SELECT coalesce(sum(items), 0) FROM analytics_days WHERE {compose(_DAYS, window="days")} AND kind = 'enrolled')
         AS new_members,
       {_live_members("before")} + {_live_members("after")}
         + (SELECT coalesce(sum(items), 0) FROM analytics_days WHERE {compose(_DAYS, window="rolled")} AND kind = 'enrolled')
         - (SELECT count(*) FROM members WHERE program_id = :program_id AND status = 'erased') AS total_members,
       -- A member's last activity is the latest of its activity entries (the ledger
       -- writes both with the same instant), so when nobody was active at or after
       -- the period's end, the members active in it are those last active in it.
       CASE WHEN coalesce((SELECT max(last_activity_at) FROM balances WHERE program_id = :program_id),
                          '-infinity') < :to
            THEN (SELECT count(*) FROM balances WHERE program_id = :program_id
                     AND last_activity_at >= :from AND last_activity_at < :to) END AS active_members,
       (SELECT count(*) FROM referrals WHERE program_id = :program_id AND status = 'rewarded'
           AND rewarded_at >= :from AND rewarded_at < :to) AS referral_conversions
  FROM flows
""")

# Any period: the distinct members of its activity entries (an index-only range scan).
ACTIVE_MEMBERS = text(f"""
SELECT count(DISTINCT member_id) FROM ledger_entries
 WHERE program_id = :program_id AND created_at >= :from AND created_at < :to AND type IN {_in(ACTIVITY_TYPES)}
""")

_OPEN_LOT = "l.remaining > 0 AND (l.expires_at IS NULL OR l.expires_at > :now)"
_MEMBER = "b.program_id = l.program_id AND b.member_id = l.member_id"
# Lots (not past expiry) of members last active in a range, available before the cutoff.
_TAKEN_FROM_MEMBERS = f"""(SELECT coalesce(sum(l.remaining), 0) FROM balances b JOIN lots l ON {_MEMBER}
  WHERE b.program_id = :program_id AND {{members}} AND l.available_at < :cutoff AND {_OPEN_LOT})"""
# Lots that became available in [floor, cutoff) of members inactive since before the
# floor: born pending (ix_lots_pending_born), or available when written. The latter
# are refunds and adjustments (the ledger writes them available at once; an earn or
# redeem would have moved the member's activity past the floor), so their members
# show in an index-only scan of the entries written in [floor, cutoff).
_TAKEN_SINCE_FLOOR = f"""(SELECT coalesce(sum(l.remaining), 0) FROM lots l JOIN balances b ON {_MEMBER}
  WHERE l.program_id = :program_id AND l.available_at > l.created_at AND l.available_at >= :floor
    AND l.available_at < :cutoff AND {_OPEN_LOT} AND coalesce(b.last_activity_at, '-infinity') < :floor)
 + (SELECT coalesce(sum(l.remaining), 0) FROM balances b JOIN lots l ON {_MEMBER}
     WHERE b.program_id = :program_id AND coalesce(b.last_activity_at, '-infinity') < :floor
       AND b.member_id IN (SELECT member_id FROM ledger_entries WHERE program_id = :program_id
                              AND created_at >= :floor AND created_at < :cutoff AND points > 0
                              AND type NOT IN {_in(ACTIVITY_TYPES)})
       AND l.available_at <= l.created_at AND l.available_at >= :floor AND l.available_at < :cutoff
       AND {_OPEN_LOT})"""
TAKEN_BY_INACTIVITY = {
    "off": "0",
    "all": compose(_TAKEN_FROM_MEMBERS, members="(b.last_activity_at < :cutoff OR b.last_activity_at IS NULL)"),
    "since_floor": compose(_TAKEN_FROM_MEMBERS, members="b.last_activity_at >= :floor AND b.last_activity_at < :cutoff")
                   + "\n + " + _TAKEN_SINCE_FLOOR,
}

_OUTSTANDING = f"""
SELECT (SELECT coalesce(sum(points), 0) FROM analytics_days WHERE {compose(_DAYS, window="rolled")} AND kind <> 'enrolled')
       + (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = :program_id
             AND created_at < :before_to)
       + (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = :program_id
             AND created_at >= :after_from) AS entries,
       (SELECT coalesce(sum(remaining), 0) FROM lots
         WHERE program_id = :program_id AND remaining > 0 AND expires_at <= :now) AS expired,
       {{taken}} AS taken,
       -- Pending lots were born pending, or written after ``now`` (a write that
       -- committed between this request's clock and its snapshot).
       (SELECT coalesce(sum(remaining), 0) FROM lots WHERE program_id = :program_id
           AND available_at > created_at AND available_at > :now AND remaining > 0
           AND (expires_at IS NULL OR expires_at > :now))
       + (SELECT coalesce(sum(l.remaining), 0) FROM ledger_entries e
            JOIN lots l ON l.program_id = e.program_id AND l.lot_id = e.entry_id
           WHERE e.program_id = :program_id AND e.created_at > :now AND e.points > 0
             AND l.available_at <= l.created_at AND l.available_at > :now AND {_OPEN_LOT}) AS pending
"""
OUTSTANDING = {name: text(compose(_OUTSTANDING, taken=taken)) for name, taken in TAKEN_BY_INACTIVITY.items()}

# Tier rows of erased members stay (the ledger and tier history are kept), so they
# are taken off the index-only counts per tier.
TIERS = text("""
SELECT tier, sum(members) AS members FROM (
  SELECT tier_code AS tier, count(*) AS members FROM member_tiers
   WHERE program_id = :program_id AND tier_code IS NOT NULL GROUP BY tier_code
  UNION ALL
  SELECT t.tier_code, -count(*) FROM members m
    JOIN member_tiers t ON t.program_id = m.program_id AND t.member_id = m.member_id
   WHERE m.program_id = :program_id AND m.status = 'erased' AND t.tier_code IS NOT NULL GROUP BY t.tier_code
) counts GROUP BY tier HAVING sum(members) > 0
""")

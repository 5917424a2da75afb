"""The SQL of a merge. Every statement names the program and the two members.

Lots move in one statement: each source lot with points left is emptied, with a
``transfer_out`` entry on the source (naming the lot it drew from) and a
``transfer_in`` entry on the target (naming the same source lot, for the record)
whose new lot keeps the source lot's ``available_at``, ``expires_at``, age
(``created_at``, the spending tie-break) and ``order_id`` (a later return of that
order takes its points back from this lot first).
"""

from __future__ import annotations

from sqlalchemy import text

MOVE_LOTS = text("""
WITH src AS (
  SELECT lot_id, remaining, available_at, expires_at, created_at, order_id FROM lots
   WHERE program_id = :program_id AND member_id = :source_id AND remaining > 0
), emptied AS (
  UPDATE lots SET remaining = 0 FROM src WHERE lots.program_id = :program_id AND lots.lot_id = src.lot_id
), outs AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, order_id, lot_id, reason, actor)
  SELECT :program_id, :source_id, 'transfer_out', -remaining, :now, order_id, lot_id, :out_reason, :actor
    FROM src ORDER BY expires_at NULLS LAST, created_at, lot_id
), ins AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, order_id, lot_id, reason, actor,
                              available_at, expires_at)
  SELECT :program_id, :target_id, 'transfer_in', remaining, :now, order_id, lot_id, :in_reason, :actor,
         available_at, expires_at
    FROM src ORDER BY expires_at NULLS LAST, created_at, lot_id
  RETURNING entry_id, lot_id AS from_lot, points
), new_lots AS (
  INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                    created_at, order_id)
  SELECT :program_id, ins.entry_id, :target_id, ins.entry_id, ins.points, ins.points, src.available_at,
         src.expires_at, src.created_at, src.order_id
    FROM ins JOIN src ON src.lot_id = ins.from_lot
)
SELECT ins.from_lot, ins.entry_id AS to_lot, ins.points, src.available_at > :now AS pending
  FROM ins JOIN src ON src.lot_id = ins.from_lot
""")

# A debt (points owed after a return under allow_negative) moves as a debt: a credit
# on the source that pays its debt at once (a lot with nothing left, as when a new
# earn pays a debt) and a debit on the target that becomes the target's debt.
MOVE_DEBT = text("""
WITH paid AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, reason, actor, available_at)
  VALUES (:program_id, :source_id, 'transfer_in', :debt, :now, :out_reason, :actor, :now)
  RETURNING entry_id, points
), paid_lot AS (
  INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, created_at)
  SELECT :program_id, entry_id, :source_id, entry_id, points, 0, :now, :now FROM paid
), owed AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, reason, actor)
  VALUES (:program_id, :target_id, 'transfer_out', -CAST(:debt AS bigint), :now, :in_reason, :actor)
)
SELECT entry_id FROM paid
""")

# The balance rows: the target takes the debt, the lifetime figure and the later
# activity; the source's row is closed (``merged``).
MOVE_BALANCE = text("""
WITH source AS (
  UPDATE balances s SET debt = 0, lifetime_earned = 0, merged = true, updated_at = :now
    FROM balances old
   WHERE s.program_id = :program_id AND s.member_id = :source_id
     AND old.program_id = s.program_id AND old.member_id = s.member_id
  RETURNING old.debt, old.lifetime_earned, old.last_activity_at
)
UPDATE balances t SET debt = t.debt + source.debt, lifetime_earned = t.lifetime_earned + source.lifetime_earned,
       last_activity_at = GREATEST(t.last_activity_at, source.last_activity_at), updated_at = :now
  FROM source
 WHERE t.program_id = :program_id AND t.member_id = :target_id
""")

ACTIVE_HOLDS = text("""
SELECT count(*) FROM holds
 WHERE program_id = :program_id AND member_id = :source_id AND status = 'held' AND expires_at > :now
""")

# Rows that simply change hands. Where the target already has a row with the same
# natural key (an event id both accounts used, the coupon an event rule gave both),
# the source's row stays where it is: the target's own one answers for that key.
MOVE_ROWS = {
    "orders": "UPDATE orders SET member_id = :target_id WHERE program_id = :program_id AND member_id = :source_id",
    "holds": "UPDATE holds SET member_id = :target_id WHERE program_id = :program_id AND member_id = :source_id",
    "coupons": """
UPDATE coupons c SET member_id = :target_id WHERE c.program_id = :program_id AND c.member_id = :source_id
   AND (c.event_id IS NULL OR NOT EXISTS (
        SELECT FROM coupons t WHERE t.program_id = :program_id AND t.member_id = :target_id
           AND t.event_id = c.event_id AND t.rule_id IS NOT DISTINCT FROM c.rule_id))""",
    "events": """
UPDATE member_events e SET member_id = :target_id WHERE e.program_id = :program_id AND e.member_id = :source_id
   AND NOT EXISTS (SELECT FROM member_events t WHERE t.program_id = :program_id AND t.member_id = :target_id
                      AND t.event_id = e.event_id)""",
    "rule_awards": """
UPDATE rule_awards a SET member_id = :target_id WHERE a.program_id = :program_id AND a.member_id = :source_id
   AND NOT EXISTS (SELECT FROM rule_awards t WHERE t.program_id = :program_id AND t.member_id = :target_id
                      AND t.rule_id = a.rule_id AND t.event_id = a.event_id)""",
    "identities": """
UPDATE member_identities SET member_id = :target_id WHERE program_id = :program_id AND member_id = :source_id""",
    # Referrals both ways; a link between the two members themselves stays (it would
    # make the target its own referrer), and a member keeps one referrer: the
    # target's own link wins over the source's.
    "referrals_made": """
UPDATE referrals SET referrer_id = :target_id WHERE program_id = :program_id AND referrer_id = :source_id
   AND referee_id <> :target_id""",
    "referral_received": """
UPDATE referrals SET referee_id = :target_id WHERE program_id = :program_id AND referee_id = :source_id
   AND referrer_id <> :target_id
   AND NOT EXISTS (SELECT FROM referrals t WHERE t.program_id = :program_id AND t.referee_id = :target_id)""",
}

# A referral's reward lots moved with the rest: its takeback must find the new ones.
REPOINT_REFERRAL_LOTS = text("""
WITH moved AS (
  SELECT * FROM unnest(CAST(:from_lots AS bigint[]), CAST(:to_lots AS bigint[])) AS m(from_lot, to_lot)
)
UPDATE referrals r
   SET referrer_lot_id = coalesce((SELECT to_lot FROM moved WHERE from_lot = r.referrer_lot_id), r.referrer_lot_id),
       referee_lot_id = coalesce((SELECT to_lot FROM moved WHERE from_lot = r.referee_lot_id), r.referee_lot_id)
 WHERE r.program_id = :program_id
   AND (r.referrer_lot_id IN (SELECT from_lot FROM moved) OR r.referee_lot_id IN (SELECT from_lot FROM moved))
""")

# Announcements made for a moved lot (activated, expiring soon) count for its new
# lot too: the member is not told twice about the same points.
CARRY_LOT_NOTICES = text("""
INSERT INTO expiry_lot_notices (program_id, lot_id, kind, member_id, created_at)
SELECT n.program_id, moved.to_lot, n.kind, :target_id, n.created_at
  FROM expiry_lot_notices n
  JOIN unnest(CAST(:from_lots AS bigint[]), CAST(:to_lots AS bigint[])) AS moved(from_lot, to_lot)
    ON moved.from_lot = n.lot_id
 WHERE n.program_id = :program_id
ON CONFLICT DO NOTHING
""")

# The members' rows: who the source referred now count as the target's referees, a
# member merged into the source earlier now points at the target (``merged_into``
# always names an active member), and the source is closed.
CLOSE_SOURCE = text("""
WITH referred AS (
  UPDATE members SET referred_by = :target_id
   WHERE program_id = :program_id AND referred_by = :source_id AND member_id <> :target_id
), chained AS (
  UPDATE members SET merged_into = :target_id
   WHERE program_id = :program_id AND merged_into = :source_id
)
UPDATE members SET status = 'merged', merged_into = :target_id, updated_at = :now
 WHERE program_id = :program_id AND member_id = :source_id
""")

# The target takes the source's referrer when it had none and the link moved.
ADOPT_REFERRER = text("""
UPDATE members t SET referred_by = r.referrer_id
  FROM referrals r
 WHERE t.program_id = :program_id AND t.member_id = :target_id AND t.referred_by IS NULL
   AND r.program_id = :program_id AND r.referee_id = :target_id
""")

DROP_SOURCE_TIER = text("DELETE FROM member_tiers WHERE program_id = :program_id AND member_id = :source_id")

"""The set-based statements of a chunk: each takes whole columns as arrays (unnest)
and writes every line of the chunk at once, never a loop of single-row inserts.

Every statement names ``program_id``. Locks: the members' ``balances`` rows first, in
member-id order (the ledger's lock order), then the import's row at the very end (it
numbers the chunk and orders it against ``complete``), so it is held only for the
last inserts and the COMMIT.
"""

from __future__ import annotations

from sqlalchemy import text

# The chunk's members and the referrers it names, as they stand.
KNOWN_MEMBERS = text("""
SELECT m.member_id, m.status, coalesce(b.debt, 0) AS debt
  FROM members m
  LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id
 WHERE m.program_id = :program_id AND m.member_id = ANY(CAST(:member_ids AS text[]))
""")

# Lots already imported for the chunk's members (the caller keeps the keys it sent):
# ``= ANY`` on the key's leading columns is an index scan whatever the statistics say
# in the middle of a large import.
KNOWN_LOTS = text("""
SELECT member_id, lot_ref, points, available_at, expires_at
  FROM import_lots
 WHERE program_id = :program_id AND member_id = ANY(CAST(:member_ids AS text[]))
""")

# Holders of the chunk's identifiers (the caller keeps the exact pairs it sent).
KNOWN_IDENTITIES = text("""
SELECT type, value, member_id
  FROM member_identities
 WHERE program_id = :program_id AND type = ANY(CAST(:types AS text[]))
   AND value = ANY(CAST(:identity_values AS text[]))
""")

# ON CONFLICT on the member id only: a concurrent chunk creating the same member wins
# and this one skips it; a referral-code clash raises (the caller draws new codes).
INSERT_MEMBERS = text("""
INSERT INTO members (program_id, member_id, referral_code, referred_by, email, phone, birthday, attributes,
                     status, created_at, updated_at)
SELECT :program_id, g.member_id, g.code, g.referred_by, g.email, g.phone, g.birthday, CAST(g.attributes AS jsonb),
       'active', coalesce(g.joined_at, :now), :now
  FROM unnest(CAST(:member_ids AS text[]), CAST(:codes AS text[]), CAST(:referred_by AS text[]),
              CAST(:emails AS text[]), CAST(:phones AS text[]), CAST(:birthdays AS date[]),
              CAST(:attributes AS text[]), CAST(:joined_at AS timestamptz[]))
       AS g(member_id, code, referred_by, email, phone, birthday, attributes, joined_at)
ON CONFLICT (program_id, member_id) DO NOTHING
RETURNING member_id
""")

# Creates the balance rows of new members and locks those of every member receiving
# lots, in member-id order; answers each one's debt.
LOCK_BALANCES = text("""
INSERT INTO balances AS b (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at, updated_at)
SELECT :program_id, g.member_id, 0, 0, :now, :now, :now
  FROM unnest(CAST(:member_ids AS text[])) AS g(member_id)
 ORDER BY g.member_id
ON CONFLICT (program_id, member_id) DO UPDATE SET updated_at = excluded.updated_at
RETURNING b.member_id, b.debt
""")

# One statement: claim each (member, lot_ref), then write the claimed lots' ledger
# entries (type ``import``, the lot's own dates) and lots. A key claimed meanwhile by
# another chunk is skipped whole. Foreign keys are checked at the statement's end.
INSERT_LOTS = text("""
WITH given AS (
  SELECT nextval(pg_get_serial_sequence('ledger_entries', 'entry_id')) AS entry_id, g.*
    FROM unnest(CAST(:member_ids AS text[]), CAST(:lot_refs AS text[]), CAST(:points AS bigint[]),
                CAST(:available_at AS timestamptz[]), CAST(:expires_at AS timestamptz[]), CAST(:reasons AS text[]))
         WITH ORDINALITY AS g(member_id, lot_ref, points, available_at, expires_at, reason, n)
), claimed AS (
  INSERT INTO import_lots (program_id, member_id, lot_ref, import_id, entry_id, points, available_at, expires_at)
  SELECT :program_id, member_id, lot_ref, :import_id, entry_id, points, available_at, expires_at
    FROM given ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING entry_id
), mine AS (
  SELECT g.* FROM given g JOIN claimed c ON c.entry_id = g.entry_id
), entries AS (
  INSERT INTO ledger_entries (program_id, entry_id, member_id, type, points, created_at, reason, actor,
                              available_at, expires_at)
  SELECT :program_id, entry_id, member_id, 'import', points, :now, reason, :actor, available_at, expires_at
    FROM mine
)
INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at, created_at)
SELECT :program_id, entry_id, member_id, entry_id, points, points, available_at, expires_at, :now FROM mine
RETURNING points
""")

INSERT_TIERS = text("""
INSERT INTO member_tiers (program_id, member_id, tier_code, earned_code, earned_at, earned_expires_at,
                          vip_code, vip_until, vip_reason, vip_granted_at, updated_at)
SELECT :program_id, g.member_id, g.tier_code, g.earned_code, g.earned_at, g.earned_expires_at,
       g.vip_code, g.vip_until, g.vip_reason, CASE WHEN g.vip_code IS NOT NULL THEN :now END, :now
  FROM unnest(CAST(:member_ids AS text[]), CAST(:tier_codes AS text[]), CAST(:earned_codes AS text[]),
              CAST(:earned_at AS timestamptz[]), CAST(:earned_expires_at AS timestamptz[]),
              CAST(:vip_codes AS text[]), CAST(:vip_until AS timestamptz[]), CAST(:vip_reasons AS text[]))
       AS g(member_id, tier_code, earned_code, earned_at, earned_expires_at, vip_code, vip_until, vip_reason)
ON CONFLICT (program_id, member_id) DO NOTHING
""")

INSERT_METRICS = text("""
INSERT INTO imported_metrics (program_id, member_id, metric, value, counted_at, import_id)
SELECT :program_id, g.member_id, :metric, g.value, :now, :import_id
  FROM unnest(CAST(:member_ids AS text[]), CAST(:metric_values AS numeric[])) AS g(member_id, value)
ON CONFLICT (program_id, member_id) DO NOTHING
""")

# Imported links are history: ``qualified`` (the old system settled any reward), so no
# referral points are paid again on the referee's next order.
INSERT_REFERRALS = text("""
INSERT INTO referrals (program_id, referee_id, referrer_id, status, referrer_points, referee_points, created_at)
SELECT :program_id, g.referee_id, g.referrer_id, 'qualified', 0, 0, :now
  FROM unnest(CAST(:referee_ids AS text[]), CAST(:referrer_ids AS text[])) AS g(referee_id, referrer_id)
ON CONFLICT (program_id, referee_id) DO NOTHING
""")

# Numbers the chunk, and refuses it once the import is completed.
NEXT_CHUNK = text("""
UPDATE imports SET chunks = chunks + 1
 WHERE program_id = :program_id AND import_id = :import_id AND status = 'open'
RETURNING chunks
""")

INSERT_CHUNK = text("""
INSERT INTO import_chunks (program_id, import_id, digest, chunk, accepted, rejected, members, lots, points,
                           created_at)
VALUES (:program_id, :import_id, :digest, :chunk, :accepted, :rejected, :members, :lots, :points, :now)
ON CONFLICT (program_id, import_id, digest) DO NOTHING
RETURNING chunk
""")

INSERT_ERRORS = text("""
INSERT INTO import_errors (program_id, import_id, chunk, line, member_id, code, detail)
SELECT :program_id, :import_id, :chunk, g.line, g.member_id, g.code, g.detail
  FROM unnest(CAST(:lines AS integer[]), CAST(:member_ids AS text[]), CAST(:codes AS text[]),
              CAST(:details AS text[])) AS g(line, member_id, code, detail)
""")

# After a large import the planner's statistics of these tables are stale (tables that
# were empty look empty); reads that join them (the balance export, segments) need them.
ANALYZE = text("ANALYZE members, balances, lots, ledger_entries, member_tiers, import_lots, imported_metrics")

COUNTS = text("""
SELECT coalesce(sum(members), 0) AS members, coalesce(sum(lots), 0) AS lots, coalesce(sum(points), 0) AS points,
       coalesce(sum(rejected), 0) AS rejected, coalesce(sum(accepted), 0) AS accepted
  FROM import_chunks WHERE program_id = :program_id AND import_id = :import_id
""")

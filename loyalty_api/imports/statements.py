"""The set-based statements of a chunk: each writes every line of the chunk at once,
never a loop of single-row inserts.

A chunk's rows travel as one JSON parameter, an array of positional arrays
(``service._rows``: orjson in C, where binding one array per column cost Python
about a microsecond a value), unpacked by ``jsonb_array_elements``; short lists of ids
stay arrays. Lookups name the chunk's ids with ``= ANY(array)`` on the key's index
(program_id, member_id, …), never a join of the ids to the table: the statistics are
stale in the middle of a large import, and a join the planner turns into a scan of
all the program's rows per chunk grows with the import; an array on the index's
leading columns stays an index scan whatever the statistics say. (A lateral subquery
fenced with ``OFFSET 0`` did the same on one server, but Citus refuses an OFFSET or
LIMIT in a lateral subquery over a table function such as ``unnest``.)

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

# Lots already imported for the chunk's known members (the caller keeps the keys it sent).
KNOWN_LOTS = text("""
SELECT l.member_id, l.lot_ref, l.points, l.available_at, l.expires_at
  FROM import_lots l
 WHERE l.program_id = :program_id AND l.member_id = ANY(CAST(:member_ids AS text[]))
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
SELECT :program_id, r->>0, r->>1, r->>2, r->>3, r->>4, CAST(r->>5 AS date), CAST(r->6 AS jsonb),
       'active', coalesce(CAST(r->>7 AS timestamptz), :now), :now
  FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS g(r)  -- [member_id, code, referred_by, email, phone,
                                                           --  birthday, attributes, joined_at]
ON CONFLICT (program_id, member_id) DO NOTHING
RETURNING member_id
""")

# Creates the balance rows of new members and locks those of every member receiving
# lots, in member-id order; answers how many it locked. A member merged away while the
# chunk waited for its lock is not counted (``balances.merged``, as the ledger's lock).
LOCK_BALANCES = text("""
WITH locked AS (
  INSERT INTO balances AS b (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at,
                            updated_at)
  SELECT :program_id, g.member_id, 0, 0, :now, :now, :now
    FROM unnest(CAST(:member_ids AS text[])) AS g(member_id)
   ORDER BY g.member_id
  ON CONFLICT (program_id, member_id) DO UPDATE SET updated_at = excluded.updated_at
   WHERE NOT b.merged
  RETURNING b.member_id
)
SELECT count(*) FROM locked
""")

# One statement: claim each (member, lot_ref), then write the claimed lots' ledger
# entries (type ``import``, the lot's own dates) and lots. A key claimed meanwhile by
# another chunk is skipped whole. Foreign keys are checked at the statement's end.
INSERT_LOTS = text("""
WITH given AS (
  -- The sequence is looked up once (an init plan), not once a row (catalog lookups each time).
  SELECT nextval((SELECT CAST(pg_get_serial_sequence('ledger_entries', 'entry_id') AS regclass))) AS entry_id, g.n,
         g.r->>0 AS member_id, g.r->>1 AS lot_ref, CAST(g.r->>2 AS bigint) AS points,
         CAST(g.r->>3 AS timestamptz) AS available_at, CAST(g.r->>4 AS timestamptz) AS expires_at, g.r->>5 AS reason
    FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS g(r, n)  -- [member_id, lot_ref, points,
                                                                                --  available_at, expires_at, reason]
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
), credited AS (
  INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                    created_at)
  SELECT :program_id, entry_id, member_id, entry_id, points, points, available_at, expires_at, :now FROM mine
  RETURNING points
)
SELECT count(*) AS lots, coalesce(sum(points), 0) AS points FROM credited
""")

INSERT_TIERS = text("""
INSERT INTO member_tiers (program_id, member_id, tier_code, earned_code, earned_at, earned_expires_at,
                          vip_code, vip_until, vip_reason, vip_granted_at, updated_at)
SELECT :program_id, r->>0, r->>1, r->>2, CAST(r->>3 AS timestamptz), CAST(r->>4 AS timestamptz),
       r->>5, CAST(r->>6 AS timestamptz), r->>7, CASE WHEN r->>5 IS NOT NULL THEN :now END, :now
  FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS g(r)  -- [member_id, tier_code, earned_code, earned_at,
                                                           --  earned_expires_at, vip_code, vip_until, vip_reason]
ON CONFLICT (program_id, member_id) DO NOTHING
""")

INSERT_METRICS = text("""
INSERT INTO imported_metrics (program_id, member_id, metric, value, counted_at, import_id)
SELECT :program_id, r->>0, :metric, CAST(r->>1 AS numeric), :now, :import_id
  FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS g(r)  -- [member_id, value]
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

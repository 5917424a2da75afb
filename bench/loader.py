"""The data set, loaded with set-based SQL (generate_series), never through HTTP.

One program, an API client and its token; members m1..mN; for each member a
history of orders and ledger entries (see ``load_history``); and the baseline's
TPC-B-like tables. Members are m1..mN so that the Lua scripts can pick one at
random without a list.
"""

from __future__ import annotations

import sys
import time
import uuid
from dataclasses import dataclass

import psycopg

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.referrals.rules import REFERRAL_ALPHABET

BENCH_SETTINGS = {
    "earn": {"points_per_unit": 1, "excluded_categories": ["gift_cards"], "excluded_skus": []},
    "redeem": {"point_value": "1.00", "min_points": 100, "max_order_share": "0.5"},
    "pending_days": 14, "timezone": "Europe/Moscow",
    "expiry": {"mode": "days", "days": 365, "inactivity_days": None, "warn_days": 14},
}
SCOPES = ["checkout", "members:read", "members:write"]


@dataclass
class DataSet:
    program_id: uuid.UUID
    token: str
    members: int
    entries: int
    seconds: float


def _referral_code_sql(column: str) -> str:
    """A unique 8-character code from an integer, in the referral alphabet."""
    base = len(REFERRAL_ALPHABET)
    digits = [f"substr('{REFERRAL_ALPHABET}', (({column} / {base ** i}) %% {base})::int + 1, 1)"
              for i in range(8)]
    return " || ".join(digits)


def create_program(app) -> tuple[uuid.UUID, str]:
    from loyalty_api.db import unit_of_work
    from loyalty_api.http.auth import issue_token
    from loyalty_api.programs import service

    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        program = service.create_program(uow.session, name="Bench shop", currency="RUB",
                                         settings=BENCH_SETTINGS)
        client, _secret = service.create_client(uow.session, program_id=program.program_id,
                                                name="bench", scopes=SCOPES, actor=OPERATOR)
        uow.commit()
    with app.app_context():
        token = issue_token(subject=client.client_id, token_type="client", scopes=client.scopes,
                            program_id=program.program_id, ttl_seconds=6 * 3600)
    return program.program_id, token


MEMBERS_SQL = f"""
INSERT INTO members (program_id, member_id, referral_code, email, attributes, status, created_at, updated_at)
SELECT %(p)s, 'm' || i, {_referral_code_sql('i')}, 'm' || i || '@example.com', '{{}}'::jsonb, 'active',
       now() - make_interval(days => (i %% 700)), now() - make_interval(days => (i %% 700))
  FROM generate_series(%(lo)s::int, %(hi)s::int) AS i
 ORDER BY 'm' || i
"""


def load_baseline(conn: psycopg.Connection, accounts: int) -> None:
    conn.execute("""
        CREATE TABLE bench_accounts (aid int PRIMARY KEY, abalance int NOT NULL, filler char(84));
        CREATE TABLE bench_tellers (tid int PRIMARY KEY, tbalance int NOT NULL, filler char(84));
        CREATE TABLE bench_branches (bid int PRIMARY KEY, bbalance int NOT NULL, filler char(88));
        CREATE TABLE bench_history (tid int, bid int, aid int, delta int, mtime timestamptz, filler char(22));
    """)
    conn.execute("INSERT INTO bench_accounts SELECT i, 0, '' FROM generate_series(1, %s) i", (accounts,))
    conn.execute("INSERT INTO bench_tellers SELECT i, 0, '' FROM generate_series(1, 1000) i")
    conn.execute("INSERT INTO bench_branches SELECT i, 0, '' FROM generate_series(1, 100) i")


class StepClock:
    """Prints how long each loading step took (to stderr: the report stays clean)."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def __call__(self, step: str) -> None:
        now = time.monotonic()
        print(f"  loaded {step} in {now - self.last:.1f} s", file=sys.stderr, flush=True)
        self.last = now


def load(app, url: str, members: int, *, with_ledger: bool, hot_member: str) -> DataSet:
    from bench import history

    started = time.monotonic()
    program_id, token = create_program(app)
    clock = StepClock()
    history.in_parallel(url, MEMBERS_SQL, {"p": program_id}, members)
    with psycopg.connect(url) as conn:
        # The hot member starts with no history, so its lifetime_earned after the
        # run is exactly the sum of the earns the service committed.
        conn.execute("INSERT INTO members (program_id, member_id, referral_code, attributes, status) "
                     "VALUES (%s, %s, 'HHHHHHHHH', '{}', 'active')", (program_id, hot_member))
        load_baseline(conn, members)
    clock("members and baseline tables")
    entries = history.load(url, program_id, members, clock) if with_ledger else 0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    clock("VACUUM ANALYZE")
    return DataSet(program_id, token, members, entries, time.monotonic() - started)

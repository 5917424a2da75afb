"""The baseline: the least a Python web service on this stack does per write.

Plain Flask and one psycopg connection per worker thread, no ORM, no schemas, no auth:
parse a JSON body, run a TPC-B-like transaction (3 updates, 1 insert, commit),
answer JSON. Served by the same gunicorn settings as the real app, its throughput
is what the real app's order path is measured against.

Tables (created by bench/loader.py): bench_accounts, bench_tellers (1,000),
bench_branches (100), bench_history. More branches than pgbench's one per scale
unit, so that the baseline, like orders for random members, has no single hot row.
"""

from __future__ import annotations

import os
import threading

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)
# One connection per thread (gunicorn's gthread workers run several per process), as
# a plain psycopg app would hold it: a connection carries one transaction at a time.
_local = threading.local()


def connection() -> psycopg.Connection:
    conn = getattr(_local, "connection", None)
    if conn is None or conn.closed:
        conn = _local.connection = psycopg.connect(os.environ["DATABASE_URL"], application_name="bench-baseline")
    return conn


@app.post("/tx")
def transfer():
    body = request.get_json()
    aid, tid, bid, delta = int(body["aid"]), int(body["tid"]), int(body["bid"]), int(body["delta"])
    conn = connection()
    try:
        with conn.cursor() as cur:
            cur.execute("UPDATE bench_accounts SET abalance = abalance + %s WHERE aid = %s RETURNING abalance",
                        (delta, aid))
            balance = cur.fetchone()[0]
            cur.execute("UPDATE bench_tellers SET tbalance = tbalance + %s WHERE tid = %s", (delta, tid))
            cur.execute("UPDATE bench_branches SET bbalance = bbalance + %s WHERE bid = %s", (delta, bid))
            cur.execute("INSERT INTO bench_history (tid, bid, aid, delta, mtime) VALUES (%s, %s, %s, %s, now())",
                        (tid, bid, aid, delta))
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    return jsonify({"aid": aid, "balance": balance}), 201


@app.get("/healthz")
def health():
    return {"status": "ok"}

"""The same-work baseline: what an order costs a Python service on this stack when it
writes exactly the rows the service writes and nothing else runs in between.

Plain Flask and one psycopg connection per worker thread (as bench/baseline_app.py),
no auth, no schemas, no ORM, one transaction per request, against the service's own
migrated tables and indexes (the benchmark database): the statements are the
service's (bench/order_sql.py). ``POST /v1/orders`` writes the order, its outbox
event(s), the balance update, its ledger entry and lot (and, capturing a hold, the
capture, the redeem entry and its lot draws) and the idempotency record;
``POST /v1/checkout/quote`` and ``POST /v1/holds`` do the quote's reads and the
hold's writes. The paths and bodies are the service's, so bench/lua/order.lua and
flow.lua drive both. Earn rule: one point per unit of the lines' value after the
discount, as the bench program's base rate gives (no rules, no tiers).

Environment: DATABASE_URL, BENCH_PROGRAM (the program's id). The caller recorded
with the idempotency keys is ``baseline``.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import psycopg
from flask import Flask, Response, request

from bench import order_sql as sql

app = Flask(__name__)
_local = threading.local()
CALLER = "baseline"
EXPIRES_AFTER = timedelta(days=365)  # the bench program's expiry (days mode), at the day's end
HOLD_TTL = timedelta(minutes=15)


def connection() -> psycopg.Connection:
    conn = getattr(_local, "connection", None)
    if conn is None or conn.closed:
        conn = _local.connection = psycopg.connect(os.environ["DATABASE_URL"], application_name="bench-baseline-order")
    return conn


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _answer(status: int, document: dict) -> Response:
    return Response(json.dumps(document, separators=(",", ":")), status, mimetype="application/json")


def _write(path: str, work) -> Response:
    """One transaction: claim the key, do the work, record the answer with the key."""
    raw = request.get_data()
    body = json.loads(raw)
    key = request.headers["Idempotency-Key"]
    program_id = os.environ["BENCH_PROGRAM"]
    conn = connection()
    try:
        with conn.cursor() as cur:
            cur.execute(sql.CLAIM, {"lock_name": f"{program_id}|{CALLER}|POST|{path}|{key}", "program_id": program_id,
                                    "caller": CALLER, "key": key, "method": "POST", "path": path})
            locked, _hash, stored_status, stored_body, _type = cur.fetchone()
            if not locked:
                conn.rollback()
                return _answer(409, {"code": "idempotency_in_progress"})
            if stored_status is not None:
                conn.rollback()
                return Response(bytes(stored_body), stored_status, mimetype="application/json")
            args = {"program_id": program_id, "member_id": body["member_id"], "now": datetime.now(UTC),
                    "request_hash": hashlib.sha256(raw).hexdigest()}
            status, document = work(cur, body, args)
            answer = json.dumps(document, separators=(",", ":")).encode()
            if status < 300:
                cur.execute(sql.RECORD_KEY, {**args, "caller": CALLER, "key": key, "path": path,
                                             "status": status, "body": answer})
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    return Response(answer, status, mimetype="application/json")


def _points(body: dict, discount: Decimal) -> int:
    total = sum(Decimal(line["unit_price"]) * line["quantity"] for line in body["lines"])
    return max(int(total - discount), 0)


def _order(cur, body: dict, args: dict) -> tuple[int, dict]:
    now, hold_id = args["now"], body.get("hold_id")
    cur.execute(sql.PROGRAM_FOR_ORDER, args)
    settings = cur.fetchone()[3]
    redeemed = 0
    if hold_id:
        cur.execute(sql.HOLD_BY_ID, {**args, "hold_id": hold_id})
        held = cur.fetchone()
        if held is None or held[1] != "held":
            return 409, {"code": "hold_not_active"}
        redeemed = held[0]
    discount = Decimal(redeemed)
    amount = Decimal(body["amount"])
    earned = _points(body, discount)
    available = now + timedelta(days=settings.get("pending_days", 0))
    events = [("points.earned", {"member_id": args["member_id"], "order_id": body["order_id"], "points": earned,
                                 "breakdown": [{"source": "base", "rule_id": None, "points": earned}],
                                 "available_at": _stamp(available)})]
    if redeemed:
        events.insert(0, ("points.redeemed", {"member_id": args["member_id"], "order_id": body["order_id"],
                                              "points": redeemed, "discount_amount": f"{discount:.2f}",
                                              "hold_id": hold_id}))
    order = {**args, "order_id": body["order_id"], "amount": amount, "paid": amount - discount,
             "currency": body["currency"], "lines": json.dumps(body["lines"]), "earned": earned,
             "redeemed": redeemed, "discount": discount, "hold_id": hold_id, "available_at": available,
             "expires_at": (available + EXPIRES_AFTER).replace(hour=21, minute=0, second=0, microsecond=0),
             "lifetime": earned, "event_ids": [uuid.uuid4() for _ in events],
             "event_types": [kind for kind, _ in events],
             "event_data": [json.dumps(data, separators=(",", ":")) for _, data in events]}
    cur.execute(sql.RECORD_ORDER if redeemed else sql.RECORD_EARNING_ORDER, order)
    _inserted, found, _debt, _referred = cur.fetchone()
    if not found:
        return 404, {"code": "member_not_found"}
    if redeemed:
        cur.execute(sql.SPENDABLE, args)
        cur.fetchone()
        cur.execute(sql.CAPTURE_HOLD, order)
        cur.execute(sql.SPEND_AND_RECORD, {**order, "points": redeemed})
        cur.execute(sql.CREDIT, order)
    return 201, {"order_id": body["order_id"], "member_id": args["member_id"], "status": "completed",
                 "amount": f"{amount:.2f}", "paid_amount": f"{amount - discount:.2f}", "currency": body["currency"],
                 "earned_points": earned, "redeemed_points": redeemed, "discount_amount": f"{discount:.2f}",
                 "returned_amount": "0.00", "hold_id": hold_id, "placed_at": _stamp(now),
                 "points_available_at": _stamp(available), "created_at": _stamp(now), "exchange_rate": None}


def _hold(cur, body: dict, args: dict) -> tuple[int, dict]:
    now, points = args["now"], int(body["points"])
    cur.execute(sql.PROGRAM, args)
    cur.fetchone()
    cur.execute(sql.LOCK, {**args, "lifetime": 0})
    if cur.fetchone() is None:
        return 404, {"code": "member_not_found"}
    cur.execute(sql.HOLD_FOR_ORDER, {**args, "order_id": body["order_id"]})
    cur.fetchone()
    cur.execute(sql.SPENDABLE, args)
    active, held = cur.fetchone()
    if active - held < points:
        return 422, {"code": "insufficient_points"}
    hold = {**args, "hold_id": uuid.uuid4().hex, "points": points, "order_id": body["order_id"],
            "expires_at": now + HOLD_TTL}
    cur.execute(sql.INSERT_HOLD, hold)
    return 201, {"hold_id": hold["hold_id"], "member_id": args["member_id"], "order_id": body["order_id"],
                 "status": "held", "points": points, "expires_at": _stamp(hold["expires_at"]),
                 "created_at": _stamp(now)}


@app.post("/v1/orders")
def order():
    return _write("/v1/orders", _order)


@app.post("/v1/holds")
def hold():
    return _write("/v1/holds", _hold)


@app.post("/v1/checkout/quote")
def quote():
    """The quote's four reads in one transaction (it writes nothing)."""
    body = request.get_json()
    args = {"program_id": os.environ["BENCH_PROGRAM"], "member_id": body["member_id"],
            "now": datetime.now(UTC)}
    conn = connection()
    try:
        with conn.cursor() as cur:
            cur.execute(sql.PROGRAM, args)
            cur.fetchone()
            cur.execute(sql.QUOTE_FIGURES, args)
            figures = cur.fetchone()
            cur.execute(sql.MEMBER_TIER, args)
            cur.fetchone()
            cur.execute(sql.PURCHASE_RULES, args)
            cur.fetchall()
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    if figures is None:
        return _answer(404, {"code": "member_not_found"})
    debt, active, held = (int(figure) for figure in (figures[1], figures[3], figures[4]))  # sums are numeric
    order = body["order"]
    applied = max(min(int(body.get("redeem_points", 0)), active - held - debt), 0)
    return _answer(200, {"member_id": body["member_id"], "earn_points": _points(order, Decimal(applied)),
                         "redeem": {"applied_points": applied, "discount_amount": f"{applied:.2f}"},
                         "available": active - held - debt})


@app.get("/healthz")
def health():
    return {"status": "ok"}

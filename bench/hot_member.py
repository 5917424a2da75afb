"""The hot-member scenario's check: after 64 connections earned for one member, every
acknowledged earn is committed and nothing was lost."""

from __future__ import annotations

import time

HOT_MEMBER = "hot"


def hot_member_check(url: str, program_id, acked: list[str]) -> dict:
    """No lost update: every acknowledged earn is committed, and the member's
    lifetime_earned is exactly the sum of the committed earns (the member had no
    history). Waits until requests still queued when the load stopped are done."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        last, stable_since = -1, time.monotonic()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            count = conn.execute("SELECT count(*) FROM orders WHERE program_id = %s AND member_id = %s",
                                 (program_id, HOT_MEMBER)).fetchone()[0]
            if count != last:
                last, stable_since = count, time.monotonic()
            elif time.monotonic() - stable_since > 1.0:
                break
            time.sleep(0.25)
        committed = dict(conn.execute(
            "SELECT order_id, earned_points FROM orders WHERE program_id = %s AND member_id = %s",
            (program_id, HOT_MEMBER)).fetchall())
        lifetime = conn.execute(
            "SELECT coalesce((SELECT lifetime_earned FROM balances WHERE program_id = %s AND member_id = %s), 0)",
            (program_id, HOT_MEMBER)).fetchone()[0]
        entries = conn.execute(
            "SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = %s AND member_id = %s",
            (program_id, HOT_MEMBER)).fetchone()[0]
    missing = [order_id for order_id in acked if order_id not in committed]
    points = int(sum(committed.values()))
    lifetime, entries = int(lifetime), int(entries)
    lost = len(missing) + abs(lifetime - points) + abs(entries - points)
    return {"acked": len(acked), "committed": len(committed), "committed_points": points,
            "lifetime_earned": lifetime, "entries_points": entries, "acked_not_committed": len(missing),
            "lost": lost}

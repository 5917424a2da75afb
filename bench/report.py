"""The printed report: one line per scenario, with its ratio to the baseline and,
where the issue sets one, the target and whether this run met it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class Row:
    label: str
    rps: float | None
    latency_ms: dict
    errors: int
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    value: str = ""
    extra: str = ""
    note: str = ""
    counts: dict = field(default_factory=dict)
    socket_errors: dict = field(default_factory=dict)  # wrk's connect/read/write/timeout counts
    counts_as_error: bool = True
    sample_error: str = ""
    # Ratios to the same-work baseline app (bench/baseline_order_app.py) and to the
    # pgbench limit of the same statements (bench/pgbench_order.sql), where one applies.
    same_work: float | None = None
    limit: float | None = None


def header(facts: dict) -> None:
    server = facts["server"]
    print(f"\nLoyalty API benchmark: {facts['label']}, {facts['members']:,} members, "
          f"{facts['entries']:,} ledger entries (loaded in {facts['load_seconds']} s)")
    print(f"machine: {facts['cores']} cores, {facts['memory_gib']} GiB RAM, Linux {facts['kernel']}, "
          f"Python {facts['python']}")
    print(f"PostgreSQL {server['server_version']}{' (embedded)' if facts['embedded'] else ''}: "
          f"fsync={server['fsync']} synchronous_commit={server['synchronous_commit']} "
          f"full_page_writes={server['full_page_writes']} wal_sync_method={server['wal_sync_method']} "
          f"shared_buffers={server['shared_buffers']}")
    workers = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
    print(f"service: gunicorn -c loyalty_api/gunicorn_conf.py ({workers} workers) on 127.0.0.1; "
          f"load: {facts['loadgen']}, {facts['connections']} connections unless noted, "
          f"{facts['seconds']:g} s per scenario\n")


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(rows: list[Row], baseline_rps: float, notes: list[str]) -> None:
    # x base: to the TPC-B-like baseline app; x same: to the same-work baseline app;
    # x pg: to pgbench running the same statements ("-": none applies).
    head = (f"{'scenario':<50} {'req/s':>8} {'x base':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
            f"{'x same':>6} {'x pg':>5}  target")
    print(head)
    print("-" * len(head))
    for row in rows:
        rps = "-" if row.rps is None else f"{row.rps:.0f}"
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}"
        verdict = "" if row.met is None else ("met" if row.met else "NOT MET")
        target = f"{row.target}: {verdict}" if row.target else ""
        p50 = row.latency_ms.get("p50", row.latency_ms.get("mean"))
        print(f"{row.label:<50} {rps:>8} {ratio:>7} {_ms(p50):>7} {_ms(row.latency_ms.get('p99')):>7} "
              f"{row.errors:>6} {_ratio(row.same_work):>6} {_ratio(row.limit):>5}  {target}")
        details = [text for text in (row.value, row.extra, row.note) if text]
        if row.counts and (row.counts.get("4xx") or row.counts.get("5xx")):
            details.append(f"4xx {row.counts.get('4xx', 0)}, 5xx {row.counts.get('5xx', 0)}")
        if any(row.socket_errors.values()):
            details.append("socket errors: " + ", ".join(f"{kind} {count}" for kind, count
                                                         in row.socket_errors.items() if count))
        if row.sample_error:
            details.append(f"first error: {row.sample_error[:160]}")
        if details:
            print(f"{'':<4}{'; '.join(details)}")
    for note in notes:
        print(f"note: {note}")


def markdown(path: str) -> str:
    """A saved run (bench/results/<scale>.json) as the table docs/performance.md keeps."""
    import json
    from pathlib import Path

    saved = json.loads(Path(path).read_text())
    lines = ["| scenario | req/s | x baseline | p50 ms | p99 ms | errors | x same-work | x pgbench | target |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for label, row in saved["figures"].items():
        latency = row["latency_ms"] or {}
        verdict = "" if row["met"] is None else (" **met**" if row["met"] else " **not met**")
        target = f"{row['target']}:{verdict}" if row["target"] else ""
        notes = "; ".join(text for text in (row.get("value"), row.get("extra")) if text)
        cells = [label.replace("|", "/") + (f" ({notes})" if notes else ""),
                 "-" if row["rps"] is None else f"{row['rps']:.0f}",
                 "-" if row["ratio"] is None else f"{row['ratio']:.2f}",
                 _ms(latency.get("p50", latency.get("mean"))), _ms(latency.get("p99")),
                 str(row["errors"]), _ratio(row.get("same_work")), _ratio(row.get("limit")), target]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(markdown(sys.argv[1]))

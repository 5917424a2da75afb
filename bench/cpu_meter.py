"""CPU seconds a run costs, split between the Python processes and the PostgreSQL
server (a local server only: read from /proc). On a shared machine wall time depends
on the neighbours; CPU time per unit of work much less, and the split says which side
to make cheaper."""

from __future__ import annotations

import os
import resource
from pathlib import Path

import psycopg


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) each live process has used so far; gone ones are left out."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def server_pids(url: str) -> tuple[list[int], list[int]]:
    """(backends connected to this database, the server's background processes: WAL
    writer, checkpointer, ..., which serve every database of the server)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT pid, backend_type = 'client backend' FROM pg_stat_activity"
                            " WHERE pid <> pg_backend_pid()"
                            " AND (backend_type <> 'client backend' OR datname = current_database())").fetchall()
    return [pid for pid, client in rows if client], [pid for pid, client in rows if not client]


class Meter:
    """CPU between ``start`` and ``stop`` of: the given Python processes (or this one),
    the database's backends (one that connects meanwhile counts whole) and the server's
    background processes."""

    def __init__(self, url: str, python_pids=None) -> None:
        self.url, self.python_pids = url, python_pids

    def _python(self) -> float:
        if self.python_pids is None:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            return usage.ru_utime + usage.ru_stime
        return sum(cpu_seconds(self.python_pids()).values())

    def start(self) -> None:
        backends, background = server_pids(self.url)
        self.before = self._python(), cpu_seconds(backends), cpu_seconds(background)

    def stop(self) -> dict[str, float]:
        backends, background = server_pids(self.url)
        python, backends_before, background_before = self.before
        now_backends, now_background = cpu_seconds(backends), cpu_seconds(background)
        return {"python": self._python() - python,
                "backends": sum(used - backends_before.get(pid, 0.0) for pid, used in now_backends.items()),
                "background": sum(used - background_before.get(pid, used) for pid, used in now_background.items())}

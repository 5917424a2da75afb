"""Drive load from a separate process: wrk with the Lua scripts in bench/lua/, or,
where wrk cannot be had, bench/pyload.py (a threaded Python client that plays the
same scenarios, far less efficiently: it needs CPU the server would otherwise get,
so its figures understate the service and the report says so)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LUA = HERE / "lua"


def find_wrk(install: bool) -> tuple[str | None, str]:
    """Path to wrk (installing Debian's package as root when allowed) and a note."""
    path = shutil.which("wrk")
    if path:
        return path, "wrk (found on PATH)"
    if not install:
        return None, "wrk not installed and --no-install given"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None, "wrk not installed and apt-get needs root"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "install", "-y", "-qq", "wrk"], ["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "wrk"]):
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=300, check=False)
        path = shutil.which("wrk")
        if path:
            return path, "wrk (installed with apt-get)"
    return None, "apt-get could not install wrk"


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    earned: int = 0
    flows: int = 0
    acked: list[str] = field(default_factory=list)
    sample_error: str = ""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        """Failed requests: non-2xx answers plus socket errors and timeouts."""
        socket_errors = sum(v for k, v in self.errors.items() if k != "status")
        return self.counts.get("4xx", 0) + self.counts.get("5xx", 0) + self.counts.get("other", 0) + socket_errors

    @classmethod
    def parse(cls, output: str) -> Result:
        line = next((l for l in output.splitlines() if l.startswith("BENCH_RESULT ")), None)
        if line is None:
            raise RuntimeError(f"the load generator printed no result:\n{output[-2000:]}")
        data = json.loads(line[len("BENCH_RESULT "):])
        return cls(requests=data["requests"], seconds=data["duration_us"] / 1e6, errors=data["errors"],
                   latency_ms={k: v / 1000 for k, v in data["latency_us"].items()},
                   counts=data["counts"], earned=data.get("earned", 0), flows=data.get("flows", 0),
                   acked=data.get("acked", []), sample_error=data.get("sample_error", ""))


class LoadGenerator:
    def __init__(self, wrk: str | None) -> None:
        self.wrk = wrk
        self.invocations = 0

    @property
    def name(self) -> str:
        return "wrk" if self.wrk else "pyload (Python fallback)"

    def run(self, scenario: str, url: str, *, connections: int, threads: int, seconds: float,
            env: dict[str, str], rate: float = 0.0) -> Result:
        """Run one scenario; ``rate`` is the total requests/s to hold (0 = closed loop)."""
        threads = max(1, min(threads, connections))
        self.invocations += 1
        # Every invocation restarts the scripts' counters: a fresh tag keeps order ids new.
        knobs = {**os.environ, **env, "BENCH_RATE": f"{rate / threads:.3f}" if rate else "0",
                 "BENCH_RUN": f"{env.get('BENCH_RUN', 'run')}r{self.invocations}"}
        if self.wrk:
            command = [self.wrk, "-t", str(threads), "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
                       "--timeout", "10s", "-s", str(LUA / f"{scenario}.lua"), url]
        else:
            command = [sys.executable, str(HERE / "pyload.py"), scenario, url, "--connections", str(connections),
                       "--seconds", str(seconds), "--rate", str(rate)]
        done = subprocess.run(command, env=knobs, capture_output=True, text=True, timeout=seconds + 120,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return Result.parse(done.stdout)

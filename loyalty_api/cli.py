"""``loyalty-api``: operator commands (migrations, programs, clients, jobs, serving)."""

from __future__ import annotations

import json
import os
import sys
import uuid
from pathlib import Path

import click

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _local_checkout() -> None:
    """In a ``make serve`` checkout, find its database and key as ``make serve`` does."""
    from loyalty_api import devdb, devsetup

    devdb.attach_local()
    devsetup.saved_jwt_keys()


def _app(signs: bool = True):
    """The app for a command; ``signs=False`` for those that need no JWT key."""
    from loyalty_api.app import create_app

    _local_checkout()
    return create_app(require_jwt_keys=signs)


def _uow(app):
    from loyalty_api.db import unit_of_work

    return unit_of_work(app.extensions["loyalty"].session_factory)


def _emit(payload: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(payload, default=str))
    else:
        for key, value in payload.items():
            click.echo(f"{key}: {value}")


def _describe(exc) -> str:
    fields = "; ".join(f"{name}: {' '.join(map(str, messages))}" for name, messages in (exc.errors or {}).items())
    return f"{exc.code}: {exc.detail}" + (f" ({fields})" if fields else "")


@click.group()
def main() -> None:
    """Loyalty API operator commands."""
    import logging

    # JSON lines on stderr like the API's, unless a host (pytest, gunicorn) set up logging.
    if not logging.getLogger().handlers:
        from loyalty_api.observability.logs import configure

        configure(os.environ.get("LOG_LEVEL", "INFO"))


def _register_features() -> None:
    from loyalty_api.imports.cli import register
    from loyalty_api.ledger.cli import register as register_ledger

    register(main, _app)
    register_ledger(main, _app, _uow)


_register_features()


@main.group()
def db() -> None:
    """Database schema."""


def upgrade_database(url: str | None = None) -> None:
    from alembic import command
    from alembic.config import Config

    # An installed package (the container image) keeps alembic.ini and migrations/ beside it, not in it.
    config = Config(os.environ.get("ALEMBIC_CONFIG") or str(PROJECT_ROOT / "alembic.ini"))
    if url:
        config.attributes["url"] = url
    command.upgrade(config, "heads")


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration (safe to run from several replicas at once)."""
    _local_checkout()
    upgrade_database()


@db.command("distribute")
def db_distribute() -> None:
    """On a Citus coordinator: distribute the tables by program_id (idempotent; a no-op elsewhere)."""
    from loyalty_api.distribution import distribute_database

    click.echo(distribute_database(os.environ["DATABASE_URL"]).message)


@main.group()
def programs() -> None:
    """Programs (tenants)."""


@programs.command("create")
@click.option("--name", required=True)
@click.option("--currency", required=True)
@click.option("--mode", type=click.Choice(["live", "test"]), default="live", help="test: a sandbox with a clock")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
def programs_create(name: str, currency: str, mode: str, as_json: bool) -> None:
    """Create a program and print its id."""
    from loyalty_api.programs import service

    from loyalty_api.errors import LoyaltyError

    app = _app(signs=False)
    with _uow(app) as uow:
        try:
            program = service.create_program(uow.session, name=name, currency=currency.upper(), mode=mode)
        except LoyaltyError as exc:
            raise click.ClickException(_describe(exc)) from exc
        uow.commit()
        _emit({"program_id": str(program.program_id), "name": program.name,
               "currency": program.currency, "mode": program.mode}, as_json)
    app.extensions["loyalty"].engine.dispose()


@main.group()
def clients() -> None:
    """API clients (credentials)."""


@clients.command("create")
@click.option("--program", "program_id", type=click.UUID, help="Program the client belongs to")
@click.option("--scopes", default="", help='Space-separated, e.g. "checkout members:read"')
@click.option("--name", default="api client")
@click.option("--platform-admin", is_flag=True, help="A client that may create programs")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
def clients_create(program_id: uuid.UUID | None, scopes: str, name: str, platform_admin: bool,
                   as_json: bool) -> None:
    """Create a client; its secret is printed once and stored hashed."""
    from loyalty_api.errors import LoyaltyError
    from loyalty_api.audit.rules import OPERATOR
    from loyalty_api.programs import service

    if platform_admin == (program_id is not None):
        raise click.UsageError("give either --program ID --scopes … or --platform-admin")
    scope_list = ["platform:admin"] if platform_admin else scopes.split()
    app = _app(signs=False)
    with _uow(app) as uow:
        try:
            client, secret = service.create_client(uow.session, program_id=program_id, name=name,
                                                   scopes=scope_list, platform_admin=platform_admin,
                                                   actor=OPERATOR)
        except LoyaltyError as exc:
            raise click.ClickException(_describe(exc)) from exc
        uow.commit()
        _emit({"client_id": client.client_id, "client_secret": secret,
               "program_id": str(program_id) if program_id else None, "scopes": client.scopes}, as_json)
    app.extensions["loyalty"].engine.dispose()


@clients.command("revoke")
@click.option("--client", "client_id", required=True, help="The client_id to revoke")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
def clients_revoke(client_id: str, as_json: bool) -> None:
    """Stop a client from getting new tokens (its current tokens expire within their TTL)."""
    from loyalty_api.errors import LoyaltyError
    from loyalty_api.programs import service
    from loyalty_api.audit.rules import OPERATOR
    from loyalty_api.timestamps import rfc3339

    app = _app(signs=False)
    with _uow(app) as uow:
        try:
            client = service.revoke_client(uow.session, client_id, actor=OPERATOR)
        except LoyaltyError as exc:
            raise click.ClickException(_describe(exc)) from exc
        uow.commit()
        _emit({"client_id": client.client_id, "revoked_at": rfc3339(client.revoked_at)}, as_json)
    app.extensions["loyalty"].engine.dispose()


@main.command("openapi")
@click.option("--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout")
def openapi(output: str | None) -> None:
    """Print the OpenAPI document the code generates."""
    from loyalty_api.openapi import openapi_json

    text = openapi_json(_app(signs=False))
    if output:
        Path(output).write_text(text)
    else:
        click.echo(text, nl=False)


@main.group()
def jobs() -> None:
    """Scheduled work."""


@jobs.command("run")
@click.option("--only", multiple=True, help="Run just these steps (repeatable)")
@click.option("--now", "now_text", default=None, help="Pretend it is this ISO 8601 instant (for tests)")
def jobs_run(only: tuple[str, ...], now_text: str | None) -> None:
    """Run every scheduled step once; idempotent and safe on several replicas at once.

    A failing step or program is reported (``failures``) and the others still run;
    the exit status is 1 if anything failed."""
    from datetime import datetime

    from loyalty_api.jobs.runner import run_all

    now = datetime.fromisoformat(now_text) if now_text else None
    report = run_all(_app().extensions["loyalty"].session_factory, now=now, only=list(only) or None)
    click.echo(json.dumps(report, default=str))
    if report.get("failures"):  # every step ran; cron and the orchestrator see the failure
        sys.exit(1)


@main.command("serve")
@click.option("--bind", default=lambda: os.environ.get("BIND", "127.0.0.1:8000"))
@click.option("--demo/--no-demo", default=True, help="Create a demo program on first start")
def serve(bind: str, demo: bool) -> None:
    """Migrate, create the demo program, and run gunicorn (for `make serve`)."""
    from loyalty_api import devsetup

    devsetup.ensure_jwt_keys()
    upgrade_database()
    if demo:
        app = _app()
        devsetup.print_demo_credentials(devsetup.ensure_demo(app), bind)
        app.extensions["loyalty"].engine.dispose()
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "-c", "python:loyalty_api.gunicorn_conf",
                               "--bind", bind, "loyalty_api.wsgi:app"])


@main.command("worker")
@click.option("--once", is_flag=True, help="Process what is due now, then exit (exit 1 if anything failed to run)")
@click.option("--poll-interval", default=1.0, show_default=True, help="Seconds to wait when idle")
@click.option("--concurrency", default=4, show_default=True, help="Deliveries in flight at once")
@click.option("--timeout", default=10.0, show_default=True, help="HTTP timeout per phase, seconds")
@click.option("--deadline", default=30.0, show_default=True, help="Time limit of a whole attempt, seconds")
@click.option("--per-program", default=2, show_default=True,
              help="Deliveries of one program in flight at once, over all workers")
@click.option("--claim-size", default=5, show_default=True, help="Deliveries a thread claims at once")
@click.option("--lease-seconds", type=float, default=None,
              help="How long a claim lasts before another worker may retry it (default: from --deadline)")
def worker(once: bool, poll_interval: float, concurrency: int, timeout: float, deadline: float, per_program: int,
           claim_size: int, lease_seconds: float | None) -> None:
    """Deliver outbox events to webhooks (signed, at least once, in order per member)."""
    import logging
    import signal
    from dataclasses import replace

    from loyalty_api.config import load_settings
    from loyalty_api.db import make_engine, make_session_factory
    from loyalty_api.observability.logs import configure
    from loyalty_api.webhooks.worker import Worker, WorkerOptions

    _local_checkout()
    settings = load_settings()
    configure(settings.LOG_LEVEL)
    # httpx logs every request's URL at INFO; a receiver's URL may carry a token in its query.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    engine = make_engine(replace(settings, DB_POOL_SIZE=concurrency + 1, DB_POOL_MAX_OVERFLOW=1))
    options = WorkerOptions(concurrency=concurrency, timeout=timeout, deadline=deadline, per_program=per_program,
                            claim_size=claim_size, lease_seconds=lease_seconds, allow_private=settings.WEBHOOK_ALLOW_PRIVATE_URLS)
    runner = Worker(make_session_factory(engine), settings, options)
    if once:
        counts = runner.run_once()
        click.echo(json.dumps(counts))
        sys.exit(1 if counts["errors"] else 0)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, runner.request_stop)
    runner.run_forever(poll_interval)


if __name__ == "__main__":
    main()

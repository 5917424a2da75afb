"""Helpers shared by the tests: programs with clients, and an authorised caller."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work

TEST_JWT_KEYS = "test-current:" + "c" * 40 + ",test-previous:" + "p" * 40
ALL_PROGRAM_SCOPES = ["analytics:read", "checkout", "members:read", "members:write", "program:admin"]


@dataclass
class ProgramHandle:
    program_id: uuid.UUID
    client_id: str
    client_secret: str
    token: str


def make_program(app, *, settings: dict[str, Any] | None = None, currency: str = "RUB",
                 scopes: list[str] | None = None) -> ProgramHandle:
    from loyalty_api.http.auth import issue_token
    from loyalty_api.programs import service

    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        program = service.create_program(uow.session, name="Test shop", currency=currency,
                                         settings=settings or {})
        client, secret = service.create_client(uow.session, program_id=program.program_id,
                                               name="test", scopes=scopes or ALL_PROGRAM_SCOPES,
                                               actor=OPERATOR)
        uow.commit()
    with app.app_context():
        token = issue_token(subject=client.client_id, token_type="client", scopes=client.scopes,
                            program_id=program.program_id, ttl_seconds=3600)
    return ProgramHandle(program.program_id, client.client_id, secret, token)


def token_for(app, *, scopes: list[str], program_id: uuid.UUID | None, token_type: str = "client",
              subject: str = "cl_test", ttl_seconds: int = 3600) -> str:
    from loyalty_api.http.auth import issue_token

    with app.app_context():
        return issue_token(subject=subject, token_type=token_type, scopes=scopes,
                           program_id=program_id, ttl_seconds=ttl_seconds)


class ApiCaller:
    """A Flask test client that sends the bearer token and JSON bodies."""

    def __init__(self, client, token: str | None) -> None:
        self.client = client
        self.token = token

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        merged = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        merged.update(headers or {})
        return merged

    def get(self, path: str, headers: dict[str, str] | None = None, **kwargs):
        return self.client.get(path, headers=self._headers(headers), **kwargs)

    def delete(self, path: str, headers: dict[str, str] | None = None, **kwargs):
        return self.client.delete(path, headers=self._headers(headers), **kwargs)

    def post(self, path: str, json: Any = None, headers: dict[str, str] | None = None, **kwargs):
        return self.client.post(path, json=json, headers=self._headers(headers), **kwargs)

    def put(self, path: str, json: Any = None, headers: dict[str, str] | None = None, **kwargs):
        return self.client.put(path, json=json, headers=self._headers(headers), **kwargs)

    def patch(self, path: str, json: Any = None, headers: dict[str, str] | None = None, **kwargs):
        return self.client.patch(path, json=json, headers=self._headers(headers), **kwargs)

    def with_token(self, token: str | None) -> "ApiCaller":
        return ApiCaller(self.client, token)


class LiveServer:
    """Serves ``app`` over real HTTP on a free loopback port, in a thread (for tests
    that drive the API as an outside program would: a browser, a generated client)."""

    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> "LiveServer":
        import threading

        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)
        self._server.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_problem(response, status: int, code: str) -> dict:
    """An RFC 9457 answer with the given status and stable ``code``; returns the body."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:500])
    assert response.mimetype == "application/problem+json", response.mimetype
    body = response.get_json(force=True)
    assert body["code"] == code, body
    assert body["status"] == status
    assert body["type"].endswith("/" + code)
    assert body["title"] and body["detail"]
    assert body["request_id"] and body["request_id"] == response.headers["X-Request-Id"]
    return body


def service_caller(app, program_id: uuid.UUID):
    """``call(fn)``: runs ``fn(session, program)`` in a unit of work of its own and commits."""
    from loyalty_api.programs.models import Program

    factory = app.extensions["loyalty"].session_factory

    def call(fn):
        with unit_of_work(factory) as uow:
            result = fn(uow.session, uow.session.get(Program, program_id))
            uow.commit()
            return result

    return call


# --- burning rules (expiry) helpers: service-level set-up with an explicit "now" ---

def make_expiry_program(app, expiry: dict[str, Any], **settings: Any) -> uuid.UUID:
    """A program with these ``expiry`` settings (UTC unless ``timezone`` is given)."""
    return make_program(app, settings={"expiry": expiry, "pending_days": 0, **settings}).program_id


def expiry_enrol(factory, program_id: uuid.UUID, member_id: str) -> None:
    from loyalty_api.members import service as members

    with unit_of_work(factory) as uow:
        members.enroll(uow.session, program_id, {"member_id": member_id})
        uow.commit()


def expiry_credit(factory, program_id: uuid.UUID, member_id: str, points: int, now, *,
                  entry_type: str = "earn", **kwargs: Any) -> int:
    """Credit through the ledger; answers the lot id (= the entry id)."""
    from loyalty_api.ledger import service as ledger
    from loyalty_api.programs.models import Program

    if entry_type == "earn":
        kwargs.setdefault("order_id", "o-" + uuid.uuid4().hex[:10])
    with unit_of_work(factory) as uow:
        program = uow.session.get(Program, program_id)
        entry_id = ledger.credit(uow.session, program, member_id, entry_type=entry_type, points=points,
                                 now=now, **kwargs)
        uow.commit()
    return entry_id


def expiry_debit(factory, program_id: uuid.UUID, member_id: str, points: int, now, *,
                 entry_type: str = "redeem") -> int:
    from loyalty_api.ledger import service as ledger
    from loyalty_api.programs.models import Program

    with unit_of_work(factory) as uow:
        program = uow.session.get(Program, program_id)
        entry_id = ledger.debit(uow.session, program, member_id, entry_type=entry_type, points=points, now=now)
        uow.commit()
    return entry_id


def expiry_events(factory, program_id: uuid.UUID, event_type: str) -> list[dict[str, Any]]:
    """The ``data`` of the program's outbox events of one type, oldest first."""
    from sqlalchemy import select

    from loyalty_api.events.models import OutboxEvent

    with unit_of_work(factory) as uow:
        return list(uow.session.execute(select(OutboxEvent.data).where(
            OutboxEvent.program_id == program_id, OutboxEvent.type == event_type).order_by(OutboxEvent.seq)).scalars())


def outbox_events(app, program_id: uuid.UUID, prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    """The program's outbox events (type, data) in the order they were written."""
    from sqlalchemy import select

    from loyalty_api.events.models import OutboxEvent

    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        rows = uow.session.execute(select(OutboxEvent.type, OutboxEvent.data).where(
            OutboxEvent.program_id == program_id, OutboxEvent.type.startswith(prefix))
            .order_by(OutboxEvent.seq)).all()
    return [(row.type, row.data) for row in rows]


def run_together(*calls):
    """Start every call at the same instant, each in its own thread; return their results
    in call order, or raise the first exception any of them raised (so a race that fails
    in a thread fails the test)."""
    import threading

    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results

"""One unit of work per request, committed after the answer is built.

The idempotency record of a POST is written in the same transaction as the change,
so a crash between the two cannot leave a change without its record or the reverse.
Error answers (4xx) roll the change back. Most are not stored (``NOT_STORED``); any
other 4xx record is kept in a transaction of its own so that a retry gets the same
answer. A key belongs to its caller (``Principal.caller``). A POST view is marked
``@idempotent``, under ``@authorize`` (which runs it in ``run_retrying_conflicts``).

A deadlock or serialization failure (SQLSTATE 40P01, 40001) rolls the whole
transaction back, so the request runs again from the start, at most twice more after
a short random pause (the two sides of a deadlock then do not meet again at once);
after that it answers 503 ``transaction_conflict``, having changed nothing.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from typing import Any, Callable

import orjson

from flask import Flask, Response, current_app, g, request
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from loyalty_api.db import UnitOfWork
from loyalty_api.errors import ValidationFailed
from loyalty_api.principal import Principal
from loyalty_api.http.problems import TRANSACTION_CONFLICTS, problem_response
from loyalty_api.idempotency import service as idempotency

log = logging.getLogger("loyalty_api.http")

IDEMPOTENCY_HEADER = "Idempotency-Key"
# Never stored, so a retry with the same key runs again: answers that depend on the
# moment, not on the request (401, 403, 409, 429), and answers to invalid requests,
# which changed nothing (400, 404, 413, 415, 422): a corrected retry must run.
NOT_STORED = {400, 401, 403, 404, 409, 413, 415, 422, 429}
CONFLICT_RETRIES = 2
RETRY_PAUSE_SECONDS = (0.005, 0.05)  # per attempt, drawn at random in this range


def is_transaction_conflict(exc: BaseException) -> bool:
    return isinstance(getattr(exc, "orig", None), TRANSACTION_CONFLICTS)


def current_uow() -> UnitOfWork:
    uow = getattr(g, "uow", None)
    if uow is None:
        if g.get("reads_only"):
            raise RuntimeError("current_uow: a reads_only view reads through current_reader()")
        uow = g.uow = UnitOfWork(current_app.extensions["loyalty"].session_factory)
    return uow


def current_reader() -> Connection:
    """For a ``reads_only`` view: a pooled connection in autocommit mode, without an
    ORM session (for the driver's constant statements, ``loyalty_api.driver``); a
    session's set-up and commit cost more than the one statement such a view runs."""
    reader = getattr(g, "reader", None)
    if reader is None:
        if not g.get("reads_only"):
            raise RuntimeError("current_reader: the view is not marked reads_only")
        reader = g.reader = current_app.extensions["loyalty"].read_engine.connect()
    return reader


def reads_only(view: Callable) -> Callable:
    """Mark a view whose use case only reads, with statements that need no common
    snapshot: they run outside a transaction block (autocommit), which saves the
    BEGIN and COMMIT round trips of every request. Innermost decorator. Such a view
    reads through ``current_reader()``."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if getattr(g, "uow", None) is not None:
            raise RuntimeError("reads_only: the request already has a transaction")
        g.reads_only = True
        return view(*args, **kwargs)

    return wrapper


def idempotent(view: Callable) -> Callable:
    """Decorate a POST view method, under ``@authorize``: an ``Idempotency-Key`` claims
    the key for its caller before the view runs, or answers the stored reply.

    Under ``@authorize`` so that a replay is never shown to a caller who could not have
    made the request; the wrapper refuses to run unless ``authorize`` has let the caller
    through. Inside ``authorize``'s conflict retries, so a retry claims the key again
    (the rollback released it)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        principal = g.get("authorized_principal")
        if principal is None:
            raise RuntimeError("idempotent: stack it under @authorize, which knows the caller")
        replay = begin_idempotent_request(principal)
        if replay is not None:
            return replay
        return view(*args, **kwargs)

    wrapper.idempotent = True  # type: ignore[attr-defined]
    return wrapper


def begin_idempotent_request(principal: Principal) -> Response | None:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= 255:
        raise ValidationFailed("Idempotency-Key must be 1 to 255 characters",
                               errors={IDEMPOTENCY_HEADER: ["Length must be between 1 and 255."]})
    fingerprint = idempotency.request_fingerprint(request.get_data(cache=True), request.query_string)
    scope = idempotency.Scope(principal.program_id, principal.caller, key, request.method, request.path)
    record = idempotency.claim(current_uow().session, scope, fingerprint)
    if record is not None:
        response = Response(record.response_body, status=record.response_status,
                            content_type=record.response_content_type)
        response.headers["Idempotent-Replayed"] = "true"
        g.idempotency_replayed = True
        return response
    g.idempotency = (scope, fingerprint, principal.subject if principal.token_type == "member" else None)
    return None


def run_retrying_conflicts(view: Callable, *args: Any, **kwargs: Any) -> Any:
    """Run the view; on a deadlock or serialization failure roll back, pause briefly and
    run it again (an ``@idempotent`` view claims its key again: the rollback released it)."""
    for attempt in range(1, CONFLICT_RETRIES + 2):
        try:
            return view(*args, **kwargs)
        except DBAPIError as exc:
            if not is_transaction_conflict(exc) or attempt > CONFLICT_RETRIES:
                raise
            log.warning("transaction conflict on %s %s (%s), attempt %d", request.method, request.path,
                        type(exc.orig).__name__, attempt)
        current_uow().rollback()
        time.sleep(random.uniform(*RETRY_PAUSE_SECONDS) * attempt)
    raise AssertionError("unreachable")


def keep_out_of_replays(*fields: str) -> None:
    """Called by a view whose answer holds a secret (a client secret, a token): the
    stored copy for Idempotency-Key replays has these top-level fields set to null,
    so that no secret rests in the database in clear."""
    g.idempotency_redact = fields


def _stored_body(response: Response) -> bytes:
    body = response.get_data()
    fields = getattr(g, "idempotency_redact", ())
    if not fields or not response.is_json:
        return body
    document = orjson.loads(body)
    if isinstance(document, dict):
        document.update({name: None for name in fields if name in document})
    return orjson.dumps(document)


def _answer_member(member: str | None, body: bytes, response: Response) -> str | None:
    """The member a stored answer concerns (erasure drops it with the member): the
    member token's, the route's ``member_id``, or the ``member_id`` the answer names."""
    member = member or (request.view_args or {}).get("member_id")
    if member is None and response.is_json and b'"member_id"' in body:
        document = orjson.loads(body)
        named = document.get("member_id") if isinstance(document, dict) else None
        member = named if isinstance(named, str) else None
    return member


def _store_idempotency(uow: UnitOfWork, response: Response, *, relock: bool = False) -> None:
    scope, fingerprint, member = g.idempotency
    if relock:
        idempotency.lock(uow.session, scope)
    body = _stored_body(response)
    idempotency.store(uow.session, scope, _answer_member(member, body, response), fingerprint,
                      response.status_code, body, response.content_type or "")


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once this request's transaction has committed, before the answer
    goes out (not on an error answer, nor on a replay). For work that must see the
    change committed and runs transactions of its own: a test clock's job pass."""
    g.setdefault("after_commit", []).append(callback)


def _run_after_commit() -> None:
    for callback in g.pop("after_commit", []):
        try:
            callback()
        except Exception:  # the change is committed and answered; the work is redone later
            log.exception("after-commit work failed on %s %s", request.method, request.path)


def finish_request(response: Response) -> Response:
    uow: UnitOfWork | None = getattr(g, "uow", None)
    if uow is None or getattr(g, "idempotency_replayed", False):
        return response
    keyed = getattr(g, "idempotency", None) is not None
    try:
        if response.status_code < 400:
            if keyed:
                _store_idempotency(uow, response)
            uow.commit()
            _run_after_commit()
        else:
            uow.rollback()
            if keyed and response.status_code < 500 and response.status_code not in NOT_STORED:
                # The rollback released the key's lock; a 4xx changed nothing, so storing
                # it in a transaction of its own (under the lock again) is enough.
                _store_idempotency(uow, response, relock=True)
                uow.commit()
    except IntegrityError:
        uow.rollback()
        log.warning("commit refused by a constraint on %s %s", request.method, request.path)
        return problem_response("conflict", "The change clashed with a concurrent one; retry")
    except (OperationalError, DBAPIError) as exc:
        uow.rollback()
        if is_transaction_conflict(exc):  # at commit: the answer is built, so no retry here
            return problem_response("transaction_conflict", "The change collided with concurrent ones and was "
                                    "rolled back; retry", headers={"Retry-After": "1"})
        return problem_response("unavailable", "The database cannot be reached; retry shortly",
                                headers={"Retry-After": "1"})
    return response


def close_request(_exc: BaseException | None) -> None:
    uow: UnitOfWork | None = g.pop("uow", None)
    if uow is not None:
        uow.close()
    reader: Connection | None = g.pop("reader", None)
    if reader is not None:
        reader.close()


def register(app: Flask) -> None:
    app.after_request(finish_request)
    app.teardown_request(close_request)

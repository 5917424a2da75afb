"""Helpers shared by the tests: programs with clients, and an authorised caller."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

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
                                               name="test", scopes=scopes or ALL_PROGRAM_SCOPES)
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

"""The actor of a write, as resources hand it to services (``audit.rules.Actor``):
the calling client and the request id, so that services need nothing from Flask."""

from __future__ import annotations

from flask import g

from loyalty_api.audit.rules import Actor
from loyalty_api.http.auth import current_principal


def current_actor() -> Actor:
    return Actor(client_id=current_principal().client_id, request_id=g.get("request_id"))

"""Liveness and readiness probes (public)."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import text

from loyalty_api.errors import Unavailable
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.operations import operation

blp = Blueprint("health", __name__, description="Health probes")


class HealthSchema(ma.Schema):
    status = ma.fields.String(metadata={"example": "ok"})


@blp.route("/healthz")
class Liveness(MethodView):
    @operation("getHealth")
    @blp.doc(security=[])
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up (does not touch the database)

        For liveness probes: answers 200 while the process serves requests. Needs no token.
        """
        return {"status": "ok"}


@blp.route("/readyz")
class Readiness(MethodView):
    @operation("getReadiness", "unavailable")
    @blp.doc(security=[])
    @blp.response(200, HealthSchema)
    def get(self):
        """The database is reachable

        For readiness probes: 200 when a `SELECT 1` reaches the database, else 503 `unavailable`. Needs no
        token.
        """
        try:
            current_uow().session.execute(text("SELECT 1"))
        except Exception as exc:  # any failure to reach the database means "not ready"
            raise Unavailable("The database is not reachable") from exc
        return {"status": "ok"}

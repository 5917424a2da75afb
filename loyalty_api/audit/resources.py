"""``GET /v1/audit``: the program's audit log."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.audit import service
from loyalty_api.audit.schemas import AuditArgs, AuditPageSchema, EXAMPLE_CHANGES
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.operations import operation
from loyalty_api.http.transaction import current_uow

blp = Blueprint("audit", __name__, url_prefix="/v1", description="Audit log")

EXAMPLE_PAGE = {"items": [{
    "id": "0b6f8f4e-7a4e-4c1e-9a55-3f1f1c7e2d10", "at": "2026-03-01T09:30:00Z", "actor": "cl_3f9a0c1d2e",
    "action": "program.updated", "target": {"type": "program", "id": "5d0c3e9e-2f55-4d44-9c1f-0e7c6f0b1a2d"},
    "request_id": "7f9c2ba4e88f827d", "changes": EXAMPLE_CHANGES}], "next_cursor": None}


@blp.route("/audit")
class AuditLog(MethodView):
    @operation("listAuditEntries", "validation_error", response_example=EXAMPLE_PAGE)
    @authorize("program:admin")
    @blp.arguments(AuditArgs(), location="query")
    @blp.response(200, AuditPageSchema)
    def get(self, args):
        """Every change made with program:admin or members:write outside checkout, newest first

        Who (`actor`, the API client) changed what (`action`, `target`) and how (`changes`: before and after
        of each touched field; secrets and personal data never appear), with the request's `X-Request-Id`.
        Filters `actor`, `action`, `from` (inclusive), `to` (exclusive); cursor pages.
        """
        return service.audit_page(current_uow().session, current_program_id(), limit=args["limit"],
                                  cursor=args["cursor"], actor=args["actor"], action=args["action"],
                                  since=args["since"], until=args["until"])

"""``GET /v1/members``: the view lives on ``members.resources.Members`` (one path, one
MethodView); this module answers it, as JSON pages or as a CSV stream."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request, stream_with_context

from loyalty_api.http.auth import current_program_id
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.clock import program_now
from loyalty_api.segments import service

CSV_MIMETYPE = "text/csv"
# flask-smorest documents one content type per response: name both (the JSON page
# schema is SegmentPageSchema, registered as "SegmentPage").
CSV_DOC = {"responses": {"200": {"description": "OK", "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/SegmentPage"}},
    CSV_MIMETYPE: {"schema": {"type": "string"}, "example":
           "member_id,email,phone,tier,vip,available,pending,lifetime_earned,last_activity_at,rfm,enrolled_at\r\n"
           "alice,alice@example.com,,gold,false,1250,0,4300,2026-11-02T10:00:00Z,545,2025-03-01T09:00:00Z\r\n"}}}}}


def wants_csv() -> bool:
    return request.accept_mimetypes.best_match(["application/json", CSV_MIMETYPE]) == CSV_MIMETYPE


def list_members(args: dict[str, Any]) -> Any:
    now = program_now()
    if not wants_csv():
        return service.members_page(current_uow().session, current_program_id(), args, now)
    lines = service.segment_csv(current_app.extensions["loyalty"].session_factory, current_program_id(), args, now)
    # The limit pages JSON only; the CSV is the whole segment (from ``cursor`` on, if given).
    return Response(stream_with_context(lines), mimetype=CSV_MIMETYPE, headers={
        "Content-Disposition": 'attachment; filename="members.csv"'})

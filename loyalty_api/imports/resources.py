"""``/v1/imports``: open an import, send chunks of member lines, complete, read."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.errors import UnsupportedMediaType
from loyalty_api.http.api import RAW_BODY_ROUTES
from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.operations import operation
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.http.transaction import current_uow, idempotent
from loyalty_api.http.clock import program_now
from loyalty_api.imports import formats, rules, service
from loyalty_api.imports.schemas import (ChunkAnswerSchema, ErrorPageArgs, ImportCreateSchema, ImportSchema,
                                         LineErrorPageSchema)

blp = Blueprint("imports", __name__, url_prefix="/v1/imports",
                description="Bulk import of members, balances and tiers from another system")

RAW_BODY_ROUTES[re.compile(r"/v1/imports/[^/]+/rows")] = rules.MAX_BYTES

_LINE_EXAMPLE = ('{"member_id": "cust-42", "email": "ann@example.com", "joined_at": "2021-03-01T10:00:00Z", '
                 '"tier": {"code": "gold", "since": "2025-06-01T00:00:00Z"}, "metric": 5400, '
                 '"lots": [{"lot_ref": "L-1", "points": 1200, "available_at": "2026-10-01T00:00:00Z", '
                 '"expires_at": "2027-10-01T00:00:00Z"}]}\n')
# One documented content type: CSV, which generic tools (a generated client, schemathesis)
# can send as text; NDJSON, which alone carries lots, is accepted too and described. The body
# may be left empty: an empty chunk applies no line (counts 0).
_ROWS_DOC = {"requestBody": {"required": False, "description": (
    f"One member a line, at most {rules.MAX_LINES} lines and 4 MiB (larger: 413 `payload_too_large`). "
    "CSV: a header naming the columns `member_id`, optional `email`, `phone`, `birthday`, `joined_at`, "
    "`referred_by`, `tier.code`, `tier.since`, `vip.tier`, `vip.until`, `vip.reason`, `metric`, "
    "`attributes.<key>`, `identity.<type>`; no lots. "
    f"`Content-Type: {formats.NDJSON}` sends one JSON object a line instead, with the same fields nested "
    "(`attributes`, `identities` [{`type`, `value`}], `tier` {`code`, `since`}, `vip` {`tier`, `until`, "
    "`reason`}) and `lots` [{`lot_ref`, `points`, `available_at`, `expires_at`, `reason`}], e.g. "
    f"`{_LINE_EXAMPLE.strip()}`. "
    "A CSV header without `member_id` answers 422 `validation_error`; another content type 415 "
    "`unsupported_media_type`; an empty chunk (or no body) applies nothing."), "content": {
        formats.CSV: {"schema": {"type": "string"},
                      "example": "member_id,email,joined_at,tier.code\r\ncust-42,ann@example.com,"
                                 "2021-03-01T10:00:00Z,gold\r\n"}}}}


def _now() -> datetime:
    return program_now()


@blp.route("")
class Imports(MethodView):
    @operation("createImport")
    @authorize("program:admin")
    @idempotent
    @blp.arguments(ImportCreateSchema())
    @blp.response(201, ImportSchema)
    def post(self, data):
        """Open an import (`dry_run`: check everything, write nothing)

        Opens an import of members, balances and tiers from another system; its chunks are sent to
        `POST /v1/imports/{import_id}/rows`, then it is completed. With `dry_run: true` every line is checked
        and counted but nothing is written.
        """
        return service.open_import(current_uow().session, current_program_id(), kind=data["kind"],
                                   dry_run=data["dry_run"], actor=current_actor(), now=_now())


@blp.route("/<uuid:import_id>")
class ImportById(MethodView):
    @operation("getImport")
    @authorize("program:admin")
    @blp.response(200, ImportSchema)
    def get(self, import_id: uuid.UUID):
        """Read an import: its status and the counts so far

        The import's kind, status (`open` or `completed`), number of chunks and the counts of accepted and
        refused lines, members, lots and points so far.
        """
        return service.get_import(current_uow().session, current_program_id(), import_id)


@blp.route("/<uuid:import_id>/rows")
class ImportRows(MethodView):
    @operation("addImportRows", "import_closed", "conflict", "validation_error")
    @authorize("program:admin")
    @idempotent
    @blp.response(200, ChunkAnswerSchema)
    @blp.doc(**_ROWS_DOC)
    def post(self, import_id: uuid.UUID):
        """Send a chunk of member lines (NDJSON or CSV); each line applies whole or not at all

        Checks and applies one chunk: each valid line applies whole, each refused line is answered with its
        number and code (and listed by `GET /v1/imports/{import_id}/errors`). The same chunk sent again
        answers its first result. A CSV header without `member_id` answers 422 `validation_error`. A
        completed import answers 409 `import_closed`; a concurrent change to one
        of the chunk's members answers 409 `conflict` (send the chunk again).
        """
        body, media_type = request.get_data(), request.mimetype
        if not body and not media_type:
            media_type = formats.CSV  # no body at all: an empty chunk, as the document says (optional body)
        if media_type not in (formats.NDJSON, formats.CSV):
            raise UnsupportedMediaType(f"Send the lines as {formats.NDJSON} or {formats.CSV}")
        return service.add_rows(current_uow().session, current_program_id(), import_id, body, media_type,
                                actor=current_actor(), now=_now())


@blp.route("/<uuid:import_id>/complete")
class ImportComplete(MethodView):
    @operation("completeImport")
    @authorize("program:admin")
    @idempotent
    @blp.response(200, ImportSchema)
    def post(self, import_id: uuid.UUID):
        """Complete the import: no more chunks; one `import.completed` event with the counts

        Closes the import: chunks sent afterwards answer 409 `import_closed`. A real (not dry-run) import
        emits one `import.completed` event with the counts. Completing again answers the same import.
        """
        return service.complete_import(current_uow().session, current_program_id(), import_id, _now(),
                                       actor=current_actor())


@blp.route("/<uuid:import_id>/errors")
class ImportErrors(MethodView):
    @operation("listImportErrors")
    @authorize("program:admin")
    @blp.arguments(ErrorPageArgs(), location="query")
    @blp.response(200, LineErrorPageSchema)
    def get(self, args, import_id: uuid.UUID):
        """The refused lines of every chunk, in chunk and line order

        Every refused line of the import with its chunk, line number, `member_id` and code, paged with
        `limit` and `cursor`.
        """
        after = decode_cursor(args["cursor"], 2)
        limit = args["limit"]
        items = service.error_items(current_uow().session, current_program_id(), import_id,
                                    after=tuple(after) if after else None, limit=limit + 1)
        return page(items, limit, lambda item: [item["chunk"], item["line"]])

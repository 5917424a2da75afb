"""``/v1/exports/balances`` and ``/v1/exports/ledger``: the whole program, streamed."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator

from flask import Response, current_app, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.exports import rules, service
from loyalty_api.exports.schemas import LedgerExportArgs
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.operations import operation

blp = Blueprint("exports", __name__, url_prefix="/v1/exports",
                description="Every member's balance and every ledger entry, streamed as NDJSON or CSV")

NDJSON, CSV = "application/x-ndjson", "text/csv"


def _doc(columns: tuple[str, ...], item: dict[str, Any]) -> dict[str, Any]:
    """The 200 answer: a stream of text, documented as a string with a string example (one
    item, written as the service writes it: NDJSON line or CSV header and record)."""
    return {"responses": {"200": {"description": (
        "Streamed, one item a line, all as of one instant. `Accept: text/csv` answers CSV (a header row, then "
        "one record a line), anything else NDJSON."), "content": {
            NDJSON: {"schema": {"type": "string"}, "example": b"".join(rules.ndjson_lines([item])).decode()},
            CSV: {"schema": {"type": "string"}, "example": b"".join(rules.csv_lines(columns, [item])).decode()}}}}}


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def _stream(items: Iterator[dict[str, Any]], columns: tuple[str, ...], name: str) -> Response:
    as_csv = request.accept_mimetypes.best_match([NDJSON, CSV]) == CSV and CSV in request.accept_mimetypes
    lines = rules.csv_lines(columns, items) if as_csv else rules.ndjson_lines(items)
    return Response(stream_with_context(rules.batched(lines)), mimetype=CSV if as_csv else NDJSON, headers={
        "Content-Disposition": f'attachment; filename="{name}.{"csv" if as_csv else "ndjson"}"'})


@blp.route("/balances")
class BalancesExport(MethodView):
    @operation("exportBalances")
    @authorize("program:admin")
    @blp.doc(**_doc(rules.BALANCE_COLUMNS, {
        "member_id": "cust-42", "available": 1200, "pending": 150, "held": 0, "debt": 0, "lifetime_earned": 4300,
        "tier": "gold", "vip": False, "last_activity_at": _at("2026-11-02T10:00:00"),
        "enrolled_at": _at("2021-03-01T10:00:00"), "as_of": _at("2026-12-06T22:00:00")}))
    def get(self):
        """Every member's balance figures (erased members left out), in member-id order

        Streams every member's available, pending, held and debt points, lifetime earnings, tier, VIP flag and
        dates, in `member_id` order, as NDJSON or (`Accept: text/csv`) CSV. Erased members are left out; every
        line is as of the same instant (`as_of`).
        """
        items = service.balance_items(current_app.extensions["loyalty"].session_factory, current_program_id())
        return _stream(items, rules.BALANCE_COLUMNS, "balances")


@blp.route("/ledger")
class LedgerExport(MethodView):
    @operation("exportLedger")
    @authorize("program:admin")
    @blp.arguments(LedgerExportArgs(), location="query")
    @blp.doc(**_doc(rules.ENTRY_COLUMNS, {
        "id": 981, "member_id": "cust-42", "type": "import", "points": 1200,
        "created_at": _at("2026-12-06T21:00:00"), "order_id": None, "return_id": None, "rule_id": None,
        "reason": "balance from the old system", "available_at": _at("2026-10-01T00:00:00"),
        "expires_at": _at("2027-10-01T00:00:00"), "lot_id": None, "actor": "client-1"}))
    def get(self, args):
        """Every ledger entry created in [`from`, `to`), oldest first

        Streams the ledger entries created from `from` (included) to `to` (excluded), oldest first, as NDJSON
        or (`Accept: text/csv`) CSV: type, points, order, return, rule, reason, lot and dates.
        """
        items = service.entry_items(current_app.extensions["loyalty"].session_factory, current_program_id(),
                                    args["since"], args["until"])
        return _stream(items, rules.ENTRY_COLUMNS, "ledger")

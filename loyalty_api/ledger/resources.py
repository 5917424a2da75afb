"""``/v1/members/{member_id}/balance``, ``/ledger`` and ``/adjustments``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_reader, current_uow, idempotent, reads_only
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now
from loyalty_api.ledger import balances, service
from loyalty_api.ledger.schemas import AdjustmentSchema, BalanceSchema, EntryPageSchema, EntrySchema, LedgerArgs

blp = Blueprint("ledger", __name__, url_prefix="/v1/members", description="Points balance and ledger")


@blp.route("/<string:member_id>/balance")
class MemberBalance(MethodView):
    @operation("getMemberBalance")
    @authorize("members:read")
    @blp.response(200, BalanceSchema)
    @reads_only  # one statement
    def get(self, member_id: str):
        """Available, pending and held points, lifetime earned, and what expires when

        The member's points: `available` to spend, `pending` (earned but not yet available), `held` by open
        holds, lifetime earned, and the next lots to expire.
        """
        balance = balances.get_balance(current_reader(), current_program_id(), member_id, program_now())
        return {"member_id": member_id, **balance.__dict__}


@blp.route("/<string:member_id>/ledger")
class MemberLedger(MethodView):
    @operation("listMemberLedger")
    @authorize("members:read")
    @blp.arguments(LedgerArgs(), location="query")
    @blp.response(200, EntryPageSchema)
    def get(self, args, member_id: str):
        """The member's ledger entries, newest first

        The member's ledger entries (earn, redeem, reverse, expire, adjust, ...), newest first, paged with
        `limit` and `cursor`. The ledger is append-only: corrections are new entries.
        """
        return service.ledger_page(current_uow().session, current_program_id(), member_id, limit=args["limit"],
                                   cursor=args["cursor"], entry_type=args["type"], order_id=args["order_id"])


@blp.route("/<string:member_id>/adjustments")
class MemberAdjustments(MethodView):
    @operation("createAdjustment", "insufficient_points", "limit_exceeded")
    @authorize("members:write")
    @idempotent
    @blp.arguments(AdjustmentSchema())
    @blp.response(201, EntrySchema)
    def post(self, data, member_id: str):
        """Credit or debit points by hand, with a reason; the caller is recorded as the actor

        A manual credit (positive `points`) or debit (negative) with a mandatory `reason`, recorded in the
        ledger with the calling client as the actor. A debit below zero answers 409 `insufficient_points`; one
        beyond the program's `limits` (per adjustment, or per client and day) answers 422 `limit_exceeded` and
        applies nothing.
        """
        return service.adjust(current_uow().session, current_program_id(), member_id, points=data["points"],
                              reason=data["reason"], actor=current_actor(),
                              now=program_now(), expires_at=data["expires_at"])

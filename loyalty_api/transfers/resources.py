"""``/v1/members/{member_id}/transfers`` (members:write, members:read) and ``POST /v1/me/transfers``."""

from __future__ import annotations


from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import MEMBER_SCOPE, authorize, current_principal, current_program_id
from loyalty_api.http.clock import program_now
from loyalty_api.http.operations import operation
from loyalty_api.http.pagination import PageArgs
from loyalty_api.http.transaction import current_uow, idempotent
from loyalty_api.transfers import service
from loyalty_api.transfers.schemas import (MyTransferRequestSchema, TransferPageSchema, TransferRequestSchema,
                                           TransferResultSchema)

blp = Blueprint("transfers", __name__, url_prefix="/v1", description="Transfers of points between members")

_CODES = ("insufficient_points", "limit_exceeded", "member_merged")


@blp.route("/members/<string:member_id>/transfers")
class MemberTransfers(MethodView):
    @operation("createTransfer", *_CODES)
    @authorize("members:write")
    @idempotent
    @blp.arguments(TransferRequestSchema())
    @blp.response(201, TransferResultSchema)
    def post(self, data, member_id: str):
        """Move available points from this member to another one, keeping their expiry

        Moves `points` of this member's available points (soonest-expiring first) to `to_member_id`: a
        `transfer_out` entry here, and on the receiver one `transfer_in` lot per source lot with the same
        `expires_at`. Needs `transfers.enabled` (else 403 `forbidden`). Not enough available points: 409
        `insufficient_points`; beyond `transfers.max_points_per_month` of this sender: 422 `limit_exceeded`; to
        itself or to a blocked member: 422 `validation_error`; an unknown receiver: 404 `not_found`; a merged
        one: 409 `member_merged`. Answers the transfer and the sender's balance after it.
        """
        return service.transfer_for_client(current_uow().session, current_program_id(), member_id,
                                           data["to_member_id"], points=data["points"], reason=data["reason"],
                                           now=program_now(), actor=current_actor())

    @operation("listTransfers")
    @authorize("members:read")
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, TransferPageSchema)
    def get(self, args, member_id: str):
        """The member's transfers, sent and received, newest first

        Every transfer this member sent (`from_member_id` is the member) or received, newest first, paged with
        `limit` and `cursor`.
        """
        return service.transfers_page(current_uow().session, current_program_id(), member_id, limit=args["limit"],
                                      cursor=args["cursor"])


@blp.route("/me/transfers")
class MyTransfers(MethodView):
    @operation("createMyTransfer", *_CODES)
    @authorize(MEMBER_SCOPE)
    @idempotent
    @blp.arguments(MyTransferRequestSchema())
    @blp.response(201, TransferResultSchema)
    def post(self, data):
        """Give some of the member's own available points to another member (member token)

        The member of the token sends `points` of their available points to another member, named by
        `to_member_id` or by `to_identity` (a card, phone, email or external id). Expiry dates are kept. The
        same problems as the client route: 403 `forbidden` when the program has transfers off, 409
        `insufficient_points`, 422 `limit_exceeded`, 404 `not_found` for an unknown receiver. Addressed by
        identity, the answer's `to_member_id` is null.
        """
        principal = current_principal()
        return service.send_my_transfer(current_uow().session, current_program_id(), principal.member_id, data,
                                        now=program_now(), actor=principal.client_id or None)

"""``POST /v1/members/{member_id}/merge``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_uow, idempotent
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now
from loyalty_api.merges import service
from loyalty_api.merges.schemas import MergeRequestSchema, MergeSchema

blp = Blueprint("merges", __name__, url_prefix="/v1", description="Merging duplicate members")


@blp.route("/members/<string:member_id>/merge")
class MemberMerge(MethodView):
    @operation("mergeMember", "member_busy", "member_merged")
    @authorize("members:write")
    @idempotent
    @blp.arguments(MergeRequestSchema())
    @blp.response(201, MergeSchema)
    @blp.alt_response(200, schema=MergeSchema, description="This pair was merged before: the first answer")
    def post(self, data, member_id: str):
        """Merge `from_member_id` into this member in one transaction (409 `member_busy` while it holds points)

        Moves everything of the duplicate `from_member_id` (points, ledger, orders, holds, coupons, events,
        identities, referrals) into this member in one transaction, then evaluates this member's tier; the
        duplicate is closed and emits one `member.merged` event. The same pair again answers the first merge
        (200). A duplicate with an active hold answers 409 `member_busy`; a member merged away already 409
        `member_merged`; merging a member into itself or into a blocked member 422 `validation_error`.
        """
        answer, created = service.merge(current_uow().session, current_program_id(), member_id,
                                        data["from_member_id"], program_now(),
                                        actor=current_actor())
        return answer, 201 if created else 200

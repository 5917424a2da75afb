"""``GET /v1/members/{member_id}/export``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now
from loyalty_api.subject_access import service
from loyalty_api.subject_access.schemas import SubjectAccessSchema

blp = Blueprint("subject_access", __name__, url_prefix="/v1", description="Subject access: one member's data")


@blp.route("/members/<string:member_id>/export")
class MemberExport(MethodView):
    @operation("exportMember")
    @authorize("members:read")
    @blp.response(200, SubjectAccessSchema)
    def get(self, member_id: str):
        """Everything held about a member as one JSON document (profile, identities, ledger, orders, events, referrals, coupons)

        A subject access request's answer: the member's profile, identities, balance, tier, every ledger entry,
        orders with returns, events, referrals both ways, coupons and merges, as of one instant.
        """
        return service.export_member(current_uow().session, current_program_id(), member_id,
                                     program_now())

"""``/v1/program/tiers``, ``/v1/members/{member_id}/tier`` (and history) and ``/vip``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.pagination import PageArgs
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now
from loyalty_api.tiers import ladder, service, vip
from loyalty_api.tiers.schemas import LadderSchema, MemberTierSchema, TierHistorySchema, VipGrantSchema

blp = Blueprint("tiers", __name__, url_prefix="/v1", description="Tiers, tier progress and VIP status")


@blp.route("/program/tiers")
class ProgramTiers(MethodView):
    @operation("getTierLadder")
    @authorize("program:admin")
    @blp.response(200, LadderSchema)
    def get(self):
        """Read the tier ladder and tier policy

        The tiers (code, name, threshold, multiplier, perks) and the policy that evaluates them (metric,
        window, retention, downgrade).
        """
        return ladder.get_ladder(current_uow().session, current_program_id())

    @operation("replaceTierLadder")
    @authorize("program:admin")
    @blp.arguments(LadderSchema())
    @blp.response(200, LadderSchema)
    def put(self, data):
        """Replace the tier ladder and tier policy; members are re-evaluated lazily

        Replaces the whole ladder and policy after checking that thresholds rise with the tiers. Members are
        re-evaluated the next time they are read or earn.
        """
        return ladder.put_ladder(current_uow().session, current_program_id(), data, actor=current_actor())


@blp.route("/members/<string:member_id>/tier")
class MemberTier(MethodView):
    @operation("getMemberTier")
    @authorize("members:read")
    @blp.response(200, MemberTierSchema)
    def get(self, member_id: str):
        """A member's tier, next tier, progress and VIP status

        The member's current tier, the next one, the progress of the tier metric over the window and the VIP
        status if any.
        """
        return service.member_tier(current_uow().session, current_program_id(), member_id, program_now())


@blp.route("/members/<string:member_id>/tier/history")
class MemberTierHistory(MethodView):
    @operation("listMemberTierHistory")
    @authorize("members:read")
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, TierHistorySchema)
    def get(self, args, member_id: str):
        """A member's tier changes, newest first

        Every tier change of the member (upgrade, downgrade, VIP, ladder change), newest first.
        """
        return service.tier_history(current_uow().session, current_program_id(), member_id,
                                    args["limit"], args["cursor"])


@blp.route("/members/<string:member_id>/vip")
class MemberVip(MethodView):
    @operation("grantMemberVip")
    @authorize("members:write")
    @blp.arguments(VipGrantSchema())
    @blp.response(200, MemberTierSchema)
    def put(self, data, member_id: str):
        """Assign a VIP tier: automatic evaluation keeps the member at least there until it ends

        Puts the member on a VIP tier until `until` (or for good); automatic evaluation never places the
        member below it meanwhile.
        """
        return vip.grant_vip(current_uow().session, current_program_id(), member_id, data, actor=current_actor(),
                             now=program_now())

    @operation("revokeMemberVip")
    @authorize("members:write")
    @blp.response(204)
    def delete(self, member_id: str):
        """Revoke a member's VIP status

        Ends the member's VIP status now; the member falls back to the tier the metric qualifies for.
        """
        vip.revoke_vip(current_uow().session, current_program_id(), member_id, actor=current_actor(), now=program_now())

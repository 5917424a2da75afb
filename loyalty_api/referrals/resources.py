"""``/v1/members/{member_id}/referrals`` and ``/v1/referrals/leaderboard``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.pagination import PageArgs
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now
from loyalty_api.referrals import service
from loyalty_api.referrals.schemas import LeaderboardArgs, LeaderboardSchema, ReferralPage

blp = Blueprint("referrals", __name__, url_prefix="/v1", description="Referrals")


@blp.route("/members/<string:member_id>/referrals")
class MemberReferrals(MethodView):
    @operation("listMemberReferrals")
    @authorize("members:read")
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, ReferralPage)
    def get(self, args, member_id: str):
        """The members this member referred, newest first

        Members this member referred, with the state of each referral, newest first.
        """
        return service.referrals_of(current_uow().session, current_program_id(), member_id, args["limit"],
                                    args["cursor"])


@blp.route("/referrals/leaderboard")
class Leaderboard(MethodView):
    @operation("getReferralLeaderboard")
    @authorize("members:read")
    @blp.arguments(LeaderboardArgs(), location="query")
    @blp.response(200, LeaderboardSchema)
    def get(self, args):
        """Referrers ranked by rewarded referrals in the period

        Referrers ranked by the number of rewarded referrals between `from` and `to`.
        """
        return service.leaderboard(current_uow().session, current_program_id(), args["period"], args["limit"],
                                   program_now())

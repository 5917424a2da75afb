"""``/v1/me/*`` (member tokens only) and ``POST /v1/members/{member_id}/tokens``."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.auth import MEMBER_SCOPE, authorize, current_principal, current_program_id
from loyalty_api.http.pagination import PageArgs
from loyalty_api.http.transaction import current_uow, idempotent, keep_out_of_replays
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now
from loyalty_api.ledger.schemas import BalanceSchema, EntryPageSchema, LedgerArgs
from loyalty_api.me import service
from loyalty_api.me.schemas import MemberTokenRequestSchema, MemberTokenSchema
from loyalty_api.identities.schemas import MemberWithIdentitiesSchema
from loyalty_api.referrals.schemas import ReferralPage
from loyalty_api.tiers.schemas import MemberTierSchema

blp = Blueprint("me", __name__, url_prefix="/v1", description="Member tokens and the member's own view (/v1/me)")


@blp.route("/members/<string:member_id>/tokens")
class MemberTokens(MethodView):
    @operation("createMemberToken")
    @authorize("members:write")
    @idempotent
    # Every field has a default, so no body at all is a valid request too.
    @blp.arguments(MemberTokenRequestSchema(), required=False)
    @blp.response(201, MemberTokenSchema)
    def post(self, data, member_id: str):
        """Issue a short-lived token with which a mobile app reads this member's own data

        A short-lived bearer token (`ttl_seconds`) that the shop's backend hands to its mobile app; it reads
        only this member's own data under `/v1/me`. Tokens are never stored: a replay under the same
        Idempotency-Key answers `access_token: null`; ask for a new token instead.
        """
        settings = current_app.extensions["loyalty"].settings
        keep_out_of_replays("access_token")
        return service.issue_member_token(current_uow().session, current_program_id(), member_id,
                                          data["ttl_seconds"], default_ttl=settings.MEMBER_TOKEN_TTL_SECONDS,
                                          max_ttl=settings.MEMBER_TOKEN_MAX_TTL_SECONDS,
                                          issued_by=current_principal())


@blp.route("/me")
class Me(MethodView):
    @operation("getMe")
    @authorize(MEMBER_SCOPE)
    @blp.response(200, MemberWithIdentitiesSchema)
    def get(self):
        """The member's own profile with their identities (member token)

        The profile of the member the member token was issued for. For mobile apps (cards for a wallet screen); needs a member token.
        """
        return service.profile(current_uow().session, current_program_id(), current_principal().member_id)


@blp.route("/me/balance")
class MyBalance(MethodView):
    @operation("getMyBalance")
    @authorize(MEMBER_SCOPE)
    @blp.response(200, BalanceSchema)
    def get(self):
        """The member's own points: available, pending, held and what expires when (member token)

        Available, pending and held points of the member the token was issued for, and the points expiring
        soonest. Needs a member token.
        """
        return service.my_balance(current_uow().session, current_program_id(), current_principal().member_id,
                                  program_now())


@blp.route("/me/ledger")
class MyLedger(MethodView):
    @operation("listMyLedger")
    @authorize(MEMBER_SCOPE)
    @blp.arguments(LedgerArgs(), location="query")
    @blp.response(200, EntryPageSchema)
    def get(self, args):
        """The member's own ledger entries, newest first (member token)

        The member's own ledger entries, newest first, paged with `limit` and `cursor`. Needs a member
        token.
        """
        return service.my_ledger(current_uow().session, current_program_id(), current_principal().member_id, args)


@blp.route("/me/tier")
class MyTier(MethodView):
    @operation("getMyTier")
    @authorize(MEMBER_SCOPE)
    @blp.response(200, MemberTierSchema)
    def get(self):
        """The member's own tier and progress (member token)

        The member's current tier, the next tier and what is still needed to reach it or keep the current one.
        Needs a member token.
        """
        return service.tier(current_uow().session, current_program_id(), current_principal().member_id,
                            program_now())


@blp.route("/me/referrals")
class MyReferrals(MethodView):
    @operation("listMyReferrals")
    @authorize(MEMBER_SCOPE)
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, ReferralPage)
    def get(self, args):
        """The members this member referred, newest first (member token)

        Members this member referred and whether each referral has been rewarded, newest first. Needs a member
        token.
        """
        return service.my_referrals(current_uow().session, current_program_id(), current_principal().member_id,
                                    args["limit"], args["cursor"])

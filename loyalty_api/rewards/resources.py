"""``/v1/program/rewards``, the member's catalogue and coupons, ``/v1/me`` rewards, ``/v1/coupons``."""

from __future__ import annotations

from datetime import datetime

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import MEMBER_SCOPE, authorize, current_principal, current_program_id
from loyalty_api.http.pagination import PageArgs
from loyalty_api.http.transaction import current_uow, idempotent
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now
from loyalty_api.rewards import coupons, member_view, service
from loyalty_api.rewards.schemas import (CataloguePage, CouponOrderSchema, CouponPage, CouponSchema, CouponUseSchema,
                                         CouponValidationSchema, RewardCreateSchema, RewardListArgs,
                                         RewardPage, RewardPatchSchema, RewardSchema)

blp = Blueprint("rewards", __name__, url_prefix="/v1", description="Rewards catalogue and coupons")


def _now() -> datetime:
    return program_now()


@blp.route("/program/rewards")
class Rewards(MethodView):
    @operation("listRewards")
    @authorize("program:admin")
    @blp.arguments(RewardListArgs(), location="query")
    @blp.response(200, RewardPage)
    def get(self, args):
        """List the program's rewards (deleted ones too, unless filtered)

        The reward catalogue, paged with `limit` and `cursor`; filter with `active`.
        """
        return service.list_rewards(current_uow().session, current_program_id(), active=args["active"],
                                    limit=args["limit"], cursor=args["cursor"])

    @operation("createReward", "reward_exists")
    @authorize("program:admin")
    @idempotent
    @blp.arguments(RewardCreateSchema())
    @blp.response(201, RewardSchema)
    def post(self, data):
        """Add a reward to the catalogue

        Adds a reward (a coupon for points) under the shop's own `reward_id`; an existing one answers 409
        `reward_exists`.
        """
        return service.reward_document(service.create_reward(current_uow().session, current_program_id(), data,
                                                              actor=current_actor()))


@blp.route("/program/rewards/<string:reward_id>")
class RewardById(MethodView):
    @operation("getReward")
    @authorize("program:admin")
    @blp.response(200, RewardSchema)
    def get(self, reward_id: str):
        """Read a reward

        A reward of the catalogue, deleted ones included.
        """
        return service.reward_document(service.get_reward(current_uow().session, current_program_id(), reward_id))

    @operation("updateReward")
    @authorize("program:admin")
    @blp.arguments(RewardPatchSchema())
    @blp.response(200, RewardSchema)
    def patch(self, patch, reward_id: str):
        """Change a reward; null clears an optional field; issued coupons keep their terms

        Changes the given fields of a reward; `null` clears an optional field. Coupons already issued keep the
        terms they were issued with.
        """
        reward = service.update_reward(current_uow().session, current_program_id(), reward_id, patch,
                                       actor=current_actor())
        return service.reward_document(reward)

    @operation("deleteReward")
    @authorize("program:admin")
    @blp.response(204)
    def delete(self, reward_id: str):
        """Withdraw a reward from the catalogue; issued coupons stay usable

        The reward can no longer be claimed; coupons issued for it stay usable until they expire.
        """
        service.deactivate_reward(current_uow().session, current_program_id(), reward_id, actor=current_actor())


@blp.route("/members/<string:member_id>/rewards")
class MemberRewards(MethodView):
    @operation("listMemberRewards")
    @authorize("members:read")
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, CataloguePage)
    def get(self, args, member_id: str):
        """The catalogue for a member: can each reward be claimed now, and if not, why

        The active rewards with, for this member, whether each can be claimed now and, if not, why (points,
        tier, limits).
        """
        return service.member_catalogue(current_uow().session, current_program_id(), member_id, _now(),
                                        limit=args["limit"], cursor=args["cursor"])


@blp.route("/members/<string:member_id>/rewards/<string:reward_id>/claim")
class MemberRewardClaim(MethodView):
    @operation("claimMemberReward", "reward_not_claimable", "insufficient_points")
    @authorize("members:write")
    @idempotent
    @blp.response(201, CouponSchema)
    def post(self, member_id: str, reward_id: str):
        """Spend the reward's points and issue its coupon

        Spends the reward's points from the member's balance and issues a coupon, in one transaction. 409
        `reward_not_claimable` or `insufficient_points` when it cannot be claimed.
        """
        return service.claim_reward(current_uow().session, current_program_id(), member_id, reward_id, _now())


@blp.route("/members/<string:member_id>/coupons")
class MemberCoupons(MethodView):
    @operation("listMemberCoupons")
    @authorize("members:read")
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, CouponPage)
    def get(self, args, member_id: str):
        """The member's coupons, newest first

        The member's coupons, newest first, paged with `limit` and `cursor`.
        """
        return coupons.member_coupons(current_uow().session, current_program_id(), member_id, _now(),
                                      limit=args["limit"], cursor=args["cursor"])


@blp.route("/me/rewards")
class MyRewards(MethodView):
    @operation("listMyRewards")
    @authorize(MEMBER_SCOPE)
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, CataloguePage)
    def get(self, args):
        """The catalogue for this member: what can be claimed now (member token)

        The active rewards of the catalogue with, for each, whether this member can claim it now and if not
        why. Needs a member token.
        """
        return member_view.catalogue(current_uow().session, current_program_id(), current_principal().member_id,
                                     _now(), limit=args["limit"], cursor=args["cursor"])


@blp.route("/me/rewards/<string:reward_id>/claim")
class MyRewardClaim(MethodView):
    @operation("claimMyReward", "reward_not_claimable", "insufficient_points")
    @authorize(MEMBER_SCOPE)
    @idempotent
    @blp.response(201, CouponSchema)
    def post(self, reward_id: str):
        """Claim a reward for this member: spend its points, get its coupon (member token)

        Spends the reward's points from the member's balance and issues a coupon, in one transaction. 409
        `reward_not_claimable` or `insufficient_points` when it cannot be claimed. Send an Idempotency-Key so
        that a retry claims once.
        """
        return member_view.claim(current_uow().session, current_program_id(), current_principal().member_id,
                                 reward_id, _now())


@blp.route("/me/coupons")
class MyCoupons(MethodView):
    @operation("listMyCoupons")
    @authorize(MEMBER_SCOPE)
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, CouponPage)
    def get(self, args):
        """This member's coupons, newest first (member token)

        Coupons the member holds, newest first, paged with `limit` and `cursor`. Needs a member token.
        """
        return member_view.coupons(current_uow().session, current_program_id(), current_principal().member_id,
                                   _now(), limit=args["limit"], cursor=args["cursor"])


@blp.route("/coupons/<string:code>/validate")
class CouponValidate(MethodView):
    @operation("validateCoupon", "coupon_not_active")
    @authorize("checkout")
    @idempotent
    @blp.arguments(CouponOrderSchema())
    @blp.response(200, CouponValidationSchema)
    def post(self, order, code: str):
        """Can this coupon pay part of this order, and what is it worth for it (writes nothing)

        Checks at checkout whether the coupon is active and applies to the given order, and what discount it
        is worth. Writes nothing.
        """
        return coupons.validate_coupon(current_uow().session, current_program_id(), code, order, _now())


@blp.route("/coupons/<string:code>/use")
class CouponUse(MethodView):
    @operation("useCoupon", "coupon_not_active")
    @authorize("checkout")
    @idempotent
    @blp.arguments(CouponUseSchema())
    @blp.response(200, CouponSchema)
    def post(self, data, code: str):
        """Use the coupon for an order, once; the same order again answers the same

        Marks the coupon used by `order_id`. Using it again for the same order answers the same result;
        another order answers 409 `coupon_not_active`.
        """
        return coupons.use_coupon(current_uow().session, current_program_id(), code, data["order_id"],
                                  data["member_id"], _now())


@blp.route("/coupons/<string:code>/cancel")
class CouponCancel(MethodView):
    @operation("cancelCoupon", "coupon_not_active")
    @authorize("checkout")
    @idempotent
    @blp.response(200, CouponSchema)
    def post(self, code: str):
        """Cancel an unused coupon: its points come back (a refund entry)

        An unused coupon is cancelled and the points it cost are credited back as a refund entry; a used,
        expired or cancelled coupon answers 409 `coupon_not_active`.
        """
        return coupons.cancel_coupon(current_uow().session, current_program_id(), code, _now())

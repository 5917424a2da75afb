"""``/v1/checkout/quote``, ``/v1/holds``, ``/v1/orders`` and returns."""

from __future__ import annotations

from datetime import datetime

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.checkout import holds, returns, service
from loyalty_api.checkout.schemas import (HoldCreateSchema, HoldSchema, OrderCreateSchema, OrderSchema,
                                          QuoteRequestSchema, QuoteSchema, ReturnCreateSchema, ReturnSchema)
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_uow, idempotent
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now

blp = Blueprint("checkout", __name__, url_prefix="/v1", description="Checkout: quotes, holds, orders, returns")


def _now() -> datetime:
    return program_now()


@blp.route("/checkout/quote")
class Quote(MethodView):
    @operation("quoteCheckout", "insufficient_points", "redeem_limit", "currency_mismatch")
    @authorize("checkout")
    @idempotent
    @blp.arguments(QuoteRequestSchema())
    @blp.response(200, QuoteSchema)
    def post(self, data):
        """Points an order would earn and may redeem (writes nothing)

        Call it while the basket is shown: what the order would earn, how many points may be redeemed on it
        (`redeem_points` capped by the program's limits) and the discount they give. Nothing is written, so it
        needs no Idempotency-Key.
        """
        return service.quote(current_uow().session, current_program_id(), data["member_id"], data["order"],
                             data["redeem_points"], _now())


@blp.route("/holds")
class Holds(MethodView):
    @operation("createHold", "insufficient_points")
    @authorize("checkout")
    @idempotent
    @blp.arguments(HoldCreateSchema())
    @blp.response(201, HoldSchema)
    @blp.alt_response(200, schema=HoldSchema, description="The order_id has this hold already (same member and points)")
    def post(self, data):
        """Reserve points while a payment runs (one hold per order_id)

        Reserves `points` of the member's available points for up to the program's `hold_ttl_seconds`, while
        the payment runs. Capture it by passing `hold_id` to createOrder; release it with releaseHold, or it
        expires by itself. 409 `insufficient_points` when the member has too few available points. The same `order_id` again answers
        the existing hold (200) with the same points, 409 `duplicate_order` otherwise.
        """
        hold, created = holds.create_hold(current_uow().session, current_program_id(), data, _now())
        return hold, 201 if created else 200


@blp.route("/holds/<string:hold_id>/release")
class HoldRelease(MethodView):
    @operation("releaseHold", "hold_not_active")
    @authorize("checkout")
    @idempotent
    @blp.response(200, HoldSchema)
    def post(self, hold_id: str):
        """Give a hold's points back

        The held points become available again. Releasing a hold that is no longer held (captured, released,
        expired) answers 409 `hold_not_active`.
        """
        return holds.release_hold(current_uow().session, current_program_id(), hold_id, _now())


@blp.route("/orders")
class Orders(MethodView):
    @operation("createOrder", "insufficient_points", "duplicate_order", "hold_not_active", "redeem_limit",
               "currency_mismatch")
    @authorize("checkout")
    @idempotent
    @blp.arguments(OrderCreateSchema())
    @blp.response(201, OrderSchema)
    @blp.alt_response(200, schema=OrderSchema, description="The order was recorded before with the same content")
    def post(self, data):
        """Record a paid order once: earn points, capture a hold or spend points

        Records a paid order once per `order_id`: points are earned on the amount actually paid, and points
        are spent either by capturing a hold (`hold_id`) or directly (`redeem_points`). The same order sent
        again with the same content answers 200 with the first result; different content under the same
        `order_id` answers 409 `duplicate_order`.
        """
        order, created = service.record_order(current_uow().session, current_program_id(), data, _now())
        return order, 201 if created else 200


@blp.route("/orders/<string:order_id>")
class OrderById(MethodView):
    @operation("getOrder")
    @authorize("checkout")
    @blp.response(200, OrderSchema)
    def get(self, order_id: str):
        """Read an order

        The order as recorded: amounts, points earned and redeemed, returned amount and status.
        """
        return service.get_order(current_uow().session, current_program_id(), order_id).answer()


@blp.route("/orders/<string:order_id>/returns")
class OrderReturns(MethodView):
    @operation("createReturn", "return_exceeds_order", "conflict")
    @authorize("checkout")
    @idempotent
    @blp.arguments(ReturnCreateSchema())
    @blp.response(201, ReturnSchema)
    @blp.alt_response(200, schema=ReturnSchema, description="The return was recorded before")
    def post(self, data, order_id: str):
        """Return lines or an amount of an order: points taken back and given back in proportion

        Records a return once per `return_id`: by lines or by amount. Earned points are taken back and
        redeemed points given back in proportion. More than what is left of the order answers 422
        `return_exceeds_order`.
        """
        answer, created = returns.record_return(current_uow().session, current_program_id(), order_id, data,
                                                _now())
        return answer, 201 if created else 200


@blp.route("/orders/<string:order_id>/cancel")
class OrderCancel(MethodView):
    @operation("cancelOrder", "conflict")
    @authorize("checkout")
    @idempotent
    @blp.response(200, OrderSchema)
    def post(self, order_id: str):
        """Cancel an order: return whatever is left of it

        Cancels the order: whatever has not been returned yet is reversed (earned points taken back, redeemed
        points given back). Cancelling twice answers the same order.
        """
        return returns.cancel_order(current_uow().session, current_program_id(), order_id, _now())

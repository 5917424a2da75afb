"""``/v1/checkout/quote``, ``/v1/holds``, ``/v1/orders`` and returns."""

from __future__ import annotations

from datetime import datetime, timezone

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.checkout import holds, returns, service
from loyalty_api.checkout.schemas import (HoldCreateSchema, HoldSchema, OrderCreateSchema, OrderSchema,
                                          QuoteRequestSchema, QuoteSchema, ReturnCreateSchema, ReturnSchema)
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.operations import operation

blp = Blueprint("checkout", __name__, url_prefix="/v1", description="Checkout: quotes, holds, orders, returns")


def _now() -> datetime:
    return datetime.now(timezone.utc)


@blp.route("/checkout/quote")
class Quote(MethodView):
    @operation("quoteCheckout", "insufficient_points", "redeem_limit", "currency_mismatch")
    @authorize("checkout")
    @blp.arguments(QuoteRequestSchema())
    @blp.response(200, QuoteSchema)
    def post(self, data):
        """Points an order would earn and may redeem (writes nothing)"""
        return service.quote(current_uow().session, current_program_id(), data["member_id"], data["order"],
                             data["redeem_points"], _now())


@blp.route("/holds")
class Holds(MethodView):
    @operation("createHold", "insufficient_points")
    @authorize("checkout")
    @blp.arguments(HoldCreateSchema())
    @blp.response(201, HoldSchema)
    def post(self, data):
        """Reserve points while a payment runs"""
        return holds.create_hold(current_uow().session, current_program_id(), data, _now())


@blp.route("/holds/<string:hold_id>/release")
class HoldRelease(MethodView):
    @operation("releaseHold", "hold_not_active")
    @authorize("checkout")
    @blp.response(200, HoldSchema)
    def post(self, hold_id: str):
        """Give a hold's points back"""
        return holds.release_hold(current_uow().session, current_program_id(), hold_id, _now())


@blp.route("/orders")
class Orders(MethodView):
    @operation("createOrder", "insufficient_points", "duplicate_order", "hold_not_active", "redeem_limit", "currency_mismatch")
    @authorize("checkout")
    @blp.arguments(OrderCreateSchema())
    @blp.response(201, OrderSchema)
    @blp.alt_response(200, schema=OrderSchema, description="The order was recorded before with the same content")
    def post(self, data):
        """Record a paid order once: earn points, capture a hold or spend points"""
        order, created = service.record_order(current_uow().session, current_program_id(), data, _now())
        return order, 201 if created else 200


@blp.route("/orders/<string:order_id>")
class OrderById(MethodView):
    @operation("getOrder")
    @authorize("checkout")
    @blp.response(200, OrderSchema)
    def get(self, order_id: str):
        """Read an order"""
        return service.get_order(current_uow().session, current_program_id(), order_id).answer()


@blp.route("/orders/<string:order_id>/returns")
class OrderReturns(MethodView):
    @operation("createReturn", "return_exceeds_order", "conflict")
    @authorize("checkout")
    @blp.arguments(ReturnCreateSchema())
    @blp.response(201, ReturnSchema)
    @blp.alt_response(200, schema=ReturnSchema, description="The return was recorded before")
    def post(self, data, order_id: str):
        """Return lines or an amount of an order: points taken back and given back in proportion"""
        answer, created = returns.record_return(current_uow().session, current_program_id(), order_id, data,
                                                _now())
        return answer, 201 if created else 200


@blp.route("/orders/<string:order_id>/cancel")
class OrderCancel(MethodView):
    @operation("cancelOrder", "conflict")
    @authorize("checkout")
    @blp.response(200, OrderSchema)
    def post(self, order_id: str):
        """Cancel an order: return whatever is left of it"""
        return returns.cancel_order(current_uow().session, current_program_id(), order_id, _now())

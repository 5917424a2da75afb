"""``/v1/webhooks``: subscriptions, secret rotation, the delivery log and redelivery."""

from __future__ import annotations

import uuid

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.pagination import PageArgs
from loyalty_api.http.transaction import current_uow, idempotent, keep_out_of_replays
from loyalty_api.http.operations import operation
from loyalty_api.webhooks import service
from loyalty_api.webhooks.schemas import (DeliveryArgs, DeliveryPageSchema, DeliverySchema, RotatedSecretSchema,
                                          RotateSecretSchema, WebhookCreatedSchema, WebhookCreateSchema,
                                          WebhookPageSchema, WebhookSchema)

blp = Blueprint("webhooks", __name__, url_prefix="/v1/webhooks", description="Webhooks")


def _settings():
    return current_app.extensions["loyalty"].settings


@blp.route("")
class Webhooks(MethodView):
    @operation("createWebhook")
    @authorize("program:admin")
    @idempotent
    @blp.arguments(WebhookCreateSchema())
    @blp.response(201, WebhookCreatedSchema)
    def post(self, data):
        """Subscribe a URL to event types; the signing secret is shown only in this answer

        Subscribes `url` to `event_types` (`*` for all). The answer shows the signing secret once; store it to
        verify the `Loyalty-Signature` of deliveries. The URL must resolve to a public address.
        """
        keep_out_of_replays("secret")
        return service.create_webhook(current_uow().session, current_program_id(), data, _settings(),
                                      actor=current_actor())

    @operation("listWebhooks")
    @authorize("program:admin")
    @blp.arguments(PageArgs(), location="query")
    @blp.response(200, WebhookPageSchema)
    def get(self, args):
        """List the program's webhooks

        The program's webhook subscriptions, paged with `limit` and `cursor`; secrets are never shown again.
        """
        return service.list_webhooks(current_uow().session, current_program_id(), args["limit"], args["cursor"])


@blp.route("/<uuid:webhook_id>")
class WebhookById(MethodView):
    @operation("getWebhook")
    @authorize("program:admin")
    @blp.response(200, WebhookSchema)
    def get(self, webhook_id: uuid.UUID):
        """Read a webhook (never its secret)

        A webhook subscription: URL, event types, state; never its secret.
        """
        return service.read_webhook(current_uow().session, current_program_id(), webhook_id)

    @operation("deleteWebhook")
    @authorize("program:admin")
    @blp.response(204)
    def delete(self, webhook_id: uuid.UUID):
        """Delete a webhook; its pending deliveries are cancelled

        Deletes the subscription; deliveries not yet sent are cancelled.
        """
        service.delete_webhook(current_uow().session, current_program_id(), webhook_id, actor=current_actor())


@blp.route("/<uuid:webhook_id>/rotate-secret")
class WebhookSecret(MethodView):
    @operation("rotateWebhookSecret", "conflict")
    @authorize("program:admin")
    @idempotent
    @blp.arguments(RotateSecretSchema())
    @blp.response(200, RotatedSecretSchema)
    def post(self, data, webhook_id: uuid.UUID):
        """Issue a new secret; the old one keeps signing too until the grace period ends

        Issues a new signing secret, shown once. During `grace_seconds` deliveries carry both signatures, the
        new one first; `grace_seconds: 0` revokes the old secret at once.
        """
        keep_out_of_replays("secret")
        return service.rotate_secret(current_uow().session, current_program_id(), webhook_id,
                                     data["grace_seconds"], _settings(), actor=current_actor())


@blp.route("/<uuid:webhook_id>/enable")
class WebhookEnable(MethodView):
    @operation("enableWebhook")
    @authorize("program:admin")
    @idempotent
    @blp.response(200, WebhookSchema)
    def post(self, webhook_id: uuid.UUID):
        """Re-enable a webhook the worker disabled; events from now on are delivered again

        Deliveries start again with the events emitted from now on; those emitted while it was disabled are
        not sent (failed deliveries can be redelivered). Enabling an active webhook changes nothing.
        """
        return service.enable_webhook(current_uow().session, current_program_id(), webhook_id, actor=current_actor())


@blp.route("/<uuid:webhook_id>/deliveries")
class WebhookDeliveries(MethodView):
    @operation("listWebhookDeliveries")
    @authorize("program:admin")
    @blp.arguments(DeliveryArgs(), location="query")
    @blp.response(200, DeliveryPageSchema)
    def get(self, args, webhook_id: uuid.UUID):
        """The delivery log, newest first: status, attempts, last response code

        The deliveries of the webhook, newest first, with status, attempts, last response code and next
        attempt.
        """
        return service.list_deliveries(current_uow().session, current_program_id(), webhook_id,
                                       args["limit"], args["cursor"], args["status"])


@blp.route("/<uuid:webhook_id>/deliveries/<uuid:delivery_id>/redeliver")
class Redelivery(MethodView):
    @operation("redeliverWebhookDelivery", "conflict")
    @authorize("program:admin")
    @idempotent
    @blp.response(201, DeliverySchema)
    def post(self, webhook_id: uuid.UUID, delivery_id: uuid.UUID):
        """Deliver an event again (a new delivery, due at once)

        Sends the delivery's event again as a new delivery, due at once and outside the member's ordering.
        """
        return service.redeliver(current_uow().session, current_program_id(), webhook_id, delivery_id,
                                 actor=current_actor())

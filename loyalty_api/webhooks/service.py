"""Webhook use cases for the API. Every query is scoped by ``program_id``; callers commit.

The plain secret is returned only by ``create_webhook`` and ``rotate_secret``; what is
stored is sealed (``webhooks.crypto``).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from loyalty_api.config import Settings
from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import REDACTED, Actor
from loyalty_api.errors import Conflict, NotFound, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.timestamps import rfc3339_or_none
from loyalty_api.webhooks import sender
from loyalty_api.webhooks.crypto import SecretBox, new_secret
from loyalty_api.webhooks.models import Webhook, WebhookDelivery
from loyalty_api.webhooks.rules import UnacceptableUrl

MAX_WEBHOOKS_PER_PROGRAM = 25


def get_webhook(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID, *,
                for_update: bool = False) -> Webhook:
    webhook = session.get(Webhook, (program_id, webhook_id), with_for_update=for_update)
    if webhook is None or webhook.deleted_at is not None:
        raise NotFound(f"Webhook {webhook_id} not found")
    return webhook


def read_webhook(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID) -> dict[str, Any]:
    return webhook_document(get_webhook(session, program_id, webhook_id))


def create_webhook(session: Session, program_id: uuid.UUID, data: dict[str, Any],
                   settings: Settings, *, actor: Actor) -> dict[str, Any]:
    try:
        sender.check_target(data["url"], allow_private=settings.WEBHOOK_ALLOW_PRIVATE_URLS)
    except UnacceptableUrl as exc:
        raise ValidationFailed(str(exc), errors={"url": [str(exc)]}) from exc
    active = session.scalar(select(func.count()).select_from(Webhook).where(
        Webhook.program_id == program_id, Webhook.deleted_at.is_(None)))
    if active >= MAX_WEBHOOKS_PER_PROGRAM:
        raise ValidationFailed(f"A program has at most {MAX_WEBHOOKS_PER_PROGRAM} webhooks")
    secret = new_secret()
    webhook = Webhook(program_id=program_id, webhook_id=uuid.uuid4(), url=data["url"],
                      event_types=sorted(set(data["event_types"])),
                      secret_sealed=SecretBox(settings).seal(secret))
    session.add(webhook)
    session.flush()
    session.refresh(webhook)
    audit.record(session, program_id, actor, "webhook.created", ("webhook", webhook.webhook_id),
                 after={"url": webhook.url, "event_types": webhook.event_types, "secret": secret})
    return {**webhook_document(webhook), "secret": secret}


def list_webhooks(session: Session, program_id: uuid.UUID, limit: int, cursor: str | None) -> dict[str, Any]:
    query = select(Webhook).where(Webhook.program_id == program_id, Webhook.deleted_at.is_(None))
    after = decode_cursor(cursor, 2)
    if after:
        try:
            at, last_id = datetime.fromisoformat(after[0]), uuid.UUID(after[1])
        except (TypeError, ValueError) as exc:
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]}) from exc
        query = query.where(or_(Webhook.created_at > at, and_(Webhook.created_at == at, Webhook.webhook_id > last_id)))
    rows = session.scalars(query.order_by(Webhook.created_at, Webhook.webhook_id).limit(limit + 1)).all()
    result = page(rows, limit, lambda w: (w.created_at.isoformat(), str(w.webhook_id)))
    result["items"] = [webhook_document(w) for w in result["items"]]
    return result


def delete_webhook(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID, *, actor: Actor) -> None:
    """Stops deliveries at once; the delivery log stays (no longer reachable over the API)."""
    webhook = get_webhook(session, program_id, webhook_id, for_update=True)
    webhook.deleted_at = func.now()
    session.execute(update(WebhookDelivery).where(
        WebhookDelivery.program_id == program_id, WebhookDelivery.webhook_id == webhook_id,
        WebhookDelivery.status == "pending",
    ).values(status="cancelled", lease_token=None, lease_until=None))
    session.flush()
    audit.record(session, program_id, actor, "webhook.deleted", ("webhook", webhook_id),
                 before={"url": webhook.url, "event_types": webhook.event_types})


def rotate_secret(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID, grace_seconds: int,
                  settings: Settings, *, actor: Actor) -> dict[str, Any]:
    """A new secret; the current one stays valid (deliveries carry both signatures) for the grace period."""
    webhook = get_webhook(session, program_id, webhook_id, for_update=True)
    before = {"secret": REDACTED, "previous_secret_expires_at": webhook.previous_secret_expires_at}
    now = session.scalar(select(func.now()))
    secret = new_secret()
    if grace_seconds > 0:
        webhook.previous_secret_sealed = webhook.secret_sealed
        webhook.previous_secret_expires_at = now + timedelta(seconds=grace_seconds)
    else:
        webhook.previous_secret_sealed = webhook.previous_secret_expires_at = None
    webhook.secret_sealed = SecretBox(settings).seal(secret)
    session.flush()
    audit.record(session, program_id, actor, "webhook.secret_rotated", ("webhook", webhook_id), before=before,
                 after={"secret": secret, "previous_secret_expires_at": webhook.previous_secret_expires_at})
    return {"webhook_id": webhook.webhook_id, "secret": secret,
            "previous_secret_expires_at": webhook.previous_secret_expires_at}


def list_deliveries(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID, limit: int,
                    cursor: str | None, status: str | None) -> dict[str, Any]:
    """Newest first."""
    get_webhook(session, program_id, webhook_id)
    d = WebhookDelivery
    query = select(d).where(d.program_id == program_id, d.webhook_id == webhook_id)
    if status:
        query = query.where(d.status == status)
    before = decode_cursor(cursor, 2)
    if before:
        try:
            at, last_id = datetime.fromisoformat(before[0]), uuid.UUID(before[1])
        except (TypeError, ValueError) as exc:
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]}) from exc
        query = query.where(or_(d.created_at < at, and_(d.created_at == at, d.delivery_id < last_id)))
    rows = session.scalars(query.order_by(d.created_at.desc(), d.delivery_id.desc()).limit(limit + 1)).all()
    return page(rows, limit, lambda row: (row.created_at.isoformat(), str(row.delivery_id)))


def redeliver(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID,
              delivery_id: uuid.UUID, *, actor: Actor) -> WebhookDelivery:
    """A new delivery of the same event, due now; not held back by (nor holding back) ordering."""
    get_webhook(session, program_id, webhook_id)
    original = session.get(WebhookDelivery, (program_id, delivery_id))
    if original is None or original.webhook_id != webhook_id:
        raise NotFound(f"Delivery {delivery_id} not found")
    if original.status == "pending":
        raise Conflict("The delivery is still pending; it will be retried on its own")
    copy = WebhookDelivery(
        program_id=program_id, delivery_id=uuid.uuid4(), webhook_id=webhook_id,
        event_seq=original.event_seq, event_id=original.event_id, event_type=original.event_type,
        member_id=original.member_id, redelivery_of=original.delivery_id, status="pending", attempts=0, next_attempt_at=func.now())
    session.add(copy)
    session.flush()
    session.refresh(copy)
    audit.record(session, program_id, actor, "webhook.redelivered", ("webhook", webhook_id),
                 after={"delivery_id": copy.delivery_id, "redelivery_of": original.delivery_id})
    return copy


def disable_webhook(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID, reason: str,
                    now: datetime) -> None:
    """The worker's decision (410, or failing for days): nothing more is sent until re-enabled.

    Its pending deliveries are closed as failed (they can be redelivered), and the
    program's other subscriptions hear of it (``webhook.disabled``).
    """
    webhook = session.get(Webhook, (program_id, webhook_id), with_for_update=True)
    if webhook is None or webhook.deleted_at is not None or webhook.disabled_at is not None:
        return
    webhook.disabled_at, webhook.disabled_reason = now, reason[:200]
    session.execute(update(WebhookDelivery).where(
        WebhookDelivery.program_id == program_id, WebhookDelivery.webhook_id == webhook_id,
        WebhookDelivery.status == "pending",
    ).values(status="failed", last_error="webhook disabled", lease_token=None, lease_until=None))
    emit(session, program_id, "webhook.disabled", {
        "webhook_id": str(webhook_id), "url": webhook.url, "reason": webhook.disabled_reason,
        "failing_since": rfc3339_or_none(webhook.failing_since)})
    session.flush()


def enable_webhook(session: Session, program_id: uuid.UUID, webhook_id: uuid.UUID, *,
                   actor: Actor) -> dict[str, Any]:
    """Deliveries start again with the events emitted from now on (those missed meanwhile
    are not sent; the failed ones can be redelivered). Enabling an active webhook is a no-op."""
    webhook = get_webhook(session, program_id, webhook_id, for_update=True)
    if webhook.disabled_at is not None:
        # Events fanned out while it was disabled skipped it for good (the fan-out runs once per event).
        webhook.disabled_at = webhook.disabled_reason = webhook.failing_since = None
        session.flush()
        audit.record(session, program_id, actor, "webhook.enabled", ("webhook", webhook_id),
                     before={"status": "disabled"}, after={"status": "active"})
    return webhook_document(webhook)


def webhook_document(webhook: Webhook) -> dict[str, Any]:
    return {"webhook_id": webhook.webhook_id, "url": webhook.url, "event_types": webhook.event_types,
            "created_at": webhook.created_at, "previous_secret_expires_at": webhook.previous_secret_expires_at,
            "status": "disabled" if webhook.disabled_at is not None else "active",
            "disabled_at": webhook.disabled_at, "disabled_reason": webhook.disabled_reason}

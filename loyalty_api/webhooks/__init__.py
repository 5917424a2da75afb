"""Webhooks: subscriptions, signed deliveries of outbox events, the delivery worker (SPEC §10)."""

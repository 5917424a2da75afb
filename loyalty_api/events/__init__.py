"""The outbox: every state change writes its event in the same transaction (SPEC §10)."""

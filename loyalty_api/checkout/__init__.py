"""Checkout: quotes, holds, orders, returns and cancels (SPEC §4)."""

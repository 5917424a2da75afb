"""Loyalty API: a headless loyalty-program service."""

__version__ = "0.1.0"

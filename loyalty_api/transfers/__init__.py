"""Transfers of available points between two members of a program (SPEC §15)."""

"""Adjustment limits: the most points one manual adjustment, and one client a day, may move."""

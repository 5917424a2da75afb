"""Identities: the cards, phones, emails and external ids a till finds a member by."""

"""Exports: the ledger's time window."""

from __future__ import annotations

import marshmallow as ma

from loyalty_api.fields import AwareDateTime


class LedgerExportArgs(ma.Schema):
    since = AwareDateTime(data_key="from", load_default=None,
                          metadata={"description": "Entries created at or after this instant"})
    until = AwareDateTime(data_key="to", load_default=None,
                          metadata={"description": "Entries created before this instant"})

    @ma.validates_schema
    def _ordered(self, data, **kwargs):
        if data.get("since") and data.get("until") and data["since"] >= data["until"]:
            raise ma.ValidationError("`from` must be before `to`.", field_name="to")

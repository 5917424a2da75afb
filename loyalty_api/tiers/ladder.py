"""A program's tier ladder and policy: reading and replacing them.

The ladder lives in the program's settings; replacing it writes no member row, since
members are re-evaluated lazily (``service.evaluate_member``, docs/tiers.md). Split
from ``service.py``, which evaluates members against the ladder this module reads.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from loyalty_api.audit.rules import Actor
from loyalty_api.errors import ValidationFailed
from loyalty_api.programs import service as programs
from loyalty_api.programs.values import ProgramColumns
from loyalty_api.tiers import rules


def ladder_of(program: ProgramColumns) -> tuple[tuple[rules.Tier, ...], rules.Policy]:
    config = programs.program_config(program)
    return rules.ladder_from(config.get("tiers") or []), rules.policy_from(config.get("tier_policy") or {})


# --- the ladder ----------------------------------------------------------------------------

def get_ladder(session: Session, program_id: uuid.UUID) -> dict[str, Any]:
    document = programs.program_document(programs.get_program(session, program_id))
    return {"tiers": document["tiers"], "tier_policy": document["tier_policy"]}


def put_ladder(session: Session, program_id: uuid.UUID, data: dict[str, Any], *, actor: Actor) -> dict[str, Any]:
    """Replace the ladder and policy. Members are re-evaluated lazily (docs/tiers.md)."""
    errors = rules.ladder_errors(data["tiers"], data["tier_policy"]["metric"])
    if errors:
        raise ValidationFailed("The tier ladder is not valid",
                               errors={"tiers": {str(index): fields for index, fields in errors.items()}})
    tiers = [{**tier, "threshold": _json_number(tier["threshold"]),
              "earn_multiplier": _json_number(tier["earn_multiplier"])} for tier in data["tiers"]]
    programs.patch_program(session, program_id, {"tiers": tiers, "tier_policy": dict(data["tier_policy"])},
                           actor=actor, action="tier_ladder.updated")
    return get_ladder(session, program_id)


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)

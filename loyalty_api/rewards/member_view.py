"""The member's own rewards and coupons (``/v1/me``): the token's member, checked again each time.

A token outlives neither erasure (401) nor blocking (403), as for every ``/v1/me`` read.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from loyalty_api.me.service import token_member
from loyalty_api.rewards import coupons as coupon_service
from loyalty_api.rewards import service


def catalogue(session: Session, program_id: uuid.UUID, member_id: str, now: datetime, *, limit: int,
              cursor: str | None) -> dict[str, Any]:
    token_member(session, program_id, member_id)
    return service.member_catalogue(session, program_id, member_id, now, limit=limit, cursor=cursor)


def claim(session: Session, program_id: uuid.UUID, member_id: str, reward_id: str, now: datetime) -> dict[str, Any]:
    token_member(session, program_id, member_id)
    return service.claim_reward(session, program_id, member_id, reward_id, now)


def coupons(session: Session, program_id: uuid.UUID, member_id: str, now: datetime, *, limit: int,
            cursor: str | None) -> dict[str, Any]:
    token_member(session, program_id, member_id)
    return coupon_service.member_coupons(session, program_id, member_id, now, limit=limit, cursor=cursor)

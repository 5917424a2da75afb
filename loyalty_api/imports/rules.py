"""Reading and checking import lines: pure, no database.

Every line of a chunk (read by ``formats``) becomes either a ``MemberLine`` with its figures resolved
(a lot's expiry from the program's rule when the line gives none) or a ``LineError``
with a stable code; one bad line never stops the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from loyalty_api.errors import ValidationFailed
from loyalty_api.expiry.rules import expiry_instant
from loyalty_api.identities import rules as identity_rules

MAX_LINES = 5000
MAX_BYTES = 4 * 1024 * 1024
MAX_POINTS = 10**12
MEMBER_ID = re.compile(r"^[A-Za-z0-9._~-]{1,128}$")
LINE_FIELDS = frozenset({"member_id", "email", "phone", "birthday", "joined_at", "attributes", "identities",
                         "referred_by", "tier", "vip", "metric", "lots"})
LOT_FIELDS = frozenset({"lot_ref", "points", "available_at", "expires_at", "reason"})
IDENTITY_TYPES = identity_rules.TYPES


@dataclass(frozen=True)
class LotLine:
    lot_ref: str
    points: int
    available_at: datetime
    expires_at: datetime | None
    reason: str | None

    @property
    def figures(self) -> tuple[int, datetime, datetime | None]:
        """What a retry must repeat for the lot to count as the same one."""
        return self.points, self.available_at, self.expires_at


@dataclass(frozen=True)
class MemberLine:
    line: int
    member_id: str
    email: str | None = None
    phone: str | None = None
    birthday: date | None = None
    joined_at: datetime | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    identities: tuple[tuple[str, str], ...] = ()
    referred_by: str | None = None
    tier_code: str | None = None
    tier_since: datetime | None = None
    vip_tier: str | None = None
    vip_until: datetime | None = None
    vip_reason: str | None = None
    metric: Decimal | None = None
    lots: tuple[LotLine, ...] = ()


@dataclass(frozen=True)
class LineError:
    line: int
    member_id: str | None
    code: str
    detail: str


@dataclass(frozen=True)
class Context:
    """What a line is checked against: the clock, the ladder, the program's expiry rule."""

    now: datetime
    tier_codes: frozenset[str]
    metric: str
    expiry: Mapping[str, Any]
    timezone: str
    ladder: tuple[Any, ...] = ()  # tiers.rules.Tier, lowest first
    retention_months: int = 12


class Refused(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


def check_line(number: int, obj: Any, ctx: Context) -> MemberLine | LineError:
    """The line's figures, or the first thing wrong with it."""
    if isinstance(obj, LineError):
        return obj
    member_id = obj.get("member_id") if isinstance(obj, dict) else None
    member_id = member_id if isinstance(member_id, str) else None
    try:
        return _member_line(number, obj, ctx)
    except Refused as exc:
        return LineError(number, member_id, exc.code, exc.detail)


def _member_line(number: int, obj: Any, ctx: Context) -> MemberLine:
    if not isinstance(obj, dict):
        raise Refused("validation_error", "A line must be a JSON object")
    if not LINE_FIELDS.issuperset(obj):
        raise Refused("validation_error", f"Unknown fields: {', '.join(sorted(set(obj) - LINE_FIELDS))}")
    member_id = obj.get("member_id")
    if not isinstance(member_id, str) or not MEMBER_ID.match(member_id):
        raise Refused("validation_error", "member_id must be 1-128 URL-safe characters")
    joined_at = _moment(obj, "joined_at", ctx, past=True)
    tier, vip = _object(obj, "tier", {"code", "since"}), _object(obj, "vip", {"tier", "until", "reason"})
    tier_code = _tier_code(tier, "code", ctx)
    vip_tier = _tier_code(vip, "tier", ctx)
    if vip and vip_tier is None:
        raise Refused("validation_error", "vip.tier is required")
    vip_until = _moment(vip, "until", ctx, field_name="vip.until")
    if vip_until is not None and vip_until <= ctx.now:
        raise Refused("validation_error", "vip.until is in the past")
    referred_by = obj.get("referred_by")
    if referred_by is not None and (not isinstance(referred_by, str) or not MEMBER_ID.match(referred_by)
                                    or referred_by == member_id):
        raise Refused("validation_error", "referred_by must be another member's id")
    return MemberLine(
        line=number, member_id=member_id, email=_text(obj, "email", 320), phone=_text(obj, "phone", 32),
        birthday=_birthday(obj), joined_at=joined_at, attributes=_object(obj, "attributes", None),
        identities=_identities(obj), referred_by=referred_by, tier_code=tier_code,
        tier_since=_moment(tier, "since", ctx, past=True, field_name="tier.since") or joined_at,
        vip_tier=vip_tier, vip_until=vip_until, vip_reason=_text(vip, "reason", 500, field_name="vip.reason"),
        metric=_metric(obj.get("metric"), ctx.metric), lots=_lots(obj.get("lots"), ctx))


def _text(obj: Mapping[str, Any], name: str, longest: int, *, field_name: str | None = None) -> str | None:
    value = obj.get(name)
    if value is not None and (not isinstance(value, str) or not 0 < len(value) <= longest):
        raise Refused("validation_error", f"{field_name or name} must be a string of 1-{longest} characters")
    return value


def _object(obj: Mapping[str, Any], name: str, allowed: set[str] | None) -> dict[str, Any]:
    value = obj.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Refused("validation_error", f"{name} must be an object")
    if allowed is not None and set(value) - allowed:
        raise Refused("validation_error", f"Unknown fields in {name}: {', '.join(sorted(set(value) - allowed))}")
    return value


def _moment(obj: Mapping[str, Any], name: str, ctx: Context, *, past: bool = False,
            field_name: str | None = None) -> datetime | None:
    value = obj.get(name)
    if value is None:
        return None
    label = field_name or name
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Refused("validation_error", f"{label} must be an ISO 8601 time with an offset")
    if past and moment > ctx.now:
        raise Refused("validation_error", f"{label} is in the future")
    return moment


def _birthday(obj: Mapping[str, Any]) -> date | None:
    value = obj.get("birthday")
    if value is None:
        return None
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise Refused("validation_error", "birthday must be a date (YYYY-MM-DD)")


def _tier_code(obj: Mapping[str, Any], name: str, ctx: Context) -> str | None:
    code = obj.get(name)
    if code is None:
        return None
    if code not in ctx.tier_codes:
        raise Refused("unknown_tier", f"The program has no tier {code!r}")
    return code


def _identities(obj: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(type, canonical value) pairs: phones in E.164, emails in lower case, cards bare."""
    given = obj.get("identities")
    if given is None:
        return ()
    if not isinstance(given, list) or not all(isinstance(item, dict) for item in given):
        raise Refused("validation_error", "identities must be a list of {type, value}")
    found = []
    for item in given:
        if item.get("type") not in IDENTITY_TYPES or not isinstance(item.get("value"), str) or set(item) - {
                "type", "value"}:
            raise Refused("validation_error", f"An identity is {{type: {'|'.join(IDENTITY_TYPES)}, value}}")
        try:
            found.append((item["type"], identity_rules.canonical(item["type"], item["value"])))
        except ValidationFailed as exc:
            hint = " ".join(" ".join(messages) for messages in (exc.errors or {}).values())
            raise Refused("validation_error", f"identity {item['type']} {item['value']!r}: {hint or exc.detail}") \
                from None
    return tuple(dict.fromkeys(found))


def _metric(value: Any, metric: str) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    except InvalidOperation:
        number = None
    whole = metric != "spend"
    if number is None or not number.is_finite() or number < 0 or (whole and number != number.to_integral_value()):
        kind = "a non-negative amount" if not whole else "a non-negative integer"
        raise Refused("validation_error", f"metric must be {kind} for the program's metric {metric!r}")
    if number >= Decimal(10) ** 12:
        raise Refused("validation_error", "metric is too large")
    return number.quantize(Decimal("0.01"))


def _lots(given: Any, ctx: Context) -> tuple[LotLine, ...]:
    if given is None:
        return ()
    if not isinstance(given, list):
        raise Refused("validation_error", "lots must be a list")
    found: dict[str, LotLine] = {}
    for index, item in enumerate(given):
        lot = _lot(index, item, ctx)
        if lot.lot_ref in found and found[lot.lot_ref].figures != lot.figures:
            raise Refused("lot_conflict", f"lot_ref {lot.lot_ref!r} appears twice with other figures")
        found[lot.lot_ref] = lot
    return tuple(found.values())


def _lot(index: int, item: Any, ctx: Context) -> LotLine:
    label = f"lots[{index}]"
    if not isinstance(item, dict) or not LOT_FIELDS.issuperset(item):
        raise Refused("validation_error", f"{label} must be an object of {', '.join(sorted(LOT_FIELDS))}")
    lot_ref, points = item.get("lot_ref"), item.get("points")
    if not isinstance(lot_ref, str) or not 0 < len(lot_ref) <= 128:
        raise Refused("validation_error", f"{label}.lot_ref must be a string of 1-128 characters")
    if not isinstance(points, int) or isinstance(points, bool) or not 0 < points <= MAX_POINTS:
        raise Refused("validation_error", f"{label}.points must be a positive integer (lot_ref {lot_ref!r})")
    available_at = _moment(item, "available_at", ctx, field_name=f"{label}.available_at")
    if available_at is None:
        raise Refused("validation_error", f"{label}.available_at is required")
    # Absent: the program's expiry rule from available_at; null: the lot never burns.
    if "expires_at" in item:
        expires_at = _moment(item, "expires_at", ctx, field_name=f"{label}.expires_at")
    else:
        expires_at = expiry_instant(available_at, ctx.expiry, ctx.timezone)
    if expires_at is not None and expires_at <= ctx.now:
        raise Refused("lot_expired", f"{label} (lot_ref {lot_ref!r}) expires in the past ({expires_at.isoformat()})")
    if expires_at is not None and expires_at <= available_at:
        raise Refused("validation_error", f"{label}.expires_at must be after its available_at")
    return LotLine(lot_ref, points, available_at, expires_at,
                   _text(item, "reason", 500, field_name=f"{label}.reason"))

"""Domain errors with stable codes.

Services raise these; the HTTP layer maps each ``code`` to a status in one table
(``loyalty_api.http.problems``). Nothing here knows about HTTP, so the CLI and jobs
raise and report the same errors.
"""

from __future__ import annotations

from typing import Any


class LoyaltyError(Exception):
    """Base of every error a caller can act on. ``code`` is a stable slug."""

    code = "loyalty_error"
    title = "Request failed"

    def __init__(self, detail: str | None = None, *, errors: dict[str, Any] | None = None,
                 **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors
        self.extra = extra


class ValidationFailed(LoyaltyError):
    """Input is well-formed but breaks a rule (lines above the amount, a future date…)."""
    code = "validation_error"
    title = "Validation failed"


class NotFound(LoyaltyError):
    """The object does not exist in this program (foreign objects look the same)."""
    code = "not_found"
    title = "Not found"


class Unauthorized(LoyaltyError):
    """No usable credentials: missing, malformed, expired or forged token."""
    code = "unauthorized"
    title = "Unauthorized"


class Forbidden(LoyaltyError):
    """Valid credentials that do not allow this operation."""
    code = "forbidden"
    title = "Forbidden"


class Conflict(LoyaltyError):
    """The request clashes with the current state."""
    code = "conflict"
    title = "Conflict"


class InsufficientPoints(Conflict):
    """The member's available points do not cover the debit."""
    code = "insufficient_points"
    title = "Insufficient points"


class DuplicateOrder(Conflict):
    """The ``order_id`` was recorded before with different content."""
    code = "duplicate_order"
    title = "Duplicate order"


class HoldNotActive(Conflict):
    """The hold was released, expired or captured already."""
    code = "hold_not_active"
    title = "Hold not active"


class RequestInProgress(Conflict):
    """A request with the same idempotency key is still running."""
    code = "request_in_progress"
    title = "Request in progress"


class RedeemLimit(LoyaltyError):
    """The redemption breaks ``min_points`` or ``max_order_share``."""
    code = "redeem_limit"
    title = "Redemption limit"


class ReturnExceedsOrder(LoyaltyError):
    """More would be returned than the order holds."""
    code = "return_exceeds_order"
    title = "Return exceeds order"


class CurrencyMismatch(LoyaltyError):
    """Money in a currency other than the program's."""
    code = "currency_mismatch"
    title = "Currency mismatch"


class UnknownReferralCode(LoyaltyError):
    """No member of this program has that referral code (or it is blocked)."""
    code = "unknown_referral_code"
    title = "Unknown referral code"


class IdempotencyConflict(LoyaltyError):
    """The idempotency key was used before with a different request body."""
    code = "idempotency_conflict"
    title = "Idempotency key reused"


class Unavailable(LoyaltyError):
    """A dependency (the database) cannot be reached right now."""
    code = "unavailable"
    title = "Service unavailable"


class MemberExists(Conflict):
    """A member with this ``member_id`` is already enrolled (or was erased)."""
    code = "member_exists"
    title = "Member exists"


class DuplicateEvent(Conflict):
    """The member's ``event_id`` was recorded before with different content."""
    code = "duplicate_event"
    title = "Duplicate event"


class RuleExists(Conflict):
    """A rule with this ``rule_id`` exists in the program (deactivated ones too)."""
    code = "rule_exists"
    title = "Rule exists"


class RewardNotClaimable(Conflict):
    """The member cannot claim the reward now; ``reason`` says why (out_of_stock, limit_reached…)."""
    code = "reward_not_claimable"
    title = "Reward not claimable"


class CouponNotActive(Conflict):
    """The coupon is used (by another order), expired or cancelled."""
    code = "coupon_not_active"
    title = "Coupon not active"


class RewardExists(Conflict):
    """A reward with this ``reward_id`` exists in the program (deactivated ones too)."""
    code = "reward_exists"
    title = "Reward exists"


class RateLimited(LoyaltyError):
    """The client spent its per-minute request budget; ``Retry-After`` says when to come back."""
    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, detail: str | None = None, *, retry_after: int = 1) -> None:
        super().__init__(detail)
        self.headers = {"Retry-After": str(retry_after)}


class PayloadTooLarge(LoyaltyError):
    """The request body is larger than the endpoint takes (an import chunk: lines or bytes)."""
    code = "payload_too_large"
    title = "Payload too large"


class UnsupportedMediaType(LoyaltyError):
    """The body is in a format the endpoint does not take."""
    code = "unsupported_media_type"
    title = "Unsupported media type"


class ImportClosed(Conflict):
    """The import is completed; a chunk needs an open import."""
    code = "import_closed"
    title = "Import closed"


class IdentityTaken(Conflict):
    """The card, phone, email or external id belongs to another member of the program."""
    code = "identity_taken"
    title = "Identity taken"


class MemberBusy(Conflict):
    """The member holds points (an active hold) and cannot be merged away now."""
    code = "member_busy"
    title = "Member busy"


class MemberMerged(Conflict):
    """The member was merged into another one (``merged_into``); write to that one."""
    code = "member_merged"
    title = "Member merged"


class LimitExceeded(LoyaltyError):
    """The change goes beyond a limit the program set (adjustment limits,
    ``transfers.max_points_per_month``)."""
    code = "limit_exceeded"
    title = "Limit exceeded"


class ClockNotForward(ValidationFailed):
    """A test program's clock only moves forward: the asked time is before its now."""
    code = "clock_not_forward"
    title = "Clock not moved forward"

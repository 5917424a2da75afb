from enum import StrEnum

class WebhookEventType(StrEnum):
    COUPON_EXPIRED = "coupon.expired"
    COUPON_USED = "coupon.used"
    HOLD_EXPIRED = "hold.expired"
    IMPORT_COMPLETED = "import.completed"
    MEMBER_ENROLLED = "member.enrolled"
    MEMBER_MERGED = "member.merged"
    POINTS_ACTIVATED = "points.activated"
    POINTS_EARNED = "points.earned"
    POINTS_EXPIRED = "points.expired"
    POINTS_EXPIRING = "points.expiring"
    POINTS_REDEEMED = "points.redeemed"
    POINTS_REVERSED = "points.reversed"
    POINTS_TRANSFERRED = "points.transferred"
    REFERRAL_REWARDED = "referral.rewarded"
    REWARD_CLAIMED = "reward.claimed"
    TIER_DOWNGRADED = "tier.downgraded"
    TIER_UPGRADED = "tier.upgraded"
    VIP_GRANTED = "vip.granted"
    VIP_REVOKED = "vip.revoked"
    WEBHOOK_DISABLED = "webhook.disabled"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class CouponUsedEventType(StrEnum):
    COUPON_USED = "coupon.used"

    def __str__(self) -> str:
        return str(self.value)

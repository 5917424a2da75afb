from enum import StrEnum

class CouponExpiredEventType(StrEnum):
    COUPON_EXPIRED = "coupon.expired"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class RedeemQuoteReasonType3Type1(StrEnum):
    BELOW_MIN_POINTS = "below_min_points"
    INSUFFICIENT_POINTS = "insufficient_points"
    MAX_ORDER_SHARE = "max_order_share"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class RewardPatchKind(StrEnum):
    DISCOUNT_AMOUNT = "discount_amount"
    DISCOUNT_PERCENT = "discount_percent"
    FREE_DELIVERY = "free_delivery"
    GIFT = "gift"

    def __str__(self) -> str:
        return str(self.value)

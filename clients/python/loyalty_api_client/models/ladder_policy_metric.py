from enum import StrEnum

class LadderPolicyMetric(StrEnum):
    ORDERS = "orders"
    POINTS_EARNED = "points_earned"
    SPEND = "spend"

    def __str__(self) -> str:
        return str(self.value)

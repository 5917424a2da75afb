from enum import StrEnum

class PointsRedeemedEventType(StrEnum):
    POINTS_REDEEMED = "points.redeemed"

    def __str__(self) -> str:
        return str(self.value)

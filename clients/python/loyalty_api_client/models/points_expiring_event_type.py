from enum import StrEnum

class PointsExpiringEventType(StrEnum):
    POINTS_EXPIRING = "points.expiring"

    def __str__(self) -> str:
        return str(self.value)

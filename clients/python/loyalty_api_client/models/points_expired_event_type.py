from enum import StrEnum

class PointsExpiredEventType(StrEnum):
    POINTS_EXPIRED = "points.expired"

    def __str__(self) -> str:
        return str(self.value)

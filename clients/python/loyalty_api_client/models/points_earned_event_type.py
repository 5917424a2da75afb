from enum import StrEnum

class PointsEarnedEventType(StrEnum):
    POINTS_EARNED = "points.earned"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class PointsReversedEventType(StrEnum):
    POINTS_REVERSED = "points.reversed"

    def __str__(self) -> str:
        return str(self.value)

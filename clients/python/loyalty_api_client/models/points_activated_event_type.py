from enum import StrEnum

class PointsActivatedEventType(StrEnum):
    POINTS_ACTIVATED = "points.activated"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class PointsTransferredEventType(StrEnum):
    POINTS_TRANSFERRED = "points.transferred"

    def __str__(self) -> str:
        return str(self.value)

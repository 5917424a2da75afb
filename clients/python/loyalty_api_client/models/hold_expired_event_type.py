from enum import StrEnum

class HoldExpiredEventType(StrEnum):
    HOLD_EXPIRED = "hold.expired"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class HoldStatus(StrEnum):
    CAPTURED = "captured"
    EXPIRED = "expired"
    HELD = "held"
    RELEASED = "released"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class ProgramClawback(StrEnum):
    ALLOW_NEGATIVE = "allow_negative"
    CLAMP_TO_ZERO = "clamp_to_zero"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class EarnPartSource(StrEnum):
    BASE = "base"
    RULE = "rule"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class RulePatchKind(StrEnum):
    EVENT = "event"
    PURCHASE = "purchase"

    def __str__(self) -> str:
        return str(self.value)

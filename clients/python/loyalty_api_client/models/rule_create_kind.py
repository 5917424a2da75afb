from enum import StrEnum

class RuleCreateKind(StrEnum):
    EVENT = "event"
    PURCHASE = "purchase"

    def __str__(self) -> str:
        return str(self.value)

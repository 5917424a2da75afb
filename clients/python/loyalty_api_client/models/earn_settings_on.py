from enum import StrEnum

class EarnSettingsOn(StrEnum):
    PAID_AMOUNT = "paid_amount"

    def __str__(self) -> str:
        return str(self.value)

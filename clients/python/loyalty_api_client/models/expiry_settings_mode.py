from enum import StrEnum

class ExpirySettingsMode(StrEnum):
    DAYS = "days"
    END_OF_MONTH = "end_of_month"
    END_OF_YEAR = "end_of_year"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)

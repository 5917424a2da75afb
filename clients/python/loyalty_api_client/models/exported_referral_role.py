from enum import StrEnum

class ExportedReferralRole(StrEnum):
    REFEREE = "referee"
    REFERRER = "referrer"

    def __str__(self) -> str:
        return str(self.value)

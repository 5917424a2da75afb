from enum import StrEnum

class GetReferralLeaderboardPeriod(StrEnum):
    ALL = "all"
    MONTH = "month"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)

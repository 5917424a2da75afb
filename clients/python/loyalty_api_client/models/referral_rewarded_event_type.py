from enum import StrEnum

class ReferralRewardedEventType(StrEnum):
    REFERRAL_REWARDED = "referral.rewarded"

    def __str__(self) -> str:
        return str(self.value)

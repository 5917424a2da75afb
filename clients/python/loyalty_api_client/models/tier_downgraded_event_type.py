from enum import StrEnum

class TierDowngradedEventType(StrEnum):
    TIER_DOWNGRADED = "tier.downgraded"

    def __str__(self) -> str:
        return str(self.value)

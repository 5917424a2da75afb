from enum import StrEnum

class TierUpgradedEventType(StrEnum):
    TIER_UPGRADED = "tier.upgraded"

    def __str__(self) -> str:
        return str(self.value)

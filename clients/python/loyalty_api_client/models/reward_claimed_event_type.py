from enum import StrEnum

class RewardClaimedEventType(StrEnum):
    REWARD_CLAIMED = "reward.claimed"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class AuditTargetType(StrEnum):
    CLIENT = "client"
    IMPORT = "import"
    MEMBER = "member"
    PROGRAM = "program"
    REWARD = "reward"
    RULE = "rule"
    TIER_LADDER = "tier_ladder"
    WEBHOOK = "webhook"

    def __str__(self) -> str:
        return str(self.value)

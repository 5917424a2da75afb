from enum import StrEnum

class ListAuditEntriesActionType3Type1(StrEnum):
    CLIENT_CREATED = "client.created"
    CLIENT_REVOKED = "client.revoked"
    IDENTITY_ATTACHED = "identity.attached"
    IDENTITY_DETACHED = "identity.detached"
    IMPORT_COMPLETED = "import.completed"
    IMPORT_ROWS_ADDED = "import.rows_added"
    IMPORT_STARTED = "import.started"
    MEMBER_ADJUSTED = "member.adjusted"
    MEMBER_ERASED = "member.erased"
    MEMBER_MERGED = "member.merged"
    MEMBER_TRANSFERRED = "member.transferred"
    MEMBER_UPDATED = "member.updated"
    MEMBER_VIP_REVOKED = "member.vip_revoked"
    MEMBER_VIP_SET = "member.vip_set"
    PROGRAM_UPDATED = "program.updated"
    REWARD_CREATED = "reward.created"
    REWARD_DELETED = "reward.deleted"
    REWARD_UPDATED = "reward.updated"
    RULE_CREATED = "rule.created"
    RULE_DELETED = "rule.deleted"
    RULE_UPDATED = "rule.updated"
    TIER_LADDER_UPDATED = "tier_ladder.updated"
    WEBHOOK_CREATED = "webhook.created"
    WEBHOOK_DELETED = "webhook.deleted"
    WEBHOOK_ENABLED = "webhook.enabled"
    WEBHOOK_REDELIVERED = "webhook.redelivered"
    WEBHOOK_SECRET_ROTATED = "webhook.secret_rotated"

    def __str__(self) -> str:
        return str(self.value)

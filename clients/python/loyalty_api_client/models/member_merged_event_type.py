from enum import StrEnum

class MemberMergedEventType(StrEnum):
    MEMBER_MERGED = "member.merged"

    def __str__(self) -> str:
        return str(self.value)

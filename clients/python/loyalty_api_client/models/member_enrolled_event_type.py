from enum import StrEnum

class MemberEnrolledEventType(StrEnum):
    MEMBER_ENROLLED = "member.enrolled"

    def __str__(self) -> str:
        return str(self.value)

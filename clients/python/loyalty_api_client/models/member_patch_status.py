from enum import StrEnum

class MemberPatchStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class ImportCreateKind(StrEnum):
    MEMBERS = "members"

    def __str__(self) -> str:
        return str(self.value)

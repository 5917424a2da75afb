from enum import StrEnum

class TransferInitiatedBy(StrEnum):
    CLIENT = "client"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)

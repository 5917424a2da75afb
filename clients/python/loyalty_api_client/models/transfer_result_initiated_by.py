from enum import StrEnum

class TransferResultInitiatedBy(StrEnum):
    CLIENT = "client"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)

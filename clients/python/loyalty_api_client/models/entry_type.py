from enum import StrEnum

class EntryType(StrEnum):
    ADJUST = "adjust"
    BONUS = "bonus"
    EARN = "earn"
    EXPIRE = "expire"
    IMPORT = "import"
    REDEEM = "redeem"
    REFERRAL = "referral"
    REFUND = "refund"
    REVERSE = "reverse"
    TRANSFER_IN = "transfer_in"
    TRANSFER_OUT = "transfer_out"

    def __str__(self) -> str:
        return str(self.value)

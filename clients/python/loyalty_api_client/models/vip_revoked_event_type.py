from enum import StrEnum

class VipRevokedEventType(StrEnum):
    VIP_REVOKED = "vip.revoked"

    def __str__(self) -> str:
        return str(self.value)

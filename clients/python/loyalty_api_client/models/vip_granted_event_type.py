from enum import StrEnum

class VipGrantedEventType(StrEnum):
    VIP_GRANTED = "vip.granted"

    def __str__(self) -> str:
        return str(self.value)

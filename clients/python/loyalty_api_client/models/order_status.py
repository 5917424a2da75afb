from enum import StrEnum

class OrderStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    PARTIALLY_RETURNED = "partially_returned"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)

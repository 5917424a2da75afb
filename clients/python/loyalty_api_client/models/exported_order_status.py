from enum import StrEnum

class ExportedOrderStatus(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    PARTIALLY_RETURNED = "partially_returned"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class ClockMode(StrEnum):
    TEST = "test"

    def __str__(self) -> str:
        return str(self.value)

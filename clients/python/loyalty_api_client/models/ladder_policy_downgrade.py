from enum import StrEnum

class LadderPolicyDowngrade(StrEnum):
    ONE_LEVEL = "one_level"
    TO_QUALIFIED = "to_qualified"

    def __str__(self) -> str:
        return str(self.value)

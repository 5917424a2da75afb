from enum import StrEnum

class RecipientIdentityType(StrEnum):
    CARD = "card"
    EMAIL = "email"
    EXTERNAL = "external"
    PHONE = "phone"

    def __str__(self) -> str:
        return str(self.value)

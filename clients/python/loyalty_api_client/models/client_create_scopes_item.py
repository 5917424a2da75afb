from enum import StrEnum

class ClientCreateScopesItem(StrEnum):
    ANALYTICSREAD = "analytics:read"
    CHECKOUT = "checkout"
    MEMBERSREAD = "members:read"
    MEMBERSWRITE = "members:write"
    PROGRAMADMIN = "program:admin"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum

class WebhookDisabledEventType(StrEnum):
    WEBHOOK_DISABLED = "webhook.disabled"

    def __str__(self) -> str:
        return str(self.value)

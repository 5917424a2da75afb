"""Programs (tenants), their settings, and API clients."""

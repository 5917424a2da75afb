"""OAuth2 client-credentials token endpoint."""

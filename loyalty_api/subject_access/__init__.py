"""Subject access: everything held about one member as one document, and what erasure scrubs."""

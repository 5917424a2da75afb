"""Members: enrolment, profile, erasure."""

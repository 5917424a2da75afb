"""The audit log: who changed what in a program, written in the change's own transaction."""

"""A program's columns as a plain value, for a path that read them in a statement of
its own along with other figures (the order path): passed down explicitly to what
needs the program, instead of an ORM ``Program`` planted in the session.

Its attribute names are the ``Program`` model's, so a function that reads a program's
columns (``program_config``, the tier ladder, ledger credits) takes either.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol


@dataclass(frozen=True)
class ProgramSettings:
    program_id: uuid.UUID
    name: str
    currency: str
    settings: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    mode: str
    clock_offset: timedelta

    @classmethod
    def of(cls, row: Any) -> "ProgramSettings":
        """From a row that carries the ``programs`` columns under their own names."""
        return cls(program_id=row.program_id, name=row.name, currency=row.currency, settings=row.settings,
                   created_at=row.created_at, updated_at=row.updated_at, mode=row.mode,
                   clock_offset=row.clock_offset)


class ProgramColumns(Protocol):
    """What the order path's consumers read of a program: a ``ProgramSettings`` or a
    loaded ``Program`` (other paths still pass the ORM object)."""

    @property
    def program_id(self) -> uuid.UUID: ...
    @property
    def name(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def settings(self) -> dict[str, Any]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def mode(self) -> str: ...
    @property
    def clock_offset(self) -> timedelta: ...

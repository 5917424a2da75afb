from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.clock_mode import ClockMode
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="Clock")



@_attrs_define
class Clock:
    """ 
        Attributes:
            mode (ClockMode | Unset):  Example: test.
            now (datetime.datetime | Unset): The program's now: the real now plus offset_seconds Example:
                2027-01-31T21:00:00Z.
            offset_seconds (int | Unset): How far ahead of the real time the clock is Example: 4579200.
            program_id (UUID | Unset):
     """

    mode: ClockMode | Unset = UNSET
    now: datetime.datetime | Unset = UNSET
    offset_seconds: int | Unset = UNSET
    program_id: UUID | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value


        now: str | Unset = UNSET
        if not isinstance(self.now, Unset):
            now = self.now.isoformat()

        offset_seconds = self.offset_seconds

        program_id: str | Unset = UNSET
        if not isinstance(self.program_id, Unset):
            program_id = str(self.program_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if mode is not UNSET:
            field_dict["mode"] = mode
        if now is not UNSET:
            field_dict["now"] = now
        if offset_seconds is not UNSET:
            field_dict["offset_seconds"] = offset_seconds
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _mode = d.pop("mode", UNSET)
        mode: ClockMode | Unset
        if isinstance(_mode,  Unset):
            mode = UNSET
        else:
            mode = ClockMode(_mode)




        _now = d.pop("now", UNSET)
        now: datetime.datetime | Unset
        if isinstance(_now,  Unset):
            now = UNSET
        else:
            now = datetime.datetime.fromisoformat(_now)




        offset_seconds = d.pop("offset_seconds", UNSET)

        _program_id = d.pop("program_id", UNSET)
        program_id: UUID | Unset
        if isinstance(_program_id,  Unset):
            program_id = UNSET
        else:
            program_id = UUID(_program_id)




        clock = cls(
            mode=mode,
            now=now,
            offset_seconds=offset_seconds,
            program_id=program_id,
        )

        return clock


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ClockMove")



@_attrs_define
class ClockMove:
    """ 
        Attributes:
            advance_seconds (int | Unset): Move the clock this many seconds forward (31 days here) Example: 2678400.
            now (datetime.datetime | Unset): Move the clock to this instant (after the clock's now) Example:
                2027-02-01T00:00:00+03:00.
     """

    advance_seconds: int | Unset = UNSET
    now: datetime.datetime | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        advance_seconds = self.advance_seconds

        now: str | Unset = UNSET
        if not isinstance(self.now, Unset):
            now = self.now.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if advance_seconds is not UNSET:
            field_dict["advance_seconds"] = advance_seconds
        if now is not UNSET:
            field_dict["now"] = now

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        advance_seconds = d.pop("advance_seconds", UNSET)

        _now = d.pop("now", UNSET)
        now: datetime.datetime | Unset
        if isinstance(_now,  Unset):
            now = UNSET
        else:
            now = datetime.datetime.fromisoformat(_now)




        clock_move = cls(
            advance_seconds=advance_seconds,
            now=now,
        )

        return clock_move


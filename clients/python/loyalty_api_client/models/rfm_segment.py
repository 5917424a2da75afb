from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RfmSegment")



@_attrs_define
class RfmSegment:
    """ 
        Attributes:
            members (int | Unset):
            segment (None | str | Unset): Named segment; null: none of them
     """

    members: int | Unset = UNSET
    segment: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        members = self.members

        segment: None | str | Unset
        if isinstance(self.segment, Unset):
            segment = UNSET
        else:
            segment = self.segment


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if members is not UNSET:
            field_dict["members"] = members
        if segment is not UNSET:
            field_dict["segment"] = segment

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        members = d.pop("members", UNSET)

        def _parse_segment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        segment = _parse_segment(d.pop("segment", UNSET))


        rfm_segment = cls(
            members=members,
            segment=segment,
        )

        return rfm_segment


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ExportedMerge")



@_attrs_define
class ExportedMerge:
    """ 
        Attributes:
            from_member_id (str | Unset): The member merged into it
            member_id (str | Unset): The member that remained
            merged_at (datetime.datetime | Unset):
     """

    from_member_id: str | Unset = UNSET
    member_id: str | Unset = UNSET
    merged_at: datetime.datetime | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from_member_id = self.from_member_id

        member_id = self.member_id

        merged_at: str | Unset = UNSET
        if not isinstance(self.merged_at, Unset):
            merged_at = self.merged_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if from_member_id is not UNSET:
            field_dict["from_member_id"] = from_member_id
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if merged_at is not UNSET:
            field_dict["merged_at"] = merged_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_member_id = d.pop("from_member_id", UNSET)

        member_id = d.pop("member_id", UNSET)

        _merged_at = d.pop("merged_at", UNSET)
        merged_at: datetime.datetime | Unset
        if isinstance(_merged_at,  Unset):
            merged_at = UNSET
        else:
            merged_at = datetime.datetime.fromisoformat(_merged_at)




        exported_merge = cls(
            from_member_id=from_member_id,
            member_id=member_id,
            merged_at=merged_at,
        )

        return exported_merge


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.member_merged_event_data_moved import MemberMergedEventDataMoved





T = TypeVar("T", bound="MemberMergedEventData")



@_attrs_define
class MemberMergedEventData:
    """ 
        Attributes:
            member_id (str):
            from_member_id (str | Unset):
            merged_at (datetime.datetime | Unset):
            moved (MemberMergedEventDataMoved | Unset):
     """

    member_id: str
    from_member_id: str | Unset = UNSET
    merged_at: datetime.datetime | Unset = UNSET
    moved: MemberMergedEventDataMoved | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.member_merged_event_data_moved import MemberMergedEventDataMoved # noqa: PLC0415
        member_id = self.member_id

        from_member_id = self.from_member_id

        merged_at: str | Unset = UNSET
        if not isinstance(self.merged_at, Unset):
            merged_at = self.merged_at.isoformat()

        moved: dict[str, Any] | Unset = UNSET
        if not isinstance(self.moved, Unset):
            moved = self.moved.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if from_member_id is not UNSET:
            field_dict["from_member_id"] = from_member_id
        if merged_at is not UNSET:
            field_dict["merged_at"] = merged_at
        if moved is not UNSET:
            field_dict["moved"] = moved

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_merged_event_data_moved import MemberMergedEventDataMoved # noqa: PLC0415
        d = dict(src_dict)
        member_id = d.pop("member_id")

        from_member_id = d.pop("from_member_id", UNSET)

        _merged_at = d.pop("merged_at", UNSET)
        merged_at: datetime.datetime | Unset
        if isinstance(_merged_at,  Unset):
            merged_at = UNSET
        else:
            merged_at = datetime.datetime.fromisoformat(_merged_at)




        _moved = d.pop("moved", UNSET)
        moved: MemberMergedEventDataMoved | Unset
        if isinstance(_moved,  Unset):
            moved = UNSET
        else:
            moved = MemberMergedEventDataMoved.from_dict(_moved)




        member_merged_event_data = cls(
            member_id=member_id,
            from_member_id=from_member_id,
            merged_at=merged_at,
            moved=moved,
        )


        member_merged_event_data.additional_properties = d
        return member_merged_event_data

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

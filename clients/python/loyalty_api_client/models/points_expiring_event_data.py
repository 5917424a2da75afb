from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PointsExpiringEventData")



@_attrs_define
class PointsExpiringEventData:
    """ 
        Attributes:
            member_id (str):
            expires_at (datetime.datetime | Unset):
            lot_id (str | Unset):
            points (int | Unset):
     """

    member_id: str
    expires_at: datetime.datetime | Unset = UNSET
    lot_id: str | Unset = UNSET
    points: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        lot_id = self.lot_id

        points = self.points


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if lot_id is not UNSET:
            field_dict["lot_id"] = lot_id
        if points is not UNSET:
            field_dict["points"] = points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at,  Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)




        lot_id = d.pop("lot_id", UNSET)

        points = d.pop("points", UNSET)

        points_expiring_event_data = cls(
            member_id=member_id,
            expires_at=expires_at,
            lot_id=lot_id,
            points=points,
        )


        points_expiring_event_data.additional_properties = d
        return points_expiring_event_data

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="HoldExpiredEventData")



@_attrs_define
class HoldExpiredEventData:
    """ 
        Attributes:
            member_id (str):
            expires_at (datetime.datetime | Unset):
            hold_id (str | Unset):
            order_id (None | str | Unset):
            points (int | Unset):
     """

    member_id: str
    expires_at: datetime.datetime | Unset = UNSET
    hold_id: str | Unset = UNSET
    order_id: None | str | Unset = UNSET
    points: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        hold_id = self.hold_id

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        points = self.points


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
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




        hold_id = d.pop("hold_id", UNSET)

        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        points = d.pop("points", UNSET)

        hold_expired_event_data = cls(
            member_id=member_id,
            expires_at=expires_at,
            hold_id=hold_id,
            order_id=order_id,
            points=points,
        )


        hold_expired_event_data.additional_properties = d
        return hold_expired_event_data

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

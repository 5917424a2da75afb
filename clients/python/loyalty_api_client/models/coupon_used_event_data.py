from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CouponUsedEventData")



@_attrs_define
class CouponUsedEventData:
    """ 
        Attributes:
            member_id (str):
            code (str | Unset):
            order_id (None | str | Unset):
            reward_id (str | Unset):
     """

    member_id: str
    code: str | Unset = UNSET
    order_id: None | str | Unset = UNSET
    reward_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        code = self.code

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        reward_id = self.reward_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if code is not UNSET:
            field_dict["code"] = code
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if reward_id is not UNSET:
            field_dict["reward_id"] = reward_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        code = d.pop("code", UNSET)

        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        reward_id = d.pop("reward_id", UNSET)

        coupon_used_event_data = cls(
            member_id=member_id,
            code=code,
            order_id=order_id,
            reward_id=reward_id,
        )


        coupon_used_event_data.additional_properties = d
        return coupon_used_event_data

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ReferralRewardedEventData")



@_attrs_define
class ReferralRewardedEventData:
    """ 
        Attributes:
            member_id (str):
            order_id (str | Unset):
            referee_id (str | Unset):
            referee_points (int | Unset):
            referrer_points (int | Unset):
     """

    member_id: str
    order_id: str | Unset = UNSET
    referee_id: str | Unset = UNSET
    referee_points: int | Unset = UNSET
    referrer_points: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        order_id = self.order_id

        referee_id = self.referee_id

        referee_points = self.referee_points

        referrer_points = self.referrer_points


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if referee_id is not UNSET:
            field_dict["referee_id"] = referee_id
        if referee_points is not UNSET:
            field_dict["referee_points"] = referee_points
        if referrer_points is not UNSET:
            field_dict["referrer_points"] = referrer_points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        order_id = d.pop("order_id", UNSET)

        referee_id = d.pop("referee_id", UNSET)

        referee_points = d.pop("referee_points", UNSET)

        referrer_points = d.pop("referrer_points", UNSET)

        referral_rewarded_event_data = cls(
            member_id=member_id,
            order_id=order_id,
            referee_id=referee_id,
            referee_points=referee_points,
            referrer_points=referrer_points,
        )


        referral_rewarded_event_data.additional_properties = d
        return referral_rewarded_event_data

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CouponExpiredEventData")



@_attrs_define
class CouponExpiredEventData:
    """ 
        Attributes:
            member_id (str):
            code (str | Unset):
            expires_at (datetime.datetime | None | Unset):
            points_refunded (int | Unset):
            reward_id (str | Unset):
     """

    member_id: str
    code: str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    points_refunded: int | Unset = UNSET
    reward_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        code = self.code

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        points_refunded = self.points_refunded

        reward_id = self.reward_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if code is not UNSET:
            field_dict["code"] = code
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if points_refunded is not UNSET:
            field_dict["points_refunded"] = points_refunded
        if reward_id is not UNSET:
            field_dict["reward_id"] = reward_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        code = d.pop("code", UNSET)

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))


        points_refunded = d.pop("points_refunded", UNSET)

        reward_id = d.pop("reward_id", UNSET)

        coupon_expired_event_data = cls(
            member_id=member_id,
            code=code,
            expires_at=expires_at,
            points_refunded=points_refunded,
            reward_id=reward_id,
        )


        coupon_expired_event_data.additional_properties = d
        return coupon_expired_event_data

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

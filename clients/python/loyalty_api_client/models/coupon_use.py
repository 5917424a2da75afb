from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CouponUse")



@_attrs_define
class CouponUse:
    """ 
        Attributes:
            order_id (str):
            member_id (None | str | Unset): When given, must own the coupon
     """

    order_id: str
    member_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "order_id": order_id,
        })
        if member_id is not UNSET:
            field_dict["member_id"] = member_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        def _parse_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))


        coupon_use = cls(
            order_id=order_id,
            member_id=member_id,
        )

        return coupon_use


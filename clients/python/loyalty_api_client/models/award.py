from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Award")



@_attrs_define
class Award:
    """ 
        Attributes:
            coupon_code (str | Unset): Rules with reward_id: the coupon granted
            points (int | Unset):
            rule_id (str | Unset):
     """

    coupon_code: str | Unset = UNSET
    points: int | Unset = UNSET
    rule_id: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        coupon_code = self.coupon_code

        points = self.points

        rule_id = self.rule_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if coupon_code is not UNSET:
            field_dict["coupon_code"] = coupon_code
        if points is not UNSET:
            field_dict["points"] = points
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        coupon_code = d.pop("coupon_code", UNSET)

        points = d.pop("points", UNSET)

        rule_id = d.pop("rule_id", UNSET)

        award = cls(
            coupon_code=coupon_code,
            points=points,
            rule_id=rule_id,
        )

        return award


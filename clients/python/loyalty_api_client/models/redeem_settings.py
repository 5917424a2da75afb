from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RedeemSettings")



@_attrs_define
class RedeemSettings:
    """ 
        Attributes:
            max_order_share (str | Unset):  Example: 149.90.
            min_points (int | Unset):
            point_value (str | Unset):  Example: 149.90.
     """

    max_order_share: str | Unset = UNSET
    min_points: int | Unset = UNSET
    point_value: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        max_order_share = self.max_order_share

        min_points = self.min_points

        point_value = self.point_value


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if max_order_share is not UNSET:
            field_dict["max_order_share"] = max_order_share
        if min_points is not UNSET:
            field_dict["min_points"] = min_points
        if point_value is not UNSET:
            field_dict["point_value"] = point_value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_order_share = d.pop("max_order_share", UNSET)

        min_points = d.pop("min_points", UNSET)

        point_value = d.pop("point_value", UNSET)

        redeem_settings = cls(
            max_order_share=max_order_share,
            min_points=min_points,
            point_value=point_value,
        )

        return redeem_settings


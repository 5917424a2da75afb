from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RewardSettings")



@_attrs_define
class RewardSettings:
    """ 
        Attributes:
            refund_expired (bool | Unset): Give the points of expired unused coupons back
     """

    refund_expired: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        refund_expired = self.refund_expired


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if refund_expired is not UNSET:
            field_dict["refund_expired"] = refund_expired

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        refund_expired = d.pop("refund_expired", UNSET)

        reward_settings = cls(
            refund_expired=refund_expired,
        )

        return reward_settings


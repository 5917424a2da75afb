from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ReferralSettings")



@_attrs_define
class ReferralSettings:
    """ 
        Attributes:
            max_rewards_per_month (int | None | Unset):
            min_order_amount (str | Unset):  Example: 149.90.
            referee_points (int | Unset):
            referrer_points (int | Unset):
     """

    max_rewards_per_month: int | None | Unset = UNSET
    min_order_amount: str | Unset = UNSET
    referee_points: int | Unset = UNSET
    referrer_points: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        max_rewards_per_month: int | None | Unset
        if isinstance(self.max_rewards_per_month, Unset):
            max_rewards_per_month = UNSET
        else:
            max_rewards_per_month = self.max_rewards_per_month

        min_order_amount = self.min_order_amount

        referee_points = self.referee_points

        referrer_points = self.referrer_points


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if max_rewards_per_month is not UNSET:
            field_dict["max_rewards_per_month"] = max_rewards_per_month
        if min_order_amount is not UNSET:
            field_dict["min_order_amount"] = min_order_amount
        if referee_points is not UNSET:
            field_dict["referee_points"] = referee_points
        if referrer_points is not UNSET:
            field_dict["referrer_points"] = referrer_points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_max_rewards_per_month(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_rewards_per_month = _parse_max_rewards_per_month(d.pop("max_rewards_per_month", UNSET))


        min_order_amount = d.pop("min_order_amount", UNSET)

        referee_points = d.pop("referee_points", UNSET)

        referrer_points = d.pop("referrer_points", UNSET)

        referral_settings = cls(
            max_rewards_per_month=max_rewards_per_month,
            min_order_amount=min_order_amount,
            referee_points=referee_points,
            referrer_points=referrer_points,
        )

        return referral_settings


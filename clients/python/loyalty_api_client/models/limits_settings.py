from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="LimitsSettings")



@_attrs_define
class LimitsSettings:
    """ 
        Attributes:
            adjustment_daily_points (int | None | Unset): Most points one API client may move by adjustments per day
                (program time zone), summing absolute values; null = no limit Example: 20000.
            adjustment_max_points (int | None | Unset): Most points one manual adjustment may move, either sign; null = no
                limit Example: 5000.
     """

    adjustment_daily_points: int | None | Unset = UNSET
    adjustment_max_points: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        adjustment_daily_points: int | None | Unset
        if isinstance(self.adjustment_daily_points, Unset):
            adjustment_daily_points = UNSET
        else:
            adjustment_daily_points = self.adjustment_daily_points

        adjustment_max_points: int | None | Unset
        if isinstance(self.adjustment_max_points, Unset):
            adjustment_max_points = UNSET
        else:
            adjustment_max_points = self.adjustment_max_points


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if adjustment_daily_points is not UNSET:
            field_dict["adjustment_daily_points"] = adjustment_daily_points
        if adjustment_max_points is not UNSET:
            field_dict["adjustment_max_points"] = adjustment_max_points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_adjustment_daily_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        adjustment_daily_points = _parse_adjustment_daily_points(d.pop("adjustment_daily_points", UNSET))


        def _parse_adjustment_max_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        adjustment_max_points = _parse_adjustment_max_points(d.pop("adjustment_max_points", UNSET))


        limits_settings = cls(
            adjustment_daily_points=adjustment_daily_points,
            adjustment_max_points=adjustment_max_points,
        )

        return limits_settings


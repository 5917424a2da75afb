from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TransferSettings")



@_attrs_define
class TransferSettings:
    """ 
        Attributes:
            enabled (bool | Unset): Members may give available points to other members
            max_points_per_month (int | None | Unset): Most points one member may send per calendar month (program time
                zone); null = no limit
     """

    enabled: bool | Unset = UNSET
    max_points_per_month: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        max_points_per_month: int | None | Unset
        if isinstance(self.max_points_per_month, Unset):
            max_points_per_month = UNSET
        else:
            max_points_per_month = self.max_points_per_month


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if max_points_per_month is not UNSET:
            field_dict["max_points_per_month"] = max_points_per_month

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)

        def _parse_max_points_per_month(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_points_per_month = _parse_max_points_per_month(d.pop("max_points_per_month", UNSET))


        transfer_settings = cls(
            enabled=enabled,
            max_points_per_month=max_points_per_month,
        )

        return transfer_settings


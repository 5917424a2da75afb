from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.earn_settings_on import EarnSettingsOn
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="EarnSettings")



@_attrs_define
class EarnSettings:
    """ 
        Attributes:
            excluded_categories (list[str] | Unset):
            excluded_skus (list[str] | Unset):
            on (EarnSettingsOn | Unset): Always the amount actually paid
            points_per_unit (float | Unset):
     """

    excluded_categories: list[str] | Unset = UNSET
    excluded_skus: list[str] | Unset = UNSET
    on: EarnSettingsOn | Unset = UNSET
    points_per_unit: float | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        excluded_categories: list[str] | Unset = UNSET
        if not isinstance(self.excluded_categories, Unset):
            excluded_categories = self.excluded_categories



        excluded_skus: list[str] | Unset = UNSET
        if not isinstance(self.excluded_skus, Unset):
            excluded_skus = self.excluded_skus



        on: str | Unset = UNSET
        if not isinstance(self.on, Unset):
            on = self.on.value


        points_per_unit = self.points_per_unit


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if excluded_categories is not UNSET:
            field_dict["excluded_categories"] = excluded_categories
        if excluded_skus is not UNSET:
            field_dict["excluded_skus"] = excluded_skus
        if on is not UNSET:
            field_dict["on"] = on
        if points_per_unit is not UNSET:
            field_dict["points_per_unit"] = points_per_unit

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        excluded_categories = cast(list[str], d.pop("excluded_categories", UNSET))


        excluded_skus = cast(list[str], d.pop("excluded_skus", UNSET))


        _on = d.pop("on", UNSET)
        on: EarnSettingsOn | Unset
        if isinstance(_on,  Unset):
            on = UNSET
        else:
            on = EarnSettingsOn(_on)




        points_per_unit = d.pop("points_per_unit", UNSET)

        earn_settings = cls(
            excluded_categories=excluded_categories,
            excluded_skus=excluded_skus,
            on=on,
            points_per_unit=points_per_unit,
        )

        return earn_settings


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TierOut")



@_attrs_define
class TierOut:
    """ 
        Attributes:
            code (str | Unset):
            earn_multiplier (float | Unset):
            name (str | Unset):
            perks (list[str] | Unset):
            threshold (float | None | Unset):
     """

    code: str | Unset = UNSET
    earn_multiplier: float | Unset = UNSET
    name: str | Unset = UNSET
    perks: list[str] | Unset = UNSET
    threshold: float | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        earn_multiplier = self.earn_multiplier

        name = self.name

        perks: list[str] | Unset = UNSET
        if not isinstance(self.perks, Unset):
            perks = self.perks



        threshold: float | None | Unset
        if isinstance(self.threshold, Unset):
            threshold = UNSET
        else:
            threshold = self.threshold


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if code is not UNSET:
            field_dict["code"] = code
        if earn_multiplier is not UNSET:
            field_dict["earn_multiplier"] = earn_multiplier
        if name is not UNSET:
            field_dict["name"] = name
        if perks is not UNSET:
            field_dict["perks"] = perks
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        earn_multiplier = d.pop("earn_multiplier", UNSET)

        name = d.pop("name", UNSET)

        perks = cast(list[str], d.pop("perks", UNSET))


        def _parse_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        threshold = _parse_threshold(d.pop("threshold", UNSET))


        tier_out = cls(
            code=code,
            earn_multiplier=earn_multiplier,
            name=name,
            perks=perks,
            threshold=threshold,
        )

        return tier_out


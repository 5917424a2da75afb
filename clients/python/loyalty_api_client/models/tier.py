from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Tier")



@_attrs_define
class Tier:
    """ 
        Attributes:
            code (str):
            name (str):
            threshold (float | None): Metric value that qualifies; null = invitation only
            earn_multiplier (float | Unset):  Default: 1.0.
            perks (list[str] | Unset):
     """

    code: str
    name: str
    threshold: float | None
    earn_multiplier: float | Unset = 1.0
    perks: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        threshold: float | None
        threshold = self.threshold

        earn_multiplier = self.earn_multiplier

        perks: list[str] | Unset = UNSET
        if not isinstance(self.perks, Unset):
            perks = self.perks




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "name": name,
            "threshold": threshold,
        })
        if earn_multiplier is not UNSET:
            field_dict["earn_multiplier"] = earn_multiplier
        if perks is not UNSET:
            field_dict["perks"] = perks

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        def _parse_threshold(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        threshold = _parse_threshold(d.pop("threshold"))


        earn_multiplier = d.pop("earn_multiplier", UNSET)

        perks = cast(list[str], d.pop("perks", UNSET))


        tier = cls(
            code=code,
            name=name,
            threshold=threshold,
            earn_multiplier=earn_multiplier,
            perks=perks,
        )

        return tier


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TierCount")



@_attrs_define
class TierCount:
    """ 
        Attributes:
            members (int | Unset):
            tier (None | str | Unset): Tier code; null: no tier
     """

    members: int | Unset = UNSET
    tier: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        members = self.members

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if members is not UNSET:
            field_dict["members"] = members
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        members = d.pop("members", UNSET)

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))


        tier_count = cls(
            members=members,
            tier=tier,
        )

        return tier_count


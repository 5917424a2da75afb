from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.ladder_policy import LadderPolicy
  from ..models.ladder_tier import LadderTier





T = TypeVar("T", bound="Ladder")



@_attrs_define
class Ladder:
    """ 
        Attributes:
            tier_policy (LadderPolicy):
            tiers (list[LadderTier]): Lowest tier first
     """

    tier_policy: LadderPolicy
    tiers: list[LadderTier]





    def to_dict(self) -> dict[str, Any]:
        from ..models.ladder_policy import LadderPolicy # noqa: PLC0415
        from ..models.ladder_tier import LadderTier # noqa: PLC0415
        tier_policy = self.tier_policy.to_dict()

        tiers = []
        for tiers_item_data in self.tiers:
            tiers_item = tiers_item_data.to_dict()
            tiers.append(tiers_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "tier_policy": tier_policy,
            "tiers": tiers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ladder_policy import LadderPolicy # noqa: PLC0415
        from ..models.ladder_tier import LadderTier # noqa: PLC0415
        d = dict(src_dict)
        tier_policy = LadderPolicy.from_dict(d.pop("tier_policy"))




        tiers = []
        _tiers = d.pop("tiers")
        for tiers_item_data in (_tiers):
            tiers_item = LadderTier.from_dict(tiers_item_data)



            tiers.append(tiers_item)


        ladder = cls(
            tier_policy=tier_policy,
            tiers=tiers,
        )

        return ladder


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="LeaderboardEntry")



@_attrs_define
class LeaderboardEntry:
    """ 
        Attributes:
            member_id (str | Unset):
            rank (int | Unset): Ties share a rank; the next rank skips (1, 1, 3)
            rewarded_referrals (int | Unset):
     """

    member_id: str | Unset = UNSET
    rank: int | Unset = UNSET
    rewarded_referrals: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        rank = self.rank

        rewarded_referrals = self.rewarded_referrals


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if rank is not UNSET:
            field_dict["rank"] = rank
        if rewarded_referrals is not UNSET:
            field_dict["rewarded_referrals"] = rewarded_referrals

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id", UNSET)

        rank = d.pop("rank", UNSET)

        rewarded_referrals = d.pop("rewarded_referrals", UNSET)

        leaderboard_entry = cls(
            member_id=member_id,
            rank=rank,
            rewarded_referrals=rewarded_referrals,
        )

        return leaderboard_entry


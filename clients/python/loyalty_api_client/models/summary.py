from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.member_counts import MemberCounts
  from ..models.outstanding import Outstanding
  from ..models.point_flows import PointFlows
  from ..models.tier_count import TierCount





T = TypeVar("T", bound="Summary")



@_attrs_define
class Summary:
    """ 
        Attributes:
            as_of (datetime.datetime | Unset): The instant outstanding points and tiers are read at
            breakage_rate (None | str | Unset): expired / (expired + redeemed) in the period, 4 decimals; null when both are
                0 Example: 0.1250.
            from_ (datetime.datetime | Unset):
            members (MemberCounts | Unset):
            outstanding (Outstanding | Unset):
            points (PointFlows | Unset):
            referral_conversions (int | Unset): Referrals rewarded in the period
            tier_distribution (list[TierCount] | Unset): Ladder order, then no tier
            to (datetime.datetime | Unset):
     """

    as_of: datetime.datetime | Unset = UNSET
    breakage_rate: None | str | Unset = UNSET
    from_: datetime.datetime | Unset = UNSET
    members: MemberCounts | Unset = UNSET
    outstanding: Outstanding | Unset = UNSET
    points: PointFlows | Unset = UNSET
    referral_conversions: int | Unset = UNSET
    tier_distribution: list[TierCount] | Unset = UNSET
    to: datetime.datetime | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.member_counts import MemberCounts # noqa: PLC0415
        from ..models.outstanding import Outstanding # noqa: PLC0415
        from ..models.point_flows import PointFlows # noqa: PLC0415
        from ..models.tier_count import TierCount # noqa: PLC0415
        as_of: str | Unset = UNSET
        if not isinstance(self.as_of, Unset):
            as_of = self.as_of.isoformat()

        breakage_rate: None | str | Unset
        if isinstance(self.breakage_rate, Unset):
            breakage_rate = UNSET
        else:
            breakage_rate = self.breakage_rate

        from_: str | Unset = UNSET
        if not isinstance(self.from_, Unset):
            from_ = self.from_.isoformat()

        members: dict[str, Any] | Unset = UNSET
        if not isinstance(self.members, Unset):
            members = self.members.to_dict()

        outstanding: dict[str, Any] | Unset = UNSET
        if not isinstance(self.outstanding, Unset):
            outstanding = self.outstanding.to_dict()

        points: dict[str, Any] | Unset = UNSET
        if not isinstance(self.points, Unset):
            points = self.points.to_dict()

        referral_conversions = self.referral_conversions

        tier_distribution: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tier_distribution, Unset):
            tier_distribution = []
            for tier_distribution_item_data in self.tier_distribution:
                tier_distribution_item = tier_distribution_item_data.to_dict()
                tier_distribution.append(tier_distribution_item)



        to: str | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = self.to.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if breakage_rate is not UNSET:
            field_dict["breakage_rate"] = breakage_rate
        if from_ is not UNSET:
            field_dict["from"] = from_
        if members is not UNSET:
            field_dict["members"] = members
        if outstanding is not UNSET:
            field_dict["outstanding"] = outstanding
        if points is not UNSET:
            field_dict["points"] = points
        if referral_conversions is not UNSET:
            field_dict["referral_conversions"] = referral_conversions
        if tier_distribution is not UNSET:
            field_dict["tier_distribution"] = tier_distribution
        if to is not UNSET:
            field_dict["to"] = to

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_counts import MemberCounts # noqa: PLC0415
        from ..models.outstanding import Outstanding # noqa: PLC0415
        from ..models.point_flows import PointFlows # noqa: PLC0415
        from ..models.tier_count import TierCount # noqa: PLC0415
        d = dict(src_dict)
        _as_of = d.pop("as_of", UNSET)
        as_of: datetime.datetime | Unset
        if isinstance(_as_of,  Unset):
            as_of = UNSET
        else:
            as_of = datetime.datetime.fromisoformat(_as_of)




        def _parse_breakage_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        breakage_rate = _parse_breakage_rate(d.pop("breakage_rate", UNSET))


        _from_ = d.pop("from", UNSET)
        from_: datetime.datetime | Unset
        if isinstance(_from_,  Unset):
            from_ = UNSET
        else:
            from_ = datetime.datetime.fromisoformat(_from_)




        _members = d.pop("members", UNSET)
        members: MemberCounts | Unset
        if isinstance(_members,  Unset):
            members = UNSET
        else:
            members = MemberCounts.from_dict(_members)




        _outstanding = d.pop("outstanding", UNSET)
        outstanding: Outstanding | Unset
        if isinstance(_outstanding,  Unset):
            outstanding = UNSET
        else:
            outstanding = Outstanding.from_dict(_outstanding)




        _points = d.pop("points", UNSET)
        points: PointFlows | Unset
        if isinstance(_points,  Unset):
            points = UNSET
        else:
            points = PointFlows.from_dict(_points)




        referral_conversions = d.pop("referral_conversions", UNSET)

        _tier_distribution = d.pop("tier_distribution", UNSET)
        tier_distribution: list[TierCount] | Unset = UNSET
        if _tier_distribution is not UNSET:
            tier_distribution = []
            for tier_distribution_item_data in _tier_distribution:
                tier_distribution_item = TierCount.from_dict(tier_distribution_item_data)



                tier_distribution.append(tier_distribution_item)


        _to = d.pop("to", UNSET)
        to: datetime.datetime | Unset
        if isinstance(_to,  Unset):
            to = UNSET
        else:
            to = datetime.datetime.fromisoformat(_to)




        summary = cls(
            as_of=as_of,
            breakage_rate=breakage_rate,
            from_=from_,
            members=members,
            outstanding=outstanding,
            points=points,
            referral_conversions=referral_conversions,
            tier_distribution=tier_distribution,
            to=to,
        )

        return summary


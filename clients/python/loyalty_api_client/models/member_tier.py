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
  from ..models.member_tier_next_tier_type_0_type_0 import MemberTierNextTierType0Type0
  from ..models.member_tier_tier_type_0_type_0 import MemberTierTierType0Type0
  from ..models.member_tier_vip_type_0_type_0 import MemberTierVipType0Type0
  from ..models.tier_out import TierOut
  from ..models.vip import Vip





T = TypeVar("T", bound="MemberTier")



@_attrs_define
class MemberTier:
    """ 
        Attributes:
            member_id (str | Unset):
            metric (str | Unset): points_earned | spend | orders
            next_tier (MemberTierNextTierType0Type0 | None | TierOut | Unset):
            progress (int | str | Unset): The metric over the window ending now
            remaining_to_next (int | None | str | Unset):
            required_to_keep (int | None | str | Unset): Still needed, within the window that ends at tier_expires_at, to
                keep the tier; null when not metric-based
            tier (MemberTierTierType0Type0 | None | TierOut | Unset):
            tier_expires_at (datetime.datetime | None | Unset): When the tier's retention (or VIP status) ends
            vip (MemberTierVipType0Type0 | None | Unset | Vip):
            window_months (int | None | Unset):
     """

    member_id: str | Unset = UNSET
    metric: str | Unset = UNSET
    next_tier: MemberTierNextTierType0Type0 | None | TierOut | Unset = UNSET
    progress: int | str | Unset = UNSET
    remaining_to_next: int | None | str | Unset = UNSET
    required_to_keep: int | None | str | Unset = UNSET
    tier: MemberTierTierType0Type0 | None | TierOut | Unset = UNSET
    tier_expires_at: datetime.datetime | None | Unset = UNSET
    vip: MemberTierVipType0Type0 | None | Unset | Vip = UNSET
    window_months: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.member_tier_next_tier_type_0_type_0 import MemberTierNextTierType0Type0 # noqa: PLC0415
        from ..models.member_tier_tier_type_0_type_0 import MemberTierTierType0Type0 # noqa: PLC0415
        from ..models.member_tier_vip_type_0_type_0 import MemberTierVipType0Type0 # noqa: PLC0415
        from ..models.tier_out import TierOut # noqa: PLC0415
        from ..models.vip import Vip # noqa: PLC0415
        member_id = self.member_id

        metric = self.metric

        next_tier: dict[str, Any] | None | Unset
        if isinstance(self.next_tier, Unset):
            next_tier = UNSET
        elif isinstance(self.next_tier, MemberTierNextTierType0Type0):
            next_tier = self.next_tier.to_dict()
        elif isinstance(self.next_tier, TierOut):
            next_tier = self.next_tier.to_dict()
        else:
            next_tier = self.next_tier

        progress: int | str | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        else:
            progress = self.progress

        remaining_to_next: int | None | str | Unset
        if isinstance(self.remaining_to_next, Unset):
            remaining_to_next = UNSET
        else:
            remaining_to_next = self.remaining_to_next

        required_to_keep: int | None | str | Unset
        if isinstance(self.required_to_keep, Unset):
            required_to_keep = UNSET
        else:
            required_to_keep = self.required_to_keep

        tier: dict[str, Any] | None | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, MemberTierTierType0Type0):
            tier = self.tier.to_dict()
        elif isinstance(self.tier, TierOut):
            tier = self.tier.to_dict()
        else:
            tier = self.tier

        tier_expires_at: None | str | Unset
        if isinstance(self.tier_expires_at, Unset):
            tier_expires_at = UNSET
        elif isinstance(self.tier_expires_at, datetime.datetime):
            tier_expires_at = self.tier_expires_at.isoformat()
        else:
            tier_expires_at = self.tier_expires_at

        vip: dict[str, Any] | None | Unset
        if isinstance(self.vip, Unset):
            vip = UNSET
        elif isinstance(self.vip, MemberTierVipType0Type0):
            vip = self.vip.to_dict()
        elif isinstance(self.vip, Vip):
            vip = self.vip.to_dict()
        else:
            vip = self.vip

        window_months: int | None | Unset
        if isinstance(self.window_months, Unset):
            window_months = UNSET
        else:
            window_months = self.window_months


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if metric is not UNSET:
            field_dict["metric"] = metric
        if next_tier is not UNSET:
            field_dict["next_tier"] = next_tier
        if progress is not UNSET:
            field_dict["progress"] = progress
        if remaining_to_next is not UNSET:
            field_dict["remaining_to_next"] = remaining_to_next
        if required_to_keep is not UNSET:
            field_dict["required_to_keep"] = required_to_keep
        if tier is not UNSET:
            field_dict["tier"] = tier
        if tier_expires_at is not UNSET:
            field_dict["tier_expires_at"] = tier_expires_at
        if vip is not UNSET:
            field_dict["vip"] = vip
        if window_months is not UNSET:
            field_dict["window_months"] = window_months

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_tier_next_tier_type_0_type_0 import MemberTierNextTierType0Type0 # noqa: PLC0415
        from ..models.member_tier_tier_type_0_type_0 import MemberTierTierType0Type0 # noqa: PLC0415
        from ..models.member_tier_vip_type_0_type_0 import MemberTierVipType0Type0 # noqa: PLC0415
        from ..models.tier_out import TierOut # noqa: PLC0415
        from ..models.vip import Vip # noqa: PLC0415
        d = dict(src_dict)
        member_id = d.pop("member_id", UNSET)

        metric = d.pop("metric", UNSET)

        def _parse_next_tier(data: object) -> MemberTierNextTierType0Type0 | None | TierOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_tier_type_0_type_0 = MemberTierNextTierType0Type0.from_dict(data)



                return next_tier_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_tier_type_1 = TierOut.from_dict(data)



                return next_tier_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemberTierNextTierType0Type0 | None | TierOut | Unset, data)

        next_tier = _parse_next_tier(d.pop("next_tier", UNSET))


        def _parse_progress(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        progress = _parse_progress(d.pop("progress", UNSET))


        def _parse_remaining_to_next(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        remaining_to_next = _parse_remaining_to_next(d.pop("remaining_to_next", UNSET))


        def _parse_required_to_keep(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        required_to_keep = _parse_required_to_keep(d.pop("required_to_keep", UNSET))


        def _parse_tier(data: object) -> MemberTierTierType0Type0 | None | TierOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_type_0_type_0 = MemberTierTierType0Type0.from_dict(data)



                return tier_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_type_1 = TierOut.from_dict(data)



                return tier_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemberTierTierType0Type0 | None | TierOut | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))


        def _parse_tier_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return tier_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        tier_expires_at = _parse_tier_expires_at(d.pop("tier_expires_at", UNSET))


        def _parse_vip(data: object) -> MemberTierVipType0Type0 | None | Unset | Vip:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                vip_type_0_type_0 = MemberTierVipType0Type0.from_dict(data)



                return vip_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                vip_type_1 = Vip.from_dict(data)



                return vip_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemberTierVipType0Type0 | None | Unset | Vip, data)

        vip = _parse_vip(d.pop("vip", UNSET))


        def _parse_window_months(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        window_months = _parse_window_months(d.pop("window_months", UNSET))


        member_tier = cls(
            member_id=member_id,
            metric=metric,
            next_tier=next_tier,
            progress=progress,
            remaining_to_next=remaining_to_next,
            required_to_keep=required_to_keep,
            tier=tier,
            tier_expires_at=tier_expires_at,
            vip=vip,
            window_months=window_months,
        )

        return member_tier


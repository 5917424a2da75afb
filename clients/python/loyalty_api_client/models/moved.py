from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Moved")



@_attrs_define
class Moved:
    """ 
        Attributes:
            coupons (int | Unset):
            debt (int | Unset): Points owed (allow_negative) that became the target's debt
            events (int | Unset):
            holds (int | Unset): Finished holds (an active one refuses the merge)
            identities (int | Unset):
            lots (int | Unset): Lots moved (one transfer_out and one transfer_in each)
            orders (int | Unset):
            pending_points (int | Unset): Of those, points still pending
            points (int | Unset): Points moved, pending ones included
            referral_received (int | Unset):
            referrals_made (int | Unset):
            rule_awards (int | Unset):
            tier (None | str | Unset): The target's tier after the merge
     """

    coupons: int | Unset = UNSET
    debt: int | Unset = UNSET
    events: int | Unset = UNSET
    holds: int | Unset = UNSET
    identities: int | Unset = UNSET
    lots: int | Unset = UNSET
    orders: int | Unset = UNSET
    pending_points: int | Unset = UNSET
    points: int | Unset = UNSET
    referral_received: int | Unset = UNSET
    referrals_made: int | Unset = UNSET
    rule_awards: int | Unset = UNSET
    tier: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        coupons = self.coupons

        debt = self.debt

        events = self.events

        holds = self.holds

        identities = self.identities

        lots = self.lots

        orders = self.orders

        pending_points = self.pending_points

        points = self.points

        referral_received = self.referral_received

        referrals_made = self.referrals_made

        rule_awards = self.rule_awards

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if coupons is not UNSET:
            field_dict["coupons"] = coupons
        if debt is not UNSET:
            field_dict["debt"] = debt
        if events is not UNSET:
            field_dict["events"] = events
        if holds is not UNSET:
            field_dict["holds"] = holds
        if identities is not UNSET:
            field_dict["identities"] = identities
        if lots is not UNSET:
            field_dict["lots"] = lots
        if orders is not UNSET:
            field_dict["orders"] = orders
        if pending_points is not UNSET:
            field_dict["pending_points"] = pending_points
        if points is not UNSET:
            field_dict["points"] = points
        if referral_received is not UNSET:
            field_dict["referral_received"] = referral_received
        if referrals_made is not UNSET:
            field_dict["referrals_made"] = referrals_made
        if rule_awards is not UNSET:
            field_dict["rule_awards"] = rule_awards
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        coupons = d.pop("coupons", UNSET)

        debt = d.pop("debt", UNSET)

        events = d.pop("events", UNSET)

        holds = d.pop("holds", UNSET)

        identities = d.pop("identities", UNSET)

        lots = d.pop("lots", UNSET)

        orders = d.pop("orders", UNSET)

        pending_points = d.pop("pending_points", UNSET)

        points = d.pop("points", UNSET)

        referral_received = d.pop("referral_received", UNSET)

        referrals_made = d.pop("referrals_made", UNSET)

        rule_awards = d.pop("rule_awards", UNSET)

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))


        moved = cls(
            coupons=coupons,
            debt=debt,
            events=events,
            holds=holds,
            identities=identities,
            lots=lots,
            orders=orders,
            pending_points=pending_points,
            points=points,
            referral_received=referral_received,
            referrals_made=referrals_made,
            rule_awards=rule_awards,
            tier=tier,
        )

        return moved


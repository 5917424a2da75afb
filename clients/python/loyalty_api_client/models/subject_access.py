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
  from ..models.balance import Balance
  from ..models.coupon import Coupon
  from ..models.entry import Entry
  from ..models.exported_event import ExportedEvent
  from ..models.exported_merge import ExportedMerge
  from ..models.exported_order import ExportedOrder
  from ..models.exported_referral import ExportedReferral
  from ..models.identity import Identity
  from ..models.member import Member
  from ..models.member_tier import MemberTier





T = TypeVar("T", bound="SubjectAccess")



@_attrs_define
class SubjectAccess:
    """ 
        Attributes:
            balance (Balance | Unset):
            coupons (list[Coupon] | Unset):
            events (list[ExportedEvent] | Unset):
            exported_at (datetime.datetime | Unset):
            identities (list[Identity] | Unset):
            ledger (list[Entry] | Unset): Every entry, newest first
            member_id (str | Unset):
            merges (list[ExportedMerge] | Unset): Merges this member took part in, either side
            orders (list[ExportedOrder] | Unset): Oldest first
            profile (Member | Unset):
            referrals (list[ExportedReferral] | Unset): Links where the member referred someone or was referred
            tier (MemberTier | Unset):
     """

    balance: Balance | Unset = UNSET
    coupons: list[Coupon] | Unset = UNSET
    events: list[ExportedEvent] | Unset = UNSET
    exported_at: datetime.datetime | Unset = UNSET
    identities: list[Identity] | Unset = UNSET
    ledger: list[Entry] | Unset = UNSET
    member_id: str | Unset = UNSET
    merges: list[ExportedMerge] | Unset = UNSET
    orders: list[ExportedOrder] | Unset = UNSET
    profile: Member | Unset = UNSET
    referrals: list[ExportedReferral] | Unset = UNSET
    tier: MemberTier | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.balance import Balance # noqa: PLC0415
        from ..models.coupon import Coupon # noqa: PLC0415
        from ..models.entry import Entry # noqa: PLC0415
        from ..models.exported_event import ExportedEvent # noqa: PLC0415
        from ..models.exported_merge import ExportedMerge # noqa: PLC0415
        from ..models.exported_order import ExportedOrder # noqa: PLC0415
        from ..models.exported_referral import ExportedReferral # noqa: PLC0415
        from ..models.identity import Identity # noqa: PLC0415
        from ..models.member import Member # noqa: PLC0415
        from ..models.member_tier import MemberTier # noqa: PLC0415
        balance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.balance, Unset):
            balance = self.balance.to_dict()

        coupons: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.coupons, Unset):
            coupons = []
            for coupons_item_data in self.coupons:
                coupons_item = coupons_item_data.to_dict()
                coupons.append(coupons_item)



        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)



        exported_at: str | Unset = UNSET
        if not isinstance(self.exported_at, Unset):
            exported_at = self.exported_at.isoformat()

        identities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.identities, Unset):
            identities = []
            for identities_item_data in self.identities:
                identities_item = identities_item_data.to_dict()
                identities.append(identities_item)



        ledger: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ledger, Unset):
            ledger = []
            for ledger_item_data in self.ledger:
                ledger_item = ledger_item_data.to_dict()
                ledger.append(ledger_item)



        member_id = self.member_id

        merges: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.merges, Unset):
            merges = []
            for merges_item_data in self.merges:
                merges_item = merges_item_data.to_dict()
                merges.append(merges_item)



        orders: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.orders, Unset):
            orders = []
            for orders_item_data in self.orders:
                orders_item = orders_item_data.to_dict()
                orders.append(orders_item)



        profile: dict[str, Any] | Unset = UNSET
        if not isinstance(self.profile, Unset):
            profile = self.profile.to_dict()

        referrals: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.referrals, Unset):
            referrals = []
            for referrals_item_data in self.referrals:
                referrals_item = referrals_item_data.to_dict()
                referrals.append(referrals_item)



        tier: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tier, Unset):
            tier = self.tier.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if balance is not UNSET:
            field_dict["balance"] = balance
        if coupons is not UNSET:
            field_dict["coupons"] = coupons
        if events is not UNSET:
            field_dict["events"] = events
        if exported_at is not UNSET:
            field_dict["exported_at"] = exported_at
        if identities is not UNSET:
            field_dict["identities"] = identities
        if ledger is not UNSET:
            field_dict["ledger"] = ledger
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if merges is not UNSET:
            field_dict["merges"] = merges
        if orders is not UNSET:
            field_dict["orders"] = orders
        if profile is not UNSET:
            field_dict["profile"] = profile
        if referrals is not UNSET:
            field_dict["referrals"] = referrals
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balance import Balance # noqa: PLC0415
        from ..models.coupon import Coupon # noqa: PLC0415
        from ..models.entry import Entry # noqa: PLC0415
        from ..models.exported_event import ExportedEvent # noqa: PLC0415
        from ..models.exported_merge import ExportedMerge # noqa: PLC0415
        from ..models.exported_order import ExportedOrder # noqa: PLC0415
        from ..models.exported_referral import ExportedReferral # noqa: PLC0415
        from ..models.identity import Identity # noqa: PLC0415
        from ..models.member import Member # noqa: PLC0415
        from ..models.member_tier import MemberTier # noqa: PLC0415
        d = dict(src_dict)
        _balance = d.pop("balance", UNSET)
        balance: Balance | Unset
        if isinstance(_balance,  Unset):
            balance = UNSET
        else:
            balance = Balance.from_dict(_balance)




        _coupons = d.pop("coupons", UNSET)
        coupons: list[Coupon] | Unset = UNSET
        if _coupons is not UNSET:
            coupons = []
            for coupons_item_data in _coupons:
                coupons_item = Coupon.from_dict(coupons_item_data)



                coupons.append(coupons_item)


        _events = d.pop("events", UNSET)
        events: list[ExportedEvent] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = ExportedEvent.from_dict(events_item_data)



                events.append(events_item)


        _exported_at = d.pop("exported_at", UNSET)
        exported_at: datetime.datetime | Unset
        if isinstance(_exported_at,  Unset):
            exported_at = UNSET
        else:
            exported_at = datetime.datetime.fromisoformat(_exported_at)




        _identities = d.pop("identities", UNSET)
        identities: list[Identity] | Unset = UNSET
        if _identities is not UNSET:
            identities = []
            for identities_item_data in _identities:
                identities_item = Identity.from_dict(identities_item_data)



                identities.append(identities_item)


        _ledger = d.pop("ledger", UNSET)
        ledger: list[Entry] | Unset = UNSET
        if _ledger is not UNSET:
            ledger = []
            for ledger_item_data in _ledger:
                ledger_item = Entry.from_dict(ledger_item_data)



                ledger.append(ledger_item)


        member_id = d.pop("member_id", UNSET)

        _merges = d.pop("merges", UNSET)
        merges: list[ExportedMerge] | Unset = UNSET
        if _merges is not UNSET:
            merges = []
            for merges_item_data in _merges:
                merges_item = ExportedMerge.from_dict(merges_item_data)



                merges.append(merges_item)


        _orders = d.pop("orders", UNSET)
        orders: list[ExportedOrder] | Unset = UNSET
        if _orders is not UNSET:
            orders = []
            for orders_item_data in _orders:
                orders_item = ExportedOrder.from_dict(orders_item_data)



                orders.append(orders_item)


        _profile = d.pop("profile", UNSET)
        profile: Member | Unset
        if isinstance(_profile,  Unset):
            profile = UNSET
        else:
            profile = Member.from_dict(_profile)




        _referrals = d.pop("referrals", UNSET)
        referrals: list[ExportedReferral] | Unset = UNSET
        if _referrals is not UNSET:
            referrals = []
            for referrals_item_data in _referrals:
                referrals_item = ExportedReferral.from_dict(referrals_item_data)



                referrals.append(referrals_item)


        _tier = d.pop("tier", UNSET)
        tier: MemberTier | Unset
        if isinstance(_tier,  Unset):
            tier = UNSET
        else:
            tier = MemberTier.from_dict(_tier)




        subject_access = cls(
            balance=balance,
            coupons=coupons,
            events=events,
            exported_at=exported_at,
            identities=identities,
            ledger=ledger,
            member_id=member_id,
            merges=merges,
            orders=orders,
            profile=profile,
            referrals=referrals,
            tier=tier,
        )

        return subject_access


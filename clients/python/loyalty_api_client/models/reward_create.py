from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.reward_create_kind import RewardCreateKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="RewardCreate")



@_attrs_define
class RewardCreate:
    """ 
        Attributes:
            cost_points (int): Points a claim spends (0: free)
            kind (RewardCreateKind):
            name (str):
            coupon_valid_days (int | None | Unset): A coupon expires this many days after it is issued; null = never
            limit_per_member (int | None | Unset): Claims per member (cancelled ones do not count)
            reward_id (str | Unset): Generated when left out
            sku (None | str | Unset): Gift rewards: the SKU handed over
            stock (int | None | Unset): Coupons left to claim; null = unlimited
            tiers (list[str] | None | Unset): Tier codes that may claim; absent or null = every member
            valid_from (datetime.datetime | None | Unset): First instant it can be claimed
            valid_until (datetime.datetime | None | Unset): First instant it no longer can
            value (None | str | Unset): discount_amount: money off ("500.00"); discount_percent: percent of the order, above
                0 and at most 100 ("15"); none for free_delivery and gift Example: 149.90.
     """

    cost_points: int
    kind: RewardCreateKind
    name: str
    coupon_valid_days: int | None | Unset = UNSET
    limit_per_member: int | None | Unset = UNSET
    reward_id: str | Unset = UNSET
    sku: None | str | Unset = UNSET
    stock: int | None | Unset = UNSET
    tiers: list[str] | None | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    valid_until: datetime.datetime | None | Unset = UNSET
    value: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        cost_points = self.cost_points

        kind = self.kind.value

        name = self.name

        coupon_valid_days: int | None | Unset
        if isinstance(self.coupon_valid_days, Unset):
            coupon_valid_days = UNSET
        else:
            coupon_valid_days = self.coupon_valid_days

        limit_per_member: int | None | Unset
        if isinstance(self.limit_per_member, Unset):
            limit_per_member = UNSET
        else:
            limit_per_member = self.limit_per_member

        reward_id = self.reward_id

        sku: None | str | Unset
        if isinstance(self.sku, Unset):
            sku = UNSET
        else:
            sku = self.sku

        stock: int | None | Unset
        if isinstance(self.stock, Unset):
            stock = UNSET
        else:
            stock = self.stock

        tiers: list[str] | None | Unset
        if isinstance(self.tiers, Unset):
            tiers = UNSET
        elif isinstance(self.tiers, list):
            tiers = self.tiers


        else:
            tiers = self.tiers

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "cost_points": cost_points,
            "kind": kind,
            "name": name,
        })
        if coupon_valid_days is not UNSET:
            field_dict["coupon_valid_days"] = coupon_valid_days
        if limit_per_member is not UNSET:
            field_dict["limit_per_member"] = limit_per_member
        if reward_id is not UNSET:
            field_dict["reward_id"] = reward_id
        if sku is not UNSET:
            field_dict["sku"] = sku
        if stock is not UNSET:
            field_dict["stock"] = stock
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cost_points = d.pop("cost_points")

        kind = RewardCreateKind(d.pop("kind"))




        name = d.pop("name")

        def _parse_coupon_valid_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        coupon_valid_days = _parse_coupon_valid_days(d.pop("coupon_valid_days", UNSET))


        def _parse_limit_per_member(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        limit_per_member = _parse_limit_per_member(d.pop("limit_per_member", UNSET))


        reward_id = d.pop("reward_id", UNSET)

        def _parse_sku(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sku = _parse_sku(d.pop("sku", UNSET))


        def _parse_stock(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        stock = _parse_stock(d.pop("stock", UNSET))


        def _parse_tiers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tiers_type_0 = cast(list[str], data)

                return tiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tiers = _parse_tiers(d.pop("tiers", UNSET))


        def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)



                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))


        def _parse_valid_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)



                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))


        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))


        reward_create = cls(
            cost_points=cost_points,
            kind=kind,
            name=name,
            coupon_valid_days=coupon_valid_days,
            limit_per_member=limit_per_member,
            reward_id=reward_id,
            sku=sku,
            stock=stock,
            tiers=tiers,
            valid_from=valid_from,
            valid_until=valid_until,
            value=value,
        )

        return reward_create


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CatalogueItem")



@_attrs_define
class CatalogueItem:
    """ 
        Attributes:
            active (bool | Unset):
            can_claim (bool | Unset):
            claimed (int | Unset): The member's claims that count against the limit
            cost_points (int | Unset):
            coupon_valid_days (int | None | Unset):
            created_at (datetime.datetime | Unset):
            kind (str | Unset): discount_amount | discount_percent | free_delivery | gift
            limit_per_member (int | None | Unset):
            name (str | Unset):
            reason (None | str | Unset): When can_claim is false: insufficient_points | out_of_stock | limit_reached |
                tier_not_eligible | outside_window
            reward_id (str | Unset):
            sku (None | str | Unset):
            stock (int | None | Unset):
            tiers (list[str] | None | Unset):
            updated_at (datetime.datetime | Unset):
            valid_from (datetime.datetime | None | Unset):
            valid_until (datetime.datetime | None | Unset):
            value (None | str | Unset):  Example: 149.90.
     """

    active: bool | Unset = UNSET
    can_claim: bool | Unset = UNSET
    claimed: int | Unset = UNSET
    cost_points: int | Unset = UNSET
    coupon_valid_days: int | None | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    kind: str | Unset = UNSET
    limit_per_member: int | None | Unset = UNSET
    name: str | Unset = UNSET
    reason: None | str | Unset = UNSET
    reward_id: str | Unset = UNSET
    sku: None | str | Unset = UNSET
    stock: int | None | Unset = UNSET
    tiers: list[str] | None | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    valid_until: datetime.datetime | None | Unset = UNSET
    value: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        can_claim = self.can_claim

        claimed = self.claimed

        cost_points = self.cost_points

        coupon_valid_days: int | None | Unset
        if isinstance(self.coupon_valid_days, Unset):
            coupon_valid_days = UNSET
        else:
            coupon_valid_days = self.coupon_valid_days

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        kind = self.kind

        limit_per_member: int | None | Unset
        if isinstance(self.limit_per_member, Unset):
            limit_per_member = UNSET
        else:
            limit_per_member = self.limit_per_member

        name = self.name

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

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

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

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
        })
        if active is not UNSET:
            field_dict["active"] = active
        if can_claim is not UNSET:
            field_dict["can_claim"] = can_claim
        if claimed is not UNSET:
            field_dict["claimed"] = claimed
        if cost_points is not UNSET:
            field_dict["cost_points"] = cost_points
        if coupon_valid_days is not UNSET:
            field_dict["coupon_valid_days"] = coupon_valid_days
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if kind is not UNSET:
            field_dict["kind"] = kind
        if limit_per_member is not UNSET:
            field_dict["limit_per_member"] = limit_per_member
        if name is not UNSET:
            field_dict["name"] = name
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reward_id is not UNSET:
            field_dict["reward_id"] = reward_id
        if sku is not UNSET:
            field_dict["sku"] = sku
        if stock is not UNSET:
            field_dict["stock"] = stock
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
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
        active = d.pop("active", UNSET)

        can_claim = d.pop("can_claim", UNSET)

        claimed = d.pop("claimed", UNSET)

        cost_points = d.pop("cost_points", UNSET)

        def _parse_coupon_valid_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        coupon_valid_days = _parse_coupon_valid_days(d.pop("coupon_valid_days", UNSET))


        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        kind = d.pop("kind", UNSET)

        def _parse_limit_per_member(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        limit_per_member = _parse_limit_per_member(d.pop("limit_per_member", UNSET))


        name = d.pop("name", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


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


        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at,  Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)




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


        catalogue_item = cls(
            active=active,
            can_claim=can_claim,
            claimed=claimed,
            cost_points=cost_points,
            coupon_valid_days=coupon_valid_days,
            created_at=created_at,
            kind=kind,
            limit_per_member=limit_per_member,
            name=name,
            reason=reason,
            reward_id=reward_id,
            sku=sku,
            stock=stock,
            tiers=tiers,
            updated_at=updated_at,
            valid_from=valid_from,
            valid_until=valid_until,
            value=value,
        )

        return catalogue_item


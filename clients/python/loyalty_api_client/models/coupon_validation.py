from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CouponValidation")



@_attrs_define
class CouponValidation:
    """ 
        Attributes:
            code (str | Unset):
            discount_amount (str | Unset): Money off this order (never above its amount) Example: 149.90.
            expires_at (datetime.datetime | None | Unset):
            free_delivery (bool | Unset):
            gift_sku (None | str | Unset):
            kind (str | Unset):
            reason (None | str | Unset): When not usable: used | expired | cancelled | not_owner | currency_mismatch
            reward_id (str | Unset):
            status (str | Unset):
            usable (bool | Unset):
     """

    code: str | Unset = UNSET
    discount_amount: str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    free_delivery: bool | Unset = UNSET
    gift_sku: None | str | Unset = UNSET
    kind: str | Unset = UNSET
    reason: None | str | Unset = UNSET
    reward_id: str | Unset = UNSET
    status: str | Unset = UNSET
    usable: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        discount_amount = self.discount_amount

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        free_delivery = self.free_delivery

        gift_sku: None | str | Unset
        if isinstance(self.gift_sku, Unset):
            gift_sku = UNSET
        else:
            gift_sku = self.gift_sku

        kind = self.kind

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        reward_id = self.reward_id

        status = self.status

        usable = self.usable


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if code is not UNSET:
            field_dict["code"] = code
        if discount_amount is not UNSET:
            field_dict["discount_amount"] = discount_amount
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if free_delivery is not UNSET:
            field_dict["free_delivery"] = free_delivery
        if gift_sku is not UNSET:
            field_dict["gift_sku"] = gift_sku
        if kind is not UNSET:
            field_dict["kind"] = kind
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reward_id is not UNSET:
            field_dict["reward_id"] = reward_id
        if status is not UNSET:
            field_dict["status"] = status
        if usable is not UNSET:
            field_dict["usable"] = usable

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        discount_amount = d.pop("discount_amount", UNSET)

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))


        free_delivery = d.pop("free_delivery", UNSET)

        def _parse_gift_sku(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gift_sku = _parse_gift_sku(d.pop("gift_sku", UNSET))


        kind = d.pop("kind", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        reward_id = d.pop("reward_id", UNSET)

        status = d.pop("status", UNSET)

        usable = d.pop("usable", UNSET)

        coupon_validation = cls(
            code=code,
            discount_amount=discount_amount,
            expires_at=expires_at,
            free_delivery=free_delivery,
            gift_sku=gift_sku,
            kind=kind,
            reason=reason,
            reward_id=reward_id,
            status=status,
            usable=usable,
        )

        return coupon_validation


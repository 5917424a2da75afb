from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Coupon")



@_attrs_define
class Coupon:
    """ 
        Attributes:
            code (str | Unset):  Example: K7QM-3XHT-9PRW.
            expires_at (datetime.datetime | None | Unset):
            issued_at (datetime.datetime | Unset):
            kind (str | Unset):
            member_id (str | Unset):
            order_id (None | str | Unset):
            points_spent (int | Unset): What the claim cost; 0 for a rule's grant
            reward_id (str | Unset):
            rule_id (None | str | Unset): The event rule that granted it
            sku (None | str | Unset):
            status (str | Unset): active | used | expired | cancelled
            used_at (datetime.datetime | None | Unset):
            value (None | str | Unset):  Example: 149.90.
     """

    code: str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    issued_at: datetime.datetime | Unset = UNSET
    kind: str | Unset = UNSET
    member_id: str | Unset = UNSET
    order_id: None | str | Unset = UNSET
    points_spent: int | Unset = UNSET
    reward_id: str | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    sku: None | str | Unset = UNSET
    status: str | Unset = UNSET
    used_at: datetime.datetime | None | Unset = UNSET
    value: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        issued_at: str | Unset = UNSET
        if not isinstance(self.issued_at, Unset):
            issued_at = self.issued_at.isoformat()

        kind = self.kind

        member_id = self.member_id

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        points_spent = self.points_spent

        reward_id = self.reward_id

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        sku: None | str | Unset
        if isinstance(self.sku, Unset):
            sku = UNSET
        else:
            sku = self.sku

        status = self.status

        used_at: None | str | Unset
        if isinstance(self.used_at, Unset):
            used_at = UNSET
        elif isinstance(self.used_at, datetime.datetime):
            used_at = self.used_at.isoformat()
        else:
            used_at = self.used_at

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if code is not UNSET:
            field_dict["code"] = code
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if issued_at is not UNSET:
            field_dict["issued_at"] = issued_at
        if kind is not UNSET:
            field_dict["kind"] = kind
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if points_spent is not UNSET:
            field_dict["points_spent"] = points_spent
        if reward_id is not UNSET:
            field_dict["reward_id"] = reward_id
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id
        if sku is not UNSET:
            field_dict["sku"] = sku
        if status is not UNSET:
            field_dict["status"] = status
        if used_at is not UNSET:
            field_dict["used_at"] = used_at
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

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


        _issued_at = d.pop("issued_at", UNSET)
        issued_at: datetime.datetime | Unset
        if isinstance(_issued_at,  Unset):
            issued_at = UNSET
        else:
            issued_at = datetime.datetime.fromisoformat(_issued_at)




        kind = d.pop("kind", UNSET)

        member_id = d.pop("member_id", UNSET)

        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        points_spent = d.pop("points_spent", UNSET)

        reward_id = d.pop("reward_id", UNSET)

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))


        def _parse_sku(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sku = _parse_sku(d.pop("sku", UNSET))


        status = d.pop("status", UNSET)

        def _parse_used_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                used_at_type_0 = datetime.datetime.fromisoformat(data)



                return used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        used_at = _parse_used_at(d.pop("used_at", UNSET))


        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))


        coupon = cls(
            code=code,
            expires_at=expires_at,
            issued_at=issued_at,
            kind=kind,
            member_id=member_id,
            order_id=order_id,
            points_spent=points_spent,
            reward_id=reward_id,
            rule_id=rule_id,
            sku=sku,
            status=status,
            used_at=used_at,
            value=value,
        )

        return coupon


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.entry_type import EntryType
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Entry")



@_attrs_define
class Entry:
    """ 
        Attributes:
            available_at (datetime.datetime | None | Unset): Credits only
            created_at (datetime.datetime | Unset):
            expires_at (datetime.datetime | None | Unset): Credits only; null = never
            id (int | Unset):
            lot_id (int | None | Unset): Expire entries: the burnt lot
            order_id (None | str | Unset):
            points (int | Unset): Signed: credits positive, debits negative
            reason (None | str | Unset):
            return_id (None | str | Unset):
            rule_id (None | str | Unset):
            type_ (EntryType | Unset):
     """

    available_at: datetime.datetime | None | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    id: int | Unset = UNSET
    lot_id: int | None | Unset = UNSET
    order_id: None | str | Unset = UNSET
    points: int | Unset = UNSET
    reason: None | str | Unset = UNSET
    return_id: None | str | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    type_: EntryType | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        available_at: None | str | Unset
        if isinstance(self.available_at, Unset):
            available_at = UNSET
        elif isinstance(self.available_at, datetime.datetime):
            available_at = self.available_at.isoformat()
        else:
            available_at = self.available_at

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        id = self.id

        lot_id: int | None | Unset
        if isinstance(self.lot_id, Unset):
            lot_id = UNSET
        else:
            lot_id = self.lot_id

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        points = self.points

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        return_id: None | str | Unset
        if isinstance(self.return_id, Unset):
            return_id = UNSET
        else:
            return_id = self.return_id

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if available_at is not UNSET:
            field_dict["available_at"] = available_at
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if id is not UNSET:
            field_dict["id"] = id
        if lot_id is not UNSET:
            field_dict["lot_id"] = lot_id
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if points is not UNSET:
            field_dict["points"] = points
        if reason is not UNSET:
            field_dict["reason"] = reason
        if return_id is not UNSET:
            field_dict["return_id"] = return_id
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_available_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                available_at_type_0 = datetime.datetime.fromisoformat(data)



                return available_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        available_at = _parse_available_at(d.pop("available_at", UNSET))


        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




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


        id = d.pop("id", UNSET)

        def _parse_lot_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        lot_id = _parse_lot_id(d.pop("lot_id", UNSET))


        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        points = d.pop("points", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_return_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        return_id = _parse_return_id(d.pop("return_id", UNSET))


        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))


        _type_ = d.pop("type", UNSET)
        type_: EntryType | Unset
        if isinstance(_type_,  Unset):
            type_ = UNSET
        else:
            type_ = EntryType(_type_)




        entry = cls(
            available_at=available_at,
            created_at=created_at,
            expires_at=expires_at,
            id=id,
            lot_id=lot_id,
            order_id=order_id,
            points=points,
            reason=reason,
            return_id=return_id,
            rule_id=rule_id,
            type_=type_,
        )

        return entry


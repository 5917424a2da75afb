from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.hold_status import HoldStatus
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Hold")



@_attrs_define
class Hold:
    """ 
        Attributes:
            created_at (datetime.datetime | Unset):
            expires_at (datetime.datetime | Unset):
            hold_id (str | Unset):
            member_id (str | Unset):
            order_id (None | str | Unset):
            points (int | Unset):
            status (HoldStatus | Unset):
     """

    created_at: datetime.datetime | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    hold_id: str | Unset = UNSET
    member_id: str | Unset = UNSET
    order_id: None | str | Unset = UNSET
    points: int | Unset = UNSET
    status: HoldStatus | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        hold_id = self.hold_id

        member_id = self.member_id

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        points = self.points

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if points is not UNSET:
            field_dict["points"] = points
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at,  Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)




        hold_id = d.pop("hold_id", UNSET)

        member_id = d.pop("member_id", UNSET)

        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        points = d.pop("points", UNSET)

        _status = d.pop("status", UNSET)
        status: HoldStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = HoldStatus(_status)




        hold = cls(
            created_at=created_at,
            expires_at=expires_at,
            hold_id=hold_id,
            member_id=member_id,
            order_id=order_id,
            points=points,
            status=status,
        )

        return hold


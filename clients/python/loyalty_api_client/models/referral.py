from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Referral")



@_attrs_define
class Referral:
    """ 
        Attributes:
            created_at (datetime.datetime | Unset):
            member_id (str | Unset): The referred member (referee)
            points (int | Unset): Points the referrer holds for this referral
            reason (None | str | Unset): Why rejected: same_contact, cap_reached, order_returned, referrer_inactive
            rewarded_at (datetime.datetime | None | Unset):
            status (str | Unset): pending | qualified | rewarded | rejected
     """

    created_at: datetime.datetime | Unset = UNSET
    member_id: str | Unset = UNSET
    points: int | Unset = UNSET
    reason: None | str | Unset = UNSET
    rewarded_at: datetime.datetime | None | Unset = UNSET
    status: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        member_id = self.member_id

        points = self.points

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        rewarded_at: None | str | Unset
        if isinstance(self.rewarded_at, Unset):
            rewarded_at = UNSET
        elif isinstance(self.rewarded_at, datetime.datetime):
            rewarded_at = self.rewarded_at.isoformat()
        else:
            rewarded_at = self.rewarded_at

        status = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if points is not UNSET:
            field_dict["points"] = points
        if reason is not UNSET:
            field_dict["reason"] = reason
        if rewarded_at is not UNSET:
            field_dict["rewarded_at"] = rewarded_at
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




        member_id = d.pop("member_id", UNSET)

        points = d.pop("points", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_rewarded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rewarded_at_type_0 = datetime.datetime.fromisoformat(data)



                return rewarded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        rewarded_at = _parse_rewarded_at(d.pop("rewarded_at", UNSET))


        status = d.pop("status", UNSET)

        referral = cls(
            created_at=created_at,
            member_id=member_id,
            points=points,
            reason=reason,
            rewarded_at=rewarded_at,
            status=status,
        )

        return referral


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.exported_referral_role import ExportedReferralRole
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ExportedReferral")



@_attrs_define
class ExportedReferral:
    """ 
        Attributes:
            created_at (datetime.datetime | Unset):
            order_id (None | str | Unset):
            reason (None | str | Unset):
            referee_id (str | Unset):
            referrer_id (str | Unset):
            rewarded_at (datetime.datetime | None | Unset):
            role (ExportedReferralRole | Unset):
            status (str | Unset):
     """

    created_at: datetime.datetime | Unset = UNSET
    order_id: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    referee_id: str | Unset = UNSET
    referrer_id: str | Unset = UNSET
    rewarded_at: datetime.datetime | None | Unset = UNSET
    role: ExportedReferralRole | Unset = UNSET
    status: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        referee_id = self.referee_id

        referrer_id = self.referrer_id

        rewarded_at: None | str | Unset
        if isinstance(self.rewarded_at, Unset):
            rewarded_at = UNSET
        elif isinstance(self.rewarded_at, datetime.datetime):
            rewarded_at = self.rewarded_at.isoformat()
        else:
            rewarded_at = self.rewarded_at

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value


        status = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if referee_id is not UNSET:
            field_dict["referee_id"] = referee_id
        if referrer_id is not UNSET:
            field_dict["referrer_id"] = referrer_id
        if rewarded_at is not UNSET:
            field_dict["rewarded_at"] = rewarded_at
        if role is not UNSET:
            field_dict["role"] = role
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




        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        referee_id = d.pop("referee_id", UNSET)

        referrer_id = d.pop("referrer_id", UNSET)

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


        _role = d.pop("role", UNSET)
        role: ExportedReferralRole | Unset
        if isinstance(_role,  Unset):
            role = UNSET
        else:
            role = ExportedReferralRole(_role)




        status = d.pop("status", UNSET)

        exported_referral = cls(
            created_at=created_at,
            order_id=order_id,
            reason=reason,
            referee_id=referee_id,
            referrer_id=referrer_id,
            rewarded_at=rewarded_at,
            role=role,
            status=status,
        )

        return exported_referral


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="SegmentMember")



@_attrs_define
class SegmentMember:
    """ 
        Attributes:
            available (int | Unset): Available points now (as GET …/balance)
            email (None | str | Unset):
            enrolled_at (datetime.datetime | Unset):
            last_activity_at (datetime.datetime | None | Unset): Last earn or redeem
            lifetime_earned (int | Unset):
            member_id (str | Unset):
            pending (int | Unset):
            phone (None | str | Unset):
            rfm (None | str | Unset): RFM cell from the last `jobs run`; null without kept orders
            tier (None | str | Unset): The tier shown (code), null without one
            vip (bool | Unset): An active VIP assignment
     """

    available: int | Unset = UNSET
    email: None | str | Unset = UNSET
    enrolled_at: datetime.datetime | Unset = UNSET
    last_activity_at: datetime.datetime | None | Unset = UNSET
    lifetime_earned: int | Unset = UNSET
    member_id: str | Unset = UNSET
    pending: int | Unset = UNSET
    phone: None | str | Unset = UNSET
    rfm: None | str | Unset = UNSET
    tier: None | str | Unset = UNSET
    vip: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        available = self.available

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        enrolled_at: str | Unset = UNSET
        if not isinstance(self.enrolled_at, Unset):
            enrolled_at = self.enrolled_at.isoformat()

        last_activity_at: None | str | Unset
        if isinstance(self.last_activity_at, Unset):
            last_activity_at = UNSET
        elif isinstance(self.last_activity_at, datetime.datetime):
            last_activity_at = self.last_activity_at.isoformat()
        else:
            last_activity_at = self.last_activity_at

        lifetime_earned = self.lifetime_earned

        member_id = self.member_id

        pending = self.pending

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        rfm: None | str | Unset
        if isinstance(self.rfm, Unset):
            rfm = UNSET
        else:
            rfm = self.rfm

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        vip = self.vip


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if available is not UNSET:
            field_dict["available"] = available
        if email is not UNSET:
            field_dict["email"] = email
        if enrolled_at is not UNSET:
            field_dict["enrolled_at"] = enrolled_at
        if last_activity_at is not UNSET:
            field_dict["last_activity_at"] = last_activity_at
        if lifetime_earned is not UNSET:
            field_dict["lifetime_earned"] = lifetime_earned
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if pending is not UNSET:
            field_dict["pending"] = pending
        if phone is not UNSET:
            field_dict["phone"] = phone
        if rfm is not UNSET:
            field_dict["rfm"] = rfm
        if tier is not UNSET:
            field_dict["tier"] = tier
        if vip is not UNSET:
            field_dict["vip"] = vip

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        available = d.pop("available", UNSET)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        _enrolled_at = d.pop("enrolled_at", UNSET)
        enrolled_at: datetime.datetime | Unset
        if isinstance(_enrolled_at,  Unset):
            enrolled_at = UNSET
        else:
            enrolled_at = datetime.datetime.fromisoformat(_enrolled_at)




        def _parse_last_activity_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_activity_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_activity_at = _parse_last_activity_at(d.pop("last_activity_at", UNSET))


        lifetime_earned = d.pop("lifetime_earned", UNSET)

        member_id = d.pop("member_id", UNSET)

        pending = d.pop("pending", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        def _parse_rfm(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rfm = _parse_rfm(d.pop("rfm", UNSET))


        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))


        vip = d.pop("vip", UNSET)

        segment_member = cls(
            available=available,
            email=email,
            enrolled_at=enrolled_at,
            last_activity_at=last_activity_at,
            lifetime_earned=lifetime_earned,
            member_id=member_id,
            pending=pending,
            phone=phone,
            rfm=rfm,
            tier=tier,
            vip=vip,
        )

        return segment_member


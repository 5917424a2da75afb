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
  from ..models.member_attributes import MemberAttributes





T = TypeVar("T", bound="Member")



@_attrs_define
class Member:
    """ 
        Attributes:
            attributes (MemberAttributes | Unset):
            birthday (datetime.date | None | Unset):
            created_at (datetime.datetime | Unset):
            email (None | str | Unset):
            member_id (str | Unset):
            merged_into (None | str | Unset): For `status: merged`: the member everything moved to (writes naming this
                member answer 409 `member_merged`)
            phone (None | str | Unset):
            referral_code (str | Unset):
            referred_by (None | str | Unset):
            status (str | Unset): `active`, `blocked` or `merged`
            updated_at (datetime.datetime | Unset):
     """

    attributes: MemberAttributes | Unset = UNSET
    birthday: datetime.date | None | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    email: None | str | Unset = UNSET
    member_id: str | Unset = UNSET
    merged_into: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    referral_code: str | Unset = UNSET
    referred_by: None | str | Unset = UNSET
    status: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.member_attributes import MemberAttributes # noqa: PLC0415
        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        birthday: None | str | Unset
        if isinstance(self.birthday, Unset):
            birthday = UNSET
        elif isinstance(self.birthday, datetime.date):
            birthday = self.birthday.isoformat()
        else:
            birthday = self.birthday

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        member_id = self.member_id

        merged_into: None | str | Unset
        if isinstance(self.merged_into, Unset):
            merged_into = UNSET
        else:
            merged_into = self.merged_into

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        referral_code = self.referral_code

        referred_by: None | str | Unset
        if isinstance(self.referred_by, Unset):
            referred_by = UNSET
        else:
            referred_by = self.referred_by

        status = self.status

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if birthday is not UNSET:
            field_dict["birthday"] = birthday
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if email is not UNSET:
            field_dict["email"] = email
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into
        if phone is not UNSET:
            field_dict["phone"] = phone
        if referral_code is not UNSET:
            field_dict["referral_code"] = referral_code
        if referred_by is not UNSET:
            field_dict["referred_by"] = referred_by
        if status is not UNSET:
            field_dict["status"] = status
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_attributes import MemberAttributes # noqa: PLC0415
        d = dict(src_dict)
        _attributes = d.pop("attributes", UNSET)
        attributes: MemberAttributes | Unset
        if isinstance(_attributes,  Unset):
            attributes = UNSET
        else:
            attributes = MemberAttributes.from_dict(_attributes)




        def _parse_birthday(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birthday_type_0 = datetime.date.fromisoformat(data)



                return birthday_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birthday = _parse_birthday(d.pop("birthday", UNSET))


        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        member_id = d.pop("member_id", UNSET)

        def _parse_merged_into(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        merged_into = _parse_merged_into(d.pop("merged_into", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        referral_code = d.pop("referral_code", UNSET)

        def _parse_referred_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referred_by = _parse_referred_by(d.pop("referred_by", UNSET))


        status = d.pop("status", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at,  Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)




        member = cls(
            attributes=attributes,
            birthday=birthday,
            created_at=created_at,
            email=email,
            member_id=member_id,
            merged_into=merged_into,
            phone=phone,
            referral_code=referral_code,
            referred_by=referred_by,
            status=status,
            updated_at=updated_at,
        )

        return member


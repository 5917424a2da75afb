from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.member_patch_status import MemberPatchStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.member_patch_attributes import MemberPatchAttributes





T = TypeVar("T", bound="MemberPatch")



@_attrs_define
class MemberPatch:
    """ 
        Attributes:
            attributes (MemberPatchAttributes | Unset): Merged into the stored attributes; null removes a key
            birthday (datetime.date | None | Unset):
            email (None | str | Unset):
            phone (None | str | Unset):  Example: +7 495 123-45-67.
            status (MemberPatchStatus | Unset):
     """

    attributes: MemberPatchAttributes | Unset = UNSET
    birthday: datetime.date | None | Unset = UNSET
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    status: MemberPatchStatus | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.member_patch_attributes import MemberPatchAttributes # noqa: PLC0415
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

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if birthday is not UNSET:
            field_dict["birthday"] = birthday
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_patch_attributes import MemberPatchAttributes # noqa: PLC0415
        d = dict(src_dict)
        _attributes = d.pop("attributes", UNSET)
        attributes: MemberPatchAttributes | Unset
        if isinstance(_attributes,  Unset):
            attributes = UNSET
        else:
            attributes = MemberPatchAttributes.from_dict(_attributes)




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


        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        _status = d.pop("status", UNSET)
        status: MemberPatchStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = MemberPatchStatus(_status)




        member_patch = cls(
            attributes=attributes,
            birthday=birthday,
            email=email,
            phone=phone,
            status=status,
        )

        return member_patch


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Identity")



@_attrs_define
class Identity:
    """ 
        Attributes:
            created_at (datetime.datetime | Unset):
            qr (str | Unset): Cards only: the text to draw as a QR code in a wallet app; a till may look the card up by it
                as well
            type_ (str | Unset):
            value (str | Unset): Canonical form: E.164 phone, lower-case email, card without spaces or dashes
     """

    created_at: datetime.datetime | Unset = UNSET
    qr: str | Unset = UNSET
    type_: str | Unset = UNSET
    value: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        qr = self.qr

        type_ = self.type_

        value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if qr is not UNSET:
            field_dict["qr"] = qr
        if type_ is not UNSET:
            field_dict["type"] = type_
        if value is not UNSET:
            field_dict["value"] = value

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




        qr = d.pop("qr", UNSET)

        type_ = d.pop("type", UNSET)

        value = d.pop("value", UNSET)

        identity = cls(
            created_at=created_at,
            qr=qr,
            type_=type_,
            value=value,
        )

        return identity


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.recipient_identity_type import RecipientIdentityType






T = TypeVar("T", bound="RecipientIdentity")



@_attrs_define
class RecipientIdentity:
    """ 
        Attributes:
            type_ (RecipientIdentityType): `card`, `phone` (E.164), `email` (case-insensitive) or `external` (another
                system's id)
            value (str):  Example: +79161234567.
     """

    type_: RecipientIdentityType
    value: str





    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
            "value": value,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = RecipientIdentityType(d.pop("type"))




        value = d.pop("value")

        recipient_identity = cls(
            type_=type_,
            value=value,
        )

        return recipient_identity


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.identity_create_type import IdentityCreateType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="IdentityCreate")



@_attrs_define
class IdentityCreate:
    """ 
        Attributes:
            type_ (IdentityCreateType): `card`, `phone` (E.164), `email` (case-insensitive) or `external` (another system's
                id)
            value (None | str | Unset): The identifier. Omit it with `type: card` to have a card number issued (16 digits,
                the last a Luhn check digit).
     """

    type_: IdentityCreateType
    value: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
        })
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = IdentityCreateType(d.pop("type"))




        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))


        identity_create = cls(
            type_=type_,
            value=value,
        )

        return identity_create


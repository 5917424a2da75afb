from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Token")



@_attrs_define
class Token:
    """ 
        Attributes:
            access_token (str | Unset):
            expires_in (int | Unset): Seconds until the token expires
            scope (str | Unset): The granted scopes, space-separated
            token_type (str | Unset):  Example: Bearer.
     """

    access_token: str | Unset = UNSET
    expires_in: int | Unset = UNSET
    scope: str | Unset = UNSET
    token_type: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        expires_in = self.expires_in

        scope = self.scope

        token_type = self.token_type


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if expires_in is not UNSET:
            field_dict["expires_in"] = expires_in
        if scope is not UNSET:
            field_dict["scope"] = scope
        if token_type is not UNSET:
            field_dict["token_type"] = token_type

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token", UNSET)

        expires_in = d.pop("expires_in", UNSET)

        scope = d.pop("scope", UNSET)

        token_type = d.pop("token_type", UNSET)

        token = cls(
            access_token=access_token,
            expires_in=expires_in,
            scope=scope,
            token_type=token_type,
        )

        return token


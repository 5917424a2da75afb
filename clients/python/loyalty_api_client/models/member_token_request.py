from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="MemberTokenRequest")



@_attrs_define
class MemberTokenRequest:
    """ 
        Attributes:
            ttl_seconds (int | None | Unset): Lifetime; default MEMBER_TOKEN_TTL_SECONDS, at most
                MEMBER_TOKEN_MAX_TTL_SECONDS
     """

    ttl_seconds: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        ttl_seconds: int | None | Unset
        if isinstance(self.ttl_seconds, Unset):
            ttl_seconds = UNSET
        else:
            ttl_seconds = self.ttl_seconds


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if ttl_seconds is not UNSET:
            field_dict["ttl_seconds"] = ttl_seconds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_ttl_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ttl_seconds = _parse_ttl_seconds(d.pop("ttl_seconds", UNSET))


        member_token_request = cls(
            ttl_seconds=ttl_seconds,
        )

        return member_token_request


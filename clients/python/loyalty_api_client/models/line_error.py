from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="LineError")



@_attrs_define
class LineError:
    """ 
        Attributes:
            chunk (int | Unset): The chunk's number in this import, from 1
            code (str | Unset): malformed_json, malformed_csv, validation_error, unknown_tier, lot_expired, lot_conflict,
                duplicate_member, unknown_referrer, identity_taken, member_erased, member_merged, member_in_debt Example:
                unknown_tier.
            detail (str | Unset):
            line (int | Unset): Line in the chunk, from 1 (CSV: the header is line 1)
            member_id (None | str | Unset):
     """

    chunk: int | Unset = UNSET
    code: str | Unset = UNSET
    detail: str | Unset = UNSET
    line: int | Unset = UNSET
    member_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        chunk = self.chunk

        code = self.code

        detail = self.detail

        line = self.line

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        else:
            member_id = self.member_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if chunk is not UNSET:
            field_dict["chunk"] = chunk
        if code is not UNSET:
            field_dict["code"] = code
        if detail is not UNSET:
            field_dict["detail"] = detail
        if line is not UNSET:
            field_dict["line"] = line
        if member_id is not UNSET:
            field_dict["member_id"] = member_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        chunk = d.pop("chunk", UNSET)

        code = d.pop("code", UNSET)

        detail = d.pop("detail", UNSET)

        line = d.pop("line", UNSET)

        def _parse_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))


        line_error = cls(
            chunk=chunk,
            code=code,
            detail=detail,
            line=line,
            member_id=member_id,
        )

        return line_error


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from uuid import UUID






T = TypeVar("T", bound="Reset")



@_attrs_define
class Reset:
    """ 
        Attributes:
            members_erased (int | Unset):  Example: 3.
            program_id (UUID | Unset):
     """

    members_erased: int | Unset = UNSET
    program_id: UUID | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        members_erased = self.members_erased

        program_id: str | Unset = UNSET
        if not isinstance(self.program_id, Unset):
            program_id = str(self.program_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if members_erased is not UNSET:
            field_dict["members_erased"] = members_erased
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        members_erased = d.pop("members_erased", UNSET)

        _program_id = d.pop("program_id", UNSET)
        program_id: UUID | Unset
        if isinstance(_program_id,  Unset):
            program_id = UNSET
        else:
            program_id = UUID(_program_id)




        reset = cls(
            members_erased=members_erased,
            program_id=program_id,
        )

        return reset


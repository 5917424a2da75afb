from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.audit_target_type import AuditTargetType






T = TypeVar("T", bound="AuditTarget")



@_attrs_define
class AuditTarget:
    """ 
        Attributes:
            id (str):  Example: 5d0c3e9e-2f55-4d44-9c1f-0e7c6f0b1a2d.
            type_ (AuditTargetType):  Example: program.
     """

    id: str
    type_: AuditTargetType





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        type_ = AuditTargetType(d.pop("type"))




        audit_target = cls(
            id=id,
            type_=type_,
        )

        return audit_target


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="TransferRequest")



@_attrs_define
class TransferRequest:
    """ 
        Attributes:
            points (int): Available points to move (at least 1); pending and held points never move Example: 300.
            reason (str):  Example: Family account: gift to a daughter.
            to_member_id (str): The receiving member Example: cust-2002.
     """

    points: int
    reason: str
    to_member_id: str





    def to_dict(self) -> dict[str, Any]:
        points = self.points

        reason = self.reason

        to_member_id = self.to_member_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "points": points,
            "reason": reason,
            "to_member_id": to_member_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        points = d.pop("points")

        reason = d.pop("reason")

        to_member_id = d.pop("to_member_id")

        transfer_request = cls(
            points=points,
            reason=reason,
            to_member_id=to_member_id,
        )

        return transfer_request


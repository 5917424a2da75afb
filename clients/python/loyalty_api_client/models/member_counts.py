from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="MemberCounts")



@_attrs_define
class MemberCounts:
    """ 
        Attributes:
            active (int | Unset): With an earn, bonus, referral or redeem entry in the period
            new (int | Unset): Enrolled in the period
            total (int | Unset): Enrolled, not erased, now
     """

    active: int | Unset = UNSET
    new: int | Unset = UNSET
    total: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        new = self.new

        total = self.total


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if active is not UNSET:
            field_dict["active"] = active
        if new is not UNSET:
            field_dict["new"] = new
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active", UNSET)

        new = d.pop("new", UNSET)

        total = d.pop("total", UNSET)

        member_counts = cls(
            active=active,
            new=new,
            total=total,
        )

        return member_counts


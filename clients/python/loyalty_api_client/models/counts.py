from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Counts")



@_attrs_define
class Counts:
    """ 
        Attributes:
            accepted (int | Unset): Lines accepted (each distinct chunk counted once)
            lots (int | Unset): Lots credited (entries of type `import`)
            members (int | Unset): Members created
            points (int | Unset): Points credited
            rejected (int | Unset): Lines refused (each distinct chunk counted once)
     """

    accepted: int | Unset = UNSET
    lots: int | Unset = UNSET
    members: int | Unset = UNSET
    points: int | Unset = UNSET
    rejected: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        lots = self.lots

        members = self.members

        points = self.points

        rejected = self.rejected


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if accepted is not UNSET:
            field_dict["accepted"] = accepted
        if lots is not UNSET:
            field_dict["lots"] = lots
        if members is not UNSET:
            field_dict["members"] = members
        if points is not UNSET:
            field_dict["points"] = points
        if rejected is not UNSET:
            field_dict["rejected"] = rejected

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted = d.pop("accepted", UNSET)

        lots = d.pop("lots", UNSET)

        members = d.pop("members", UNSET)

        points = d.pop("points", UNSET)

        rejected = d.pop("rejected", UNSET)

        counts = cls(
            accepted=accepted,
            lots=lots,
            members=members,
            points=points,
            rejected=rejected,
        )

        return counts


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RfmCell")



@_attrs_define
class RfmCell:
    """ 
        Attributes:
            cell (str | Unset):  Example: 545.
            frequency (int | Unset):
            members (int | Unset):
            monetary (int | Unset):
            recency (int | Unset):
     """

    cell: str | Unset = UNSET
    frequency: int | Unset = UNSET
    members: int | Unset = UNSET
    monetary: int | Unset = UNSET
    recency: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        cell = self.cell

        frequency = self.frequency

        members = self.members

        monetary = self.monetary

        recency = self.recency


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if cell is not UNSET:
            field_dict["cell"] = cell
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if members is not UNSET:
            field_dict["members"] = members
        if monetary is not UNSET:
            field_dict["monetary"] = monetary
        if recency is not UNSET:
            field_dict["recency"] = recency

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cell = d.pop("cell", UNSET)

        frequency = d.pop("frequency", UNSET)

        members = d.pop("members", UNSET)

        monetary = d.pop("monetary", UNSET)

        recency = d.pop("recency", UNSET)

        rfm_cell = cls(
            cell=cell,
            frequency=frequency,
            members=members,
            monetary=monetary,
            recency=recency,
        )

        return rfm_cell


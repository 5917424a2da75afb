from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.cap_period import CapPeriod






T = TypeVar("T", bound="Cap")



@_attrs_define
class Cap:
    """ 
        Attributes:
            count (int):
            period (CapPeriod): Calendar period in the program's time zone
     """

    count: int
    period: CapPeriod





    def to_dict(self) -> dict[str, Any]:
        count = self.count

        period = self.period.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "count": count,
            "period": period,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        period = CapPeriod(d.pop("period"))




        cap = cls(
            count=count,
            period=period,
        )

        return cap


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.budget_period import BudgetPeriod






T = TypeVar("T", bound="Budget")



@_attrs_define
class Budget:
    """ 
        Attributes:
            period (BudgetPeriod): Calendar period in the program's time zone (weeks start on Monday), or lifetime Example:
                month.
            points (int): Points the rule may give across all members per period Example: 100000.
     """

    period: BudgetPeriod
    points: int





    def to_dict(self) -> dict[str, Any]:
        period = self.period.value

        points = self.points


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "period": period,
            "points": points,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        period = BudgetPeriod(d.pop("period"))




        points = d.pop("points")

        budget = cls(
            period=period,
            points=points,
        )

        return budget


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Outstanding")



@_attrs_define
class Outstanding:
    """ 
        Attributes:
            available (int | Unset): available + held, minus debt
            currency (str | Unset):
            liability (str | Unset): points x point_value, in the program's currency Example: 149.90.
            pending (int | Unset):
            point_value (str | Unset): redeem.point_value Example: 149.90.
            points (int | Unset): available + held + pending, minus debt, now
     """

    available: int | Unset = UNSET
    currency: str | Unset = UNSET
    liability: str | Unset = UNSET
    pending: int | Unset = UNSET
    point_value: str | Unset = UNSET
    points: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        available = self.available

        currency = self.currency

        liability = self.liability

        pending = self.pending

        point_value = self.point_value

        points = self.points


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if available is not UNSET:
            field_dict["available"] = available
        if currency is not UNSET:
            field_dict["currency"] = currency
        if liability is not UNSET:
            field_dict["liability"] = liability
        if pending is not UNSET:
            field_dict["pending"] = pending
        if point_value is not UNSET:
            field_dict["point_value"] = point_value
        if points is not UNSET:
            field_dict["points"] = points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        available = d.pop("available", UNSET)

        currency = d.pop("currency", UNSET)

        liability = d.pop("liability", UNSET)

        pending = d.pop("pending", UNSET)

        point_value = d.pop("point_value", UNSET)

        points = d.pop("points", UNSET)

        outstanding = cls(
            available=available,
            currency=currency,
            liability=liability,
            pending=pending,
            point_value=point_value,
            points=points,
        )

        return outstanding


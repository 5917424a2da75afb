from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.line import Line





T = TypeVar("T", bound="OrderContent")



@_attrs_define
class OrderContent:
    """ 
        Attributes:
            amount (str): Order total before the points discount Example: 149.90.
            currency (str): The program currency or one of its `currencies` setting (converted at that rate before any
                rule); another answers 422 currency_mismatch Example: RUB.
            lines (list[Line] | Unset):
     """

    amount: str
    currency: str
    lines: list[Line] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.line import Line # noqa: PLC0415
        amount = self.amount

        currency = self.currency

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount": amount,
            "currency": currency,
        })
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line import Line # noqa: PLC0415
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        _lines = d.pop("lines", UNSET)
        lines: list[Line] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = Line.from_dict(lines_item_data)



                lines.append(lines_item)


        order_content = cls(
            amount=amount,
            currency=currency,
            lines=lines,
        )

        return order_content


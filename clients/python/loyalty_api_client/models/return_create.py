from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.return_line import ReturnLine





T = TypeVar("T", bound="ReturnCreate")



@_attrs_define
class ReturnCreate:
    """ 
        Attributes:
            return_id (str):
            amount (None | str | Unset): Money returned, of the order's amount Example: 149.90.
            lines (list[ReturnLine] | None | Unset):
     """

    return_id: str
    amount: None | str | Unset = UNSET
    lines: list[ReturnLine] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.return_line import ReturnLine # noqa: PLC0415
        return_id = self.return_id

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        lines: list[dict[str, Any]] | None | Unset
        if isinstance(self.lines, Unset):
            lines = UNSET
        elif isinstance(self.lines, list):
            lines = []
            for lines_type_0_item_data in self.lines:
                lines_type_0_item = lines_type_0_item_data.to_dict()
                lines.append(lines_type_0_item)


        else:
            lines = self.lines


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "return_id": return_id,
        })
        if amount is not UNSET:
            field_dict["amount"] = amount
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.return_line import ReturnLine # noqa: PLC0415
        d = dict(src_dict)
        return_id = d.pop("return_id")

        def _parse_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))


        def _parse_lines(data: object) -> list[ReturnLine] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                lines_type_0 = []
                _lines_type_0 = data
                for lines_type_0_item_data in (_lines_type_0):
                    lines_type_0_item = ReturnLine.from_dict(lines_type_0_item_data)



                    lines_type_0.append(lines_type_0_item)

                return lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ReturnLine] | None | Unset, data)

        lines = _parse_lines(d.pop("lines", UNSET))


        return_create = cls(
            return_id=return_id,
            amount=amount,
            lines=lines,
        )

        return return_create


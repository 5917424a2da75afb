from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.exported_return_lines_type_0_item import ExportedReturnLinesType0Item





T = TypeVar("T", bound="ExportedReturn")



@_attrs_define
class ExportedReturn:
    """ 
        Attributes:
            amount (str | Unset):  Example: 149.90.
            created_at (datetime.datetime | Unset):
            lines (list[ExportedReturnLinesType0Item] | None | Unset):
            order_id (str | Unset):
            points_refunded (int | Unset):
            points_reversed (int | Unset):
            return_id (str | Unset):
     """

    amount: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    lines: list[ExportedReturnLinesType0Item] | None | Unset = UNSET
    order_id: str | Unset = UNSET
    points_refunded: int | Unset = UNSET
    points_reversed: int | Unset = UNSET
    return_id: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.exported_return_lines_type_0_item import ExportedReturnLinesType0Item # noqa: PLC0415
        amount = self.amount

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

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

        order_id = self.order_id

        points_refunded = self.points_refunded

        points_reversed = self.points_reversed

        return_id = self.return_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if amount is not UNSET:
            field_dict["amount"] = amount
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if lines is not UNSET:
            field_dict["lines"] = lines
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if points_refunded is not UNSET:
            field_dict["points_refunded"] = points_refunded
        if points_reversed is not UNSET:
            field_dict["points_reversed"] = points_reversed
        if return_id is not UNSET:
            field_dict["return_id"] = return_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exported_return_lines_type_0_item import ExportedReturnLinesType0Item # noqa: PLC0415
        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        def _parse_lines(data: object) -> list[ExportedReturnLinesType0Item] | None | Unset:
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
                    lines_type_0_item = ExportedReturnLinesType0Item.from_dict(lines_type_0_item_data)



                    lines_type_0.append(lines_type_0_item)

                return lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ExportedReturnLinesType0Item] | None | Unset, data)

        lines = _parse_lines(d.pop("lines", UNSET))


        order_id = d.pop("order_id", UNSET)

        points_refunded = d.pop("points_refunded", UNSET)

        points_reversed = d.pop("points_reversed", UNSET)

        return_id = d.pop("return_id", UNSET)

        exported_return = cls(
            amount=amount,
            created_at=created_at,
            lines=lines,
            order_id=order_id,
            points_refunded=points_refunded,
            points_reversed=points_reversed,
            return_id=return_id,
        )

        return exported_return


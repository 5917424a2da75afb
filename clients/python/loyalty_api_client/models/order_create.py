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
  from ..models.line import Line





T = TypeVar("T", bound="OrderCreate")



@_attrs_define
class OrderCreate:
    """ 
        Attributes:
            amount (str): Order total before the points discount Example: 149.90.
            currency (str): The program currency or one of its `currencies` setting (converted at that rate before any
                rule); another answers 422 currency_mismatch Example: RUB.
            member_id (str):
            order_id (str):
            hold_id (None | str | Unset):
            lines (list[Line] | Unset):
            placed_at (datetime.datetime | None | Unset):
            redeem_points (int | None | Unset):
     """

    amount: str
    currency: str
    member_id: str
    order_id: str
    hold_id: None | str | Unset = UNSET
    lines: list[Line] | Unset = UNSET
    placed_at: datetime.datetime | None | Unset = UNSET
    redeem_points: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.line import Line # noqa: PLC0415
        amount = self.amount

        currency = self.currency

        member_id = self.member_id

        order_id = self.order_id

        hold_id: None | str | Unset
        if isinstance(self.hold_id, Unset):
            hold_id = UNSET
        else:
            hold_id = self.hold_id

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)



        placed_at: None | str | Unset
        if isinstance(self.placed_at, Unset):
            placed_at = UNSET
        elif isinstance(self.placed_at, datetime.datetime):
            placed_at = self.placed_at.isoformat()
        else:
            placed_at = self.placed_at

        redeem_points: int | None | Unset
        if isinstance(self.redeem_points, Unset):
            redeem_points = UNSET
        else:
            redeem_points = self.redeem_points


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "amount": amount,
            "currency": currency,
            "member_id": member_id,
            "order_id": order_id,
        })
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if lines is not UNSET:
            field_dict["lines"] = lines
        if placed_at is not UNSET:
            field_dict["placed_at"] = placed_at
        if redeem_points is not UNSET:
            field_dict["redeem_points"] = redeem_points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line import Line # noqa: PLC0415
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        member_id = d.pop("member_id")

        order_id = d.pop("order_id")

        def _parse_hold_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hold_id = _parse_hold_id(d.pop("hold_id", UNSET))


        _lines = d.pop("lines", UNSET)
        lines: list[Line] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = Line.from_dict(lines_item_data)



                lines.append(lines_item)


        def _parse_placed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                placed_at_type_0 = datetime.datetime.fromisoformat(data)



                return placed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        placed_at = _parse_placed_at(d.pop("placed_at", UNSET))


        def _parse_redeem_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        redeem_points = _parse_redeem_points(d.pop("redeem_points", UNSET))


        order_create = cls(
            amount=amount,
            currency=currency,
            member_id=member_id,
            order_id=order_id,
            hold_id=hold_id,
            lines=lines,
            placed_at=placed_at,
            redeem_points=redeem_points,
        )

        return order_create


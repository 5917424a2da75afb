from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_status import OrderStatus
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Order")



@_attrs_define
class Order:
    """ 
        Attributes:
            amount (str | Unset):  Example: 149.90.
            created_at (datetime.datetime | Unset):
            currency (str | Unset):
            discount_amount (str | Unset):  Example: 149.90.
            earned_points (int | Unset):
            exchange_rate (None | str | Unset): 1.00 of the order's currency in the program currency, as converted (null:
                the order is in the program currency). Money in the answer is in the order's currency; kept for good: returns
                and cancels use it, never today's rate Example: 98.50.
            hold_id (None | str | Unset):
            member_id (str | Unset):
            order_id (str | Unset):
            paid_amount (str | Unset):  Example: 149.90.
            placed_at (datetime.datetime | Unset):
            points_available_at (datetime.datetime | Unset):
            redeemed_points (int | Unset):
            returned_amount (str | Unset):  Example: 149.90.
            status (OrderStatus | Unset):
     """

    amount: str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currency: str | Unset = UNSET
    discount_amount: str | Unset = UNSET
    earned_points: int | Unset = UNSET
    exchange_rate: None | str | Unset = UNSET
    hold_id: None | str | Unset = UNSET
    member_id: str | Unset = UNSET
    order_id: str | Unset = UNSET
    paid_amount: str | Unset = UNSET
    placed_at: datetime.datetime | Unset = UNSET
    points_available_at: datetime.datetime | Unset = UNSET
    redeemed_points: int | Unset = UNSET
    returned_amount: str | Unset = UNSET
    status: OrderStatus | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currency = self.currency

        discount_amount = self.discount_amount

        earned_points = self.earned_points

        exchange_rate: None | str | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        else:
            exchange_rate = self.exchange_rate

        hold_id: None | str | Unset
        if isinstance(self.hold_id, Unset):
            hold_id = UNSET
        else:
            hold_id = self.hold_id

        member_id = self.member_id

        order_id = self.order_id

        paid_amount = self.paid_amount

        placed_at: str | Unset = UNSET
        if not isinstance(self.placed_at, Unset):
            placed_at = self.placed_at.isoformat()

        points_available_at: str | Unset = UNSET
        if not isinstance(self.points_available_at, Unset):
            points_available_at = self.points_available_at.isoformat()

        redeemed_points = self.redeemed_points

        returned_amount = self.returned_amount

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if amount is not UNSET:
            field_dict["amount"] = amount
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currency is not UNSET:
            field_dict["currency"] = currency
        if discount_amount is not UNSET:
            field_dict["discount_amount"] = discount_amount
        if earned_points is not UNSET:
            field_dict["earned_points"] = earned_points
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if hold_id is not UNSET:
            field_dict["hold_id"] = hold_id
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if paid_amount is not UNSET:
            field_dict["paid_amount"] = paid_amount
        if placed_at is not UNSET:
            field_dict["placed_at"] = placed_at
        if points_available_at is not UNSET:
            field_dict["points_available_at"] = points_available_at
        if redeemed_points is not UNSET:
            field_dict["redeemed_points"] = redeemed_points
        if returned_amount is not UNSET:
            field_dict["returned_amount"] = returned_amount
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        currency = d.pop("currency", UNSET)

        discount_amount = d.pop("discount_amount", UNSET)

        earned_points = d.pop("earned_points", UNSET)

        def _parse_exchange_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate", UNSET))


        def _parse_hold_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hold_id = _parse_hold_id(d.pop("hold_id", UNSET))


        member_id = d.pop("member_id", UNSET)

        order_id = d.pop("order_id", UNSET)

        paid_amount = d.pop("paid_amount", UNSET)

        _placed_at = d.pop("placed_at", UNSET)
        placed_at: datetime.datetime | Unset
        if isinstance(_placed_at,  Unset):
            placed_at = UNSET
        else:
            placed_at = datetime.datetime.fromisoformat(_placed_at)




        _points_available_at = d.pop("points_available_at", UNSET)
        points_available_at: datetime.datetime | Unset
        if isinstance(_points_available_at,  Unset):
            points_available_at = UNSET
        else:
            points_available_at = datetime.datetime.fromisoformat(_points_available_at)




        redeemed_points = d.pop("redeemed_points", UNSET)

        returned_amount = d.pop("returned_amount", UNSET)

        _status = d.pop("status", UNSET)
        status: OrderStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = OrderStatus(_status)




        order = cls(
            amount=amount,
            created_at=created_at,
            currency=currency,
            discount_amount=discount_amount,
            earned_points=earned_points,
            exchange_rate=exchange_rate,
            hold_id=hold_id,
            member_id=member_id,
            order_id=order_id,
            paid_amount=paid_amount,
            placed_at=placed_at,
            points_available_at=points_available_at,
            redeemed_points=redeemed_points,
            returned_amount=returned_amount,
            status=status,
        )

        return order


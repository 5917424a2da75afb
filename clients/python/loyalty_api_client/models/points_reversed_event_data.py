from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PointsReversedEventData")



@_attrs_define
class PointsReversedEventData:
    """ 
        Attributes:
            member_id (str):
            amount (str | Unset):
            cancelled (bool | Unset):
            order_id (None | str | Unset):
            points (int | Unset):
            points_refunded (int | Unset):
            points_reversed (int | Unset):
            return_id (None | str | Unset):
     """

    member_id: str
    amount: str | Unset = UNSET
    cancelled: bool | Unset = UNSET
    order_id: None | str | Unset = UNSET
    points: int | Unset = UNSET
    points_refunded: int | Unset = UNSET
    points_reversed: int | Unset = UNSET
    return_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        amount = self.amount

        cancelled = self.cancelled

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        points = self.points

        points_refunded = self.points_refunded

        points_reversed = self.points_reversed

        return_id: None | str | Unset
        if isinstance(self.return_id, Unset):
            return_id = UNSET
        else:
            return_id = self.return_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if amount is not UNSET:
            field_dict["amount"] = amount
        if cancelled is not UNSET:
            field_dict["cancelled"] = cancelled
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if points is not UNSET:
            field_dict["points"] = points
        if points_refunded is not UNSET:
            field_dict["points_refunded"] = points_refunded
        if points_reversed is not UNSET:
            field_dict["points_reversed"] = points_reversed
        if return_id is not UNSET:
            field_dict["return_id"] = return_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        amount = d.pop("amount", UNSET)

        cancelled = d.pop("cancelled", UNSET)

        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        points = d.pop("points", UNSET)

        points_refunded = d.pop("points_refunded", UNSET)

        points_reversed = d.pop("points_reversed", UNSET)

        def _parse_return_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        return_id = _parse_return_id(d.pop("return_id", UNSET))


        points_reversed_event_data = cls(
            member_id=member_id,
            amount=amount,
            cancelled=cancelled,
            order_id=order_id,
            points=points,
            points_refunded=points_refunded,
            points_reversed=points_reversed,
            return_id=return_id,
        )


        points_reversed_event_data.additional_properties = d
        return points_reversed_event_data

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

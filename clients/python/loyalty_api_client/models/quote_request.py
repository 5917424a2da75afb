from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.order_content import OrderContent





T = TypeVar("T", bound="QuoteRequest")



@_attrs_define
class QuoteRequest:
    """ 
        Attributes:
            member_id (str):
            order (OrderContent):
            redeem_points (int | None | Unset):
     """

    member_id: str
    order: OrderContent
    redeem_points: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.order_content import OrderContent # noqa: PLC0415
        member_id = self.member_id

        order = self.order.to_dict()

        redeem_points: int | None | Unset
        if isinstance(self.redeem_points, Unset):
            redeem_points = UNSET
        else:
            redeem_points = self.redeem_points


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "member_id": member_id,
            "order": order,
        })
        if redeem_points is not UNSET:
            field_dict["redeem_points"] = redeem_points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_content import OrderContent # noqa: PLC0415
        d = dict(src_dict)
        member_id = d.pop("member_id")

        order = OrderContent.from_dict(d.pop("order"))




        def _parse_redeem_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        redeem_points = _parse_redeem_points(d.pop("redeem_points", UNSET))


        quote_request = cls(
            member_id=member_id,
            order=order,
            redeem_points=redeem_points,
        )

        return quote_request


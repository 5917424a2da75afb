from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.earn_part import EarnPart
  from ..models.redeem_quote import RedeemQuote





T = TypeVar("T", bound="Quote")



@_attrs_define
class Quote:
    """ 
        Attributes:
            available (int | Unset):
            earn_breakdown (list[EarnPart] | Unset):
            earn_points (int | Unset):
            exchange_rate (None | str | Unset): 1.00 of the order's currency in the program currency, as converted (null:
                the order is in the program currency). Money in the answer is in the order's currency Example: 98.50.
            member_id (str | Unset):
            redeem (RedeemQuote | Unset):
            tier_after (None | str | Unset):
     """

    available: int | Unset = UNSET
    earn_breakdown: list[EarnPart] | Unset = UNSET
    earn_points: int | Unset = UNSET
    exchange_rate: None | str | Unset = UNSET
    member_id: str | Unset = UNSET
    redeem: RedeemQuote | Unset = UNSET
    tier_after: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.earn_part import EarnPart # noqa: PLC0415
        from ..models.redeem_quote import RedeemQuote # noqa: PLC0415
        available = self.available

        earn_breakdown: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.earn_breakdown, Unset):
            earn_breakdown = []
            for earn_breakdown_item_data in self.earn_breakdown:
                earn_breakdown_item = earn_breakdown_item_data.to_dict()
                earn_breakdown.append(earn_breakdown_item)



        earn_points = self.earn_points

        exchange_rate: None | str | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        else:
            exchange_rate = self.exchange_rate

        member_id = self.member_id

        redeem: dict[str, Any] | Unset = UNSET
        if not isinstance(self.redeem, Unset):
            redeem = self.redeem.to_dict()

        tier_after: None | str | Unset
        if isinstance(self.tier_after, Unset):
            tier_after = UNSET
        else:
            tier_after = self.tier_after


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if available is not UNSET:
            field_dict["available"] = available
        if earn_breakdown is not UNSET:
            field_dict["earn_breakdown"] = earn_breakdown
        if earn_points is not UNSET:
            field_dict["earn_points"] = earn_points
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if redeem is not UNSET:
            field_dict["redeem"] = redeem
        if tier_after is not UNSET:
            field_dict["tier_after"] = tier_after

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.earn_part import EarnPart # noqa: PLC0415
        from ..models.redeem_quote import RedeemQuote # noqa: PLC0415
        d = dict(src_dict)
        available = d.pop("available", UNSET)

        _earn_breakdown = d.pop("earn_breakdown", UNSET)
        earn_breakdown: list[EarnPart] | Unset = UNSET
        if _earn_breakdown is not UNSET:
            earn_breakdown = []
            for earn_breakdown_item_data in _earn_breakdown:
                earn_breakdown_item = EarnPart.from_dict(earn_breakdown_item_data)



                earn_breakdown.append(earn_breakdown_item)


        earn_points = d.pop("earn_points", UNSET)

        def _parse_exchange_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate", UNSET))


        member_id = d.pop("member_id", UNSET)

        _redeem = d.pop("redeem", UNSET)
        redeem: RedeemQuote | Unset
        if isinstance(_redeem,  Unset):
            redeem = UNSET
        else:
            redeem = RedeemQuote.from_dict(_redeem)




        def _parse_tier_after(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier_after = _parse_tier_after(d.pop("tier_after", UNSET))


        quote = cls(
            available=available,
            earn_breakdown=earn_breakdown,
            earn_points=earn_points,
            exchange_rate=exchange_rate,
            member_id=member_id,
            redeem=redeem,
            tier_after=tier_after,
        )

        return quote


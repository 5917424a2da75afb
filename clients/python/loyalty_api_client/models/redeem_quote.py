from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.redeem_quote_reason_type_1 import RedeemQuoteReasonType1
from ..models.redeem_quote_reason_type_2_type_1 import RedeemQuoteReasonType2Type1
from ..models.redeem_quote_reason_type_3_type_1 import RedeemQuoteReasonType3Type1
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RedeemQuote")



@_attrs_define
class RedeemQuote:
    """ 
        Attributes:
            applied_points (int | Unset):
            discount_amount (str | Unset):  Example: 149.90.
            max_points (int | Unset): Most points this order may use (0 if below min_points)
            reason (None | RedeemQuoteReasonType1 | RedeemQuoteReasonType2Type1 | RedeemQuoteReasonType3Type1 | Unset): Why
                fewer points were applied than requested
     """

    applied_points: int | Unset = UNSET
    discount_amount: str | Unset = UNSET
    max_points: int | Unset = UNSET
    reason: None | RedeemQuoteReasonType1 | RedeemQuoteReasonType2Type1 | RedeemQuoteReasonType3Type1 | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        applied_points = self.applied_points

        discount_amount = self.discount_amount

        max_points = self.max_points

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        elif isinstance(self.reason, RedeemQuoteReasonType1):
            reason = self.reason.value
        elif isinstance(self.reason, RedeemQuoteReasonType2Type1):
            reason = self.reason.value
        elif isinstance(self.reason, RedeemQuoteReasonType3Type1):
            reason = self.reason.value
        else:
            reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if applied_points is not UNSET:
            field_dict["applied_points"] = applied_points
        if discount_amount is not UNSET:
            field_dict["discount_amount"] = discount_amount
        if max_points is not UNSET:
            field_dict["max_points"] = max_points
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applied_points = d.pop("applied_points", UNSET)

        discount_amount = d.pop("discount_amount", UNSET)

        max_points = d.pop("max_points", UNSET)

        def _parse_reason(data: object) -> None | RedeemQuoteReasonType1 | RedeemQuoteReasonType2Type1 | RedeemQuoteReasonType3Type1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_1 = RedeemQuoteReasonType1(data)



                return reason_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_2_type_1 = RedeemQuoteReasonType2Type1(data)



                return reason_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_3_type_1 = RedeemQuoteReasonType3Type1(data)



                return reason_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RedeemQuoteReasonType1 | RedeemQuoteReasonType2Type1 | RedeemQuoteReasonType3Type1 | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        redeem_quote = cls(
            applied_points=applied_points,
            discount_amount=discount_amount,
            max_points=max_points,
            reason=reason,
        )

        return redeem_quote


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PointFlows")



@_attrs_define
class PointFlows:
    """ 
        Attributes:
            adjusted_out (int | Unset): debit adjustments
            expired (int | Unset): burned by expiry or inactivity (expire entries written)
            issued (int | Unset): earn, bonus and referral credits, and credit adjustments
            redeemed (int | Unset): redeem entries (checkout, captured holds, rewards)
            refunded (int | Unset): redeemed points given back on returns and cancels
            reversed_ (int | Unset): earned points taken back on returns and cancels
     """

    adjusted_out: int | Unset = UNSET
    expired: int | Unset = UNSET
    issued: int | Unset = UNSET
    redeemed: int | Unset = UNSET
    refunded: int | Unset = UNSET
    reversed_: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        adjusted_out = self.adjusted_out

        expired = self.expired

        issued = self.issued

        redeemed = self.redeemed

        refunded = self.refunded

        reversed_ = self.reversed_


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if adjusted_out is not UNSET:
            field_dict["adjusted_out"] = adjusted_out
        if expired is not UNSET:
            field_dict["expired"] = expired
        if issued is not UNSET:
            field_dict["issued"] = issued
        if redeemed is not UNSET:
            field_dict["redeemed"] = redeemed
        if refunded is not UNSET:
            field_dict["refunded"] = refunded
        if reversed_ is not UNSET:
            field_dict["reversed"] = reversed_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        adjusted_out = d.pop("adjusted_out", UNSET)

        expired = d.pop("expired", UNSET)

        issued = d.pop("issued", UNSET)

        redeemed = d.pop("redeemed", UNSET)

        refunded = d.pop("refunded", UNSET)

        reversed_ = d.pop("reversed", UNSET)

        point_flows = cls(
            adjusted_out=adjusted_out,
            expired=expired,
            issued=issued,
            redeemed=redeemed,
            refunded=refunded,
            reversed_=reversed_,
        )

        return point_flows


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Skip")



@_attrs_define
class Skip:
    """ 
        Attributes:
            reason (str | Unset): cap_reached | outside_window | tier_not_eligible | budget_exhausted; coupon rules also
                out_of_stock | reward_unavailable
            rule_id (str | Unset):
     """

    reason: str | Unset = UNSET
    rule_id: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        rule_id = self.rule_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if reason is not UNSET:
            field_dict["reason"] = reason
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason", UNSET)

        rule_id = d.pop("rule_id", UNSET)

        skip = cls(
            reason=reason,
            rule_id=rule_id,
        )

        return skip


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TierChange")



@_attrs_define
class TierChange:
    """ 
        Attributes:
            at (datetime.datetime | Unset):
            change_id (int | Unset):
            from_tier (None | str | Unset):
            metric (None | str | Unset): The metric value at the change
            reason (str | Unset): upgrade | downgrade | vip | ladder_change
            to_tier (None | str | Unset):
     """

    at: datetime.datetime | Unset = UNSET
    change_id: int | Unset = UNSET
    from_tier: None | str | Unset = UNSET
    metric: None | str | Unset = UNSET
    reason: str | Unset = UNSET
    to_tier: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        change_id = self.change_id

        from_tier: None | str | Unset
        if isinstance(self.from_tier, Unset):
            from_tier = UNSET
        else:
            from_tier = self.from_tier

        metric: None | str | Unset
        if isinstance(self.metric, Unset):
            metric = UNSET
        else:
            metric = self.metric

        reason = self.reason

        to_tier: None | str | Unset
        if isinstance(self.to_tier, Unset):
            to_tier = UNSET
        else:
            to_tier = self.to_tier


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if at is not UNSET:
            field_dict["at"] = at
        if change_id is not UNSET:
            field_dict["change_id"] = change_id
        if from_tier is not UNSET:
            field_dict["from_tier"] = from_tier
        if metric is not UNSET:
            field_dict["metric"] = metric
        if reason is not UNSET:
            field_dict["reason"] = reason
        if to_tier is not UNSET:
            field_dict["to_tier"] = to_tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at,  Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)




        change_id = d.pop("change_id", UNSET)

        def _parse_from_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_tier = _parse_from_tier(d.pop("from_tier", UNSET))


        def _parse_metric(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metric = _parse_metric(d.pop("metric", UNSET))


        reason = d.pop("reason", UNSET)

        def _parse_to_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_tier = _parse_to_tier(d.pop("to_tier", UNSET))


        tier_change = cls(
            at=at,
            change_id=change_id,
            from_tier=from_tier,
            metric=metric,
            reason=reason,
            to_tier=to_tier,
        )

        return tier_change


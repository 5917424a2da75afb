from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="TierUpgradedEventData")



@_attrs_define
class TierUpgradedEventData:
    """ 
        Attributes:
            member_id (str):
            at (datetime.datetime | Unset):
            from_tier (None | str | Unset):
            metric (str | Unset):
            reason (str | Unset):
            to_tier (None | str | Unset):
            value (int | None | str | Unset):
     """

    member_id: str
    at: datetime.datetime | Unset = UNSET
    from_tier: None | str | Unset = UNSET
    metric: str | Unset = UNSET
    reason: str | Unset = UNSET
    to_tier: None | str | Unset = UNSET
    value: int | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        from_tier: None | str | Unset
        if isinstance(self.from_tier, Unset):
            from_tier = UNSET
        else:
            from_tier = self.from_tier

        metric = self.metric

        reason = self.reason

        to_tier: None | str | Unset
        if isinstance(self.to_tier, Unset):
            to_tier = UNSET
        else:
            to_tier = self.to_tier

        value: int | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if at is not UNSET:
            field_dict["at"] = at
        if from_tier is not UNSET:
            field_dict["from_tier"] = from_tier
        if metric is not UNSET:
            field_dict["metric"] = metric
        if reason is not UNSET:
            field_dict["reason"] = reason
        if to_tier is not UNSET:
            field_dict["to_tier"] = to_tier
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at,  Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)




        def _parse_from_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_tier = _parse_from_tier(d.pop("from_tier", UNSET))


        metric = d.pop("metric", UNSET)

        reason = d.pop("reason", UNSET)

        def _parse_to_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_tier = _parse_to_tier(d.pop("to_tier", UNSET))


        def _parse_value(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))


        tier_upgraded_event_data = cls(
            member_id=member_id,
            at=at,
            from_tier=from_tier,
            metric=metric,
            reason=reason,
            to_tier=to_tier,
            value=value,
        )


        tier_upgraded_event_data.additional_properties = d
        return tier_upgraded_event_data

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

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
  from ..models.points_earned_event_data_breakdown_item import PointsEarnedEventDataBreakdownItem





T = TypeVar("T", bound="PointsEarnedEventData")



@_attrs_define
class PointsEarnedEventData:
    """ 
        Attributes:
            member_id (str):
            available_at (datetime.datetime | None | Unset):
            breakdown (list[PointsEarnedEventDataBreakdownItem] | Unset):
            expires_at (datetime.datetime | None | Unset):
            order_id (None | str | Unset):
            points (int | Unset):
            rule_id (None | str | Unset):
     """

    member_id: str
    available_at: datetime.datetime | None | Unset = UNSET
    breakdown: list[PointsEarnedEventDataBreakdownItem] | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    order_id: None | str | Unset = UNSET
    points: int | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.points_earned_event_data_breakdown_item import PointsEarnedEventDataBreakdownItem # noqa: PLC0415
        member_id = self.member_id

        available_at: None | str | Unset
        if isinstance(self.available_at, Unset):
            available_at = UNSET
        elif isinstance(self.available_at, datetime.datetime):
            available_at = self.available_at.isoformat()
        else:
            available_at = self.available_at

        breakdown: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.breakdown, Unset):
            breakdown = []
            for breakdown_item_data in self.breakdown:
                breakdown_item = breakdown_item_data.to_dict()
                breakdown.append(breakdown_item)



        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        else:
            order_id = self.order_id

        points = self.points

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if available_at is not UNSET:
            field_dict["available_at"] = available_at
        if breakdown is not UNSET:
            field_dict["breakdown"] = breakdown
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if points is not UNSET:
            field_dict["points"] = points
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.points_earned_event_data_breakdown_item import PointsEarnedEventDataBreakdownItem # noqa: PLC0415
        d = dict(src_dict)
        member_id = d.pop("member_id")

        def _parse_available_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                available_at_type_0 = datetime.datetime.fromisoformat(data)



                return available_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        available_at = _parse_available_at(d.pop("available_at", UNSET))


        _breakdown = d.pop("breakdown", UNSET)
        breakdown: list[PointsEarnedEventDataBreakdownItem] | Unset = UNSET
        if _breakdown is not UNSET:
            breakdown = []
            for breakdown_item_data in _breakdown:
                breakdown_item = PointsEarnedEventDataBreakdownItem.from_dict(breakdown_item_data)



                breakdown.append(breakdown_item)


        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))


        def _parse_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))


        points = d.pop("points", UNSET)

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))


        points_earned_event_data = cls(
            member_id=member_id,
            available_at=available_at,
            breakdown=breakdown,
            expires_at=expires_at,
            order_id=order_id,
            points=points,
            rule_id=rule_id,
        )


        points_earned_event_data.additional_properties = d
        return points_earned_event_data

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

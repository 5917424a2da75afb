from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.points_transferred_event_data_lots_item import PointsTransferredEventDataLotsItem





T = TypeVar("T", bound="PointsTransferredEventData")



@_attrs_define
class PointsTransferredEventData:
    """ 
        Attributes:
            member_id (str):
            direction (str | Unset):
            from_member_id (str | Unset):
            lots (list[PointsTransferredEventDataLotsItem] | Unset):
            points (int | Unset):
            reason (None | str | Unset):
            to_member_id (str | Unset):
            transfer_id (int | Unset):
     """

    member_id: str
    direction: str | Unset = UNSET
    from_member_id: str | Unset = UNSET
    lots: list[PointsTransferredEventDataLotsItem] | Unset = UNSET
    points: int | Unset = UNSET
    reason: None | str | Unset = UNSET
    to_member_id: str | Unset = UNSET
    transfer_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.points_transferred_event_data_lots_item import PointsTransferredEventDataLotsItem # noqa: PLC0415
        member_id = self.member_id

        direction = self.direction

        from_member_id = self.from_member_id

        lots: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lots, Unset):
            lots = []
            for lots_item_data in self.lots:
                lots_item = lots_item_data.to_dict()
                lots.append(lots_item)



        points = self.points

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        to_member_id = self.to_member_id

        transfer_id = self.transfer_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if direction is not UNSET:
            field_dict["direction"] = direction
        if from_member_id is not UNSET:
            field_dict["from_member_id"] = from_member_id
        if lots is not UNSET:
            field_dict["lots"] = lots
        if points is not UNSET:
            field_dict["points"] = points
        if reason is not UNSET:
            field_dict["reason"] = reason
        if to_member_id is not UNSET:
            field_dict["to_member_id"] = to_member_id
        if transfer_id is not UNSET:
            field_dict["transfer_id"] = transfer_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.points_transferred_event_data_lots_item import PointsTransferredEventDataLotsItem # noqa: PLC0415
        d = dict(src_dict)
        member_id = d.pop("member_id")

        direction = d.pop("direction", UNSET)

        from_member_id = d.pop("from_member_id", UNSET)

        _lots = d.pop("lots", UNSET)
        lots: list[PointsTransferredEventDataLotsItem] | Unset = UNSET
        if _lots is not UNSET:
            lots = []
            for lots_item_data in _lots:
                lots_item = PointsTransferredEventDataLotsItem.from_dict(lots_item_data)



                lots.append(lots_item)


        points = d.pop("points", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        to_member_id = d.pop("to_member_id", UNSET)

        transfer_id = d.pop("transfer_id", UNSET)

        points_transferred_event_data = cls(
            member_id=member_id,
            direction=direction,
            from_member_id=from_member_id,
            lots=lots,
            points=points,
            reason=reason,
            to_member_id=to_member_id,
            transfer_id=transfer_id,
        )


        points_transferred_event_data.additional_properties = d
        return points_transferred_event_data

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

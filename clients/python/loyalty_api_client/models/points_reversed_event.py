from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.points_reversed_event_type import PointsReversedEventType
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.points_reversed_event_data import PointsReversedEventData





T = TypeVar("T", bound="PointsReversedEvent")



@_attrs_define
class PointsReversedEvent:
    """ `points.reversed`: Earned points taken back (return, cancel, referral clawback).

        Attributes:
            created_at (datetime.datetime):
            data (PointsReversedEventData):
            id (UUID): Deduplicate on it
            livemode (bool): false for a test program's events
            program_id (UUID):
            type_ (PointsReversedEventType):
     """

    created_at: datetime.datetime
    data: PointsReversedEventData
    id: UUID
    livemode: bool
    program_id: UUID
    type_: PointsReversedEventType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.points_reversed_event_data import PointsReversedEventData # noqa: PLC0415
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = str(self.id)

        livemode = self.livemode

        program_id = str(self.program_id)

        type_ = self.type_.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "data": data,
            "id": id,
            "livemode": livemode,
            "program_id": program_id,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.points_reversed_event_data import PointsReversedEventData # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        data = PointsReversedEventData.from_dict(d.pop("data"))




        id = UUID(d.pop("id"))




        livemode = d.pop("livemode")

        program_id = UUID(d.pop("program_id"))




        type_ = PointsReversedEventType(d.pop("type"))




        points_reversed_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            livemode=livemode,
            program_id=program_id,
            type_=type_,
        )


        points_reversed_event.additional_properties = d
        return points_reversed_event

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

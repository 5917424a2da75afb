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
  from ..models.exported_event_attributes import ExportedEventAttributes
  from ..models.exported_event_result import ExportedEventResult





T = TypeVar("T", bound="ExportedEvent")



@_attrs_define
class ExportedEvent:
    """ 
        Attributes:
            attributes (ExportedEventAttributes | Unset):
            created_at (datetime.datetime | Unset):
            event_id (str | Unset):
            occurred_at (datetime.datetime | Unset):
            result (ExportedEventResult | Unset): What the event was answered: points awarded, rules skipped
            type_ (str | Unset):
     """

    attributes: ExportedEventAttributes | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    event_id: str | Unset = UNSET
    occurred_at: datetime.datetime | Unset = UNSET
    result: ExportedEventResult | Unset = UNSET
    type_: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.exported_event_attributes import ExportedEventAttributes # noqa: PLC0415
        from ..models.exported_event_result import ExportedEventResult # noqa: PLC0415
        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        event_id = self.event_id

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        type_ = self.type_


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if result is not UNSET:
            field_dict["result"] = result
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exported_event_attributes import ExportedEventAttributes # noqa: PLC0415
        from ..models.exported_event_result import ExportedEventResult # noqa: PLC0415
        d = dict(src_dict)
        _attributes = d.pop("attributes", UNSET)
        attributes: ExportedEventAttributes | Unset
        if isinstance(_attributes,  Unset):
            attributes = UNSET
        else:
            attributes = ExportedEventAttributes.from_dict(_attributes)




        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        event_id = d.pop("event_id", UNSET)

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at,  Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)




        _result = d.pop("result", UNSET)
        result: ExportedEventResult | Unset
        if isinstance(_result,  Unset):
            result = UNSET
        else:
            result = ExportedEventResult.from_dict(_result)




        type_ = d.pop("type", UNSET)

        exported_event = cls(
            attributes=attributes,
            created_at=created_at,
            event_id=event_id,
            occurred_at=occurred_at,
            result=result,
            type_=type_,
        )

        return exported_event


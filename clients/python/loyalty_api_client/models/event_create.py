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
  from ..models.event_create_attributes import EventCreateAttributes





T = TypeVar("T", bound="EventCreate")



@_attrs_define
class EventCreate:
    """ 
        Attributes:
            event_id (str): Exactly once per member and event_id
            type_ (str): registration, birthday, newsletter_subscription, review, or any custom name
            attributes (EventCreateAttributes | Unset):
            occurred_at (datetime.datetime | None | Unset): Default: now
     """

    event_id: str
    type_: str
    attributes: EventCreateAttributes | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.event_create_attributes import EventCreateAttributes # noqa: PLC0415
        event_id = self.event_id

        type_ = self.type_

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "event_id": event_id,
            "type": type_,
        })
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_create_attributes import EventCreateAttributes # noqa: PLC0415
        d = dict(src_dict)
        event_id = d.pop("event_id")

        type_ = d.pop("type")

        _attributes = d.pop("attributes", UNSET)
        attributes: EventCreateAttributes | Unset
        if isinstance(_attributes,  Unset):
            attributes = UNSET
        else:
            attributes = EventCreateAttributes.from_dict(_attributes)




        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))


        event_create = cls(
            event_id=event_id,
            type_=type_,
            attributes=attributes,
            occurred_at=occurred_at,
        )

        return event_create


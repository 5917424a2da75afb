from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.award import Award
  from ..models.skip import Skip





T = TypeVar("T", bound="EventResult")



@_attrs_define
class EventResult:
    """ 
        Attributes:
            awarded (list[Award] | Unset):
            event_id (str | Unset):
            skipped (list[Skip] | Unset):
     """

    awarded: list[Award] | Unset = UNSET
    event_id: str | Unset = UNSET
    skipped: list[Skip] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.award import Award # noqa: PLC0415
        from ..models.skip import Skip # noqa: PLC0415
        awarded: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.awarded, Unset):
            awarded = []
            for awarded_item_data in self.awarded:
                awarded_item = awarded_item_data.to_dict()
                awarded.append(awarded_item)



        event_id = self.event_id

        skipped: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.skipped, Unset):
            skipped = []
            for skipped_item_data in self.skipped:
                skipped_item = skipped_item_data.to_dict()
                skipped.append(skipped_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if awarded is not UNSET:
            field_dict["awarded"] = awarded
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if skipped is not UNSET:
            field_dict["skipped"] = skipped

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.award import Award # noqa: PLC0415
        from ..models.skip import Skip # noqa: PLC0415
        d = dict(src_dict)
        _awarded = d.pop("awarded", UNSET)
        awarded: list[Award] | Unset = UNSET
        if _awarded is not UNSET:
            awarded = []
            for awarded_item_data in _awarded:
                awarded_item = Award.from_dict(awarded_item_data)



                awarded.append(awarded_item)


        event_id = d.pop("event_id", UNSET)

        _skipped = d.pop("skipped", UNSET)
        skipped: list[Skip] | Unset = UNSET
        if _skipped is not UNSET:
            skipped = []
            for skipped_item_data in _skipped:
                skipped_item = Skip.from_dict(skipped_item_data)



                skipped.append(skipped_item)


        event_result = cls(
            awarded=awarded,
            event_id=event_id,
            skipped=skipped,
        )

        return event_result


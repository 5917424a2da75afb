from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.import_completed_event_data_counts import ImportCompletedEventDataCounts





T = TypeVar("T", bound="ImportCompletedEventData")



@_attrs_define
class ImportCompletedEventData:
    """ 
        Attributes:
            counts (ImportCompletedEventDataCounts | Unset):
            import_id (str | Unset):
            kind (str | Unset):
     """

    counts: ImportCompletedEventDataCounts | Unset = UNSET
    import_id: str | Unset = UNSET
    kind: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_completed_event_data_counts import ImportCompletedEventDataCounts # noqa: PLC0415
        counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.counts, Unset):
            counts = self.counts.to_dict()

        import_id = self.import_id

        kind = self.kind


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if counts is not UNSET:
            field_dict["counts"] = counts
        if import_id is not UNSET:
            field_dict["import_id"] = import_id
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_completed_event_data_counts import ImportCompletedEventDataCounts # noqa: PLC0415
        d = dict(src_dict)
        _counts = d.pop("counts", UNSET)
        counts: ImportCompletedEventDataCounts | Unset
        if isinstance(_counts,  Unset):
            counts = UNSET
        else:
            counts = ImportCompletedEventDataCounts.from_dict(_counts)




        import_id = d.pop("import_id", UNSET)

        kind = d.pop("kind", UNSET)

        import_completed_event_data = cls(
            counts=counts,
            import_id=import_id,
            kind=kind,
        )


        import_completed_event_data.additional_properties = d
        return import_completed_event_data

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

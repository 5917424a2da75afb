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
  from ..models.rfm_cell import RfmCell
  from ..models.rfm_segment import RfmSegment





T = TypeVar("T", bound="Rfm")



@_attrs_define
class Rfm:
    """ 
        Attributes:
            cells (list[RfmCell] | Unset): Cells with members
            computed_at (datetime.datetime | None | Unset): Last change of a score
            scored_members (int | Unset):
            segments (list[RfmSegment] | Unset):
            unscored_members (int | Unset): Members without kept orders
     """

    cells: list[RfmCell] | Unset = UNSET
    computed_at: datetime.datetime | None | Unset = UNSET
    scored_members: int | Unset = UNSET
    segments: list[RfmSegment] | Unset = UNSET
    unscored_members: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.rfm_cell import RfmCell # noqa: PLC0415
        from ..models.rfm_segment import RfmSegment # noqa: PLC0415
        cells: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cells, Unset):
            cells = []
            for cells_item_data in self.cells:
                cells_item = cells_item_data.to_dict()
                cells.append(cells_item)



        computed_at: None | str | Unset
        if isinstance(self.computed_at, Unset):
            computed_at = UNSET
        elif isinstance(self.computed_at, datetime.datetime):
            computed_at = self.computed_at.isoformat()
        else:
            computed_at = self.computed_at

        scored_members = self.scored_members

        segments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.segments, Unset):
            segments = []
            for segments_item_data in self.segments:
                segments_item = segments_item_data.to_dict()
                segments.append(segments_item)



        unscored_members = self.unscored_members


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if cells is not UNSET:
            field_dict["cells"] = cells
        if computed_at is not UNSET:
            field_dict["computed_at"] = computed_at
        if scored_members is not UNSET:
            field_dict["scored_members"] = scored_members
        if segments is not UNSET:
            field_dict["segments"] = segments
        if unscored_members is not UNSET:
            field_dict["unscored_members"] = unscored_members

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rfm_cell import RfmCell # noqa: PLC0415
        from ..models.rfm_segment import RfmSegment # noqa: PLC0415
        d = dict(src_dict)
        _cells = d.pop("cells", UNSET)
        cells: list[RfmCell] | Unset = UNSET
        if _cells is not UNSET:
            cells = []
            for cells_item_data in _cells:
                cells_item = RfmCell.from_dict(cells_item_data)



                cells.append(cells_item)


        def _parse_computed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                computed_at_type_0 = datetime.datetime.fromisoformat(data)



                return computed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        computed_at = _parse_computed_at(d.pop("computed_at", UNSET))


        scored_members = d.pop("scored_members", UNSET)

        _segments = d.pop("segments", UNSET)
        segments: list[RfmSegment] | Unset = UNSET
        if _segments is not UNSET:
            segments = []
            for segments_item_data in _segments:
                segments_item = RfmSegment.from_dict(segments_item_data)



                segments.append(segments_item)


        unscored_members = d.pop("unscored_members", UNSET)

        rfm = cls(
            cells=cells,
            computed_at=computed_at,
            scored_members=scored_members,
            segments=segments,
            unscored_members=unscored_members,
        )

        return rfm


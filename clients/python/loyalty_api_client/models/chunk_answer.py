from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.line_error import LineError





T = TypeVar("T", bound="ChunkAnswer")



@_attrs_define
class ChunkAnswer:
    """ 
        Attributes:
            accepted (int | Unset):
            chunk (int | Unset):
            errors (list[LineError] | Unset):
            rejected (int | Unset):
     """

    accepted: int | Unset = UNSET
    chunk: int | Unset = UNSET
    errors: list[LineError] | Unset = UNSET
    rejected: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.line_error import LineError # noqa: PLC0415
        accepted = self.accepted

        chunk = self.chunk

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)



        rejected = self.rejected


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if accepted is not UNSET:
            field_dict["accepted"] = accepted
        if chunk is not UNSET:
            field_dict["chunk"] = chunk
        if errors is not UNSET:
            field_dict["errors"] = errors
        if rejected is not UNSET:
            field_dict["rejected"] = rejected

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_error import LineError # noqa: PLC0415
        d = dict(src_dict)
        accepted = d.pop("accepted", UNSET)

        chunk = d.pop("chunk", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[LineError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = LineError.from_dict(errors_item_data)



                errors.append(errors_item)


        rejected = d.pop("rejected", UNSET)

        chunk_answer = cls(
            accepted=accepted,
            chunk=chunk,
            errors=errors,
            rejected=rejected,
        )

        return chunk_answer


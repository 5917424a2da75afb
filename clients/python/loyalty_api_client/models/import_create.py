from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.import_create_kind import ImportCreateKind
from ..types import UNSET, Unset






T = TypeVar("T", bound="ImportCreate")



@_attrs_define
class ImportCreate:
    """ 
        Attributes:
            kind (ImportCreateKind):
            dry_run (bool | Unset): Check every line and answer as usual, writing nothing Default: False.
     """

    kind: ImportCreateKind
    dry_run: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        dry_run = self.dry_run


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
        })
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = ImportCreateKind(d.pop("kind"))




        dry_run = d.pop("dry_run", UNSET)

        import_create = cls(
            kind=kind,
            dry_run=dry_run,
        )

        return import_create


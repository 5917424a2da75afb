from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.import_status import ImportStatus
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.counts import Counts





T = TypeVar("T", bound="Import")



@_attrs_define
class Import:
    """ 
        Attributes:
            chunks (int | Unset): Distinct chunks received
            completed_at (datetime.datetime | None | Unset):
            counts (Counts | Unset):
            created_at (datetime.datetime | Unset):
            dry_run (bool | Unset):
            import_id (UUID | Unset):
            kind (str | Unset):
            status (ImportStatus | Unset):
     """

    chunks: int | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    counts: Counts | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    dry_run: bool | Unset = UNSET
    import_id: UUID | Unset = UNSET
    kind: str | Unset = UNSET
    status: ImportStatus | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.counts import Counts # noqa: PLC0415
        chunks = self.chunks

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.counts, Unset):
            counts = self.counts.to_dict()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        dry_run = self.dry_run

        import_id: str | Unset = UNSET
        if not isinstance(self.import_id, Unset):
            import_id = str(self.import_id)

        kind = self.kind

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if chunks is not UNSET:
            field_dict["chunks"] = chunks
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if counts is not UNSET:
            field_dict["counts"] = counts
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if import_id is not UNSET:
            field_dict["import_id"] = import_id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counts import Counts # noqa: PLC0415
        d = dict(src_dict)
        chunks = d.pop("chunks", UNSET)

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)



                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))


        _counts = d.pop("counts", UNSET)
        counts: Counts | Unset
        if isinstance(_counts,  Unset):
            counts = UNSET
        else:
            counts = Counts.from_dict(_counts)




        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        dry_run = d.pop("dry_run", UNSET)

        _import_id = d.pop("import_id", UNSET)
        import_id: UUID | Unset
        if isinstance(_import_id,  Unset):
            import_id = UNSET
        else:
            import_id = UUID(_import_id)




        kind = d.pop("kind", UNSET)

        _status = d.pop("status", UNSET)
        status: ImportStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = ImportStatus(_status)




        import_ = cls(
            chunks=chunks,
            completed_at=completed_at,
            counts=counts,
            created_at=created_at,
            dry_run=dry_run,
            import_id=import_id,
            kind=kind,
            status=status,
        )

        return import_


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.audit_entry_changes import AuditEntryChanges
  from ..models.audit_target import AuditTarget





T = TypeVar("T", bound="AuditEntry")



@_attrs_define
class AuditEntry:
    """ 
        Attributes:
            action (str):  Example: program.updated.
            actor (str): The API client that made the change (or `cli` for an operator's command) Example: cl_3f9a0c1d2e.
            at (datetime.datetime):  Example: 2026-03-01T09:30:00Z.
            changes (AuditEntryChanges): Each touched field (nested ones as `a.b`): {before, after}; secrets and personal
                data read "[redacted]" Example: {'earn.points_per_unit': {'after': 2, 'before': 1}}.
            id (UUID):  Example: 0b6f8f4e-7a4e-4c1e-9a55-3f1f1c7e2d10.
            request_id (None | str): The X-Request-Id of the request that made the change Example: 7f9c2ba4e88f827d.
            target (AuditTarget):
     """

    action: str
    actor: str
    at: datetime.datetime
    changes: AuditEntryChanges
    id: UUID
    request_id: None | str
    target: AuditTarget





    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_changes import AuditEntryChanges # noqa: PLC0415
        from ..models.audit_target import AuditTarget # noqa: PLC0415
        action = self.action

        actor = self.actor

        at = self.at.isoformat()

        changes = self.changes.to_dict()

        id = str(self.id)

        request_id: None | str
        request_id = self.request_id

        target = self.target.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
            "actor": actor,
            "at": at,
            "changes": changes,
            "id": id,
            "request_id": request_id,
            "target": target,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_changes import AuditEntryChanges # noqa: PLC0415
        from ..models.audit_target import AuditTarget # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        changes = AuditEntryChanges.from_dict(d.pop("changes"))




        id = UUID(d.pop("id"))




        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))


        target = AuditTarget.from_dict(d.pop("target"))




        audit_entry = cls(
            action=action,
            actor=actor,
            at=at,
            changes=changes,
            id=id,
            request_id=request_id,
            target=target,
        )

        return audit_entry


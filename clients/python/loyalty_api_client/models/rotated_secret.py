from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="RotatedSecret")



@_attrs_define
class RotatedSecret:
    """ 
        Attributes:
            previous_secret_expires_at (datetime.datetime | None | Unset):
            secret (str | Unset): The new secret, shown only in this answer
            webhook_id (UUID | Unset):
     """

    previous_secret_expires_at: datetime.datetime | None | Unset = UNSET
    secret: str | Unset = UNSET
    webhook_id: UUID | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        previous_secret_expires_at: None | str | Unset
        if isinstance(self.previous_secret_expires_at, Unset):
            previous_secret_expires_at = UNSET
        elif isinstance(self.previous_secret_expires_at, datetime.datetime):
            previous_secret_expires_at = self.previous_secret_expires_at.isoformat()
        else:
            previous_secret_expires_at = self.previous_secret_expires_at

        secret = self.secret

        webhook_id: str | Unset = UNSET
        if not isinstance(self.webhook_id, Unset):
            webhook_id = str(self.webhook_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if previous_secret_expires_at is not UNSET:
            field_dict["previous_secret_expires_at"] = previous_secret_expires_at
        if secret is not UNSET:
            field_dict["secret"] = secret
        if webhook_id is not UNSET:
            field_dict["webhook_id"] = webhook_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_previous_secret_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return previous_secret_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        previous_secret_expires_at = _parse_previous_secret_expires_at(d.pop("previous_secret_expires_at", UNSET))


        secret = d.pop("secret", UNSET)

        _webhook_id = d.pop("webhook_id", UNSET)
        webhook_id: UUID | Unset
        if isinstance(_webhook_id,  Unset):
            webhook_id = UNSET
        else:
            webhook_id = UUID(_webhook_id)




        rotated_secret = cls(
            previous_secret_expires_at=previous_secret_expires_at,
            secret=secret,
            webhook_id=webhook_id,
        )

        return rotated_secret


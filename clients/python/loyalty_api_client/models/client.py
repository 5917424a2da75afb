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






T = TypeVar("T", bound="Client")



@_attrs_define
class Client:
    """ 
        Attributes:
            client_id (str | Unset):
            client_secret (None | str | Unset): Shown once; store it now (null in an Idempotency-Key replay: secrets are
                never stored)
            created_at (datetime.datetime | Unset):
            name (str | Unset):
            program_id (None | Unset | UUID):
            scopes (list[str] | Unset):
     """

    client_id: str | Unset = UNSET
    client_secret: None | str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    name: str | Unset = UNSET
    program_id: None | Unset | UUID = UNSET
    scopes: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        name = self.name

        program_id: None | str | Unset
        if isinstance(self.program_id, Unset):
            program_id = UNSET
        elif isinstance(self.program_id, UUID):
            program_id = str(self.program_id)
        else:
            program_id = self.program_id

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes




        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if name is not UNSET:
            field_dict["name"] = name
        if program_id is not UNSET:
            field_dict["program_id"] = program_id
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id", UNSET)

        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))


        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        name = d.pop("name", UNSET)

        def _parse_program_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                program_id_type_0 = UUID(data)



                return program_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        program_id = _parse_program_id(d.pop("program_id", UNSET))


        scopes = cast(list[str], d.pop("scopes", UNSET))


        client = cls(
            client_id=client_id,
            client_secret=client_secret,
            created_at=created_at,
            name=name,
            program_id=program_id,
            scopes=scopes,
        )

        return client


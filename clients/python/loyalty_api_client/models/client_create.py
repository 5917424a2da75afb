from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.client_create_scopes_item import ClientCreateScopesItem
from typing import cast






T = TypeVar("T", bound="ClientCreate")



@_attrs_define
class ClientCreate:
    """ 
        Attributes:
            name (str):
            scopes (list[ClientCreateScopesItem]):
     """

    name: str
    scopes: list[ClientCreateScopesItem]





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "scopes": scopes,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in (_scopes):
            scopes_item = ClientCreateScopesItem(scopes_item_data)



            scopes.append(scopes_item)


        client_create = cls(
            name=name,
            scopes=scopes,
        )

        return client_create


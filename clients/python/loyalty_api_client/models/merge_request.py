from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="MergeRequest")



@_attrs_define
class MergeRequest:
    """ 
        Attributes:
            from_member_id (str): The duplicate member whose points, orders, coupons, identities, events and referrals move
                into this one; afterwards it answers `status: merged`
     """

    from_member_id: str





    def to_dict(self) -> dict[str, Any]:
        from_member_id = self.from_member_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "from_member_id": from_member_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_member_id = d.pop("from_member_id")

        merge_request = cls(
            from_member_id=from_member_id,
        )

        return merge_request


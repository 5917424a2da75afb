from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="MemberEnrolledEventData")



@_attrs_define
class MemberEnrolledEventData:
    """ 
        Attributes:
            member_id (str):
            referral_code (str | Unset):
            referred_by (None | str | Unset):
     """

    member_id: str
    referral_code: str | Unset = UNSET
    referred_by: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        referral_code = self.referral_code

        referred_by: None | str | Unset
        if isinstance(self.referred_by, Unset):
            referred_by = UNSET
        else:
            referred_by = self.referred_by


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "member_id": member_id,
        })
        if referral_code is not UNSET:
            field_dict["referral_code"] = referral_code
        if referred_by is not UNSET:
            field_dict["referred_by"] = referred_by

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        referral_code = d.pop("referral_code", UNSET)

        def _parse_referred_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referred_by = _parse_referred_by(d.pop("referred_by", UNSET))


        member_enrolled_event_data = cls(
            member_id=member_id,
            referral_code=referral_code,
            referred_by=referred_by,
        )


        member_enrolled_event_data.additional_properties = d
        return member_enrolled_event_data

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

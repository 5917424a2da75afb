from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.expiry_settings_mode import ExpirySettingsMode
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ExpirySettings")



@_attrs_define
class ExpirySettings:
    """ 
        Attributes:
            days (int | None | Unset):
            inactivity_days (int | None | Unset):
            mode (ExpirySettingsMode | Unset):
            warn_days (int | Unset):
     """

    days: int | None | Unset = UNSET
    inactivity_days: int | None | Unset = UNSET
    mode: ExpirySettingsMode | Unset = UNSET
    warn_days: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        days: int | None | Unset
        if isinstance(self.days, Unset):
            days = UNSET
        else:
            days = self.days

        inactivity_days: int | None | Unset
        if isinstance(self.inactivity_days, Unset):
            inactivity_days = UNSET
        else:
            inactivity_days = self.inactivity_days

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value


        warn_days = self.warn_days


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if days is not UNSET:
            field_dict["days"] = days
        if inactivity_days is not UNSET:
            field_dict["inactivity_days"] = inactivity_days
        if mode is not UNSET:
            field_dict["mode"] = mode
        if warn_days is not UNSET:
            field_dict["warn_days"] = warn_days

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days = _parse_days(d.pop("days", UNSET))


        def _parse_inactivity_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        inactivity_days = _parse_inactivity_days(d.pop("inactivity_days", UNSET))


        _mode = d.pop("mode", UNSET)
        mode: ExpirySettingsMode | Unset
        if isinstance(_mode,  Unset):
            mode = UNSET
        else:
            mode = ExpirySettingsMode(_mode)




        warn_days = d.pop("warn_days", UNSET)

        expiry_settings = cls(
            days=days,
            inactivity_days=inactivity_days,
            mode=mode,
            warn_days=warn_days,
        )

        return expiry_settings


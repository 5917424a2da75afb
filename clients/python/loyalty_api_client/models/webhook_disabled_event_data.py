from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="WebhookDisabledEventData")



@_attrs_define
class WebhookDisabledEventData:
    """ 
        Attributes:
            failing_since (datetime.datetime | None | Unset):
            reason (str | Unset):
            url (str | Unset):
            webhook_id (str | Unset):
     """

    failing_since: datetime.datetime | None | Unset = UNSET
    reason: str | Unset = UNSET
    url: str | Unset = UNSET
    webhook_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        failing_since: None | str | Unset
        if isinstance(self.failing_since, Unset):
            failing_since = UNSET
        elif isinstance(self.failing_since, datetime.datetime):
            failing_since = self.failing_since.isoformat()
        else:
            failing_since = self.failing_since

        reason = self.reason

        url = self.url

        webhook_id = self.webhook_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if failing_since is not UNSET:
            field_dict["failing_since"] = failing_since
        if reason is not UNSET:
            field_dict["reason"] = reason
        if url is not UNSET:
            field_dict["url"] = url
        if webhook_id is not UNSET:
            field_dict["webhook_id"] = webhook_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_failing_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failing_since_type_0 = datetime.datetime.fromisoformat(data)



                return failing_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        failing_since = _parse_failing_since(d.pop("failing_since", UNSET))


        reason = d.pop("reason", UNSET)

        url = d.pop("url", UNSET)

        webhook_id = d.pop("webhook_id", UNSET)

        webhook_disabled_event_data = cls(
            failing_since=failing_since,
            reason=reason,
            url=url,
            webhook_id=webhook_id,
        )


        webhook_disabled_event_data.additional_properties = d
        return webhook_disabled_event_data

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

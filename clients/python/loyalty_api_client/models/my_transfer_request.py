from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.my_transfer_request_to_identity_type_1_type_0 import MyTransferRequestToIdentityType1Type0
  from ..models.recipient_identity import RecipientIdentity





T = TypeVar("T", bound="MyTransferRequest")



@_attrs_define
class MyTransferRequest:
    """ 
        Attributes:
            points (int): Available points to move (at least 1); pending and held points never move Example: 300.
            reason (None | str | Unset): A message kept with the transfer Example: Happy birthday.
            to_identity (MyTransferRequestToIdentityType1Type0 | None | RecipientIdentity | Unset): The receiver's card,
                phone, email or external id (phones in E.164, emails in any case)
            to_member_id (None | str | Unset): The receiving member; or name them by `to_identity` Example: cust-2002.
     """

    points: int
    reason: None | str | Unset = UNSET
    to_identity: MyTransferRequestToIdentityType1Type0 | None | RecipientIdentity | Unset = UNSET
    to_member_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.my_transfer_request_to_identity_type_1_type_0 import MyTransferRequestToIdentityType1Type0 # noqa: PLC0415
        from ..models.recipient_identity import RecipientIdentity # noqa: PLC0415
        points = self.points

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        to_identity: dict[str, Any] | None | Unset
        if isinstance(self.to_identity, Unset):
            to_identity = UNSET
        elif isinstance(self.to_identity, RecipientIdentity):
            to_identity = self.to_identity.to_dict()
        elif isinstance(self.to_identity, MyTransferRequestToIdentityType1Type0):
            to_identity = self.to_identity.to_dict()
        else:
            to_identity = self.to_identity

        to_member_id: None | str | Unset
        if isinstance(self.to_member_id, Unset):
            to_member_id = UNSET
        else:
            to_member_id = self.to_member_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "points": points,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason
        if to_identity is not UNSET:
            field_dict["to_identity"] = to_identity
        if to_member_id is not UNSET:
            field_dict["to_member_id"] = to_member_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.my_transfer_request_to_identity_type_1_type_0 import MyTransferRequestToIdentityType1Type0 # noqa: PLC0415
        from ..models.recipient_identity import RecipientIdentity # noqa: PLC0415
        d = dict(src_dict)
        points = d.pop("points")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_to_identity(data: object) -> MyTransferRequestToIdentityType1Type0 | None | RecipientIdentity | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                to_identity_type_0 = RecipientIdentity.from_dict(data)



                return to_identity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                to_identity_type_1_type_0 = MyTransferRequestToIdentityType1Type0.from_dict(data)



                return to_identity_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MyTransferRequestToIdentityType1Type0 | None | RecipientIdentity | Unset, data)

        to_identity = _parse_to_identity(d.pop("to_identity", UNSET))


        def _parse_to_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_member_id = _parse_to_member_id(d.pop("to_member_id", UNSET))


        my_transfer_request = cls(
            points=points,
            reason=reason,
            to_identity=to_identity,
            to_member_id=to_member_id,
        )

        return my_transfer_request


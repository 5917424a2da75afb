from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transfer_result_initiated_by import TransferResultInitiatedBy
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.balance import Balance
  from ..models.received_lot import ReceivedLot





T = TypeVar("T", bound="TransferResult")



@_attrs_define
class TransferResult:
    """ 
        Attributes:
            balance (Balance | Unset):
            created_at (datetime.datetime | Unset):
            from_member_id (str | Unset):  Example: cust-1001.
            id (int | Unset): The transfer's id Example: 41.
            initiated_by (TransferResultInitiatedBy | Unset): `member`: sent with a member token
            lots (list[ReceivedLot] | Unset): What the receiver got per expiry instant, soonest first
            points (int | Unset):  Example: 300.
            reason (None | str | Unset):  Example: Family account: gift to a daughter.
            to_member_id (None | str | Unset): null in a member's own transfer addressed by `to_identity`: the app learns no
                other member's id Example: cust-2002.
     """

    balance: Balance | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    from_member_id: str | Unset = UNSET
    id: int | Unset = UNSET
    initiated_by: TransferResultInitiatedBy | Unset = UNSET
    lots: list[ReceivedLot] | Unset = UNSET
    points: int | Unset = UNSET
    reason: None | str | Unset = UNSET
    to_member_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.balance import Balance # noqa: PLC0415
        from ..models.received_lot import ReceivedLot # noqa: PLC0415
        balance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.balance, Unset):
            balance = self.balance.to_dict()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        from_member_id = self.from_member_id

        id = self.id

        initiated_by: str | Unset = UNSET
        if not isinstance(self.initiated_by, Unset):
            initiated_by = self.initiated_by.value


        lots: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lots, Unset):
            lots = []
            for lots_item_data in self.lots:
                lots_item = lots_item_data.to_dict()
                lots.append(lots_item)



        points = self.points

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        to_member_id: None | str | Unset
        if isinstance(self.to_member_id, Unset):
            to_member_id = UNSET
        else:
            to_member_id = self.to_member_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if balance is not UNSET:
            field_dict["balance"] = balance
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if from_member_id is not UNSET:
            field_dict["from_member_id"] = from_member_id
        if id is not UNSET:
            field_dict["id"] = id
        if initiated_by is not UNSET:
            field_dict["initiated_by"] = initiated_by
        if lots is not UNSET:
            field_dict["lots"] = lots
        if points is not UNSET:
            field_dict["points"] = points
        if reason is not UNSET:
            field_dict["reason"] = reason
        if to_member_id is not UNSET:
            field_dict["to_member_id"] = to_member_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balance import Balance # noqa: PLC0415
        from ..models.received_lot import ReceivedLot # noqa: PLC0415
        d = dict(src_dict)
        _balance = d.pop("balance", UNSET)
        balance: Balance | Unset
        if isinstance(_balance,  Unset):
            balance = UNSET
        else:
            balance = Balance.from_dict(_balance)




        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        from_member_id = d.pop("from_member_id", UNSET)

        id = d.pop("id", UNSET)

        _initiated_by = d.pop("initiated_by", UNSET)
        initiated_by: TransferResultInitiatedBy | Unset
        if isinstance(_initiated_by,  Unset):
            initiated_by = UNSET
        else:
            initiated_by = TransferResultInitiatedBy(_initiated_by)




        _lots = d.pop("lots", UNSET)
        lots: list[ReceivedLot] | Unset = UNSET
        if _lots is not UNSET:
            lots = []
            for lots_item_data in _lots:
                lots_item = ReceivedLot.from_dict(lots_item_data)



                lots.append(lots_item)


        points = d.pop("points", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_to_member_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_member_id = _parse_to_member_id(d.pop("to_member_id", UNSET))


        transfer_result = cls(
            balance=balance,
            created_at=created_at,
            from_member_id=from_member_id,
            id=id,
            initiated_by=initiated_by,
            lots=lots,
            points=points,
            reason=reason,
            to_member_id=to_member_id,
        )

        return transfer_result


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.balance_next_expiry_type_0_type_0 import BalanceNextExpiryType0Type0
  from ..models.expiry import Expiry





T = TypeVar("T", bound="Balance")



@_attrs_define
class Balance:
    """ 
        Attributes:
            available (int | Unset): Spendable now (negative only while a debt is owed)
            expiring (list[Expiry] | Unset): Every future expiry instant, soonest first
            held (int | Unset): Reserved by active holds
            lifetime_earned (int | Unset):
            member_id (str | Unset):
            next_expiry (BalanceNextExpiryType0Type0 | Expiry | None | Unset):
            pending (int | Unset): Earned, not yet available (return window)
     """

    available: int | Unset = UNSET
    expiring: list[Expiry] | Unset = UNSET
    held: int | Unset = UNSET
    lifetime_earned: int | Unset = UNSET
    member_id: str | Unset = UNSET
    next_expiry: BalanceNextExpiryType0Type0 | Expiry | None | Unset = UNSET
    pending: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.balance_next_expiry_type_0_type_0 import BalanceNextExpiryType0Type0 # noqa: PLC0415
        from ..models.expiry import Expiry # noqa: PLC0415
        available = self.available

        expiring: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.expiring, Unset):
            expiring = []
            for expiring_item_data in self.expiring:
                expiring_item = expiring_item_data.to_dict()
                expiring.append(expiring_item)



        held = self.held

        lifetime_earned = self.lifetime_earned

        member_id = self.member_id

        next_expiry: dict[str, Any] | None | Unset
        if isinstance(self.next_expiry, Unset):
            next_expiry = UNSET
        elif isinstance(self.next_expiry, BalanceNextExpiryType0Type0):
            next_expiry = self.next_expiry.to_dict()
        elif isinstance(self.next_expiry, Expiry):
            next_expiry = self.next_expiry.to_dict()
        else:
            next_expiry = self.next_expiry

        pending = self.pending


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if available is not UNSET:
            field_dict["available"] = available
        if expiring is not UNSET:
            field_dict["expiring"] = expiring
        if held is not UNSET:
            field_dict["held"] = held
        if lifetime_earned is not UNSET:
            field_dict["lifetime_earned"] = lifetime_earned
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if next_expiry is not UNSET:
            field_dict["next_expiry"] = next_expiry
        if pending is not UNSET:
            field_dict["pending"] = pending

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.balance_next_expiry_type_0_type_0 import BalanceNextExpiryType0Type0 # noqa: PLC0415
        from ..models.expiry import Expiry # noqa: PLC0415
        d = dict(src_dict)
        available = d.pop("available", UNSET)

        _expiring = d.pop("expiring", UNSET)
        expiring: list[Expiry] | Unset = UNSET
        if _expiring is not UNSET:
            expiring = []
            for expiring_item_data in _expiring:
                expiring_item = Expiry.from_dict(expiring_item_data)



                expiring.append(expiring_item)


        held = d.pop("held", UNSET)

        lifetime_earned = d.pop("lifetime_earned", UNSET)

        member_id = d.pop("member_id", UNSET)

        def _parse_next_expiry(data: object) -> BalanceNextExpiryType0Type0 | Expiry | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_expiry_type_0_type_0 = BalanceNextExpiryType0Type0.from_dict(data)



                return next_expiry_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_expiry_type_1 = Expiry.from_dict(data)



                return next_expiry_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BalanceNextExpiryType0Type0 | Expiry | None | Unset, data)

        next_expiry = _parse_next_expiry(d.pop("next_expiry", UNSET))


        pending = d.pop("pending", UNSET)

        balance = cls(
            available=available,
            expiring=expiring,
            held=held,
            lifetime_earned=lifetime_earned,
            member_id=member_id,
            next_expiry=next_expiry,
            pending=pending,
        )

        return balance


from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.program_clawback import ProgramClawback
from ..models.program_mode import ProgramMode
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.earn_settings import EarnSettings
  from ..models.expiry_settings import ExpirySettings
  from ..models.limits_settings import LimitsSettings
  from ..models.program_currencies import ProgramCurrencies
  from ..models.redeem_settings import RedeemSettings
  from ..models.referral_settings import ReferralSettings
  from ..models.reward_settings import RewardSettings
  from ..models.tier import Tier
  from ..models.tier_policy import TierPolicy
  from ..models.transfer_settings import TransferSettings





T = TypeVar("T", bound="Program")



@_attrs_define
class Program:
    """ 
        Attributes:
            clawback (ProgramClawback | Unset):
            created_at (datetime.datetime | Unset):
            currencies (ProgramCurrencies | Unset): Other currencies orders and quotes may come in: ISO 4217 code -> the
                value of 1.00 of it in the program currency. Converted before any rule; the order keeps its rate. Example:
                {'EUR': '98.50', 'USD': '91.20'}.
            currency (str | Unset):  Example: RUB.
            earn (EarnSettings | Unset):
            expiry (ExpirySettings | Unset):
            hold_ttl_seconds (int | Unset):
            limits (LimitsSettings | Unset):
            mode (ProgramMode | Unset): `test`: a sandbox program with its own clock and a reset (docs/testing-your-
                integration.md) Example: live.
            name (str | Unset):
            pending_days (int | Unset):
            program_id (UUID | Unset):
            redeem (RedeemSettings | Unset):
            referral (ReferralSettings | Unset):
            rewards (RewardSettings | Unset):
            tier_policy (TierPolicy | Unset):
            tiers (list[Tier] | Unset):
            timezone (str | Unset):
            transfers (TransferSettings | Unset):
     """

    clawback: ProgramClawback | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    currencies: ProgramCurrencies | Unset = UNSET
    currency: str | Unset = UNSET
    earn: EarnSettings | Unset = UNSET
    expiry: ExpirySettings | Unset = UNSET
    hold_ttl_seconds: int | Unset = UNSET
    limits: LimitsSettings | Unset = UNSET
    mode: ProgramMode | Unset = UNSET
    name: str | Unset = UNSET
    pending_days: int | Unset = UNSET
    program_id: UUID | Unset = UNSET
    redeem: RedeemSettings | Unset = UNSET
    referral: ReferralSettings | Unset = UNSET
    rewards: RewardSettings | Unset = UNSET
    tier_policy: TierPolicy | Unset = UNSET
    tiers: list[Tier] | Unset = UNSET
    timezone: str | Unset = UNSET
    transfers: TransferSettings | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.earn_settings import EarnSettings # noqa: PLC0415
        from ..models.expiry_settings import ExpirySettings # noqa: PLC0415
        from ..models.limits_settings import LimitsSettings # noqa: PLC0415
        from ..models.program_currencies import ProgramCurrencies # noqa: PLC0415
        from ..models.redeem_settings import RedeemSettings # noqa: PLC0415
        from ..models.referral_settings import ReferralSettings # noqa: PLC0415
        from ..models.reward_settings import RewardSettings # noqa: PLC0415
        from ..models.tier import Tier # noqa: PLC0415
        from ..models.tier_policy import TierPolicy # noqa: PLC0415
        from ..models.transfer_settings import TransferSettings # noqa: PLC0415
        clawback: str | Unset = UNSET
        if not isinstance(self.clawback, Unset):
            clawback = self.clawback.value


        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        currencies: dict[str, Any] | Unset = UNSET
        if not isinstance(self.currencies, Unset):
            currencies = self.currencies.to_dict()

        currency = self.currency

        earn: dict[str, Any] | Unset = UNSET
        if not isinstance(self.earn, Unset):
            earn = self.earn.to_dict()

        expiry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.expiry, Unset):
            expiry = self.expiry.to_dict()

        hold_ttl_seconds = self.hold_ttl_seconds

        limits: dict[str, Any] | Unset = UNSET
        if not isinstance(self.limits, Unset):
            limits = self.limits.to_dict()

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value


        name = self.name

        pending_days = self.pending_days

        program_id: str | Unset = UNSET
        if not isinstance(self.program_id, Unset):
            program_id = str(self.program_id)

        redeem: dict[str, Any] | Unset = UNSET
        if not isinstance(self.redeem, Unset):
            redeem = self.redeem.to_dict()

        referral: dict[str, Any] | Unset = UNSET
        if not isinstance(self.referral, Unset):
            referral = self.referral.to_dict()

        rewards: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rewards, Unset):
            rewards = self.rewards.to_dict()

        tier_policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tier_policy, Unset):
            tier_policy = self.tier_policy.to_dict()

        tiers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tiers, Unset):
            tiers = []
            for tiers_item_data in self.tiers:
                tiers_item = tiers_item_data.to_dict()
                tiers.append(tiers_item)



        timezone = self.timezone

        transfers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.transfers, Unset):
            transfers = self.transfers.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if clawback is not UNSET:
            field_dict["clawback"] = clawback
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if currencies is not UNSET:
            field_dict["currencies"] = currencies
        if currency is not UNSET:
            field_dict["currency"] = currency
        if earn is not UNSET:
            field_dict["earn"] = earn
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if hold_ttl_seconds is not UNSET:
            field_dict["hold_ttl_seconds"] = hold_ttl_seconds
        if limits is not UNSET:
            field_dict["limits"] = limits
        if mode is not UNSET:
            field_dict["mode"] = mode
        if name is not UNSET:
            field_dict["name"] = name
        if pending_days is not UNSET:
            field_dict["pending_days"] = pending_days
        if program_id is not UNSET:
            field_dict["program_id"] = program_id
        if redeem is not UNSET:
            field_dict["redeem"] = redeem
        if referral is not UNSET:
            field_dict["referral"] = referral
        if rewards is not UNSET:
            field_dict["rewards"] = rewards
        if tier_policy is not UNSET:
            field_dict["tier_policy"] = tier_policy
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if transfers is not UNSET:
            field_dict["transfers"] = transfers

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.earn_settings import EarnSettings # noqa: PLC0415
        from ..models.expiry_settings import ExpirySettings # noqa: PLC0415
        from ..models.limits_settings import LimitsSettings # noqa: PLC0415
        from ..models.program_currencies import ProgramCurrencies # noqa: PLC0415
        from ..models.redeem_settings import RedeemSettings # noqa: PLC0415
        from ..models.referral_settings import ReferralSettings # noqa: PLC0415
        from ..models.reward_settings import RewardSettings # noqa: PLC0415
        from ..models.tier import Tier # noqa: PLC0415
        from ..models.tier_policy import TierPolicy # noqa: PLC0415
        from ..models.transfer_settings import TransferSettings # noqa: PLC0415
        d = dict(src_dict)
        _clawback = d.pop("clawback", UNSET)
        clawback: ProgramClawback | Unset
        if isinstance(_clawback,  Unset):
            clawback = UNSET
        else:
            clawback = ProgramClawback(_clawback)




        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at,  Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)




        _currencies = d.pop("currencies", UNSET)
        currencies: ProgramCurrencies | Unset
        if isinstance(_currencies,  Unset):
            currencies = UNSET
        else:
            currencies = ProgramCurrencies.from_dict(_currencies)




        currency = d.pop("currency", UNSET)

        _earn = d.pop("earn", UNSET)
        earn: EarnSettings | Unset
        if isinstance(_earn,  Unset):
            earn = UNSET
        else:
            earn = EarnSettings.from_dict(_earn)




        _expiry = d.pop("expiry", UNSET)
        expiry: ExpirySettings | Unset
        if isinstance(_expiry,  Unset):
            expiry = UNSET
        else:
            expiry = ExpirySettings.from_dict(_expiry)




        hold_ttl_seconds = d.pop("hold_ttl_seconds", UNSET)

        _limits = d.pop("limits", UNSET)
        limits: LimitsSettings | Unset
        if isinstance(_limits,  Unset):
            limits = UNSET
        else:
            limits = LimitsSettings.from_dict(_limits)




        _mode = d.pop("mode", UNSET)
        mode: ProgramMode | Unset
        if isinstance(_mode,  Unset):
            mode = UNSET
        else:
            mode = ProgramMode(_mode)




        name = d.pop("name", UNSET)

        pending_days = d.pop("pending_days", UNSET)

        _program_id = d.pop("program_id", UNSET)
        program_id: UUID | Unset
        if isinstance(_program_id,  Unset):
            program_id = UNSET
        else:
            program_id = UUID(_program_id)




        _redeem = d.pop("redeem", UNSET)
        redeem: RedeemSettings | Unset
        if isinstance(_redeem,  Unset):
            redeem = UNSET
        else:
            redeem = RedeemSettings.from_dict(_redeem)




        _referral = d.pop("referral", UNSET)
        referral: ReferralSettings | Unset
        if isinstance(_referral,  Unset):
            referral = UNSET
        else:
            referral = ReferralSettings.from_dict(_referral)




        _rewards = d.pop("rewards", UNSET)
        rewards: RewardSettings | Unset
        if isinstance(_rewards,  Unset):
            rewards = UNSET
        else:
            rewards = RewardSettings.from_dict(_rewards)




        _tier_policy = d.pop("tier_policy", UNSET)
        tier_policy: TierPolicy | Unset
        if isinstance(_tier_policy,  Unset):
            tier_policy = UNSET
        else:
            tier_policy = TierPolicy.from_dict(_tier_policy)




        _tiers = d.pop("tiers", UNSET)
        tiers: list[Tier] | Unset = UNSET
        if _tiers is not UNSET:
            tiers = []
            for tiers_item_data in _tiers:
                tiers_item = Tier.from_dict(tiers_item_data)



                tiers.append(tiers_item)


        timezone = d.pop("timezone", UNSET)

        _transfers = d.pop("transfers", UNSET)
        transfers: TransferSettings | Unset
        if isinstance(_transfers,  Unset):
            transfers = UNSET
        else:
            transfers = TransferSettings.from_dict(_transfers)




        program = cls(
            clawback=clawback,
            created_at=created_at,
            currencies=currencies,
            currency=currency,
            earn=earn,
            expiry=expiry,
            hold_ttl_seconds=hold_ttl_seconds,
            limits=limits,
            mode=mode,
            name=name,
            pending_days=pending_days,
            program_id=program_id,
            redeem=redeem,
            referral=referral,
            rewards=rewards,
            tier_policy=tier_policy,
            tiers=tiers,
            timezone=timezone,
            transfers=transfers,
        )

        return program


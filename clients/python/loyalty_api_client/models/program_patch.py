from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.program_patch_clawback_type_1 import ProgramPatchClawbackType1
from ..models.program_patch_clawback_type_2_type_1 import ProgramPatchClawbackType2Type1
from ..models.program_patch_clawback_type_3_type_1 import ProgramPatchClawbackType3Type1
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.earn_settings import EarnSettings
  from ..models.expiry_settings import ExpirySettings
  from ..models.limits_settings import LimitsSettings
  from ..models.program_patch_currencies_type_0 import ProgramPatchCurrenciesType0
  from ..models.program_patch_earn_type_1_type_0 import ProgramPatchEarnType1Type0
  from ..models.program_patch_earn_type_2_type_1_type_0 import ProgramPatchEarnType2Type1Type0
  from ..models.program_patch_earn_type_3_type_1_type_0 import ProgramPatchEarnType3Type1Type0
  from ..models.program_patch_expiry_type_1_type_0 import ProgramPatchExpiryType1Type0
  from ..models.program_patch_expiry_type_2_type_1_type_0 import ProgramPatchExpiryType2Type1Type0
  from ..models.program_patch_expiry_type_3_type_1_type_0 import ProgramPatchExpiryType3Type1Type0
  from ..models.program_patch_limits_type_1_type_0 import ProgramPatchLimitsType1Type0
  from ..models.program_patch_limits_type_2_type_1_type_0 import ProgramPatchLimitsType2Type1Type0
  from ..models.program_patch_limits_type_3_type_1_type_0 import ProgramPatchLimitsType3Type1Type0
  from ..models.program_patch_redeem_type_1_type_0 import ProgramPatchRedeemType1Type0
  from ..models.program_patch_redeem_type_2_type_1_type_0 import ProgramPatchRedeemType2Type1Type0
  from ..models.program_patch_redeem_type_3_type_1_type_0 import ProgramPatchRedeemType3Type1Type0
  from ..models.program_patch_referral_type_1_type_0 import ProgramPatchReferralType1Type0
  from ..models.program_patch_referral_type_2_type_1_type_0 import ProgramPatchReferralType2Type1Type0
  from ..models.program_patch_referral_type_3_type_1_type_0 import ProgramPatchReferralType3Type1Type0
  from ..models.program_patch_rewards_type_1_type_0 import ProgramPatchRewardsType1Type0
  from ..models.program_patch_rewards_type_2_type_1_type_0 import ProgramPatchRewardsType2Type1Type0
  from ..models.program_patch_rewards_type_3_type_1_type_0 import ProgramPatchRewardsType3Type1Type0
  from ..models.program_patch_tier_policy_type_1_type_0 import ProgramPatchTierPolicyType1Type0
  from ..models.program_patch_tier_policy_type_2_type_1_type_0 import ProgramPatchTierPolicyType2Type1Type0
  from ..models.program_patch_tier_policy_type_3_type_1_type_0 import ProgramPatchTierPolicyType3Type1Type0
  from ..models.program_patch_transfers_type_1_type_0 import ProgramPatchTransfersType1Type0
  from ..models.program_patch_transfers_type_2_type_1_type_0 import ProgramPatchTransfersType2Type1Type0
  from ..models.program_patch_transfers_type_3_type_1_type_0 import ProgramPatchTransfersType3Type1Type0
  from ..models.redeem_settings import RedeemSettings
  from ..models.referral_settings import ReferralSettings
  from ..models.reward_settings import RewardSettings
  from ..models.tier import Tier
  from ..models.tier_policy import TierPolicy
  from ..models.transfer_settings import TransferSettings





T = TypeVar("T", bound="ProgramPatch")



@_attrs_define
class ProgramPatch:
    """ 
        Attributes:
            clawback (None | ProgramPatchClawbackType1 | ProgramPatchClawbackType2Type1 | ProgramPatchClawbackType3Type1 |
                Unset):
            currencies (None | ProgramPatchCurrenciesType0 | Unset): Other currencies orders and quotes may come in: ISO
                4217 code -> the value of 1.00 of it in the program currency. Converted before any rule; the order keeps its
                rate. A null rate removes that currency. Example: {'EUR': '98.50', 'USD': '91.20'}.
            currency (str | Unset): Fixed at creation: only the current value is accepted Example: RUB.
            earn (EarnSettings | None | ProgramPatchEarnType1Type0 | ProgramPatchEarnType2Type1Type0 |
                ProgramPatchEarnType3Type1Type0 | Unset):
            expiry (ExpirySettings | None | ProgramPatchExpiryType1Type0 | ProgramPatchExpiryType2Type1Type0 |
                ProgramPatchExpiryType3Type1Type0 | Unset):
            hold_ttl_seconds (int | None | Unset):
            limits (LimitsSettings | None | ProgramPatchLimitsType1Type0 | ProgramPatchLimitsType2Type1Type0 |
                ProgramPatchLimitsType3Type1Type0 | Unset):
            name (str | Unset):
            pending_days (int | None | Unset):
            redeem (None | ProgramPatchRedeemType1Type0 | ProgramPatchRedeemType2Type1Type0 |
                ProgramPatchRedeemType3Type1Type0 | RedeemSettings | Unset):
            referral (None | ProgramPatchReferralType1Type0 | ProgramPatchReferralType2Type1Type0 |
                ProgramPatchReferralType3Type1Type0 | ReferralSettings | Unset):
            rewards (None | ProgramPatchRewardsType1Type0 | ProgramPatchRewardsType2Type1Type0 |
                ProgramPatchRewardsType3Type1Type0 | RewardSettings | Unset):
            tier_policy (None | ProgramPatchTierPolicyType1Type0 | ProgramPatchTierPolicyType2Type1Type0 |
                ProgramPatchTierPolicyType3Type1Type0 | TierPolicy | Unset):
            tiers (list[Tier] | None | Unset):
            timezone (None | str | Unset): An IANA time zone Example: Europe/Moscow.
            transfers (None | ProgramPatchTransfersType1Type0 | ProgramPatchTransfersType2Type1Type0 |
                ProgramPatchTransfersType3Type1Type0 | TransferSettings | Unset):
     """

    clawback: None | ProgramPatchClawbackType1 | ProgramPatchClawbackType2Type1 | ProgramPatchClawbackType3Type1 | Unset = UNSET
    currencies: None | ProgramPatchCurrenciesType0 | Unset = UNSET
    currency: str | Unset = UNSET
    earn: EarnSettings | None | ProgramPatchEarnType1Type0 | ProgramPatchEarnType2Type1Type0 | ProgramPatchEarnType3Type1Type0 | Unset = UNSET
    expiry: ExpirySettings | None | ProgramPatchExpiryType1Type0 | ProgramPatchExpiryType2Type1Type0 | ProgramPatchExpiryType3Type1Type0 | Unset = UNSET
    hold_ttl_seconds: int | None | Unset = UNSET
    limits: LimitsSettings | None | ProgramPatchLimitsType1Type0 | ProgramPatchLimitsType2Type1Type0 | ProgramPatchLimitsType3Type1Type0 | Unset = UNSET
    name: str | Unset = UNSET
    pending_days: int | None | Unset = UNSET
    redeem: None | ProgramPatchRedeemType1Type0 | ProgramPatchRedeemType2Type1Type0 | ProgramPatchRedeemType3Type1Type0 | RedeemSettings | Unset = UNSET
    referral: None | ProgramPatchReferralType1Type0 | ProgramPatchReferralType2Type1Type0 | ProgramPatchReferralType3Type1Type0 | ReferralSettings | Unset = UNSET
    rewards: None | ProgramPatchRewardsType1Type0 | ProgramPatchRewardsType2Type1Type0 | ProgramPatchRewardsType3Type1Type0 | RewardSettings | Unset = UNSET
    tier_policy: None | ProgramPatchTierPolicyType1Type0 | ProgramPatchTierPolicyType2Type1Type0 | ProgramPatchTierPolicyType3Type1Type0 | TierPolicy | Unset = UNSET
    tiers: list[Tier] | None | Unset = UNSET
    timezone: None | str | Unset = UNSET
    transfers: None | ProgramPatchTransfersType1Type0 | ProgramPatchTransfersType2Type1Type0 | ProgramPatchTransfersType3Type1Type0 | TransferSettings | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.earn_settings import EarnSettings # noqa: PLC0415
        from ..models.expiry_settings import ExpirySettings # noqa: PLC0415
        from ..models.limits_settings import LimitsSettings # noqa: PLC0415
        from ..models.program_patch_currencies_type_0 import ProgramPatchCurrenciesType0 # noqa: PLC0415
        from ..models.program_patch_earn_type_1_type_0 import ProgramPatchEarnType1Type0 # noqa: PLC0415
        from ..models.program_patch_earn_type_2_type_1_type_0 import ProgramPatchEarnType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_earn_type_3_type_1_type_0 import ProgramPatchEarnType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_expiry_type_1_type_0 import ProgramPatchExpiryType1Type0 # noqa: PLC0415
        from ..models.program_patch_expiry_type_2_type_1_type_0 import ProgramPatchExpiryType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_expiry_type_3_type_1_type_0 import ProgramPatchExpiryType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_limits_type_1_type_0 import ProgramPatchLimitsType1Type0 # noqa: PLC0415
        from ..models.program_patch_limits_type_2_type_1_type_0 import ProgramPatchLimitsType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_limits_type_3_type_1_type_0 import ProgramPatchLimitsType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_redeem_type_1_type_0 import ProgramPatchRedeemType1Type0 # noqa: PLC0415
        from ..models.program_patch_redeem_type_2_type_1_type_0 import ProgramPatchRedeemType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_redeem_type_3_type_1_type_0 import ProgramPatchRedeemType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_referral_type_1_type_0 import ProgramPatchReferralType1Type0 # noqa: PLC0415
        from ..models.program_patch_referral_type_2_type_1_type_0 import ProgramPatchReferralType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_referral_type_3_type_1_type_0 import ProgramPatchReferralType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_rewards_type_1_type_0 import ProgramPatchRewardsType1Type0 # noqa: PLC0415
        from ..models.program_patch_rewards_type_2_type_1_type_0 import ProgramPatchRewardsType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_rewards_type_3_type_1_type_0 import ProgramPatchRewardsType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_tier_policy_type_1_type_0 import ProgramPatchTierPolicyType1Type0 # noqa: PLC0415
        from ..models.program_patch_tier_policy_type_2_type_1_type_0 import ProgramPatchTierPolicyType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_tier_policy_type_3_type_1_type_0 import ProgramPatchTierPolicyType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_transfers_type_1_type_0 import ProgramPatchTransfersType1Type0 # noqa: PLC0415
        from ..models.program_patch_transfers_type_2_type_1_type_0 import ProgramPatchTransfersType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_transfers_type_3_type_1_type_0 import ProgramPatchTransfersType3Type1Type0 # noqa: PLC0415
        from ..models.redeem_settings import RedeemSettings # noqa: PLC0415
        from ..models.referral_settings import ReferralSettings # noqa: PLC0415
        from ..models.reward_settings import RewardSettings # noqa: PLC0415
        from ..models.tier import Tier # noqa: PLC0415
        from ..models.tier_policy import TierPolicy # noqa: PLC0415
        from ..models.transfer_settings import TransferSettings # noqa: PLC0415
        clawback: None | str | Unset
        if isinstance(self.clawback, Unset):
            clawback = UNSET
        elif isinstance(self.clawback, ProgramPatchClawbackType1):
            clawback = self.clawback.value
        elif isinstance(self.clawback, ProgramPatchClawbackType2Type1):
            clawback = self.clawback.value
        elif isinstance(self.clawback, ProgramPatchClawbackType3Type1):
            clawback = self.clawback.value
        else:
            clawback = self.clawback

        currencies: dict[str, Any] | None | Unset
        if isinstance(self.currencies, Unset):
            currencies = UNSET
        elif isinstance(self.currencies, ProgramPatchCurrenciesType0):
            currencies = self.currencies.to_dict()
        else:
            currencies = self.currencies

        currency = self.currency

        earn: dict[str, Any] | None | Unset
        if isinstance(self.earn, Unset):
            earn = UNSET
        elif isinstance(self.earn, EarnSettings):
            earn = self.earn.to_dict()
        elif isinstance(self.earn, ProgramPatchEarnType1Type0):
            earn = self.earn.to_dict()
        elif isinstance(self.earn, ProgramPatchEarnType2Type1Type0):
            earn = self.earn.to_dict()
        elif isinstance(self.earn, ProgramPatchEarnType3Type1Type0):
            earn = self.earn.to_dict()
        else:
            earn = self.earn

        expiry: dict[str, Any] | None | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        elif isinstance(self.expiry, ExpirySettings):
            expiry = self.expiry.to_dict()
        elif isinstance(self.expiry, ProgramPatchExpiryType1Type0):
            expiry = self.expiry.to_dict()
        elif isinstance(self.expiry, ProgramPatchExpiryType2Type1Type0):
            expiry = self.expiry.to_dict()
        elif isinstance(self.expiry, ProgramPatchExpiryType3Type1Type0):
            expiry = self.expiry.to_dict()
        else:
            expiry = self.expiry

        hold_ttl_seconds: int | None | Unset
        if isinstance(self.hold_ttl_seconds, Unset):
            hold_ttl_seconds = UNSET
        else:
            hold_ttl_seconds = self.hold_ttl_seconds

        limits: dict[str, Any] | None | Unset
        if isinstance(self.limits, Unset):
            limits = UNSET
        elif isinstance(self.limits, LimitsSettings):
            limits = self.limits.to_dict()
        elif isinstance(self.limits, ProgramPatchLimitsType1Type0):
            limits = self.limits.to_dict()
        elif isinstance(self.limits, ProgramPatchLimitsType2Type1Type0):
            limits = self.limits.to_dict()
        elif isinstance(self.limits, ProgramPatchLimitsType3Type1Type0):
            limits = self.limits.to_dict()
        else:
            limits = self.limits

        name = self.name

        pending_days: int | None | Unset
        if isinstance(self.pending_days, Unset):
            pending_days = UNSET
        else:
            pending_days = self.pending_days

        redeem: dict[str, Any] | None | Unset
        if isinstance(self.redeem, Unset):
            redeem = UNSET
        elif isinstance(self.redeem, RedeemSettings):
            redeem = self.redeem.to_dict()
        elif isinstance(self.redeem, ProgramPatchRedeemType1Type0):
            redeem = self.redeem.to_dict()
        elif isinstance(self.redeem, ProgramPatchRedeemType2Type1Type0):
            redeem = self.redeem.to_dict()
        elif isinstance(self.redeem, ProgramPatchRedeemType3Type1Type0):
            redeem = self.redeem.to_dict()
        else:
            redeem = self.redeem

        referral: dict[str, Any] | None | Unset
        if isinstance(self.referral, Unset):
            referral = UNSET
        elif isinstance(self.referral, ReferralSettings):
            referral = self.referral.to_dict()
        elif isinstance(self.referral, ProgramPatchReferralType1Type0):
            referral = self.referral.to_dict()
        elif isinstance(self.referral, ProgramPatchReferralType2Type1Type0):
            referral = self.referral.to_dict()
        elif isinstance(self.referral, ProgramPatchReferralType3Type1Type0):
            referral = self.referral.to_dict()
        else:
            referral = self.referral

        rewards: dict[str, Any] | None | Unset
        if isinstance(self.rewards, Unset):
            rewards = UNSET
        elif isinstance(self.rewards, RewardSettings):
            rewards = self.rewards.to_dict()
        elif isinstance(self.rewards, ProgramPatchRewardsType1Type0):
            rewards = self.rewards.to_dict()
        elif isinstance(self.rewards, ProgramPatchRewardsType2Type1Type0):
            rewards = self.rewards.to_dict()
        elif isinstance(self.rewards, ProgramPatchRewardsType3Type1Type0):
            rewards = self.rewards.to_dict()
        else:
            rewards = self.rewards

        tier_policy: dict[str, Any] | None | Unset
        if isinstance(self.tier_policy, Unset):
            tier_policy = UNSET
        elif isinstance(self.tier_policy, TierPolicy):
            tier_policy = self.tier_policy.to_dict()
        elif isinstance(self.tier_policy, ProgramPatchTierPolicyType1Type0):
            tier_policy = self.tier_policy.to_dict()
        elif isinstance(self.tier_policy, ProgramPatchTierPolicyType2Type1Type0):
            tier_policy = self.tier_policy.to_dict()
        elif isinstance(self.tier_policy, ProgramPatchTierPolicyType3Type1Type0):
            tier_policy = self.tier_policy.to_dict()
        else:
            tier_policy = self.tier_policy

        tiers: list[dict[str, Any]] | None | Unset
        if isinstance(self.tiers, Unset):
            tiers = UNSET
        elif isinstance(self.tiers, list):
            tiers = []
            for tiers_type_0_item_data in self.tiers:
                tiers_type_0_item = tiers_type_0_item_data.to_dict()
                tiers.append(tiers_type_0_item)


        else:
            tiers = self.tiers

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        transfers: dict[str, Any] | None | Unset
        if isinstance(self.transfers, Unset):
            transfers = UNSET
        elif isinstance(self.transfers, TransferSettings):
            transfers = self.transfers.to_dict()
        elif isinstance(self.transfers, ProgramPatchTransfersType1Type0):
            transfers = self.transfers.to_dict()
        elif isinstance(self.transfers, ProgramPatchTransfersType2Type1Type0):
            transfers = self.transfers.to_dict()
        elif isinstance(self.transfers, ProgramPatchTransfersType3Type1Type0):
            transfers = self.transfers.to_dict()
        else:
            transfers = self.transfers


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if clawback is not UNSET:
            field_dict["clawback"] = clawback
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
        if name is not UNSET:
            field_dict["name"] = name
        if pending_days is not UNSET:
            field_dict["pending_days"] = pending_days
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
        from ..models.program_patch_currencies_type_0 import ProgramPatchCurrenciesType0 # noqa: PLC0415
        from ..models.program_patch_earn_type_1_type_0 import ProgramPatchEarnType1Type0 # noqa: PLC0415
        from ..models.program_patch_earn_type_2_type_1_type_0 import ProgramPatchEarnType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_earn_type_3_type_1_type_0 import ProgramPatchEarnType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_expiry_type_1_type_0 import ProgramPatchExpiryType1Type0 # noqa: PLC0415
        from ..models.program_patch_expiry_type_2_type_1_type_0 import ProgramPatchExpiryType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_expiry_type_3_type_1_type_0 import ProgramPatchExpiryType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_limits_type_1_type_0 import ProgramPatchLimitsType1Type0 # noqa: PLC0415
        from ..models.program_patch_limits_type_2_type_1_type_0 import ProgramPatchLimitsType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_limits_type_3_type_1_type_0 import ProgramPatchLimitsType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_redeem_type_1_type_0 import ProgramPatchRedeemType1Type0 # noqa: PLC0415
        from ..models.program_patch_redeem_type_2_type_1_type_0 import ProgramPatchRedeemType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_redeem_type_3_type_1_type_0 import ProgramPatchRedeemType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_referral_type_1_type_0 import ProgramPatchReferralType1Type0 # noqa: PLC0415
        from ..models.program_patch_referral_type_2_type_1_type_0 import ProgramPatchReferralType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_referral_type_3_type_1_type_0 import ProgramPatchReferralType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_rewards_type_1_type_0 import ProgramPatchRewardsType1Type0 # noqa: PLC0415
        from ..models.program_patch_rewards_type_2_type_1_type_0 import ProgramPatchRewardsType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_rewards_type_3_type_1_type_0 import ProgramPatchRewardsType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_tier_policy_type_1_type_0 import ProgramPatchTierPolicyType1Type0 # noqa: PLC0415
        from ..models.program_patch_tier_policy_type_2_type_1_type_0 import ProgramPatchTierPolicyType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_tier_policy_type_3_type_1_type_0 import ProgramPatchTierPolicyType3Type1Type0 # noqa: PLC0415
        from ..models.program_patch_transfers_type_1_type_0 import ProgramPatchTransfersType1Type0 # noqa: PLC0415
        from ..models.program_patch_transfers_type_2_type_1_type_0 import ProgramPatchTransfersType2Type1Type0 # noqa: PLC0415
        from ..models.program_patch_transfers_type_3_type_1_type_0 import ProgramPatchTransfersType3Type1Type0 # noqa: PLC0415
        from ..models.redeem_settings import RedeemSettings # noqa: PLC0415
        from ..models.referral_settings import ReferralSettings # noqa: PLC0415
        from ..models.reward_settings import RewardSettings # noqa: PLC0415
        from ..models.tier import Tier # noqa: PLC0415
        from ..models.tier_policy import TierPolicy # noqa: PLC0415
        from ..models.transfer_settings import TransferSettings # noqa: PLC0415
        d = dict(src_dict)
        def _parse_clawback(data: object) -> None | ProgramPatchClawbackType1 | ProgramPatchClawbackType2Type1 | ProgramPatchClawbackType3Type1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clawback_type_1 = ProgramPatchClawbackType1(data)



                return clawback_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clawback_type_2_type_1 = ProgramPatchClawbackType2Type1(data)



                return clawback_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clawback_type_3_type_1 = ProgramPatchClawbackType3Type1(data)



                return clawback_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramPatchClawbackType1 | ProgramPatchClawbackType2Type1 | ProgramPatchClawbackType3Type1 | Unset, data)

        clawback = _parse_clawback(d.pop("clawback", UNSET))


        def _parse_currencies(data: object) -> None | ProgramPatchCurrenciesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                currencies_type_0 = ProgramPatchCurrenciesType0.from_dict(data)



                return currencies_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramPatchCurrenciesType0 | Unset, data)

        currencies = _parse_currencies(d.pop("currencies", UNSET))


        currency = d.pop("currency", UNSET)

        def _parse_earn(data: object) -> EarnSettings | None | ProgramPatchEarnType1Type0 | ProgramPatchEarnType2Type1Type0 | ProgramPatchEarnType3Type1Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                earn_type_0 = EarnSettings.from_dict(data)



                return earn_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                earn_type_1_type_0 = ProgramPatchEarnType1Type0.from_dict(data)



                return earn_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                earn_type_2_type_1_type_0 = ProgramPatchEarnType2Type1Type0.from_dict(data)



                return earn_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                earn_type_3_type_1_type_0 = ProgramPatchEarnType3Type1Type0.from_dict(data)



                return earn_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EarnSettings | None | ProgramPatchEarnType1Type0 | ProgramPatchEarnType2Type1Type0 | ProgramPatchEarnType3Type1Type0 | Unset, data)

        earn = _parse_earn(d.pop("earn", UNSET))


        def _parse_expiry(data: object) -> ExpirySettings | None | ProgramPatchExpiryType1Type0 | ProgramPatchExpiryType2Type1Type0 | ProgramPatchExpiryType3Type1Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                expiry_type_0 = ExpirySettings.from_dict(data)



                return expiry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                expiry_type_1_type_0 = ProgramPatchExpiryType1Type0.from_dict(data)



                return expiry_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                expiry_type_2_type_1_type_0 = ProgramPatchExpiryType2Type1Type0.from_dict(data)



                return expiry_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                expiry_type_3_type_1_type_0 = ProgramPatchExpiryType3Type1Type0.from_dict(data)



                return expiry_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExpirySettings | None | ProgramPatchExpiryType1Type0 | ProgramPatchExpiryType2Type1Type0 | ProgramPatchExpiryType3Type1Type0 | Unset, data)

        expiry = _parse_expiry(d.pop("expiry", UNSET))


        def _parse_hold_ttl_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        hold_ttl_seconds = _parse_hold_ttl_seconds(d.pop("hold_ttl_seconds", UNSET))


        def _parse_limits(data: object) -> LimitsSettings | None | ProgramPatchLimitsType1Type0 | ProgramPatchLimitsType2Type1Type0 | ProgramPatchLimitsType3Type1Type0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_0 = LimitsSettings.from_dict(data)



                return limits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_1_type_0 = ProgramPatchLimitsType1Type0.from_dict(data)



                return limits_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_2_type_1_type_0 = ProgramPatchLimitsType2Type1Type0.from_dict(data)



                return limits_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_3_type_1_type_0 = ProgramPatchLimitsType3Type1Type0.from_dict(data)



                return limits_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LimitsSettings | None | ProgramPatchLimitsType1Type0 | ProgramPatchLimitsType2Type1Type0 | ProgramPatchLimitsType3Type1Type0 | Unset, data)

        limits = _parse_limits(d.pop("limits", UNSET))


        name = d.pop("name", UNSET)

        def _parse_pending_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pending_days = _parse_pending_days(d.pop("pending_days", UNSET))


        def _parse_redeem(data: object) -> None | ProgramPatchRedeemType1Type0 | ProgramPatchRedeemType2Type1Type0 | ProgramPatchRedeemType3Type1Type0 | RedeemSettings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                redeem_type_0 = RedeemSettings.from_dict(data)



                return redeem_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                redeem_type_1_type_0 = ProgramPatchRedeemType1Type0.from_dict(data)



                return redeem_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                redeem_type_2_type_1_type_0 = ProgramPatchRedeemType2Type1Type0.from_dict(data)



                return redeem_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                redeem_type_3_type_1_type_0 = ProgramPatchRedeemType3Type1Type0.from_dict(data)



                return redeem_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramPatchRedeemType1Type0 | ProgramPatchRedeemType2Type1Type0 | ProgramPatchRedeemType3Type1Type0 | RedeemSettings | Unset, data)

        redeem = _parse_redeem(d.pop("redeem", UNSET))


        def _parse_referral(data: object) -> None | ProgramPatchReferralType1Type0 | ProgramPatchReferralType2Type1Type0 | ProgramPatchReferralType3Type1Type0 | ReferralSettings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                referral_type_0 = ReferralSettings.from_dict(data)



                return referral_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                referral_type_1_type_0 = ProgramPatchReferralType1Type0.from_dict(data)



                return referral_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                referral_type_2_type_1_type_0 = ProgramPatchReferralType2Type1Type0.from_dict(data)



                return referral_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                referral_type_3_type_1_type_0 = ProgramPatchReferralType3Type1Type0.from_dict(data)



                return referral_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramPatchReferralType1Type0 | ProgramPatchReferralType2Type1Type0 | ProgramPatchReferralType3Type1Type0 | ReferralSettings | Unset, data)

        referral = _parse_referral(d.pop("referral", UNSET))


        def _parse_rewards(data: object) -> None | ProgramPatchRewardsType1Type0 | ProgramPatchRewardsType2Type1Type0 | ProgramPatchRewardsType3Type1Type0 | RewardSettings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rewards_type_0 = RewardSettings.from_dict(data)



                return rewards_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rewards_type_1_type_0 = ProgramPatchRewardsType1Type0.from_dict(data)



                return rewards_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rewards_type_2_type_1_type_0 = ProgramPatchRewardsType2Type1Type0.from_dict(data)



                return rewards_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rewards_type_3_type_1_type_0 = ProgramPatchRewardsType3Type1Type0.from_dict(data)



                return rewards_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramPatchRewardsType1Type0 | ProgramPatchRewardsType2Type1Type0 | ProgramPatchRewardsType3Type1Type0 | RewardSettings | Unset, data)

        rewards = _parse_rewards(d.pop("rewards", UNSET))


        def _parse_tier_policy(data: object) -> None | ProgramPatchTierPolicyType1Type0 | ProgramPatchTierPolicyType2Type1Type0 | ProgramPatchTierPolicyType3Type1Type0 | TierPolicy | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_policy_type_0 = TierPolicy.from_dict(data)



                return tier_policy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_policy_type_1_type_0 = ProgramPatchTierPolicyType1Type0.from_dict(data)



                return tier_policy_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_policy_type_2_type_1_type_0 = ProgramPatchTierPolicyType2Type1Type0.from_dict(data)



                return tier_policy_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_policy_type_3_type_1_type_0 = ProgramPatchTierPolicyType3Type1Type0.from_dict(data)



                return tier_policy_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramPatchTierPolicyType1Type0 | ProgramPatchTierPolicyType2Type1Type0 | ProgramPatchTierPolicyType3Type1Type0 | TierPolicy | Unset, data)

        tier_policy = _parse_tier_policy(d.pop("tier_policy", UNSET))


        def _parse_tiers(data: object) -> list[Tier] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tiers_type_0 = []
                _tiers_type_0 = data
                for tiers_type_0_item_data in (_tiers_type_0):
                    tiers_type_0_item = Tier.from_dict(tiers_type_0_item_data)



                    tiers_type_0.append(tiers_type_0_item)

                return tiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Tier] | None | Unset, data)

        tiers = _parse_tiers(d.pop("tiers", UNSET))


        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        def _parse_transfers(data: object) -> None | ProgramPatchTransfersType1Type0 | ProgramPatchTransfersType2Type1Type0 | ProgramPatchTransfersType3Type1Type0 | TransferSettings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transfers_type_0 = TransferSettings.from_dict(data)



                return transfers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transfers_type_1_type_0 = ProgramPatchTransfersType1Type0.from_dict(data)



                return transfers_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transfers_type_2_type_1_type_0 = ProgramPatchTransfersType2Type1Type0.from_dict(data)



                return transfers_type_2_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transfers_type_3_type_1_type_0 = ProgramPatchTransfersType3Type1Type0.from_dict(data)



                return transfers_type_3_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramPatchTransfersType1Type0 | ProgramPatchTransfersType2Type1Type0 | ProgramPatchTransfersType3Type1Type0 | TransferSettings | Unset, data)

        transfers = _parse_transfers(d.pop("transfers", UNSET))


        program_patch = cls(
            clawback=clawback,
            currencies=currencies,
            currency=currency,
            earn=earn,
            expiry=expiry,
            hold_ttl_seconds=hold_ttl_seconds,
            limits=limits,
            name=name,
            pending_days=pending_days,
            redeem=redeem,
            referral=referral,
            rewards=rewards,
            tier_policy=tier_policy,
            tiers=tiers,
            timezone=timezone,
            transfers=transfers,
        )

        return program_patch


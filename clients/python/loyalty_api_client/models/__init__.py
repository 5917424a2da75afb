""" Contains all the data models used in inputs/outputs """

from .adjustment import Adjustment
from .audit_entry import AuditEntry
from .audit_entry_changes import AuditEntryChanges
from .audit_entry_changes_additional_property import AuditEntryChangesAdditionalProperty
from .audit_page import AuditPage
from .audit_target import AuditTarget
from .audit_target_type import AuditTargetType
from .award import Award
from .balance import Balance
from .balance_next_expiry_type_0_type_0 import BalanceNextExpiryType0Type0
from .budget import Budget
from .budget_period import BudgetPeriod
from .cap import Cap
from .cap_period import CapPeriod
from .catalogue_item import CatalogueItem
from .chunk_answer import ChunkAnswer
from .client import Client
from .client_create import ClientCreate
from .client_create_scopes_item import ClientCreateScopesItem
from .clock import Clock
from .clock_mode import ClockMode
from .clock_move import ClockMove
from .counts import Counts
from .coupon import Coupon
from .coupon_expired_event import CouponExpiredEvent
from .coupon_expired_event_data import CouponExpiredEventData
from .coupon_expired_event_type import CouponExpiredEventType
from .coupon_order import CouponOrder
from .coupon_page import CouponPage
from .coupon_use import CouponUse
from .coupon_used_event import CouponUsedEvent
from .coupon_used_event_data import CouponUsedEventData
from .coupon_used_event_type import CouponUsedEventType
from .coupon_validation import CouponValidation
from .delivery import Delivery
from .delivery_page import DeliveryPage
from .earn_part import EarnPart
from .earn_part_source import EarnPartSource
from .earn_settings import EarnSettings
from .earn_settings_on import EarnSettingsOn
from .entry import Entry
from .entry_page import EntryPage
from .entry_type import EntryType
from .event_create import EventCreate
from .event_create_attributes import EventCreateAttributes
from .event_result import EventResult
from .expiry import Expiry
from .expiry_settings import ExpirySettings
from .expiry_settings_mode import ExpirySettingsMode
from .exported_event import ExportedEvent
from .exported_event_attributes import ExportedEventAttributes
from .exported_event_result import ExportedEventResult
from .exported_merge import ExportedMerge
from .exported_order import ExportedOrder
from .exported_order_lines_item import ExportedOrderLinesItem
from .exported_order_status import ExportedOrderStatus
from .exported_referral import ExportedReferral
from .exported_referral_role import ExportedReferralRole
from .exported_return import ExportedReturn
from .exported_return_lines_type_0_item import ExportedReturnLinesType0Item
from .get_referral_leaderboard_period import GetReferralLeaderboardPeriod
from .health import Health
from .hold import Hold
from .hold_create import HoldCreate
from .hold_expired_event import HoldExpiredEvent
from .hold_expired_event_data import HoldExpiredEventData
from .hold_expired_event_type import HoldExpiredEventType
from .hold_status import HoldStatus
from .identity import Identity
from .identity_create import IdentityCreate
from .identity_create_type import IdentityCreateType
from .identity_list import IdentityList
from .import_ import Import
from .import_completed_event import ImportCompletedEvent
from .import_completed_event_data import ImportCompletedEventData
from .import_completed_event_data_counts import ImportCompletedEventDataCounts
from .import_completed_event_type import ImportCompletedEventType
from .import_create import ImportCreate
from .import_create_kind import ImportCreateKind
from .import_line_error_page import ImportLineErrorPage
from .import_status import ImportStatus
from .ladder import Ladder
from .ladder_policy import LadderPolicy
from .ladder_policy_downgrade import LadderPolicyDowngrade
from .ladder_policy_metric import LadderPolicyMetric
from .ladder_tier import LadderTier
from .leaderboard import Leaderboard
from .leaderboard_entry import LeaderboardEntry
from .limits_settings import LimitsSettings
from .line import Line
from .line_error import LineError
from .list_audit_entries_action_type_1 import ListAuditEntriesActionType1
from .list_audit_entries_action_type_2_type_1 import ListAuditEntriesActionType2Type1
from .list_audit_entries_action_type_3_type_1 import ListAuditEntriesActionType3Type1
from .list_member_ledger_type_type_1 import ListMemberLedgerTypeType1
from .list_member_ledger_type_type_2_type_1 import ListMemberLedgerTypeType2Type1
from .list_member_ledger_type_type_3_type_1 import ListMemberLedgerTypeType3Type1
from .list_my_ledger_type_type_1 import ListMyLedgerTypeType1
from .list_my_ledger_type_type_2_type_1 import ListMyLedgerTypeType2Type1
from .list_my_ledger_type_type_3_type_1 import ListMyLedgerTypeType3Type1
from .list_webhook_deliveries_status_type_1 import ListWebhookDeliveriesStatusType1
from .list_webhook_deliveries_status_type_2_type_1 import ListWebhookDeliveriesStatusType2Type1
from .list_webhook_deliveries_status_type_3_type_1 import ListWebhookDeliveriesStatusType3Type1
from .member import Member
from .member_attributes import MemberAttributes
from .member_counts import MemberCounts
from .member_create import MemberCreate
from .member_create_attributes import MemberCreateAttributes
from .member_enrolled_event import MemberEnrolledEvent
from .member_enrolled_event_data import MemberEnrolledEventData
from .member_enrolled_event_type import MemberEnrolledEventType
from .member_merged_event import MemberMergedEvent
from .member_merged_event_data import MemberMergedEventData
from .member_merged_event_data_moved import MemberMergedEventDataMoved
from .member_merged_event_type import MemberMergedEventType
from .member_patch import MemberPatch
from .member_patch_attributes import MemberPatchAttributes
from .member_patch_status import MemberPatchStatus
from .member_tier import MemberTier
from .member_tier_next_tier_type_0_type_0 import MemberTierNextTierType0Type0
from .member_tier_tier_type_0_type_0 import MemberTierTierType0Type0
from .member_tier_vip_type_0_type_0 import MemberTierVipType0Type0
from .member_token import MemberToken
from .member_token_request import MemberTokenRequest
from .member_with_identities import MemberWithIdentities
from .member_with_identities_attributes import MemberWithIdentitiesAttributes
from .merge import Merge
from .merge_request import MergeRequest
from .moved import Moved
from .my_transfer_request import MyTransferRequest
from .my_transfer_request_to_identity_type_1_type_0 import MyTransferRequestToIdentityType1Type0
from .order import Order
from .order_content import OrderContent
from .order_create import OrderCreate
from .order_status import OrderStatus
from .outstanding import Outstanding
from .pagination_metadata import PaginationMetadata
from .point_flows import PointFlows
from .points_activated_event import PointsActivatedEvent
from .points_activated_event_data import PointsActivatedEventData
from .points_activated_event_type import PointsActivatedEventType
from .points_earned_event import PointsEarnedEvent
from .points_earned_event_data import PointsEarnedEventData
from .points_earned_event_data_breakdown_item import PointsEarnedEventDataBreakdownItem
from .points_earned_event_type import PointsEarnedEventType
from .points_expired_event import PointsExpiredEvent
from .points_expired_event_data import PointsExpiredEventData
from .points_expired_event_type import PointsExpiredEventType
from .points_expiring_event import PointsExpiringEvent
from .points_expiring_event_data import PointsExpiringEventData
from .points_expiring_event_type import PointsExpiringEventType
from .points_redeemed_event import PointsRedeemedEvent
from .points_redeemed_event_data import PointsRedeemedEventData
from .points_redeemed_event_type import PointsRedeemedEventType
from .points_reversed_event import PointsReversedEvent
from .points_reversed_event_data import PointsReversedEventData
from .points_reversed_event_type import PointsReversedEventType
from .points_transferred_event import PointsTransferredEvent
from .points_transferred_event_data import PointsTransferredEventData
from .points_transferred_event_data_lots_item import PointsTransferredEventDataLotsItem
from .points_transferred_event_type import PointsTransferredEventType
from .problem import Problem
from .problem_errors import ProblemErrors
from .program import Program
from .program_clawback import ProgramClawback
from .program_create import ProgramCreate
from .program_create_clawback import ProgramCreateClawback
from .program_create_currencies import ProgramCreateCurrencies
from .program_create_mode import ProgramCreateMode
from .program_currencies import ProgramCurrencies
from .program_mode import ProgramMode
from .program_patch import ProgramPatch
from .program_patch_clawback_type_1 import ProgramPatchClawbackType1
from .program_patch_clawback_type_2_type_1 import ProgramPatchClawbackType2Type1
from .program_patch_clawback_type_3_type_1 import ProgramPatchClawbackType3Type1
from .program_patch_currencies_type_0 import ProgramPatchCurrenciesType0
from .program_patch_earn_type_1_type_0 import ProgramPatchEarnType1Type0
from .program_patch_earn_type_2_type_1_type_0 import ProgramPatchEarnType2Type1Type0
from .program_patch_earn_type_3_type_1_type_0 import ProgramPatchEarnType3Type1Type0
from .program_patch_expiry_type_1_type_0 import ProgramPatchExpiryType1Type0
from .program_patch_expiry_type_2_type_1_type_0 import ProgramPatchExpiryType2Type1Type0
from .program_patch_expiry_type_3_type_1_type_0 import ProgramPatchExpiryType3Type1Type0
from .program_patch_limits_type_1_type_0 import ProgramPatchLimitsType1Type0
from .program_patch_limits_type_2_type_1_type_0 import ProgramPatchLimitsType2Type1Type0
from .program_patch_limits_type_3_type_1_type_0 import ProgramPatchLimitsType3Type1Type0
from .program_patch_redeem_type_1_type_0 import ProgramPatchRedeemType1Type0
from .program_patch_redeem_type_2_type_1_type_0 import ProgramPatchRedeemType2Type1Type0
from .program_patch_redeem_type_3_type_1_type_0 import ProgramPatchRedeemType3Type1Type0
from .program_patch_referral_type_1_type_0 import ProgramPatchReferralType1Type0
from .program_patch_referral_type_2_type_1_type_0 import ProgramPatchReferralType2Type1Type0
from .program_patch_referral_type_3_type_1_type_0 import ProgramPatchReferralType3Type1Type0
from .program_patch_rewards_type_1_type_0 import ProgramPatchRewardsType1Type0
from .program_patch_rewards_type_2_type_1_type_0 import ProgramPatchRewardsType2Type1Type0
from .program_patch_rewards_type_3_type_1_type_0 import ProgramPatchRewardsType3Type1Type0
from .program_patch_tier_policy_type_1_type_0 import ProgramPatchTierPolicyType1Type0
from .program_patch_tier_policy_type_2_type_1_type_0 import ProgramPatchTierPolicyType2Type1Type0
from .program_patch_tier_policy_type_3_type_1_type_0 import ProgramPatchTierPolicyType3Type1Type0
from .program_patch_transfers_type_1_type_0 import ProgramPatchTransfersType1Type0
from .program_patch_transfers_type_2_type_1_type_0 import ProgramPatchTransfersType2Type1Type0
from .program_patch_transfers_type_3_type_1_type_0 import ProgramPatchTransfersType3Type1Type0
from .quote import Quote
from .quote_request import QuoteRequest
from .received_lot import ReceivedLot
from .recipient_identity import RecipientIdentity
from .recipient_identity_type import RecipientIdentityType
from .redeem_quote import RedeemQuote
from .redeem_quote_reason_type_1 import RedeemQuoteReasonType1
from .redeem_quote_reason_type_2_type_1 import RedeemQuoteReasonType2Type1
from .redeem_quote_reason_type_3_type_1 import RedeemQuoteReasonType3Type1
from .redeem_settings import RedeemSettings
from .referral import Referral
from .referral_page import ReferralPage
from .referral_rewarded_event import ReferralRewardedEvent
from .referral_rewarded_event_data import ReferralRewardedEventData
from .referral_rewarded_event_type import ReferralRewardedEventType
from .referral_settings import ReferralSettings
from .reset import Reset
from .return_ import Return
from .return_create import ReturnCreate
from .return_line import ReturnLine
from .reward import Reward
from .reward_catalogue_page import RewardCataloguePage
from .reward_claimed_event import RewardClaimedEvent
from .reward_claimed_event_data import RewardClaimedEventData
from .reward_claimed_event_type import RewardClaimedEventType
from .reward_create import RewardCreate
from .reward_create_kind import RewardCreateKind
from .reward_page import RewardPage
from .reward_patch import RewardPatch
from .reward_patch_kind import RewardPatchKind
from .reward_settings import RewardSettings
from .rfm import Rfm
from .rfm_cell import RfmCell
from .rfm_segment import RfmSegment
from .rotate_secret import RotateSecret
from .rotated_secret import RotatedSecret
from .rule import Rule
from .rule_budget_type_0_type_0 import RuleBudgetType0Type0
from .rule_cap_type_0_type_0 import RuleCapType0Type0
from .rule_create import RuleCreate
from .rule_create_budget_type_1_type_0 import RuleCreateBudgetType1Type0
from .rule_create_cap_type_1_type_0 import RuleCreateCapType1Type0
from .rule_create_kind import RuleCreateKind
from .rule_page import RulePage
from .rule_patch import RulePatch
from .rule_patch_budget_type_1_type_0 import RulePatchBudgetType1Type0
from .rule_patch_cap_type_1_type_0 import RulePatchCapType1Type0
from .rule_patch_kind import RulePatchKind
from .segment_member import SegmentMember
from .segment_page import SegmentPage
from .skip import Skip
from .subject_access import SubjectAccess
from .summary import Summary
from .tier import Tier
from .tier_change import TierChange
from .tier_count import TierCount
from .tier_downgraded_event import TierDowngradedEvent
from .tier_downgraded_event_data import TierDowngradedEventData
from .tier_downgraded_event_type import TierDowngradedEventType
from .tier_history import TierHistory
from .tier_out import TierOut
from .tier_policy import TierPolicy
from .tier_policy_downgrade import TierPolicyDowngrade
from .tier_policy_metric import TierPolicyMetric
from .tier_upgraded_event import TierUpgradedEvent
from .tier_upgraded_event_data import TierUpgradedEventData
from .tier_upgraded_event_type import TierUpgradedEventType
from .token import Token
from .token_request import TokenRequest
from .transfer import Transfer
from .transfer_initiated_by import TransferInitiatedBy
from .transfer_page import TransferPage
from .transfer_request import TransferRequest
from .transfer_result import TransferResult
from .transfer_result_initiated_by import TransferResultInitiatedBy
from .transfer_settings import TransferSettings
from .vip import Vip
from .vip_grant import VipGrant
from .vip_granted_event import VipGrantedEvent
from .vip_granted_event_data import VipGrantedEventData
from .vip_granted_event_type import VipGrantedEventType
from .vip_revoked_event import VipRevokedEvent
from .vip_revoked_event_data import VipRevokedEventData
from .vip_revoked_event_type import VipRevokedEventType
from .webhook import Webhook
from .webhook_create import WebhookCreate
from .webhook_create_event_types_item import WebhookCreateEventTypesItem
from .webhook_created import WebhookCreated
from .webhook_disabled_event import WebhookDisabledEvent
from .webhook_disabled_event_data import WebhookDisabledEventData
from .webhook_disabled_event_type import WebhookDisabledEventType
from .webhook_event import WebhookEvent
from .webhook_event_data import WebhookEventData
from .webhook_event_type import WebhookEventType
from .webhook_page import WebhookPage

__all__ = (
    "Adjustment",
    "AuditEntry",
    "AuditEntryChanges",
    "AuditEntryChangesAdditionalProperty",
    "AuditPage",
    "AuditTarget",
    "AuditTargetType",
    "Award",
    "Balance",
    "BalanceNextExpiryType0Type0",
    "Budget",
    "BudgetPeriod",
    "Cap",
    "CapPeriod",
    "CatalogueItem",
    "ChunkAnswer",
    "Client",
    "ClientCreate",
    "ClientCreateScopesItem",
    "Clock",
    "ClockMode",
    "ClockMove",
    "Counts",
    "Coupon",
    "CouponExpiredEvent",
    "CouponExpiredEventData",
    "CouponExpiredEventType",
    "CouponOrder",
    "CouponPage",
    "CouponUse",
    "CouponUsedEvent",
    "CouponUsedEventData",
    "CouponUsedEventType",
    "CouponValidation",
    "Delivery",
    "DeliveryPage",
    "EarnPart",
    "EarnPartSource",
    "EarnSettings",
    "EarnSettingsOn",
    "Entry",
    "EntryPage",
    "EntryType",
    "EventCreate",
    "EventCreateAttributes",
    "EventResult",
    "Expiry",
    "ExpirySettings",
    "ExpirySettingsMode",
    "ExportedEvent",
    "ExportedEventAttributes",
    "ExportedEventResult",
    "ExportedMerge",
    "ExportedOrder",
    "ExportedOrderLinesItem",
    "ExportedOrderStatus",
    "ExportedReferral",
    "ExportedReferralRole",
    "ExportedReturn",
    "ExportedReturnLinesType0Item",
    "GetReferralLeaderboardPeriod",
    "Health",
    "Hold",
    "HoldCreate",
    "HoldExpiredEvent",
    "HoldExpiredEventData",
    "HoldExpiredEventType",
    "HoldStatus",
    "Identity",
    "IdentityCreate",
    "IdentityCreateType",
    "IdentityList",
    "Import",
    "ImportCompletedEvent",
    "ImportCompletedEventData",
    "ImportCompletedEventDataCounts",
    "ImportCompletedEventType",
    "ImportCreate",
    "ImportCreateKind",
    "ImportLineErrorPage",
    "ImportStatus",
    "Ladder",
    "LadderPolicy",
    "LadderPolicyDowngrade",
    "LadderPolicyMetric",
    "LadderTier",
    "Leaderboard",
    "LeaderboardEntry",
    "LimitsSettings",
    "Line",
    "LineError",
    "ListAuditEntriesActionType1",
    "ListAuditEntriesActionType2Type1",
    "ListAuditEntriesActionType3Type1",
    "ListMemberLedgerTypeType1",
    "ListMemberLedgerTypeType2Type1",
    "ListMemberLedgerTypeType3Type1",
    "ListMyLedgerTypeType1",
    "ListMyLedgerTypeType2Type1",
    "ListMyLedgerTypeType3Type1",
    "ListWebhookDeliveriesStatusType1",
    "ListWebhookDeliveriesStatusType2Type1",
    "ListWebhookDeliveriesStatusType3Type1",
    "Member",
    "MemberAttributes",
    "MemberCounts",
    "MemberCreate",
    "MemberCreateAttributes",
    "MemberEnrolledEvent",
    "MemberEnrolledEventData",
    "MemberEnrolledEventType",
    "MemberMergedEvent",
    "MemberMergedEventData",
    "MemberMergedEventDataMoved",
    "MemberMergedEventType",
    "MemberPatch",
    "MemberPatchAttributes",
    "MemberPatchStatus",
    "MemberTier",
    "MemberTierNextTierType0Type0",
    "MemberTierTierType0Type0",
    "MemberTierVipType0Type0",
    "MemberToken",
    "MemberTokenRequest",
    "MemberWithIdentities",
    "MemberWithIdentitiesAttributes",
    "Merge",
    "MergeRequest",
    "Moved",
    "MyTransferRequest",
    "MyTransferRequestToIdentityType1Type0",
    "Order",
    "OrderContent",
    "OrderCreate",
    "OrderStatus",
    "Outstanding",
    "PaginationMetadata",
    "PointFlows",
    "PointsActivatedEvent",
    "PointsActivatedEventData",
    "PointsActivatedEventType",
    "PointsEarnedEvent",
    "PointsEarnedEventData",
    "PointsEarnedEventDataBreakdownItem",
    "PointsEarnedEventType",
    "PointsExpiredEvent",
    "PointsExpiredEventData",
    "PointsExpiredEventType",
    "PointsExpiringEvent",
    "PointsExpiringEventData",
    "PointsExpiringEventType",
    "PointsRedeemedEvent",
    "PointsRedeemedEventData",
    "PointsRedeemedEventType",
    "PointsReversedEvent",
    "PointsReversedEventData",
    "PointsReversedEventType",
    "PointsTransferredEvent",
    "PointsTransferredEventData",
    "PointsTransferredEventDataLotsItem",
    "PointsTransferredEventType",
    "Problem",
    "ProblemErrors",
    "Program",
    "ProgramClawback",
    "ProgramCreate",
    "ProgramCreateClawback",
    "ProgramCreateCurrencies",
    "ProgramCreateMode",
    "ProgramCurrencies",
    "ProgramMode",
    "ProgramPatch",
    "ProgramPatchClawbackType1",
    "ProgramPatchClawbackType2Type1",
    "ProgramPatchClawbackType3Type1",
    "ProgramPatchCurrenciesType0",
    "ProgramPatchEarnType1Type0",
    "ProgramPatchEarnType2Type1Type0",
    "ProgramPatchEarnType3Type1Type0",
    "ProgramPatchExpiryType1Type0",
    "ProgramPatchExpiryType2Type1Type0",
    "ProgramPatchExpiryType3Type1Type0",
    "ProgramPatchLimitsType1Type0",
    "ProgramPatchLimitsType2Type1Type0",
    "ProgramPatchLimitsType3Type1Type0",
    "ProgramPatchRedeemType1Type0",
    "ProgramPatchRedeemType2Type1Type0",
    "ProgramPatchRedeemType3Type1Type0",
    "ProgramPatchReferralType1Type0",
    "ProgramPatchReferralType2Type1Type0",
    "ProgramPatchReferralType3Type1Type0",
    "ProgramPatchRewardsType1Type0",
    "ProgramPatchRewardsType2Type1Type0",
    "ProgramPatchRewardsType3Type1Type0",
    "ProgramPatchTierPolicyType1Type0",
    "ProgramPatchTierPolicyType2Type1Type0",
    "ProgramPatchTierPolicyType3Type1Type0",
    "ProgramPatchTransfersType1Type0",
    "ProgramPatchTransfersType2Type1Type0",
    "ProgramPatchTransfersType3Type1Type0",
    "Quote",
    "QuoteRequest",
    "ReceivedLot",
    "RecipientIdentity",
    "RecipientIdentityType",
    "RedeemQuote",
    "RedeemQuoteReasonType1",
    "RedeemQuoteReasonType2Type1",
    "RedeemQuoteReasonType3Type1",
    "RedeemSettings",
    "Referral",
    "ReferralPage",
    "ReferralRewardedEvent",
    "ReferralRewardedEventData",
    "ReferralRewardedEventType",
    "ReferralSettings",
    "Reset",
    "Return",
    "ReturnCreate",
    "ReturnLine",
    "Reward",
    "RewardCataloguePage",
    "RewardClaimedEvent",
    "RewardClaimedEventData",
    "RewardClaimedEventType",
    "RewardCreate",
    "RewardCreateKind",
    "RewardPage",
    "RewardPatch",
    "RewardPatchKind",
    "RewardSettings",
    "Rfm",
    "RfmCell",
    "RfmSegment",
    "RotatedSecret",
    "RotateSecret",
    "Rule",
    "RuleBudgetType0Type0",
    "RuleCapType0Type0",
    "RuleCreate",
    "RuleCreateBudgetType1Type0",
    "RuleCreateCapType1Type0",
    "RuleCreateKind",
    "RulePage",
    "RulePatch",
    "RulePatchBudgetType1Type0",
    "RulePatchCapType1Type0",
    "RulePatchKind",
    "SegmentMember",
    "SegmentPage",
    "Skip",
    "SubjectAccess",
    "Summary",
    "Tier",
    "TierChange",
    "TierCount",
    "TierDowngradedEvent",
    "TierDowngradedEventData",
    "TierDowngradedEventType",
    "TierHistory",
    "TierOut",
    "TierPolicy",
    "TierPolicyDowngrade",
    "TierPolicyMetric",
    "TierUpgradedEvent",
    "TierUpgradedEventData",
    "TierUpgradedEventType",
    "Token",
    "TokenRequest",
    "Transfer",
    "TransferInitiatedBy",
    "TransferPage",
    "TransferRequest",
    "TransferResult",
    "TransferResultInitiatedBy",
    "TransferSettings",
    "Vip",
    "VipGrant",
    "VipGrantedEvent",
    "VipGrantedEventData",
    "VipGrantedEventType",
    "VipRevokedEvent",
    "VipRevokedEventData",
    "VipRevokedEventType",
    "Webhook",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookCreateEventTypesItem",
    "WebhookDisabledEvent",
    "WebhookDisabledEventData",
    "WebhookDisabledEventType",
    "WebhookEvent",
    "WebhookEventData",
    "WebhookEventType",
    "WebhookPage",
)

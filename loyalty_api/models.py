"""Imports every feature's tables so that ``Base.metadata`` knows them all
(Alembic autogenerate and the schema checks read it)."""

from loyalty_api.events.models import OutboxEvent  # noqa: F401
from loyalty_api.idempotency.models import IdempotencyRecord  # noqa: F401
from loyalty_api.members.models import Member  # noqa: F401
from loyalty_api.programs.models import ApiClient, Program  # noqa: F401
from loyalty_api.tiers.models import MemberTier, TierChange  # noqa: F401
from loyalty_api.ledger.models import BalanceRow, LedgerEntry, Lot  # noqa: F401
from loyalty_api.checkout.models import Hold, Order, OrderReturn  # noqa: F401
from loyalty_api.expiry.models import ExpiryProgress, HoldNotice, LotNotice  # noqa: F401
from loyalty_api.webhooks.models import Webhook, WebhookDelivery, WebhookDeliveryCount  # noqa: F401
from loyalty_api.observability.heartbeats import Heartbeat  # noqa: F401
from loyalty_api.earning_rules.models import EarningRule, MemberEvent, RuleAward  # noqa: F401
from loyalty_api.referrals.models import Referral  # noqa: F401
from loyalty_api.rewards.models import Coupon, Reward  # noqa: F401
from loyalty_api.segments.models import MemberRfm  # noqa: F401
from loyalty_api.analytics.models import AnalyticsDay, AnalyticsProgress  # noqa: F401
from loyalty_api.imports.models import Import, ImportChunk, ImportedLot, ImportedMetric, ImportLineError  # noqa: F401
from loyalty_api.identities.models import MemberIdentity  # noqa: F401
from loyalty_api.merges.models import MemberMerge  # noqa: F401
from loyalty_api.transfers.models import MemberTransfer  # noqa: F401
from loyalty_api.budgets.models import RuleBudgetUsage  # noqa: F401
from loyalty_api.adjustment_limits.models import AdjustmentUsage  # noqa: F401
from loyalty_api.audit.models import AuditEntry  # noqa: F401

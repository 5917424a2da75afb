"""``/v1/analytics``: program summary and RFM distribution (scope ``analytics:read``)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.analytics import service
from loyalty_api.analytics.schemas import PeriodArgs, RfmSchema, SummarySchema
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.operations import operation

blp = Blueprint("analytics", __name__, url_prefix="/v1/analytics", description="Analytics")

DEFAULT_PERIOD = timedelta(days=30)


@blp.route("/summary")
class Summary(MethodView):
    @operation("getAnalyticsSummary")
    @authorize("analytics:read")
    @blp.arguments(PeriodArgs(), location="query")
    @blp.response(200, SummarySchema)
    def get(self, args):
        """Points flows of a period, outstanding liability, breakage, members, tiers, referrals

        Points earned, redeemed, expired and reversed between `from` and `to`, the outstanding points
        liability and its value, breakage, member counts per tier and referral figures. Needs
        `analytics:read`.
        """
        now = datetime.now(timezone.utc)
        end = args["to"] or now
        start = args["from_"] or end - DEFAULT_PERIOD
        return service.summary(current_uow().session, current_program_id(), start, end, now)


@blp.route("/rfm")
class Rfm(MethodView):
    @operation("getRfmAnalytics")
    @authorize("analytics:read")
    @blp.response(200, RfmSchema)
    def get(self):
        """Members per RFM cell and per named segment (scores from the last `jobs run`)

        Counts of members per recency/frequency/monetary cell and per named segment, as scored by the last
        scheduled analytics run. Needs `analytics:read`.
        """
        return service.rfm_distribution(current_uow().session, current_program_id())

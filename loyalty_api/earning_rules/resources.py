"""``/v1/program/rules`` (earning rules) and ``/v1/members/{member_id}/events``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.earning_rules import service
from loyalty_api.earning_rules.schemas import (EventCreateSchema, EventResultSchema, RuleCreateSchema,
                                               RuleListArgs, RulePatchSchema, RuleSchema)
from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.pagination import PageArgs, page_schema
from loyalty_api.http.transaction import current_uow, idempotent
from loyalty_api.http.operations import operation
from loyalty_api.http.clock import program_now

blp = Blueprint("earning_rules", __name__, url_prefix="/v1", description="Earning rules and member events")

RulePage = page_schema(RuleSchema, "RulePage")


class RuleListQuery(RuleListArgs, PageArgs):
    pass


@blp.route("/program/rules")
class Rules(MethodView):
    @operation("listRules")
    @authorize("program:admin")
    @blp.arguments(RuleListQuery(), location="query")
    @blp.response(200, RulePage)
    def get(self, args):
        """List the program's earning rules (deleted ones too, unless filtered)

        The program's earning rules, paged with `limit` and `cursor`; filter with `active`.
        """
        return service.list_rules(current_uow().session, current_program_id(), active=args["active"],
                                  limit=args["limit"], cursor=args["cursor"])

    @operation("createRule", "rule_exists")
    @authorize("program:admin")
    @idempotent
    @blp.arguments(RuleCreateSchema())
    @blp.response(201, RuleSchema)
    def post(self, data):
        """Create a purchase or event rule

        Adds a purchase rule (multipliers, bonuses on SKUs or categories, in a period) or an event rule
        (points for a member event). An existing `rule_id` answers 409 `rule_exists`.
        """
        return service.rule_document(service.create_rule(current_uow().session, current_program_id(), data, actor=current_actor()))


@blp.route("/program/rules/<string:rule_id>")
class RuleById(MethodView):
    @operation("getRule")
    @authorize("program:admin")
    @blp.response(200, RuleSchema)
    def get(self, rule_id: str):
        """Read a rule

        An earning rule, inactive ones included. A rule with a `budget` also answers `budget_used` and
        `budget_remaining`: what it gave and has left in the current period.
        """
        return service.rule_with_budget(current_uow().session, current_program_id(), rule_id, program_now())

    @operation("updateRule")
    @authorize("program:admin")
    @blp.arguments(RulePatchSchema())
    @blp.response(200, RuleSchema)
    def patch(self, patch, rule_id: str):
        """Change a rule; null clears an optional field

        Changes the given fields of a rule; `null` clears an optional field. Past awards are not recomputed.
        """
        rule = service.update_rule(current_uow().session, current_program_id(), rule_id, patch,
                                   actor=current_actor())
        return service.rule_document(rule)

    @operation("deleteRule")
    @authorize("program:admin")
    @blp.response(204)
    def delete(self, rule_id: str):
        """Deactivate a rule; it stays readable because ledger entries name it

        The rule stops applying. It stays readable because ledger entries name it.
        """
        service.deactivate_rule(current_uow().session, current_program_id(), rule_id, actor=current_actor())


@blp.route("/members/<string:member_id>/events")
class MemberEvents(MethodView):
    @operation("recordMemberEvent", "duplicate_event")
    @authorize("members:write")
    @idempotent
    @blp.arguments(EventCreateSchema())
    @blp.response(201, EventResultSchema)
    @blp.alt_response(200, schema=EventResultSchema, description="The event_id was recorded before: the first answer")
    def post(self, data, member_id: str):
        """Record a member event; matching event rules award bonus points, once per event_id

        Reports something the member did (a review, a birthday, an app install). Every active event rule that
        matches awards its points once per `event_id`: the same `event_id` again answers 200 with the first
        result; a different body under it answers 409 `duplicate_event`.
        """
        result, new = service.record_event(current_uow().session, current_program_id(), member_id, data,
                                           program_now())
        return result, 201 if new else 200

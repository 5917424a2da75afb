"""``/v1/program/clock`` (read and move a test program's clock) and ``/v1/program/reset``."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.clock import reset, service
from loyalty_api.clock.schemas import ClockMoveSchema, ClockSchema, ResetSchema
from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.operations import operation
from loyalty_api.http.transaction import after_commit, current_uow, idempotent
from loyalty_api.jobs.runner import run_program

blp = Blueprint("clock", __name__, url_prefix="/v1", description="Test programs: their clock and reset")


def _real_now() -> datetime:
    return datetime.now(timezone.utc)


@blp.route("/program/clock")
class Clock(MethodView):
    @operation("getProgramClock")
    @authorize("program:admin")
    @blp.response(200, ClockSchema)
    def get(self):
        """Read a test program's clock

        The program's now and how far ahead of the real time it is. A live program has no clock: 403
        `forbidden`.
        """
        return service.get_clock(current_uow().session, current_program_id(), _real_now())

    @operation("moveProgramClock", "clock_not_forward",
               request_example={"advance_seconds": 2678400})
    @authorize("program:admin")
    @idempotent
    @blp.arguments(ClockMoveSchema())
    @blp.response(200, ClockSchema)
    def post(self, data):
        """Move a test program's clock forward and run what fell due

        Give `advance_seconds` or `now` (exactly one, else 422 `validation_error`); a time not after the
        clock's now is 422 `clock_not_forward`. Once the move is committed, the program's scheduled work
        (activation of pending points, burning of expired lots and inactive balances, expiring-points
        notices, hold expiry, coupon expiry, tier retention and downgrades, VIP ends, birthday bonuses,
        segments) runs at the new time for this program alone, before the answer: when it answers, the
        effects can be read. Reads are exact at the new time in any case. A live program: 403 `forbidden`.
        """
        program_id = current_program_id()
        answer = service.move_clock(current_uow().session, program_id, _real_now(), actor=current_actor(),
                                    advance_seconds=data.get("advance_seconds"), target=data.get("now"))
        factory, since = current_app.extensions["loyalty"].session_factory, answer.pop("moved_from")
        after_commit(lambda: run_program(factory, program_id, answer["now"], since))
        return answer


@blp.route("/program/reset")
class Reset(MethodView):
    @operation("resetProgram")
    @authorize("program:admin")
    @idempotent
    @blp.response(200, ResetSchema)
    def post(self):
        """Erase a test program's members, ledger, orders and their events

        Keeps the settings, rules, tiers, rewards, API clients, webhooks and the clock (time only moves
        forward). A live program: 403 `forbidden`. Safe to repeat: a second reset finds nothing to erase.
        """
        return reset.reset_program(current_uow().session, current_program_id(), actor=current_actor())

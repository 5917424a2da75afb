"""Program settings (``/v1/program``) and platform administration (``/v1/programs``)."""

from __future__ import annotations

import uuid

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import PLATFORM_ADMIN, authorize, current_program_id
from loyalty_api.http.transaction import current_uow, idempotent, keep_out_of_replays
from loyalty_api.http.operations import operation
from loyalty_api.programs import service
from loyalty_api.programs.schemas import (ClientCreateSchema, ClientSchema, ProgramCreateSchema,
                                          ProgramPatchSchema, ProgramSchema)

blp = Blueprint("programs", __name__, url_prefix="/v1", description="Programs, settings and API clients")


@blp.route("/program")
class CurrentProgram(MethodView):
    @operation("getProgram")
    @authorize("program:admin")
    @blp.response(200, ProgramSchema)
    def get(self):
        """Read the settings of the caller's program

        The program's name, currency and every setting (earning, redemption, pending days, expiry, clawback,
        holds, referrals, rewards, time zone, tiers).
        """
        program = service.get_program(current_uow().session, current_program_id())
        return service.program_document(program)

    @operation("updateProgram")
    @authorize("program:admin")
    @blp.arguments(ProgramPatchSchema(), content_type="application/merge-patch+json")
    @blp.response(200, ProgramSchema)
    def patch(self, patch):
        """Change settings with a JSON merge patch (RFC 7396); currency is fixed

        Send `Content-Type: application/merge-patch+json` (`application/json` is accepted
        too). Members present replace, `null` removes a setting (back to its default),
        absent members stay; the merged settings are validated as a whole.
        """
        program = service.patch_program(current_uow().session, current_program_id(), patch, actor=current_actor())
        return service.program_document(program)


@blp.route("/programs")
class Programs(MethodView):
    @operation("createProgram")
    @authorize(PLATFORM_ADMIN)
    @idempotent
    @blp.arguments(ProgramCreateSchema())
    @blp.response(201, ProgramSchema)
    def post(self, data):
        """Create a program (platform administrators)

        Creates a program with its name, currency and settings. Needs the `platform:admin` scope of a platform
        operator. `mode: test` makes a sandbox program with a clock of its own (`/v1/program/clock`).
        """
        name, currency, mode = data.pop("name"), data.pop("currency"), data.pop("mode")
        settings = ProgramCreateSchema().dump(data)
        program = service.create_program(current_uow().session, name=name, currency=currency, settings=settings,
                                         mode=mode)
        return service.program_document(program)


@blp.route("/programs/<uuid:program_id>/clients")
class ProgramClients(MethodView):
    @operation("createProgramClient")
    @authorize(PLATFORM_ADMIN)
    @idempotent
    @blp.arguments(ClientCreateSchema())
    @blp.response(201, ClientSchema)
    def post(self, data, program_id: uuid.UUID):
        """Create an API client for a program; the secret is shown only in this answer

        A replay of this request (same Idempotency-Key) answers `client_secret: null`:
        secrets are never stored. If the first answer was lost, revoke the client and
        create another.
        """
        keep_out_of_replays("client_secret")
        client, secret = service.create_client(current_uow().session, program_id=program_id,
                                               name=data["name"], scopes=data["scopes"], actor=current_actor())
        return {**_client_fields(client), "client_secret": secret}


def _client_fields(client):
    return {"client_id": client.client_id, "name": client.name, "program_id": client.program_id,
            "scopes": client.scopes, "created_at": client.created_at}

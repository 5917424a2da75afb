"""``/v1/members/{member_id}/identities`` and the till's lookup ``/v1/identities/{type}/{value}``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_uow
from loyalty_api.identities import service
from loyalty_api.identities.schemas import IdentityCreateSchema, IdentityListSchema, IdentitySchema
from loyalty_api.members.schemas import MemberSchema

blp = Blueprint("identities", __name__, url_prefix="/v1",
                description="Identities: cards, phones, emails and external ids a till finds a member by")


@blp.route("/members/<string:member_id>/identities")
class MemberIdentities(MethodView):
    @authorize("members:read")
    @blp.response(200, IdentityListSchema)
    def get(self, member_id: str):
        """List a member's identities"""
        return {"items": service.identities_of(current_uow().session, current_program_id(), member_id)}

    @authorize("members:write")
    @blp.arguments(IdentityCreateSchema())
    @blp.response(201, IdentitySchema)
    @blp.alt_response(200, schema=IdentitySchema, description="The member held this identity already")
    def post(self, data, member_id: str):
        """Attach an identity, unique per program and type (409 `identity_taken`); a card without a value is issued"""
        identity, created = service.attach_to_member(current_uow().session, current_program_id(), member_id,
                                                     data["type"], data["value"])
        return identity, 201 if created else 200


@blp.route("/members/<string:member_id>/identities/<string:identity_type>/<path:value>")
class MemberIdentity(MethodView):
    @authorize("members:write")
    @blp.response(204)
    def delete(self, member_id: str, identity_type: str, value: str):
        """Detach an identity from the member"""
        service.detach_from_member(current_uow().session, current_program_id(), member_id, identity_type, value)


@blp.route("/identities/<string:identity_type>/<path:value>")
class IdentityLookup(MethodView):
    @authorize("members:read")
    @blp.response(200, MemberSchema)
    def get(self, identity_type: str, value: str):
        """Find a member by card (number or QR payload), phone, email or external id (404 when unknown)"""
        return service.find_member(current_uow().session, current_program_id(), identity_type, value)

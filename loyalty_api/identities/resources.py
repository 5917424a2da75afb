"""``/v1/members/{member_id}/identities`` and the till's lookup ``/v1/identities/{type}/{value}``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_uow, idempotent
from loyalty_api.http.operations import operation
from loyalty_api.identities import service
from loyalty_api.identities.schemas import IdentityCreateSchema, IdentityListSchema, IdentitySchema
from loyalty_api.members.schemas import MemberSchema

blp = Blueprint("identities", __name__, url_prefix="/v1",
                description="Identities: cards, phones, emails and external ids a till finds a member by")


@blp.route("/members/<string:member_id>/identities")
class MemberIdentities(MethodView):
    @operation("listMemberIdentities")
    @authorize("members:read")
    @blp.response(200, IdentityListSchema)
    def get(self, member_id: str):
        """List a member's identities

        The member's cards, phones, emails and external ids, with the time each was attached.
        """
        return {"items": service.identities_of(current_uow().session, current_program_id(), member_id)}

    @operation("addMemberIdentity", "identity_taken", "member_merged")
    @authorize("members:write")
    @idempotent
    @blp.arguments(IdentityCreateSchema())
    @blp.response(201, IdentitySchema)
    @blp.alt_response(200, schema=IdentitySchema, description="The member held this identity already")
    def post(self, data, member_id: str):
        """Attach an identity, unique per program and type (409 `identity_taken`); a card without a value is issued

        Attaches a card, phone, email or external id to the member. Each value belongs to one member of the
        program: another member's answers 409 `identity_taken`; the member's own answers 200. A `card` without
        a `value` issues a new card number. A merged member answers 409 `member_merged`.
        """
        identity, created = service.attach_to_member(current_uow().session, current_program_id(), member_id,
                                                     data["type"], data["value"], actor=current_actor())
        return identity, 201 if created else 200


@blp.route("/members/<string:member_id>/identities/<string:identity_type>/<path:value>")
class MemberIdentity(MethodView):
    @operation("deleteMemberIdentity", "member_merged", "validation_error")
    @authorize("members:write")
    @blp.response(204)
    def delete(self, member_id: str, identity_type: str, value: str):
        """Detach an identity from the member

        Detaches the identity; the value can then be attached to another member. An identity the member does
        not hold answers 404; a value not valid for its type 422 `validation_error`; a merged member 409
        `member_merged`.
        """
        service.detach_from_member(current_uow().session, current_program_id(), member_id, identity_type, value,
                                   actor=current_actor())


@blp.route("/identities/<string:identity_type>/<path:value>")
class IdentityLookup(MethodView):
    @operation("findMemberByIdentity")
    @authorize("members:read")
    @blp.response(200, MemberSchema)
    def get(self, identity_type: str, value: str):
        """Find a member by card (number or QR payload), phone, email or external id (404 when unknown)

        The profile of the member holding the identity, as a till looks a customer up. The value is read in
        its canonical form (a card by its number or its QR payload, a phone in E.164); an identity nobody
        holds, or a value not valid for its type, answers 404.
        """
        return service.find_member(current_uow().session, current_program_id(), identity_type, value)

"""``/v1/members`` and ``/v1/members/{member_id}``."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.http.actor import current_actor
from loyalty_api.http.auth import authorize, current_program_id
from loyalty_api.http.transaction import current_reader, current_uow, idempotent, reads_only
from loyalty_api.http.operations import operation
from loyalty_api.members import service
from loyalty_api.members.schemas import MemberCreateSchema, MemberPatchSchema, MemberSchema
from loyalty_api.segments import resources as segments
from loyalty_api.segments.schemas import SegmentArgs, SegmentPageSchema

blp = Blueprint("members", __name__, url_prefix="/v1/members", description="Members")


@blp.route("")
class Members(MethodView):
    @operation("listMembers")
    @authorize("members:read")
    @blp.arguments(SegmentArgs(), location="query")
    @blp.response(200, SegmentPageSchema)
    @blp.doc(**segments.CSV_DOC)
    def get(self, args):
        """List a segment of members (filters); `Accept: text/csv` streams all of it as CSV

        Members of the program matching the filters (tier, VIP, points, expiring points, inactivity, RFM
        cell, enrolment dates), paged with `limit` and `cursor`. With `Accept: text/csv` the whole segment
        is streamed as CSV instead.
        """
        return segments.list_members(args)

    @operation("createMember", "member_exists", "unknown_referral_code")
    @authorize("members:write")
    @idempotent
    @blp.arguments(MemberCreateSchema())
    @blp.response(201, MemberSchema)
    def post(self, data):
        """Enrol a member (optionally with a referral code)

        Enrols a member under the shop's own `member_id`. An existing `member_id` answers 409 `member_exists`;
        an unknown `referral_code` answers 422 `unknown_referral_code`.
        """
        return service.enroll(current_uow().session, current_program_id(), data)


@blp.route("/<string:member_id>")
class MemberById(MethodView):
    @operation("getMember")
    @authorize("members:read")
    @blp.response(200, MemberSchema)
    @reads_only  # one statement
    def get(self, member_id: str):
        """Read a member's profile

        The member's profile: ids, contact data, attributes, status, referral code and dates.
        """
        return service.read_profile(current_reader(), current_program_id(), member_id)

    @operation("updateMember")
    @authorize("members:write")
    @blp.arguments(MemberPatchSchema())
    @blp.response(200, MemberSchema)
    def patch(self, changes, member_id: str):
        """Change a member's profile or block them

        Changes the given fields of the profile (absent fields stay); `status: blocked` stops earning and
        redeeming.
        """
        return service.update_member(current_uow().session, current_program_id(), member_id, changes,
                                     actor=current_actor())

    @operation("deleteMember")
    @authorize("members:write")
    @blp.response(204)
    def delete(self, member_id: str):
        """Erase a member's personal data; the ledger is kept, anonymised

        Erases the member's personal data (email, phone, name, attributes) for a privacy request. The ledger
        and the points figures stay, anonymised, so that the program's totals remain right.
        """
        service.erase_member(current_uow().session, current_program_id(), member_id, actor=current_actor())

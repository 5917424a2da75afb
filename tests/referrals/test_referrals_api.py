"""Referrals end to end: linking at enrolment, abuse controls, rewards on the first
qualifying order (pending like any earn), reversal on cancel or full return, listing."""

from datetime import datetime, timezone

from loyalty_api.db import unit_of_work
from loyalty_api.ledger import service as ledger
from tests.support import ApiCaller, make_program, token_for

REFERRAL = {"referrer_points": 500, "referee_points": 300, "min_order_amount": "1000.00",
            "max_rewards_per_month": None}


def shop(app, **referral):
    handle = make_program(app, settings={"referral": {**REFERRAL, **referral}, "pending_days": 14})
    return handle, ApiCaller(app.test_client(), handle.token)


def enrol(api, member_id, code=None, **extra):
    body = {"member_id": member_id, **extra}
    if code:
        body["referral_code"] = code
    answer = api.post("/v1/members", json=body)
    assert answer.status_code == 201, answer.json
    return answer.json


def order(api, order_id, member_id, amount, **extra):
    answer = api.post("/v1/orders", json={"order_id": order_id, "member_id": member_id, "amount": amount,
                                          "currency": "RUB", **extra})
    assert answer.status_code == 201, answer.json
    return answer.json


def figures(app, program_id, member_id):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        found = ledger.get_balance(uow.session, program_id, member_id, datetime.now(timezone.utc))
        return found.available, found.pending


def referrals(api, member_id):
    answer = api.get(f"/v1/members/{member_id}/referrals")
    assert answer.status_code == 200, answer.json
    return answer.json["items"]


def test_enrolment_links_and_lists_the_referral(app):
    _handle, api = shop(app)
    ann = enrol(api, "ann", email="ann@example.com")
    bob = enrol(api, "bob", ann["referral_code"].lower(), email="bob@example.com")
    assert bob["referred_by"] == "ann"
    [item] = referrals(api, "ann")
    assert item["member_id"] == "bob" and item["status"] == "pending" and item["reason"] is None
    assert item["rewarded_at"] is None and item["points"] == 0
    assert referrals(api, "bob") == []
    assert api.get("/v1/members/ghost/referrals").status_code == 404


def test_unknown_and_blocked_codes_do_not_work(app):
    _handle, api = shop(app)
    unknown = api.post("/v1/members", json={"member_id": "bob", "referral_code": "ZZZZZZZZ"})
    assert unknown.status_code == 422 and unknown.json["code"] == "unknown_referral_code"
    ann = enrol(api, "ann")
    assert api.patch("/v1/members/ann", json={"status": "blocked"}).status_code == 200
    blocked = api.post("/v1/members", json={"member_id": "bob", "referral_code": ann["referral_code"]})
    assert blocked.status_code == 422 and blocked.json["code"] == "unknown_referral_code"
    _other_handle, other = shop(app)
    foreign = other.post("/v1/members", json={"member_id": "bob", "referral_code": ann["referral_code"]})
    assert foreign.status_code == 422


def test_same_contact_is_enrolled_but_rejected(app):
    handle, api = shop(app)
    ann = enrol(api, "ann", email="Ann@Example.com", phone="+7 900 123-45-67")
    enrol(api, "ann2", ann["referral_code"], email="ann@example.com")
    enrol(api, "ann3", ann["referral_code"], phone="+7 (900) 1234567")
    enrol(api, "bob", ann["referral_code"], email="bob@example.com", phone="+7 900 000 00 00")
    listed = {item["member_id"]: (item["status"], item["reason"]) for item in referrals(api, "ann")}
    assert listed == {"ann2": ("rejected", "same_contact"), "ann3": ("rejected", "same_contact"),
                      "bob": ("pending", None)}
    order(api, "o1", "ann2", "2000.00")
    assert figures(app, handle.program_id, "ann") == (0, 0)


def test_first_qualifying_order_rewards_both_pending_once(app, session_factory):
    handle, api = shop(app)
    ann = enrol(api, "ann")
    enrol(api, "bob", ann["referral_code"])
    order(api, "small", "bob", "999.99")                     # below min_order_amount: still pending
    assert referrals(api, "ann")[0]["status"] == "pending"
    placed = order(api, "first", "bob", "1000.00")            # earns 1000 base points, pending 14 days
    order(api, "second", "bob", "5000.00")                    # no second reward
    [item] = referrals(api, "ann")
    assert item["status"] == "rewarded" and item["points"] == 500 and item["rewarded_at"] is not None
    # pending:   ann 500 (referral)   bob 999 + 1000 + 5000 (earn) + 300 (referral)
    assert figures(app, handle.program_id, "ann") == (0, 500)
    assert figures(app, handle.program_id, "bob") == (0, 999 + 1000 + 5000 + 300)
    ann_entries = api.get("/v1/members/ann/ledger").json["items"]
    assert [(e["type"], e["points"], e["available_at"]) for e in ann_entries] == [
        ("referral", 500, placed["points_available_at"])]
    with unit_of_work(session_factory) as uow:
        from sqlalchemy import text

        events = uow.session.execute(text(
            "SELECT data FROM outbox_events WHERE program_id = :p AND type = 'referral.rewarded'"),
            {"p": handle.program_id}).scalars().all()
    assert events == [{"member_id": "ann", "referee_id": "bob", "order_id": "first", "referrer_points": 500,
                       "referee_points": 300}]


def test_paid_amount_after_points_decides(app):
    _handle, api = shop(app)
    ann = enrol(api, "ann")
    enrol(api, "bob", ann["referral_code"])
    assert api.post("/v1/members/bob/adjustments", json={"points": 300, "reason": "welcome"}).status_code == 201
    order(api, "o1", "bob", "1200.00", redeem_points=300)     # paid 900.00 < 1000.00
    assert referrals(api, "ann")[0]["status"] == "pending"


def test_cancel_takes_both_rewards_back(app):
    handle, api = shop(app)
    ann = enrol(api, "ann")
    enrol(api, "bob", ann["referral_code"])
    order(api, "o1", "bob", "1000.00")
    assert api.post("/v1/orders/o1/cancel").status_code in (200, 201)
    assert figures(app, handle.program_id, "ann") == (0, 0)
    assert figures(app, handle.program_id, "bob") == (0, 0)
    [item] = referrals(api, "ann")
    assert (item["status"], item["reason"], item["points"]) == ("rejected", "order_returned", 0)
    order(api, "o2", "bob", "3000.00")                        # the first qualifying order was o1
    assert referrals(api, "ann")[0]["status"] == "rejected"
    assert figures(app, handle.program_id, "ann") == (0, 0)
    assert ledger_is_consistent(app.extensions["loyalty"].session_factory, handle.program_id)


def test_full_return_takes_back_partial_does_not(app):
    handle, api = shop(app)
    ann = enrol(api, "ann")
    enrol(api, "bob", ann["referral_code"])
    order(api, "o1", "bob", "1000.00")
    part = api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "400.00"})
    assert part.status_code == 201, part.json
    assert referrals(api, "ann")[0]["status"] == "rewarded"
    assert figures(app, handle.program_id, "ann") == (0, 500)
    rest = api.post("/v1/orders/o1/returns", json={"return_id": "r2", "amount": "600.00"})
    assert rest.status_code == 201, rest.json
    assert referrals(api, "ann")[0]["status"] == "rejected"
    assert figures(app, handle.program_id, "ann") == (0, 0)
    assert figures(app, handle.program_id, "bob") == (0, 0)


def test_monthly_cap_per_referrer(app):
    handle, api = shop(app, max_rewards_per_month=2)
    ann = enrol(api, "ann")
    for name in ("b1", "b2", "b3"):
        enrol(api, name, ann["referral_code"])
        order(api, f"o-{name}", name, "1500.00")
    statuses = {item["member_id"]: (item["status"], item["reason"]) for item in referrals(api, "ann")}
    assert statuses == {"b1": ("rewarded", None), "b2": ("rewarded", None), "b3": ("rejected", "cap_reached")}
    assert figures(app, handle.program_id, "ann") == (0, 1000)
    assert figures(app, handle.program_id, "b3") == (0, 1500)   # its own earn only


def test_blocked_referrer_gets_nothing_later(app):
    _handle, api = shop(app)
    ann = enrol(api, "ann")
    enrol(api, "bob", ann["referral_code"])
    api.patch("/v1/members/ann", json={"status": "blocked"})
    order(api, "o1", "bob", "1000.00")
    assert (referrals(api, "ann")[0]["status"], referrals(api, "ann")[0]["reason"]) == ("rejected",
                                                                                        "referrer_inactive")


def test_zero_points_program_marks_qualified(app):
    _handle, api = shop(app, referrer_points=0, referee_points=0)
    ann = enrol(api, "ann")
    enrol(api, "bob", ann["referral_code"])
    order(api, "o1", "bob", "1000.00")
    assert referrals(api, "ann")[0]["status"] == "qualified"


def test_listing_pages_and_scopes(app):
    handle, api = shop(app)
    ann = enrol(api, "ann")
    for name in ("b1", "b2", "b3"):
        enrol(api, name, ann["referral_code"])
    first = api.get("/v1/members/ann/referrals?limit=2").json
    second = api.get(f"/v1/members/ann/referrals?limit=2&cursor={first['next_cursor']}").json
    assert [i["member_id"] for i in first["items"] + second["items"]] == ["b3", "b2", "b1"]
    assert second["next_cursor"] is None
    checkout_only = api.with_token(token_for(app, scopes=["checkout"], program_id=handle.program_id))
    assert checkout_only.get("/v1/members/ann/referrals").status_code == 403
    assert checkout_only.get("/v1/referrals/leaderboard").status_code == 403


def test_no_self_referral(app, session_factory):
    """Enrolment cannot reach it (a new member's code does not exist yet); the rule and the table refuse it."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from loyalty_api.errors import ValidationFailed
    from loyalty_api.members.models import Member
    from loyalty_api.referrals.models import Referral
    from loyalty_api.referrals.service import link_referral

    handle, api = shop(app)
    enrol(api, "ann")
    with unit_of_work(session_factory) as uow:
        ann = uow.session.get(Member, (handle.program_id, "ann"))
        with pytest.raises(ValidationFailed):
            link_referral(uow.session, handle.program_id, ann, ann)
    with unit_of_work(session_factory) as uow:
        uow.session.add(Referral(program_id=handle.program_id, referee_id="ann", referrer_id="ann",
                                 status="rejected", referrer_points=0, referee_points=0))
        with pytest.raises(IntegrityError):
            uow.session.flush()


def ledger_is_consistent(session_factory, program_id):
    with unit_of_work(session_factory) as uow:
        return ledger.verify_ledger(uow.session, program_id) == []


# The referrer spent 400 of the 500 referral points before the referee cancelled.
# | clawback       | taken from the lot | reverse entry | ann available after |
# | allow_negative | 100                | -500          | -400 (debt 400)     |
# | clamp_to_zero  | 100                | -100          | 0                   |
def test_reversal_after_the_referrer_spent_the_points(app, session_factory):
    for clawback, reverse_points, available_after in (("allow_negative", -500, -400), ("clamp_to_zero", -100, 0)):
        handle = make_program(app, settings={"referral": REFERRAL, "pending_days": 0, "clawback": clawback})
        api = ApiCaller(app.test_client(), handle.token)
        ann = enrol(api, "ann")
        enrol(api, "bob", ann["referral_code"])
        order(api, "o1", "bob", "1000.00")
        assert figures(app, handle.program_id, "ann") == (500, 0)
        spent = api.post("/v1/members/ann/adjustments", json={"points": -400, "reason": "gift shop"})
        assert spent.status_code == 201, spent.json
        api.post("/v1/orders/o1/cancel")
        reverse = [e["points"] for e in api.get("/v1/members/ann/ledger").json["items"] if e["type"] == "reverse"]
        assert reverse == [reverse_points], clawback
        assert figures(app, handle.program_id, "ann") == (available_after, 0), clawback
        assert ledger_is_consistent(session_factory, handle.program_id), clawback

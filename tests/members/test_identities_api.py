"""Identities over HTTP (SPEC §14): attach, issue, look up at the till, detach, erase, /v1/me."""

from __future__ import annotations

import requests

from loyalty_api.identities.rules import luhn_valid
from tests.support import LiveServer, assert_problem, run_together


def test_an_issued_card_has_a_check_digit_and_a_qr_payload_the_till_can_scan(api, make_member):
    make_member(api, "ann")
    issued = api.post("/v1/members/ann/identities", json={"type": "card"})
    assert issued.status_code == 201, issued.json
    card = issued.json["value"]
    assert len(card) == 16 and luhn_valid(card)
    assert issued.json["qr"] == "loyalty-card:" + card
    # The till finds the member by the typed number (spaces allowed) and by the scanned QR text.
    spaced = " ".join(card[i:i + 4] for i in range(0, 16, 4))
    for typed in (card, spaced, issued.json["qr"]):
        found = api.get(f"/v1/identities/card/{typed}")
        assert found.status_code == 200, (typed, found.json)
        assert found.json["member_id"] == "ann"


def test_phones_meet_in_e164_and_emails_case_insensitively(api, make_member):
    make_member(api, "ann")
    make_member(api, "bob")
    phone = api.post("/v1/members/ann/identities", json={"type": "phone", "value": "+7 (916) 123-45-67"})
    assert phone.status_code == 201 and phone.json["value"] == "+79161234567"
    email = api.post("/v1/members/ann/identities", json={"type": "email", "value": "Ann@Shop.COM"})
    assert email.json["value"] == "ann@shop.com"
    assert api.get("/v1/identities/phone/0079161234567").json["member_id"] == "ann"
    assert api.get("/v1/identities/email/ANN@shop.com").json["member_id"] == "ann"
    # The same identifiers in another spelling are taken for bob ...
    assert_problem(api.post("/v1/members/bob/identities", json={"type": "phone", "value": "+79161234567"}),
                   409, "identity_taken")
    assert_problem(api.post("/v1/members/bob/identities", json={"type": "email", "value": "ANN@SHOP.COM"}),
                   409, "identity_taken")
    # ... and attaching one ann holds already answers it again (200), changing nothing.
    again = api.post("/v1/members/ann/identities", json={"type": "phone", "value": "+79161234567"})
    assert again.status_code == 200 and again.json["value"] == "+79161234567"
    listed = api.get("/v1/members/ann/identities").json["items"]
    assert [(item["type"], item["value"]) for item in listed] == [("email", "ann@shop.com"),
                                                                  ("phone", "+79161234567")]
    # Types are separate namespaces: an external id equal to ann's email is bob's to take.
    assert api.post("/v1/members/bob/identities", json={"type": "external", "value": "ann@shop.com"}).status_code == 201


def test_bad_identities_are_refused_and_unknown_ones_are_not_found(api, make_member):
    make_member(api, "ann")
    for body in ({"type": "phone", "value": "89161234567"},  # no country code: not guessed
                 {"type": "phone", "value": "+7 12"}, {"type": "email", "value": "not-an-email"},
                 {"type": "card", "value": "12"}, {"type": "phone"}, {"type": "fax", "value": "1"}):
        assert_problem(api.post("/v1/members/ann/identities", json=body), 422, "validation_error")
    assert_problem(api.get("/v1/identities/phone/+79990000000"), 404, "not_found")
    assert_problem(api.get("/v1/identities/phone/garbage"), 404, "not_found")
    assert_problem(api.get("/v1/identities/fax/1"), 404, "not_found")
    assert_problem(api.post("/v1/members/nobody/identities", json={"type": "card"}), 404, "not_found")


def test_detach_and_erasure_remove_identities(api, make_member):
    make_member(api, "ann")
    make_member(api, "bob")
    assert api.post("/v1/members/ann/identities", json={"type": "external", "value": "crm/42"}).status_code == 201
    assert api.post("/v1/members/ann/identities", json={"type": "phone", "value": "+79161234567"}).status_code == 201
    # An external id may hold a slash; the path carries it as it is.
    assert api.get("/v1/identities/external/crm/42").json["member_id"] == "ann"
    assert api.delete("/v1/members/ann/identities/external/crm/42").status_code == 204
    assert_problem(api.get("/v1/identities/external/crm/42"), 404, "not_found")
    assert_problem(api.delete("/v1/members/ann/identities/external/crm/42"), 404, "not_found")
    assert api.delete("/v1/members/ann").status_code == 204
    assert_problem(api.get("/v1/identities/phone/+79161234567"), 404, "not_found")
    # The erased member's phone is free for someone else.
    assert api.post("/v1/members/bob/identities", json={"type": "phone", "value": "+79161234567"}).status_code == 201


def test_a_member_token_shows_the_members_identities(api, make_member):
    make_member(api, "ann")
    card = api.post("/v1/members/ann/identities", json={"type": "card"}).json
    token = api.post("/v1/members/ann/tokens", json={}).json["access_token"]
    me = api.with_token(token).get("/v1/me")
    assert me.status_code == 200
    assert me.json["identities"] == [card]


def test_concurrent_attaches_of_one_phone_give_it_to_exactly_one_member(app, api, make_member):
    members = [f"m{i}" for i in range(8)]
    for member_id in members:
        make_member(api, member_id)
    with LiveServer(app) as server:
        def attach(member_id):
            return lambda: requests.post(f"{server.url}/v1/members/{member_id}/identities",
                                         json={"type": "phone", "value": "+44 20 7946 0958"},
                                         headers={"Authorization": f"Bearer {api.token}"}, timeout=30)

        answers = run_together(*(attach(member_id) for member_id in members))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201] + [409] * 7, [answer.text for answer in answers]
    assert {answer.json()["code"] for answer in answers if answer.status_code == 409} == {"identity_taken"}
    winner = members[[answer.status_code for answer in answers].index(201)]
    assert api.get("/v1/identities/phone/+442079460958").json["member_id"] == winner

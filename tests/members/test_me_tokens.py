"""Member tokens: issuing them, what they may read, and everything they may not."""

import uuid

import jwt
import pytest

from tests.support import ApiCaller, make_program, token_for

# Routes a member token may call (others may join them: /v1/me/rewards, /v1/me/coupons…).
MEMBER_PREFIX = "/v1/me"
PUBLIC_PATHS = {"/healthz", "/readyz", "/metrics", "/openapi.json", "/v1/auth/token"}


def member_token(api, member_id, body=None):
    response = api.post(f"/v1/members/{member_id}/tokens", json=body if body is not None else {})
    assert response.status_code == 201, response.json
    return response.json


def test_issue_token_defaults_and_claims(app, api, program, make_member):
    make_member(api, "alice")
    answer = member_token(api, "alice")
    assert answer["token_type"] == "Bearer"
    assert answer["expires_in"] == 900
    assert answer["scope"] == "member"
    claims = jwt.decode(answer["access_token"], options={"verify_signature": False})
    assert claims["sub"] == "alice" and claims["typ"] == "member" and claims["scope"] == "member"
    assert claims["prg"] == str(program.program_id)
    assert claims["exp"] - claims["iat"] == 900


def test_ttl_is_bounded(api, make_member):
    make_member(api, "bob")
    assert member_token(api, "bob", {"ttl_seconds": 3600})["expires_in"] == 3600
    too_long = api.post("/v1/members/bob/tokens", json={"ttl_seconds": 86401})
    assert too_long.status_code == 422
    assert too_long.json["errors"] == {"ttl_seconds": ["Must be at most 86400."]}
    too_short = api.post("/v1/members/bob/tokens", json={"ttl_seconds": 10})
    assert too_short.status_code == 422 and "ttl_seconds" in too_short.json["errors"]


def test_issuing_needs_members_write_and_a_member_of_this_program(app, api, program, make_member):
    make_member(api, "carol")
    reader = api.with_token(token_for(app, scopes=["members:read"], program_id=program.program_id))
    assert reader.post("/v1/members/carol/tokens", json={}).status_code == 403
    assert api.post("/v1/members/nobody/tokens", json={}).status_code == 404
    other = make_program(app)
    assert api.with_token(other.token).post("/v1/members/carol/tokens", json={}).status_code == 404


def test_blocked_or_erased_members_get_no_token(api, make_member):
    make_member(api, "dan")
    api.patch("/v1/members/dan", json={"status": "blocked"})
    assert api.post("/v1/members/dan/tokens", json={}).json["code"] == "forbidden"
    api.delete("/v1/members/dan")
    assert api.post("/v1/members/dan/tokens", json={}).status_code == 404


def test_me_reads_only_the_tokens_member(api, make_member):
    make_member(api, "erin", email="erin@example.com")
    make_member(api, "frank", email="frank@example.com")
    erin = api.with_token(member_token(api, "erin")["access_token"])
    me = erin.get("/v1/me")
    assert me.status_code == 200
    assert (me.json["member_id"], me.json["email"]) == ("erin", "erin@example.com")
    # there is no parameter to name another member; the admin routes refuse the token
    assert erin.get("/v1/members/frank").status_code == 403
    assert erin.get("/v1/me", query_string={"member_id": "frank"}).json["member_id"] == "erin"


def test_same_member_id_in_two_programs_stays_apart(app, api, make_member):
    make_member(api, "gina", email="gina@shop-one.example")
    other = make_program(app)
    other_api = api.with_token(other.token)
    make_member(other_api, "gina", email="gina@shop-two.example")
    token = member_token(other_api, "gina")["access_token"]
    assert api.with_token(token).get("/v1/me").json["email"] == "gina@shop-two.example"


def test_token_of_blocked_or_erased_member_is_refused(api, make_member):
    make_member(api, "hank")
    hank = api.with_token(member_token(api, "hank")["access_token"])
    assert hank.get("/v1/me").status_code == 200
    api.patch("/v1/members/hank", json={"status": "blocked"})
    blocked = hank.get("/v1/me")
    assert (blocked.status_code, blocked.json["code"]) == (403, "forbidden")
    api.patch("/v1/members/hank", json={"status": "active"})
    assert hank.get("/v1/me").status_code == 200
    api.delete("/v1/members/hank")
    erased = hank.get("/v1/me")
    assert (erased.status_code, erased.json["code"]) == (401, "unauthorized")


def test_forged_and_expired_member_tokens_are_refused(app, api, program, make_member):
    make_member(api, "ivy")
    expired = token_for(app, scopes=["member"], program_id=program.program_id, token_type="member",
                        subject="ivy", ttl_seconds=-10)
    assert api.with_token(expired).get("/v1/me").status_code == 401
    forged = jwt.encode({"sub": "ivy", "typ": "member", "scope": "member", "prg": str(program.program_id),
                         "iat": 0, "exp": 2**31, "iss": "loyalty-api", "aud": "loyalty-api"}, "x" * 40, algorithm="HS256", headers={"kid": "test-current"})
    assert api.with_token(forged).get("/v1/me").status_code == 401


def test_client_tokens_cannot_use_me_routes(app, api):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(MEMBER_PREFIX + "/") or rule.rule == MEMBER_PREFIX:
            path = rule.rule.replace("<string:", "<").split("<")[0] or rule.rule
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = api.client.open(_url(app, rule), method=method, json={},
                                           headers={"Authorization": f"Bearer {api.token}"})
                assert response.status_code == 403, (method, path, response.json)


def _url(app, rule):
    values = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__
        values[name] = uuid.uuid4() if converter == "UUIDConverter" else (1 if "Integer" in converter else "x")
    return app.url_map.bind("localhost").build(rule.endpoint, values, method=next(iter(rule.methods)))


def _member_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule in PUBLIC_PATHS or rule.rule.startswith("/docs"):
            continue
        if rule.rule == MEMBER_PREFIX or rule.rule.startswith(MEMBER_PREFIX + "/"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_other_route_refuses_a_member_token(app, api, make_member):
    make_member(api, "jack")
    token = member_token(api, "jack")["access_token"]
    checked = 0
    for rule, method in _member_routes(app):
        response = api.client.open(_url(app, rule), method=method, json={},
                                   headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 403, (method, rule.rule, response.status_code, response.get_data(as_text=True))
        assert response.json["code"] == "forbidden"
        checked += 1
    # the walk covers the routes of every feature, not just a few
    assert checked >= 10


@pytest.mark.parametrize("path", ["/v1/me", "/v1/me/tier"])
def test_me_routes_need_a_token(anonymous, path):
    assert anonymous.get(path).status_code == 401


def test_my_referrals_lists_only_my_referees(api, make_member):
    referrer = make_member(api, "kate")
    make_member(api, "liam", referral_code=referrer["referral_code"])
    make_member(api, "mia")
    make_member(api, "noah", referral_code=api.get("/v1/members/mia").json["referral_code"])
    kate = api.with_token(member_token(api, "kate")["access_token"])
    mine = kate.get("/v1/me/referrals")
    assert mine.status_code == 200, mine.json
    assert [item["member_id"] for item in mine.json["items"]] == ["liam"]
    assert mine.json == api.get("/v1/members/kate/referrals").json


def test_me_balance_ledger_and_tier_are_the_members_own(app, make_member):
    shop = make_program(app, settings={"earn": {"points_per_unit": 1}, "pending_days": 0})
    api = ApiCaller(app.test_client(), shop.token)
    api.put("/v1/program/tiers", json={"tiers": [{"code": "silver", "name": "Silver", "threshold": 100}],
                                       "tier_policy": {"metric": "points_earned"}})
    for member_id, amount in (("olga", "150.00"), ("pete", "40.00")):
        make_member(api, member_id)
        placed = api.post("/v1/orders", json={"order_id": f"o-{member_id}", "member_id": member_id,
                                              "amount": amount, "currency": "RUB"})
        assert placed.status_code == 201, placed.json
    olga = api.with_token(member_token(api, "olga")["access_token"])
    for mine, admin in (("/v1/me/balance", "/v1/members/olga/balance"),
                        ("/v1/me/ledger", "/v1/members/olga/ledger"),
                        ("/v1/me/tier", "/v1/members/olga/tier")):
        answer = olga.get(mine)
        assert answer.status_code == 200, (mine, answer.json)
        assert answer.json == api.get(admin).json, mine
    assert olga.get("/v1/me/balance").json["available"] == 150
    assert [entry["order_id"] for entry in olga.get("/v1/me/ledger").json["items"]] == ["o-olga"]
    assert olga.get("/v1/me/tier").json["tier"]["code"] == "silver"
    assert olga.get("/v1/me/ledger", query_string={"limit": 0}).status_code == 422

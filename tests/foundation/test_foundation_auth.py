"""POST /v1/auth/token and the refusal of every kind of bad token (SPEC §12)."""

from __future__ import annotations

import base64
import time
import uuid

import jwt
import pytest

from tests.support import TEST_JWT_KEYS, assert_problem, make_program, token_for

KEYS = dict(item.split(":", 1) for item in TEST_JWT_KEYS.split(","))


def _token_call(anonymous, **body):
    return anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials", **body})


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_json_body_gives_a_bearer_token_with_program_scopes_exp_and_kid(app, anonymous, program):
    started = int(time.time())
    response = _token_call(anonymous, client_id=program.client_id, client_secret=program.client_secret)
    assert response.status_code == 200, response.json
    body = response.json
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "analytics:read checkout members:read members:write program:admin"
    assert response.headers["Cache-Control"] == "no-store"
    header = jwt.get_unverified_header(body["access_token"])
    assert header == {"alg": "HS256", "kid": "test-current", "typ": "JWT"}
    claims = _claims(body["access_token"])
    assert claims["prg"] == str(program.program_id)
    assert claims["scope"] == body["scope"]
    assert claims["sub"] == program.client_id
    assert started + 3600 <= claims["exp"] <= int(time.time()) + 3600
    # and it works
    caller = anonymous.with_token(body["access_token"])
    assert caller.get("/v1/program").status_code == 200


def test_form_body_and_http_basic_are_accepted(anonymous, program):
    form = anonymous.client.post("/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": program.client_id,
        "client_secret": program.client_secret, "scope": "checkout"})
    assert form.status_code == 200, form.json
    assert form.json["scope"] == "checkout"
    basic = base64.b64encode(f"{program.client_id}:{program.client_secret}".encode()).decode()
    with_basic = anonymous.client.post("/v1/auth/token", data={"grant_type": "client_credentials"},
                                       headers={"Authorization": f"Basic {basic}"})
    assert with_basic.status_code == 200, with_basic.json
    assert _claims(with_basic.json["access_token"])["prg"] == str(program.program_id)


def test_requested_scope_narrows_and_more_is_refused(anonymous, app):
    handle = make_program(app, scopes=["members:read", "members:write"])
    narrowed = _token_call(anonymous, client_id=handle.client_id, client_secret=handle.client_secret,
                           scope="members:read")
    assert narrowed.status_code == 200
    assert narrowed.json["scope"] == "members:read"
    caller = anonymous.with_token(narrowed.json["access_token"])
    assert_problem(caller.post("/v1/members", json={"member_id": "x"}), 403, "forbidden")
    more = _token_call(anonymous, client_id=handle.client_id, client_secret=handle.client_secret,
                       scope="members:read checkout")
    body = assert_problem(more, 400, "invalid_scope")
    assert body["error"] == "invalid_scope"


def test_program_admin_may_narrow_to_any_program_scope(anonymous, app):
    handle = make_program(app, scopes=["program:admin"])
    narrowed = _token_call(anonymous, client_id=handle.client_id, client_secret=handle.client_secret,
                           scope="checkout members:read")
    assert narrowed.status_code == 200, narrowed.json
    assert narrowed.json["scope"] == "checkout members:read"
    refused = _token_call(anonymous, client_id=handle.client_id, client_secret=handle.client_secret,
                          scope="platform:admin")
    assert_problem(refused, 400, "invalid_scope")


@pytest.mark.parametrize("secret", ["wrong", "", None])
def test_bad_secret_is_invalid_client(anonymous, program, secret):
    body = {"client_id": program.client_id}
    if secret is not None:
        body["client_secret"] = secret
    response = _token_call(anonymous, **body)
    problem = assert_problem(response, 401, "invalid_client")
    assert problem["error"] == "invalid_client"
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_unknown_client_is_invalid_client(anonymous):
    assert_problem(_token_call(anonymous, client_id="cl_nobody", client_secret="x" * 40), 401, "invalid_client")


@pytest.mark.parametrize("grant", ["password", "authorization_code", None])
def test_other_grants_are_unsupported(anonymous, program, grant):
    body = {"grant_type": grant, "client_id": program.client_id, "client_secret": program.client_secret}
    response = anonymous.post("/v1/auth/token", json=body)
    problem = assert_problem(response, 400, "unsupported_grant_type")
    assert problem["error"] == "unsupported_grant_type"


@pytest.mark.parametrize("payload", [[1, 2], "text", {"client_id": 5, "grant_type": "client_credentials"}])
def test_token_request_of_the_wrong_shape_is_invalid_request(anonymous, payload):
    problem = assert_problem(anonymous.post("/v1/auth/token", json=payload), 400, "invalid_request")
    assert problem["error"] == "invalid_request"


def test_token_endpoint_refuses_malformed_json_and_other_media(anonymous):
    assert_problem(anonymous.client.post("/v1/auth/token", data=b"{", content_type="application/json"),
                   400, "malformed_json")
    assert_problem(anonymous.client.post("/v1/auth/token", data=b"x", content_type="text/plain"),
                   415, "unsupported_media_type")


def test_revoked_client_gets_no_token(app, anonymous):
    from loyalty_api.db import unit_of_work
    from loyalty_api.programs.models import ApiClient

    handle = make_program(app)
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        uow.session.get(ApiClient, handle.client_id).revoked_at = uow.session.execute(
            __import__("sqlalchemy").text("select now()")).scalar_one()
        uow.commit()
    assert_problem(_token_call(anonymous, client_id=handle.client_id, client_secret=handle.client_secret),
                   401, "invalid_client")


# --- refusals -------------------------------------------------------------------------------

def _forge(claims: dict, *, key: str = KEYS["test-current"], kid: str | None = "test-current",
           alg: str = "HS256") -> str:
    headers = {"kid": kid} if kid is not None else {}
    return jwt.encode(claims, key, algorithm=alg, headers=headers)


def _claims_for(program, **changes) -> dict:
    now = int(time.time())
    claims = {"sub": program.client_id, "typ": "client", "scope": "members:read members:write",
              "prg": str(program.program_id), "iat": now, "exp": now + 600,
              "iss": "loyalty-api", "aud": "loyalty-api"}  # the test deployment's (default) issuer and audience
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


def test_missing_token_is_401_with_www_authenticate(anonymous):
    response = anonymous.get("/v1/members/alice")
    assert_problem(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_problem(anonymous.get("/v1/members/alice", headers={"Authorization": "Bearer "}), 401, "unauthorized")
    assert_problem(anonymous.get("/v1/members/alice", headers={"Authorization": "Token abc"}), 401, "unauthorized")
    assert_problem(anonymous.get("/v1/members/alice", headers={"Authorization": "Bearer not.a.jwt"}),
                   401, "unauthorized")


def test_expired_token_is_401(anonymous, program):
    now = int(time.time())
    token = _forge(_claims_for(program, iat=now - 7200, exp=now - 60))
    body = assert_problem(anonymous.with_token(token).get("/v1/members/alice"), 401, "unauthorized")
    assert "expired" in body["detail"]


def test_tampered_signature_is_401(anonymous, program):
    token = _forge(_claims_for(program))
    head, payload, signature = token.split(".")
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    assert_problem(anonymous.with_token(f"{head}.{payload}.{flipped}").get("/v1/members/alice"),
                   401, "unauthorized")
    # a payload changed to another program under the original signature
    other = _forge(_claims_for(program, prg=str(uuid.uuid4()))).split(".")[1]
    assert_problem(anonymous.with_token(f"{head}.{other}.{signature}").get("/v1/members/alice"),
                   401, "unauthorized")


def test_alg_none_is_401(anonymous, program):
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT","kid":"test-current"}').rstrip(b"=")
    import json

    payload = base64.urlsafe_b64encode(json.dumps(_claims_for(program)).encode()).rstrip(b"=")
    token = f"{header.decode()}.{payload.decode()}."
    assert_problem(anonymous.with_token(token).get("/v1/members/alice"), 401, "unauthorized")


def test_other_algorithms_and_keys_are_401(anonymous, program):
    assert_problem(anonymous.with_token(_forge(_claims_for(program), alg="HS512")).get("/v1/members/alice"),
                   401, "unauthorized")
    assert_problem(anonymous.with_token(_forge(_claims_for(program), kid="retired")).get("/v1/members/alice"),
                   401, "unauthorized")
    assert_problem(anonymous.with_token(_forge(_claims_for(program), kid=None)).get("/v1/members/alice"),
                   401, "unauthorized")
    wrong_key = _forge(_claims_for(program), key="w" * 40)
    assert_problem(anonymous.with_token(wrong_key).get("/v1/members/alice"), 401, "unauthorized")
    assert_problem(anonymous.with_token(_forge(_claims_for(program, exp=None))).get("/v1/members/alice"),
                   401, "unauthorized")
    assert_problem(anonymous.with_token(_forge(_claims_for(program, typ="robot"))).get("/v1/members/alice"),
                   401, "unauthorized")


def test_token_signed_with_the_second_key_still_verifies(anonymous, program):
    """Rotation: JWT_KEYS lists the new key first; tokens of the previous key keep working."""
    anonymous.with_token(program.token).post("/v1/members", json={"member_id": "rotated"})
    old = _forge(_claims_for(program), key=KEYS["test-previous"], kid="test-previous")
    response = anonymous.with_token(old).get("/v1/members/rotated")
    assert response.status_code == 200, response.json
    # but the previous key under the current kid is a forgery
    mixed = _forge(_claims_for(program), key=KEYS["test-previous"], kid="test-current")
    assert_problem(anonymous.with_token(mixed).get("/v1/members/rotated"), 401, "unauthorized")


def test_wrong_scope_is_403(app, anonymous, program):
    token = token_for(app, scopes=["checkout"], program_id=program.program_id)
    assert_problem(anonymous.with_token(token).get("/v1/members/alice"), 403, "forbidden")
    assert_problem(anonymous.with_token(token).get("/v1/program"), 403, "forbidden")


def test_platform_token_cannot_use_program_routes(app, anonymous):
    token = token_for(app, scopes=["platform:admin"], program_id=None)
    assert_problem(anonymous.with_token(token).get("/v1/members/alice"), 403, "forbidden")
    assert_problem(anonymous.with_token(token).get("/v1/program"), 403, "forbidden")


def test_program_token_cannot_use_platform_routes(anonymous, program):
    caller = anonymous.with_token(program.token)
    assert_problem(caller.post("/v1/programs", json={"name": "x", "currency": "RUB"}), 403, "forbidden")
    assert_problem(caller.post(f"/v1/programs/{program.program_id}/clients",
                               json={"name": "x", "scopes": ["checkout"]}), 403, "forbidden")


def test_member_token_only_works_on_me_routes(app, anonymous, program):
    anonymous.with_token(program.token).post("/v1/members", json={"member_id": "m1"})
    token = token_for(app, scopes=["member"], program_id=program.program_id, token_type="member", subject="m1")
    caller = anonymous.with_token(token)
    assert_problem(caller.get("/v1/members/m1"), 403, "forbidden")
    assert_problem(caller.get("/v1/program"), 403, "forbidden")
    assert_problem(caller.post("/v1/members", json={"member_id": "m2"}), 403, "forbidden")
    # even with forged program scopes, a member token stays a member token
    greedy = token_for(app, scopes=["member", "program:admin"], program_id=program.program_id,
                       token_type="member", subject="m1")
    assert_problem(anonymous.with_token(greedy).get("/v1/members/m1"), 403, "forbidden")


def test_another_programs_member_is_404_not_a_leak(app, anonymous, program):
    mine = anonymous.with_token(program.token)
    assert mine.post("/v1/members", json={"member_id": "shared-id", "email": "a@example.com"}).status_code == 201
    other = make_program(app)
    theirs = anonymous.with_token(other.token)
    for response in (theirs.get("/v1/members/shared-id"),
                     theirs.patch("/v1/members/shared-id", json={"email": "b@example.com"}),
                     theirs.delete("/v1/members/shared-id")):
        body = assert_problem(response, 404, "not_found")
        assert "a@example.com" not in response.get_data(as_text=True)
        assert body["detail"] == "Member 'shared-id' not found"
    # the other program may enrol the same id independently
    assert theirs.post("/v1/members", json={"member_id": "shared-id"}).json["email"] is None
    assert mine.get("/v1/members/shared-id").json["email"] == "a@example.com"


def test_program_settings_are_the_callers_own(app, anonymous, program):
    other = make_program(app, currency="EUR")
    assert anonymous.with_token(program.token).get("/v1/program").json["program_id"] == str(program.program_id)
    assert anonymous.with_token(other.token).get("/v1/program").json["currency"] == "EUR"

"""Hostile integrator, tokens: issuer and audience, revocation within 60 s, a rate-limited
token endpoint, and a /metrics that can be closed."""

from __future__ import annotations

import time

import jwt
import pytest
from sqlalchemy import event

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work
from loyalty_api.programs import service as programs
from tests.support import TEST_JWT_KEYS, ApiCaller, assert_problem, make_program, token_for

KEYS = dict(item.split(":", 1) for item in TEST_JWT_KEYS.split(","))


def _forged(claims_changes: dict, drop: tuple[str, ...] = (), program_id=None, subject="cl_test") -> str:
    """A correctly signed token whose claims differ from what the deployment issues."""
    now = int(time.time())
    claims = {"sub": subject, "typ": "client", "scope": "program:admin", "iat": now, "exp": now + 600,
              "prg": str(program_id), "iss": "loyalty-api", "aud": "loyalty-api", **claims_changes}
    for name in drop:
        claims.pop(name)
    return jwt.encode(claims, KEYS["test-current"], algorithm="HS256", headers={"kid": "test-current"})


@pytest.fixture
def fresh_app(app_config):
    """An app of its own: its caches and buckets are not the session app's."""
    from loyalty_api.app import create_app

    def make(**overrides):
        made.append(create_app({**app_config, **overrides}))
        return made[-1]

    made = []
    yield make
    for application in made:
        application.extensions["loyalty"].engine.dispose()


def test_tokens_carry_the_deployments_issuer_and_audience(app, anonymous, program):
    answer = anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials",
                                                    "client_id": program.client_id,
                                                    "client_secret": program.client_secret})
    claims = jwt.decode(answer.json["access_token"], options={"verify_signature": False})
    assert (claims["iss"], claims["aud"]) == ("loyalty-api", "loyalty-api")


@pytest.mark.parametrize("changes, drop", [
    ({"iss": "https://evil.example"}, ()),
    ({"aud": "another-deployment"}, ()),
    ({}, ("iss",)),
    ({}, ("aud",)),
])
def test_a_token_of_another_issuer_or_audience_is_refused(app, program, changes, drop):
    caller = ApiCaller(app.test_client(), _forged(changes, drop, program.program_id))
    assert_problem(caller.get("/v1/program"), 401, "unauthorized")
    assert ApiCaller(app.test_client(), _forged({}, (), program.program_id)).get("/v1/program").status_code == 200


def test_issuer_and_audience_follow_the_settings(fresh_app, program):
    shop = fresh_app(JWT_ISSUER="https://loyalty.shop.example", JWT_AUDIENCE="shop-api")
    token = token_for(shop, scopes=["program:admin"], program_id=program.program_id)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert (claims["iss"], claims["aud"]) == ("https://loyalty.shop.example", "shop-api")
    assert ApiCaller(shop.test_client(), token).get("/v1/program").status_code == 200
    # The default deployment's token is another issuer's here.
    assert_problem(ApiCaller(shop.test_client(), program.token).get("/v1/program"), 401, "unauthorized")


def test_a_revoked_clients_tokens_are_refused_within_60_seconds(fresh_app):
    shop = fresh_app()
    handle = make_program(shop)
    anonymous = ApiCaller(shop.test_client(), None)
    token = anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials", "client_id": handle.client_id,
                                                   "client_secret": handle.client_secret}).json["access_token"]
    client = ApiCaller(shop.test_client(), token)
    assert client.get("/v1/program").status_code == 200
    member = client.post("/v1/members", json={"member_id": "m1"})
    assert member.status_code == 201
    member_token = client.post("/v1/members/m1/tokens", json={}).json["access_token"]
    me = ApiCaller(shop.test_client(), member_token)
    assert me.get("/v1/me").status_code == 200
    with unit_of_work(shop.extensions["loyalty"].session_factory) as uow:
        programs.revoke_client(uow.session, handle.client_id, actor=OPERATOR)
        uow.commit()
    revocations = shop.extensions["loyalty_revocations"]
    real_clock = revocations.clock
    revocations.clock = lambda: real_clock() + 60
    assert_problem(client.get("/v1/program"), 401, "unauthorized")
    assert_problem(me.get("/v1/me"), 401, "unauthorized")  # the member tokens it issued go with it
    other = make_program(shop)  # another client's token is unaffected
    assert ApiCaller(shop.test_client(), other.token).get("/v1/program").status_code == 200


def test_revocation_is_not_a_query_per_request(fresh_app):
    shop = fresh_app()
    handle = make_program(shop)
    client = ApiCaller(shop.test_client(), handle.token)
    seen = []

    def count(_conn, _cursor, statement, *_args):
        if "api_clients" in statement:
            seen.append(statement)

    event.listen(shop.extensions["loyalty"].engine, "before_cursor_execute", count)
    try:
        for _ in range(25):
            assert client.get("/v1/program").status_code == 200
    finally:
        event.remove(shop.extensions["loyalty"].engine, "before_cursor_execute", count)
    assert len(seen) <= 1, seen


def test_the_token_endpoint_is_rate_limited_per_client_id_and_per_address(app, program):
    """With the default settings; every call here comes from an address of its own test."""
    http = app.test_client()

    def ask(client_id, address, secret="wrong"):
        return http.post("/v1/auth/token", json={"grant_type": "client_credentials", "client_id": client_id,
                                                 "client_secret": secret}, environ_base={"REMOTE_ADDR": address})

    # One client_id guessed at from many addresses: the client's budget runs out.
    answers = [ask(program.client_id, f"198.51.100.{n}") for n in range(1, 41)]
    assert {a.status_code for a in answers[:20]} == {401}
    limited = answers[-1]
    assert_problem(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1
    # Many client_ids from one address: the address's budget runs out.
    answers = [ask(f"cl_guess{n}", "203.0.113.9") for n in range(80)]
    assert answers[0].status_code == 401
    assert_problem(answers[-1], 429, "rate_limited")
    # Another address with another client is served.
    other = make_program(app)
    assert ask(other.client_id, "192.0.2.44", other.client_secret).status_code == 200


def test_metrics_can_require_a_bearer_token(fresh_app):
    shop = fresh_app(METRICS_TOKEN="m" * 32)
    http = shop.test_client()
    assert_problem(http.get("/metrics"), 401, "unauthorized")
    assert_problem(http.get("/metrics", headers={"Authorization": "Bearer " + "x" * 32}), 401, "unauthorized")
    handle = make_program(shop)  # an API token is not the metrics token
    assert_problem(http.get("/metrics", headers={"Authorization": f"Bearer {handle.token}"}), 401, "unauthorized")
    scraped = http.get("/metrics", headers={"Authorization": "Bearer " + "m" * 32})
    assert scraped.status_code == 200 and b"loyalty_http_requests" in scraped.data


def test_metrics_can_be_served_on_a_port_of_its_own(fresh_app):
    shop = fresh_app(METRICS_BIND="127.0.0.1:9187")
    http = shop.test_client()
    # The API's port does not show it; the metrics port shows only it (and the probes).
    assert_problem(http.get("/metrics", base_url="http://localhost:8000"), 404, "not_found")
    assert http.get("/metrics", base_url="http://localhost:9187").status_code == 200
    assert http.get("/healthz", base_url="http://localhost:9187").status_code == 200
    handle = make_program(shop)
    assert_problem(http.get("/v1/program", headers={"Authorization": f"Bearer {handle.token}"},
                            base_url="http://localhost:9187"), 404, "not_found")
    assert http.get("/v1/program", headers={"Authorization": f"Bearer {handle.token}"},
                    base_url="http://localhost:8000").status_code == 200


def test_behind_proxies_the_address_is_the_trusted_entry_of_x_forwarded_for(fresh_app):
    shop = fresh_app(TRUSTED_PROXY_HOPS=1, TOKEN_RATE_LIMIT_PER_ADDRESS=2, TOKEN_RATE_LIMIT_PER_CLIENT=0)
    http = shop.test_client()

    def ask(forwarded_for):
        return http.post("/v1/auth/token", json={"grant_type": "client_credentials", "client_id": "cl_x",
                                                 "client_secret": "wrong"},
                         headers={"X-Forwarded-For": forwarded_for}, environ_base={"REMOTE_ADDR": "10.0.0.2"})

    # The caller may prepend anything; the entry the one trusted proxy added is what counts.
    assert [ask(f"{spoof}, 198.51.100.7").status_code for spoof in ("1.1.1.1", "2.2.2.2")] == [401, 401]
    assert_problem(ask("3.3.3.3, 198.51.100.7"), 429, "rate_limited")
    assert ask("198.51.100.7, 198.51.100.8").status_code == 401  # another caller behind the proxy


def test_revocations_survive_a_short_database_outage_and_no_more(app):
    from sqlalchemy import create_engine

    from loyalty_api.http.revocation import Revocations

    now = [1000.0]
    revocations = Revocations(app.extensions["loyalty"].read_engine, 30, clock=lambda: now[0])
    assert revocations.refuses("cl_nobody", 0) is False  # loaded
    revocations.engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/none",
                                       connect_args={"connect_timeout": 1})
    now[0] += 45  # due for a reload, which fails: the list of 45 s ago stays
    assert revocations.refuses("cl_nobody", 0) is False
    now[0] += 20  # 65 s without a good list: refuse to guess
    with pytest.raises(Exception) as failure:
        revocations.refuses("cl_nobody", 0)
    assert "connect" in str(failure.value).lower() or "refused" in str(failure.value).lower()
    revocations.engine.dispose()

"""Per-client rate limit (RATE_LIMIT_PER_MINUTE; 0 = off): 429 rate_limited with
Retry-After, per caller, refilled over time; off by default with nothing kept.

Worked example (the bucket): 6 per minute refills one token every 10 s.
| t (s) | tokens before | take -> |
|   0   | 6 (full)      | 6 granted in a row, the 7th waits 10 s |
|   5   | 0.5           | waits 5 s |
|  10   | 1.0           | granted |
"""

from __future__ import annotations

from loyalty_api.app import create_app
from loyalty_api.http.ratelimit import TokenBuckets
from tests.reliability_support import program_counts
from tests.support import ApiCaller, assert_problem, make_program, token_for


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_refills_at_the_budget_per_minute():
    clock = FakeClock()
    buckets = TokenBuckets(6, clock=clock)
    assert [buckets.take(("a",)) for _ in range(6)] == [0.0] * 6
    assert buckets.take(("a",)) == 10.0
    assert buckets.take(("b",)) == 0.0  # another caller has a bucket of its own
    clock.now += 5
    assert buckets.take(("a",)) == 5.0
    clock.now += 5
    assert buckets.take(("a",)) == 0.0
    clock.now += 3600  # an idle hour fills the bucket up to one minute's budget, no more
    assert [buckets.take(("a",)) for _ in range(7)] == [0.0] * 6 + [10.0]


def test_limit_answers_429_with_retry_after_per_client(app_config, database_url):
    limited = create_app({**app_config, "RATE_LIMIT_PER_MINUTE": 3})
    try:
        handle = make_program(limited)
        api = ApiCaller(limited.test_client(), handle.token)
        assert [api.get("/v1/program").status_code for _ in range(3)] == [200] * 3
        answer = api.get("/v1/program")
        body = assert_problem(answer, 429, "rate_limited")
        assert body["title"] == "Too many requests"
        assert 1 <= int(answer.headers["Retry-After"]) <= 20  # one token per 20 s at 3/min
        # Writes count too, and a refused write changes nothing (no idempotency record either).
        refused = api.post("/v1/members", json={"member_id": "m-limited"}, headers={"Idempotency-Key": "k1"})
        assert_problem(refused, 429, "rate_limited")
        counts = program_counts(database_url, handle.program_id)
        assert (counts["members"], counts["idempotency_keys"]) == (0, 0)
        # Another client of the same program, and a member token, have budgets of their own.
        other = token_for(limited, scopes=["program:admin"], program_id=handle.program_id, subject="cl_other")
        assert api.with_token(other).get("/v1/members/m-limited").status_code == 404
        # Unauthenticated calls are refused as before (401 first: no bucket for unknown callers).
        assert_problem(api.with_token(None).get("/v1/program"), 401, "unauthorized")
        assert_problem(api.with_token("garbage").get("/v1/program"), 401, "unauthorized")
        # Health and the token endpoint are not metered.
        assert limited.test_client().get("/healthz").status_code == 200
        signed_in = limited.test_client().post("/v1/auth/token", json={
            "grant_type": "client_credentials", "client_id": handle.client_id, "client_secret": handle.client_secret})
        assert signed_in.status_code == 200
        # The new token has the same subject: the same (empty) bucket.
        assert_problem(api.with_token(signed_in.json["access_token"]).get("/v1/program"), 429, "rate_limited")
    finally:
        limited.extensions["loyalty"].engine.dispose()


def test_off_by_default_keeps_nothing(app, api):
    assert app.extensions["loyalty"].settings.RATE_LIMIT_PER_MINUTE == 0
    assert all(api.get("/v1/program").status_code == 200 for _ in range(30))
    assert app.extensions.get("loyalty_rate_limit") is None

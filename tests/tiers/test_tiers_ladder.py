"""PUT/GET /v1/program/tiers: the ladder and its policy, validated."""

from tests.support import make_program, token_for

LADDER = {
    "tiers": [
        {"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1.25, "perks": ["free delivery"]},
        {"code": "ambassador", "name": "Ambassador", "threshold": None, "earn_multiplier": 3},
        {"code": "gold", "name": "Gold", "threshold": 5000, "earn_multiplier": 1.5},
    ],
    "tier_policy": {"metric": "points_earned", "window_months": 12, "retention_months": 6,
                    "downgrade": "to_qualified"},
}


def test_put_then_get_ladder(api):
    put = api.put("/v1/program/tiers", json=LADDER)
    assert put.status_code == 200, put.json
    assert put.json["tiers"][0] == {"code": "silver", "name": "Silver", "threshold": 1000,
                                    "earn_multiplier": 1.25, "perks": ["free delivery"]}
    assert put.json["tiers"][1]["threshold"] is None
    assert put.json["tiers"][1]["perks"] == []
    assert put.json["tier_policy"] == LADDER["tier_policy"]
    assert api.get("/v1/program/tiers").json == put.json
    # the same ladder is part of the program settings
    program = api.get("/v1/program").json
    assert program["tiers"] == put.json["tiers"] and program["tier_policy"] == put.json["tier_policy"]


def test_put_replaces_the_whole_policy_with_defaults(api):
    api.put("/v1/program/tiers", json=LADDER)
    put = api.put("/v1/program/tiers", json={"tiers": [], "tier_policy": {"metric": "spend"}})
    assert put.status_code == 200, put.json
    assert put.json == {"tiers": [], "tier_policy": {"metric": "spend", "window_months": None,
                                                     "retention_months": 12, "downgrade": "one_level"}}


def test_thresholds_must_rise_and_codes_be_unique(api):
    body = {"tiers": [
        {"code": "silver", "name": "Silver", "threshold": 1000},
        {"code": "vip", "name": "VIP", "threshold": None},
        {"code": "gold", "name": "Gold", "threshold": 1000},
        {"code": "silver", "name": "Silver again", "threshold": 7000},
    ], "tier_policy": {"metric": "orders"}}
    response = api.put("/v1/program/tiers", json=body)
    assert response.status_code == 422
    assert response.json["code"] == "validation_error"
    assert response.json["errors"] == {"tiers": {
        "2": {"threshold": ["Must be higher than the threshold below it (1000)."]},
        "3": {"code": ["Duplicate tier code."]},
    }}
    assert api.get("/v1/program/tiers").json["tiers"] == []


def test_fractional_threshold_only_for_spend(api):
    tiers = [{"code": "silver", "name": "Silver", "threshold": 99.5}]
    refused = api.put("/v1/program/tiers", json={"tiers": tiers, "tier_policy": {"metric": "orders"}})
    assert refused.status_code == 422
    assert refused.json["errors"] == {"tiers": {"0": {"threshold": ["Must be a whole number for the orders metric."]}}}
    accepted = api.put("/v1/program/tiers", json={"tiers": tiers, "tier_policy": {"metric": "spend"}})
    assert accepted.status_code == 200
    assert accepted.json["tiers"][0]["threshold"] == 99.5


def test_schema_errors(api):
    response = api.put("/v1/program/tiers", json={"tiers": [{"code": "has space", "name": "", "threshold": -1}],
                                                  "tier_policy": {"metric": "visits", "downgrade": "all"}})
    assert response.status_code == 422
    errors = response.json["errors"]
    assert set(errors["tiers"]["0"]) == {"code", "name", "threshold"}
    assert set(errors["tier_policy"]) == {"metric", "downgrade"}


def test_needs_program_admin(app, program, api):
    token = token_for(app, scopes=["members:write", "members:read"], program_id=program.program_id)
    caller = api.with_token(token)
    assert caller.put("/v1/program/tiers", json=LADDER).status_code == 403
    assert caller.get("/v1/program/tiers").status_code == 403
    assert api.with_token(None).get("/v1/program/tiers").status_code == 401


def test_ladders_are_per_program(app, api):
    api.put("/v1/program/tiers", json=LADDER)
    other = make_program(app)
    assert api.with_token(other.token).get("/v1/program/tiers").json["tiers"] == []


def test_a_merge_patch_of_the_program_gets_the_same_ladder_checks(api):
    ladder = [{"code": "silver", "name": "Silver", "threshold": 500},
              {"code": "gold", "name": "Gold", "threshold": 100}]
    response = api.patch("/v1/program", json={"tiers": ladder})
    assert response.status_code == 422, response.json
    assert response.json["code"] == "validation_error"
    assert "threshold" in response.json["errors"]["tiers"]["1"]
    assert api.get("/v1/program").json["tiers"] == []

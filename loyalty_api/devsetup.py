"""First-start conveniences for ``make serve``: a signing key and a demo program.

Production sets ``JWT_KEYS`` itself and creates programs with the CLI; nothing here
runs there unless asked.
"""

from __future__ import annotations

import json
import os
import secrets

import click

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.devdb import data_dir

DEMO_FILE = "demo-credentials.json"


def ensure_jwt_keys() -> None:
    if os.environ.get("JWT_KEYS"):
        return
    path = data_dir() / "jwt-keys"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"dev1:{secrets.token_urlsafe(48)}\n")
        path.chmod(0o600)
    os.environ["JWT_KEYS"] = path.read_text().strip()


def saved_jwt_keys() -> None:
    """Use the key ``make serve`` made (``.data/jwt-keys``) when ``JWT_KEYS`` is not set.

    The operator commands of a ``make serve`` checkout then share the server's key
    (the webhook worker derives its sealing key from it); nothing is created here.
    """
    path = data_dir() / "jwt-keys"
    if not os.environ.get("JWT_KEYS") and path.exists():
        os.environ["JWT_KEYS"] = path.read_text().strip()


def ensure_demo(app) -> dict:
    """Create the demo program and client once; later starts reuse the saved credentials."""
    from loyalty_api.db import unit_of_work
    from loyalty_api.programs import service
    from loyalty_api.programs.models import ApiClient

    path = data_dir() / DEMO_FILE
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        if path.exists():
            saved = json.loads(path.read_text())
            if uow.session.get(ApiClient, saved["client_id"]) is not None:
                return saved
        program = service.create_program(uow.session, name="Demo shop", currency="RUB", settings={
            "earn": {"points_per_unit": 1, "excluded_categories": ["gift_cards"], "excluded_skus": []},
            "redeem": {"point_value": "1.00", "min_points": 100, "max_order_share": "0.5"},
            "pending_days": 0, "timezone": "Europe/Moscow",
            "expiry": {"mode": "days", "days": 365, "inactivity_days": None, "warn_days": 14},
        })
        add_demo_catalogue(uow.session, program.program_id)
        scopes = ["program:admin", "checkout", "members:read", "members:write", "analytics:read"]
        client, secret = service.create_client(uow.session, program_id=program.program_id,
                                               name="demo", scopes=scopes, actor=OPERATOR)
        uow.commit()
    saved = {"program_id": str(program.program_id), "client_id": client.client_id, "client_secret": secret}
    path.write_text(json.dumps(saved, indent=2))
    path.chmod(0o600)
    return saved


# What a newcomer's first order meets: 1 point per rouble, double on coffee; a
# 1,000.00 order reaches Silver, shows the way to Gold and can buy the mug.
DEMO_LADDER = {
    "tiers": [
        {"code": "silver", "name": "Silver", "threshold": 500, "earn_multiplier": 1.25,
         "perks": ["free delivery"]},
        {"code": "gold", "name": "Gold", "threshold": 2000, "earn_multiplier": 1.5, "perks": ["free delivery"]},
        {"code": "platinum", "name": "Platinum", "threshold": 5000, "earn_multiplier": 2,
         "perks": ["free delivery", "early access"]},
    ],
    "tier_policy": {"metric": "points_earned", "window_months": 12, "retention_months": 12,
                    "downgrade": "one_level"},
}
DEMO_RULE = {"rule_id": "double-coffee", "kind": "purchase", "name": "Double points on coffee",
             "categories": ["coffee"], "multiplier": 2}
DEMO_REWARD = {"reward_id": "mug", "name": "Demo shop mug", "kind": "gift", "sku": "MUG-1",
               "cost_points": 300, "coupon_valid_days": 30}


def add_demo_catalogue(session, program_id) -> None:
    """The demo's ladder, purchase rule and reward, through the same schemas and
    services as ``PUT /v1/program/tiers``, ``POST /v1/program/rules`` and ``…/rewards``."""
    from loyalty_api.earning_rules import service as earning_rules
    from loyalty_api.earning_rules.schemas import RuleCreateSchema
    from loyalty_api.rewards import service as rewards
    from loyalty_api.rewards.schemas import RewardCreateSchema
    from loyalty_api.tiers import ladder as tiers
    from loyalty_api.tiers.schemas import LadderSchema

    tiers.put_ladder(session, program_id, LadderSchema().load(DEMO_LADDER), actor=OPERATOR)
    rewards.create_reward(session, program_id, RewardCreateSchema().load(DEMO_REWARD), actor=OPERATOR)
    earning_rules.create_rule(session, program_id, RuleCreateSchema().load(DEMO_RULE), actor=OPERATOR)


def print_demo_credentials(creds: dict, bind: str) -> None:
    base = f"http://{bind}"
    click.echo(f"""
Demo program {creds['program_id']} is ready.
  client_id:     {creds['client_id']}
  client_secret: {creds['client_secret']}

Get a token and enrol a member:
  TOKEN=$(curl -s {base}/v1/auth/token -H 'Content-Type: application/json' \\
    -d '{{"grant_type":"client_credentials","client_id":"{creds['client_id']}","client_secret":"{creds['client_secret']}"}}' \\
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  curl -s {base}/v1/members -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{{"member_id":"alice"}}'

Her first order (1 point per rouble, double on coffee), her tier progress and what she can claim:
  curl -s {base}/v1/orders -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
    -d '{{"order_id":"A1","member_id":"alice","amount":"1000.00","currency":"RUB","lines":[{{"sku":"BEANS-1","category":"coffee","quantity":1,"unit_price":"400.00"}},{{"sku":"CUP-1","category":"kitchen","quantity":1,"unit_price":"600.00"}}]}}'
  curl -s {base}/v1/members/alice/tier -H "Authorization: Bearer $TOKEN"
  curl -s {base}/v1/members/alice/rewards -H "Authorization: Bearer $TOKEN"

Interactive docs: {base}/docs
""")

"""The application factory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from flask import Flask
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from loyalty_api import wiring
from loyalty_api.config import Settings, load_settings
from loyalty_api.db import make_engine, make_session_factory
from loyalty_api.http import transaction
from loyalty_api.http.api import init_http
from loyalty_api.observability.http import init_observability, keep_metrics_on_their_port
from loyalty_api.webhooks import catalogue as webhook_catalogue


@dataclass
class Loyalty:
    """What the app's parts share; found at ``app.extensions["loyalty"]``."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    # The same pool, with statements outside a transaction block (no BEGIN, no COMMIT
    # round trips): for views marked ``http.transaction.reads_only``.
    read_engine: Engine


def blueprints():
    """Every feature's blueprint, in the order the OpenAPI document lists them."""
    from loyalty_api.auth.resources import blp as auth
    from loyalty_api.http.health import blp as health
    from loyalty_api.members.resources import blp as members
    from loyalty_api.programs.resources import blp as programs
    from loyalty_api.earning_rules.resources import blp as earning_rules
    from loyalty_api.referrals.resources import blp as referrals
    from loyalty_api.tiers.resources import blp as tiers
    from loyalty_api.me.resources import blp as me
    from loyalty_api.webhooks.resources import blp as webhooks
    from loyalty_api.ledger.resources import blp as ledger
    from loyalty_api.checkout.resources import blp as checkout
    from loyalty_api.rewards.resources import blp as rewards
    from loyalty_api.analytics.resources import blp as analytics
    from loyalty_api.imports.resources import blp as imports
    from loyalty_api.exports.resources import blp as exports
    from loyalty_api.identities.resources import blp as identities
    from loyalty_api.merges.resources import blp as merges
    from loyalty_api.subject_access.resources import blp as subject_access
    from loyalty_api.transfers.resources import blp as transfers
    from loyalty_api.audit.resources import blp as audit
    from loyalty_api.clock.resources import blp as clock

    return [health, auth, programs, members, tiers, me, ledger, checkout, webhooks, earning_rules, referrals, rewards, analytics,
            imports, exports, identities, merges, subject_access, transfers, audit, clock]


def create_app(config: Mapping[str, Any] | None = None, *, require_jwt_keys: bool = True) -> Flask:
    settings = load_settings(config, require_jwt_keys=require_jwt_keys)
    wiring.install()  # the cross-feature reactions every service of this process runs
    app = Flask("loyalty_api", static_folder=None)  # no unauthenticated file serving
    app.config["MAX_CONTENT_LENGTH"] = settings.MAX_CONTENT_LENGTH
    app.config["TESTING"] = settings.TESTING
    engine = make_engine(settings)
    read_engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    app.extensions["loyalty"] = Loyalty(settings, engine, make_session_factory(engine), read_engine)
    init_observability(app)
    api = init_http(app)
    app.before_request(keep_metrics_on_their_port)  # after init_http: refusals carry the request id
    transaction.register(app)
    for blueprint in blueprints():
        api.register_blueprint(blueprint)
    for name, schema in webhook_catalogue.components().items():
        api.spec.components.schema(name, schema)
    return app

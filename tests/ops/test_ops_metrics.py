"""GET /metrics: request counts and latency per route, points, outbox backlog, pool."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from loyalty_api.db import unit_of_work
from loyalty_api.events.service import emit
from loyalty_api.observability.metrics import record_points


def scrape(client) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_is_public_and_not_in_the_openapi_document(anonymous, app):
    assert anonymous.get("/metrics").status_code == 200
    assert "/metrics" not in anonymous.get("/openapi.json").json["paths"]


def test_requests_are_counted_per_url_rule_and_status(api, anonymous, unique):
    route = "/v1/members/<string:member_id>"
    before = scrape(anonymous.client)
    assert api.post("/v1/members", json={"member_id": f"m-{unique}"}).status_code == 201
    assert api.get(f"/v1/members/m-{unique}").status_code == 200
    assert api.get(f"/v1/members/other-{unique}").status_code == 404
    assert api.get(f"/v1/members/third-{unique}").status_code == 404
    assert anonymous.get(f"/no/such/{unique}").status_code == 404
    after = scrape(anonymous.client)

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    # Two different ids, one series: the raw path never becomes a label.
    assert delta("loyalty_http_requests_total", method="GET", route=route, status="404") == 2
    assert delta("loyalty_http_requests_total", method="GET", route=route, status="200") == 1
    assert delta("loyalty_http_requests_total", method="POST", route="/v1/members", status="201") == 1
    assert delta("loyalty_http_requests_total", method="GET", route="<unmatched>", status="404") == 1
    assert delta("loyalty_http_request_duration_seconds_count", method="GET", route=route,
                 status="404") == 2
    assert delta("loyalty_http_request_duration_seconds_bucket", method="GET", route=route,
                 status="404", le="+Inf") == 2
    assert not any(unique in labels_text for _, labels in after for labels_text in map(str, labels))


def test_made_up_methods_do_not_mint_new_series(anonymous, unique):
    made_up = "X" + unique.upper()
    response = anonymous.client.open("/healthz", method=made_up)
    assert response.status_code == 405
    after = scrape(anonymous.client)
    assert not any(made_up in str(labels) for _, labels in after)
    assert value(after, "loyalty_http_requests_total", method="OTHER", route="<unmatched>", status="405") >= 1


def test_points_count_only_once_the_transaction_commits(app, anonymous, session_factory):
    before = scrape(anonymous.client)
    with unit_of_work(session_factory) as uow:
        record_points("earned", 120, session=uow.session)
        record_points("redeemed", 40, session=uow.session)
        record_points("earned", 5, session=uow.session)
        uow.commit()
    with unit_of_work(session_factory) as uow:
        record_points("earned", 1000, session=uow.session)  # rolled back: never counted
    record_points("expired", 7)
    record_points("expired", 0)
    after = scrape(anonymous.client)
    assert value(after, "loyalty_points_total", kind="earned") - value(before, "loyalty_points_total", kind="earned") == 125
    assert value(after, "loyalty_points_total", kind="redeemed") - value(before, "loyalty_points_total", kind="redeemed") == 40
    assert value(after, "loyalty_points_total", kind="expired") - value(before, "loyalty_points_total", kind="expired") == 7


@pytest.mark.parametrize("kind, points", [("spent", 1), ("earned", -5)])
def test_record_points_refuses_unknown_kinds_and_negative_sizes(kind, points):
    with pytest.raises(ValueError):
        record_points(kind, points)


def test_outbox_backlog_is_read_at_scrape_time(anonymous, program, session_factory):
    before = value(scrape(anonymous.client), "loyalty_outbox_backlog")
    with unit_of_work(session_factory) as uow:
        emit(uow.session, program.program_id, "points.earned", {"member_id": "x", "points": 1})
        emit(uow.session, program.program_id, "points.earned", {"member_id": "y", "points": 2})
        uow.commit()
    after = scrape(anonymous.client)
    assert value(after, "loyalty_outbox_backlog") == before + 2
    assert value(after, "loyalty_outbox_oldest_age_seconds") >= 0
    assert ("loyalty_webhook_deliveries_pending", ()) in after


def test_pool_gauges_follow_checked_out_connections(app, anonymous):
    engine = app.extensions["loyalty"].engine
    before = scrape(anonymous.client)
    assert value(before, "loyalty_db_pool_size") >= 1
    with engine.connect(), engine.connect():
        during = scrape(anonymous.client)
    after = scrape(anonymous.client)
    idle = value(before, "loyalty_db_pool_checked_out")
    # The backlog query of each scrape checks a connection out and back in again.
    assert value(during, "loyalty_db_pool_checked_out") == idle + 2
    assert value(after, "loyalty_db_pool_checked_out") == idle


SHOP = {"earn": {"points_per_unit": 1}, "pending_days": 0, "expiry": {"mode": "none"},
        "redeem": {"point_value": "1.00", "min_points": 100, "max_order_share": "0.5"}}


def test_checkout_moves_the_points_counters_by_the_ledger_figures(app, anonymous, unique):
    from tests.support import ApiCaller, make_program

    program = make_program(app, settings=SHOP)
    api = ApiCaller(app.test_client(), program.token)
    member = f"m-{unique}"
    assert api.post("/v1/members", json={"member_id": member}).status_code == 201
    # A manual credit is a correction, not earning: the counters do not move for it.
    assert api.post(f"/v1/members/{member}/adjustments", json={"points": 500, "reason": "welcome"}).status_code == 201
    before = scrape(anonymous.client)
    order = api.post("/v1/orders", json={"order_id": f"o-{unique}", "member_id": member, "amount": "1000.00",
                                         "currency": "RUB", "redeem_points": 200})
    assert order.status_code == 201, order.json
    # 1000.00 paid with 200 points -> 800.00 paid -> 800 points earned.
    assert (order.json["redeemed_points"], order.json["earned_points"]) == (200, 800)
    refused = api.post("/v1/orders", json={"order_id": f"o2-{unique}", "member_id": member, "amount": "10.00",
                                           "currency": "RUB", "redeem_points": 10_000})
    assert refused.status_code in (409, 422)
    cancelled = api.post(f"/v1/orders/o-{unique}/cancel")
    assert cancelled.status_code in (200, 201), cancelled.json
    after = scrape(anonymous.client)

    def delta(kind):
        return value(after, "loyalty_points_total", kind=kind) - value(before, "loyalty_points_total", kind=kind)

    # Cancelling takes the 800 earned back and gives the 200 redeemed back.
    assert [delta(kind) for kind in ("earned", "redeemed", "reversed", "refunded", "expired")] == [800, 200, 800, 200, 0]

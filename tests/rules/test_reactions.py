"""The reactions registry (``loyalty_api.reactions``) and the one table that fills it
(``loyalty_api.wiring``); no database: the reactions here record their calls."""

import pytest

from loyalty_api import reactions, wiring
from loyalty_api.checkout import seams


@pytest.fixture
def rewired():
    """Tests install tables of their own; the real one is back for the next test."""
    yield
    wiring.install()


def test_reactions_run_in_table_order_with_the_callers_arguments(rewired):
    calls = []
    reactions.install([
        (reactions.AFTER_ORDER_RETURNED, lambda *args: calls.append(("first", args))),
        (reactions.BEFORE_MEMBER_LOCK, lambda *args: calls.append(("other hook", args))),
        (reactions.AFTER_ORDER_RETURNED, lambda *args: calls.append(("second", args)) or "answer"),
    ])
    assert reactions.run(reactions.AFTER_ORDER_RETURNED, "session", 1) == [None, "answer"]
    assert calls == [("first", ("session", 1)), ("second", ("session", 1))]


def test_a_failing_reaction_stops_the_rest_and_reaches_the_caller(rewired):
    calls = []

    def fail(*_):
        raise LookupError("boom")

    reactions.install([(reactions.BEFORE_MEMBER_LOCK, fail),
                       (reactions.BEFORE_MEMBER_LOCK, lambda *_: calls.append("after"))])
    with pytest.raises(LookupError):
        reactions.run(reactions.BEFORE_MEMBER_LOCK, "session")
    assert calls == []


def test_installing_replaces_and_an_unknown_hook_is_refused(rewired):
    reactions.install([(reactions.BEFORE_MEMBER_LOCK, lambda *_: 1)])
    reactions.install([(reactions.BEFORE_MEMBER_LOCK, lambda *_: 2)])
    assert reactions.run(reactions.BEFORE_MEMBER_LOCK) == [2]
    assert reactions.run(reactions.AFTER_ORDER_RECORDED) == []
    with pytest.raises(ValueError, match="unknown hook"):
        reactions.install([("after_everything", lambda: None)])


def test_a_hook_before_any_install_is_an_error(rewired, monkeypatch):
    monkeypatch.setattr(reactions, "_installed", None)
    with pytest.raises(reactions.NotWired):
        reactions.run(reactions.BEFORE_MEMBER_LOCK)


def test_the_wiring_table_is_the_documented_order():
    assert [(hook, reaction.__name__) for hook, reaction in wiring.TABLE] == [
        ("before_member_lock", "burn_overdue_inactivity"),
        ("after_order_recorded", "referral_on_order"),  # its credits count for a points_earned tier
        ("after_order_recorded", "tier_on_order"),  # last: answers the tier code
        ("after_order_returned", "reverse_on_return"),
        ("after_order_returned", "coupons_on_cancel"),
        ("after_order_returned", "tier_on_return"),
    ]


def test_the_installed_reactions_are_the_wiring_table():
    wiring.install()
    for hook in reactions.HOOKS:
        assert reactions.reactions_of(hook) == tuple(r for h, r in wiring.TABLE if h == hook)


class _Order:
    member_id, order_id, status = "m-1", "o-1", "cancelled"


class _Program:
    program_id = "p-1"


def test_the_order_seam_answers_the_tier_and_skips_referrals_for_the_unreferred(monkeypatch):
    calls = []
    monkeypatch.setattr(wiring, "reward_on_order", lambda *args: calls.append("referral"))
    monkeypatch.setattr(wiring, "tier_after_order", lambda *args: calls.append("tier") or "gold")
    wiring.install()
    assert seams.after_order_recorded("session", _Program(), _Order(), "now", referred=False) == "gold"
    assert calls == ["tier"]
    assert seams.after_order_recorded("session", _Program(), _Order(), "now") == "gold"
    assert calls == ["tier", "referral", "tier"]


def test_the_return_seam_releases_coupons_only_on_a_cancel(monkeypatch):
    calls = []
    monkeypatch.setattr(wiring, "release_for_order", lambda *args: calls.append(("coupons", args[1:3])))
    monkeypatch.setattr(wiring, "tier_after_return", lambda *args: calls.append(("tier", args[2])))
    monkeypatch.setattr(wiring, "TABLE", tuple(entry for entry in wiring.TABLE if entry[1] is not wiring.reverse_on_return))
    wiring.install()
    try:
        order = _Order()
        seams.after_order_returned("session", _Program(), order, "now")
        order.status = "returned"
        seams.after_order_returned("session", _Program(), order, "now")
    finally:
        monkeypatch.undo()
        wiring.install()
    assert calls == [("coupons", ("p-1", "o-1")), ("tier", "m-1"), ("tier", "m-1")]


def test_providers_are_all_installed_once_or_refused(rewired, monkeypatch):
    with pytest.raises(ValueError, match="providers must be exactly"):
        reactions.install_providers({reactions.TIER_AFTER: lambda *_: "gold"})
    reactions.install_providers({name: (lambda name: lambda *_, **__: name)(name) for name in reactions.PROVIDERS})
    assert seams.tier_after("session", "program", "m1", seams.OrderFigures("m1", 0, 0, 0, 0), "now") == "tier_after"
    monkeypatch.setattr(reactions, "_provided", None)
    with pytest.raises(reactions.NotWired):
        reactions.provider(reactions.TIER_AFTER)


def test_the_wiring_provides_every_read_checkout_asks_for():
    from loyalty_api.earning_rules import purchases
    from loyalty_api.tiers import service as tiers

    assert wiring.PROVIDERS == {
        reactions.TIER_EARN_CONTEXT: tiers.earn_context, reactions.TIER_AFTER: tiers.tier_after,
        reactions.TIER_ROW_EXISTS: tiers.row_exists_clause, reactions.TIER_ROW_ABSENT: tiers.note_absent,
        reactions.PURCHASE_RULES_EXIST: purchases.purchase_rules_exist,
        reactions.PURCHASE_RULES_FOR: purchases.purchase_rules_for,
    }

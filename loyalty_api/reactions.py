"""Named hooks where one feature's write lets other features react, in the same
transaction: the registry, not the features.

A feature that offers a hook (the ledger before it takes a member's lock, checkout
after an order or a return is written) calls ``run`` with its session; the reactions
installed for that hook run in order, synchronously, with that session, so they
commit or roll back with the caller. Which reaction runs where, and in which order,
is decided in one place, ``loyalty_api.wiring``, which imports the features and
installs its table here. This module imports no feature, so the ledger and
checkout depend on it without depending on the features that react.

Nothing installed is an error, not a silent no-op: a process that forgot to call
``loyalty_api.wiring.install()`` would otherwise skip burns, referral rewards and
tier upgrades without a trace.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

# (session, program_id, member_id, now, *, program): runs before the ledger locks a
# member's balance row for a write (the inactivity burn, which must see the old
# activity); ``program`` is the caller's program value, or None when it has none.
BEFORE_MEMBER_LOCK = "before_member_lock"
# (session, program, order, now, *, referred): after an order's points are written.
# The last reaction answers the member's tier code after the order (the hook's answer).
AFTER_ORDER_RECORDED = "after_order_recorded"
# (session, program, order, now): after a return's or a cancel's points are written.
AFTER_ORDER_RETURNED = "after_order_returned"

HOOKS = (BEFORE_MEMBER_LOCK, AFTER_ORDER_RECORDED, AFTER_ORDER_RETURNED)

Reaction = Callable[..., Any]

_installed: dict[str, tuple[Reaction, ...]] | None = None


class NotWired(RuntimeError):
    """A hook ran in a process where ``loyalty_api.wiring.install()`` was never called."""


def install(table: Iterable[tuple[str, Reaction]]) -> None:
    """Replace every hook's reactions with the table's, in its order (idempotent:
    installing the same table twice leaves the same registry)."""
    global _installed
    by_hook: dict[str, list[Reaction]] = {hook: [] for hook in HOOKS}
    for hook, reaction in table:
        if hook not in by_hook:
            raise ValueError(f"unknown hook {hook!r}; the hooks are {HOOKS}")
        by_hook[hook].append(reaction)
    _installed = {hook: tuple(reactions) for hook, reactions in by_hook.items()}


def reactions_of(hook: str) -> tuple[Reaction, ...]:
    if _installed is None:
        raise NotWired(f"hook {hook!r} ran before loyalty_api.wiring.install()")
    return _installed[hook]


def run(hook: str, *args: Any, **kwargs: Any) -> list[Any]:
    """Run the hook's reactions in order with the caller's arguments (its session
    first); answers their results, in the same order. An exception stops the rest and
    reaches the caller, whose transaction then rolls back."""
    return [reaction(*args, **kwargs) for reaction in reactions_of(hook)]


# --- read-side providers ----------------------------------------------------------
# What checkout asks other features before an order is written (no writes, one answer
# each): one function per name, installed by ``loyalty_api.wiring`` like the hooks.
# (session, program, member_id, now) -> (tier code, multiplier) the order earns at
TIER_EARN_CONTEXT = "tier_earn_context"
# (session, program, member_id, now, *, paid_amount, earned_points) -> tier code a quote leads to
TIER_AFTER = "tier_after"
# (program_id, member_id) SQL parameters -> EXISTS of the member's tier row
TIER_ROW_EXISTS = "tier_row_exists"
# (session, program_id, member_id): the member has no tier row, learnt by the caller
TIER_ROW_ABSENT = "tier_row_absent"
# (program_id) SQL parameter -> EXISTS of an active purchase rule
PURCHASE_RULES_EXIST = "purchase_rules_exist"
# (session, program, member_id, tier_code, now) -> the purchase rules the order earns with
PURCHASE_RULES_FOR = "purchase_rules_for"

PROVIDERS = (TIER_EARN_CONTEXT, TIER_AFTER, TIER_ROW_EXISTS, TIER_ROW_ABSENT, PURCHASE_RULES_EXIST,
             PURCHASE_RULES_FOR)

_provided: dict[str, Callable[..., Any]] | None = None


def install_providers(providers: dict[str, Callable[..., Any]]) -> None:
    """Replace the providers; every name of ``PROVIDERS`` exactly once, nothing else."""
    global _provided
    if set(providers) != set(PROVIDERS):
        raise ValueError(f"providers must be exactly {PROVIDERS}, got {sorted(providers)}")
    _provided = dict(providers)


def provider(name: str) -> Callable[..., Any]:
    if _provided is None:
        raise NotWired(f"provider {name!r} asked before loyalty_api.wiring.install()")
    return _provided[name]

"""The module graph of `loyalty_api` has no cycles, and the layers point one way.

Imports are read with `ast`, including the ones inside functions: a function-local
import hides a cycle from the interpreter at load time but not from a reader, and it is
where cycles grow unnoticed. Edges:
- `import loyalty_api.x.y` and `from loyalty_api.x import y` (y a module) -> loyalty_api.x.y;
- `from loyalty_api.x.y import name` (name not a module) -> loyalty_api.x.y;
- a package's `__init__.py` is the package itself.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "loyalty_api"

# Cycles we know of and could not remove without a design change (each entry is the
# set of modules of one strongly connected component, with the reason). An entry
# here must still be a cycle: a stale one fails, so the list only shrinks.
KNOWN_CYCLES: dict[frozenset[str], str] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: -(level - 1)]
    return ".".join(base + ([target] if target else []))


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Every `loyalty_api` module that `module` imports, anywhere in its body."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            source = node.module
            if node.level:
                source = resolve_relative(module, is_package, node.level, node.module)
            if source is None:
                continue
            for alias in node.names:
                candidate = f"{source}.{alias.name}"
                found.add(candidate if candidate in known else source)
    edges = set()
    for name in found:
        # `import loyalty_api.x.y.z` where z is a name: keep the longest known prefix.
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name and name != module and name.startswith("loyalty_api"):
            edges.add(name)
    return edges


def raw_imports(path: Path) -> set[str]:
    """Every absolute module name imported anywhere in the file (third-party included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def build_graph() -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {name: imports_of(name, path, known) for name, path in modules.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm (iterative): the components of more than one node, or with a
    self-loop, each sorted; the list sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(sorted(component))
    return sorted(found)


def one_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A concrete cycle inside a component, for the failure message: a -> b -> ... -> a."""
    members = set(component)
    start = component[0]
    parents: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while parents[path[-1]] is not None:
                    path.append(parents[path[-1]])
                return list(reversed(path)) + [start]
            if child not in parents:
                parents[child] = node
                queue.append(child)
    return [start]


def describe(graph: dict[str, set[str]], component: list[str]) -> str:
    cycle = one_cycle(graph, component)
    return f"{{{', '.join(component)}}}: e.g. {' -> '.join(cycle)}"


# --- the cycle finder itself, on hand-made graphs -----------------------------------

def test_cycle_finder_finds_a_triangle_and_ignores_a_chain():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": set()}
    assert strongly_connected(graph) == [["a", "b", "c"]]
    assert one_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]


def test_cycle_finder_separates_two_cycles_and_sees_a_self_loop():
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c", "a"}, "s": {"s"}, "t": {"s"}}
    assert strongly_connected(graph) == [["a", "b"], ["c", "d"], ["s"]]


def test_cycle_finder_on_an_acyclic_graph_finds_nothing():
    graph = {"a": {"b", "c"}, "b": {"c"}, "c": set()}
    assert strongly_connected(graph) == []


def test_edges_count_function_local_and_relative_imports(tmp_path):
    source = (
        "from loyalty_api.ledger import service\n"
        "from loyalty_api.ledger.rules import thing\n"
        "def late():\n"
        "    import loyalty_api.tiers.service\n"
        "    from . import rules\n"
    )
    path = tmp_path / "x.py"
    path.write_text(source)
    known = {"loyalty_api.ledger", "loyalty_api.ledger.service", "loyalty_api.ledger.rules",
             "loyalty_api.tiers", "loyalty_api.tiers.service", "loyalty_api.members",
             "loyalty_api.members.rules", "loyalty_api.members.x"}
    assert imports_of("loyalty_api.members.x", path, known) == {
        "loyalty_api.ledger.service", "loyalty_api.ledger.rules",
        "loyalty_api.tiers.service", "loyalty_api.members.rules"}


# --- the real package ---------------------------------------------------------------

def test_no_import_cycles():
    graph = build_graph()
    components = strongly_connected(graph)
    new = [c for c in components if frozenset(c) not in KNOWN_CYCLES]
    assert not new, "import cycles in loyalty_api:\n" + "\n".join(describe(graph, c) for c in new)
    stale = [sorted(c) for c in KNOWN_CYCLES if sorted(c) not in components]
    assert not stale, f"KNOWN_CYCLES entries that are no longer cycles (remove them): {stale}"


SERVICE_FILES = ("service.py", "jobs.py", "rules.py")


@pytest.mark.parametrize("path", [p for p in sorted(ROOT.rglob("*.py")) if p.name in SERVICE_FILES],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_services_do_not_import_http(path):
    graph_edges = imports_of(module_name(path), path, set(all_modules()))
    http = sorted(m for m in graph_edges if m == "loyalty_api.http" or m.startswith("loyalty_api.http."))
    assert not http, f"{path.relative_to(ROOT)} imports the HTTP layer: {http}"


@pytest.mark.parametrize("path", sorted(ROOT.rglob("rules.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_rules_are_pure(path):
    frameworks = sorted(name for name in raw_imports(path)
                        if name.split(".")[0] in ("flask", "flask_smorest", "sqlalchemy"))
    assert not frameworks, f"{path.relative_to(ROOT)} imports {frameworks}"


# --- who may the ledger and checkout's reaction seams import ------------------------

# Every module outside the ledger that a ledger module imports, with why. Reactions of
# other features to the ledger's writes go through ``loyalty_api.reactions`` (wired in
# ``loyalty_api.wiring``), so no feature that reacts appears here; an entry no ledger
# module imports any more fails, so the list only shrinks.
LEDGER_MAY_IMPORT: dict[str, str] = {
    "loyalty_api.driver": "statements run on the driver",
    "loyalty_api.sql": "statements composed from named fragments",
    "loyalty_api.db": "the models' declarative base",
    "loyalty_api.errors": "the service errors",
    "loyalty_api.fields": "schema fields",
    "loyalty_api.pagination": "history cursors",
    "loyalty_api.timestamps": "RFC 3339 rendering",
    "loyalty_api.observability.metrics": "entry counters",
    "loyalty_api.reactions": "the before_member_lock hook (the inactivity burn is wired, not imported)",
    "loyalty_api.sql": "statements composed from named fragments",
    "loyalty_api.programs.models": "every write is under a program",
    "loyalty_api.programs.service": "the program's config (expiry, currency)",
    "loyalty_api.programs.values": "the program's columns as a plain value (the order path passes one)",
    "loyalty_api.audit.rules": "manual credits and debits are audited, in their transaction",
    "loyalty_api.audit.service": "manual credits and debits are audited, in their transaction",
    "loyalty_api.events.service": "points events go to the outbox in the write's transaction",
    "loyalty_api.adjustment_limits.service": "a manual adjustment is refused beyond its limit",
    "loyalty_api.members.lookup": "the error that says why a member cannot be locked (gone, merged)",
    "loyalty_api.expiry.rules": "the pure definition of when a lot burns, shared with the expiry job",
    "loyalty_api.expiry.service": "read side only (balances.py): the inactivity cutoff and the "
                                  "active-hold test folded into the balance statement",
}
LEDGER_HTTP_MODULES = ("loyalty_api.ledger.resources", "loyalty_api.ledger.schemas")


def _outside_edges(graph: dict[str, set[str]], package: str) -> dict[str, set[str]]:
    return {module: {m for m in edges if m != package and not m.startswith(package + ".")}
            for module, edges in graph.items() if module == package or module.startswith(package + ".")}


def test_the_ledger_imports_only_its_allow_list():
    outside = _outside_edges(build_graph(), "loyalty_api.ledger")
    unexpected = {module: sorted(m for m in edges if m not in LEDGER_MAY_IMPORT
                                 and not (module in LEDGER_HTTP_MODULES and m.startswith("loyalty_api.http.")))
                  for module, edges in outside.items()}
    assert not {m: e for m, e in unexpected.items() if e}, unexpected
    used = set().union(*outside.values())
    assert not set(LEDGER_MAY_IMPORT) - used, f"stale entries: {sorted(set(LEDGER_MAY_IMPORT) - used)}"


def test_the_ledger_write_path_imports_no_expiry():
    # The burn before the member lock is expiry's reaction, not a ledger import.
    outside = _outside_edges(build_graph(), "loyalty_api.ledger")
    writers = {m: sorted(e for e in outside[m] if e.startswith("loyalty_api.expiry"))
               for m in ("loyalty_api.ledger.lots", "loyalty_api.ledger.service", "loyalty_api.ledger.reserved")}
    assert writers == {m: [] for m in writers}


REACTING_FEATURES = ("loyalty_api.referrals", "loyalty_api.tiers", "loyalty_api.rewards")
# Checkout's seams ask tiers and earning rules through providers (``reactions.provider``).
SEAM_FEATURES = REACTING_FEATURES + ("loyalty_api.earning_rules",)


def test_checkout_seams_reach_reactions_only_through_the_registry():
    path = ROOT / "checkout" / "seams.py"
    known = set(all_modules())
    assert not {m for m in imports_of("loyalty_api.checkout.seams", path, known)
                if m.startswith(SEAM_FEATURES)}
    tree = ast.parse(path.read_text())
    for function in (node for node in tree.body if isinstance(node, ast.FunctionDef)):
        imported = {node.module for node in ast.walk(function) if isinstance(node, ast.ImportFrom)}
        feature = sorted(m for m in imported if m and m.startswith(SEAM_FEATURES))
        assert not feature, (function.name, feature)
    top = {node.module for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert not {m for m in top if m and m.startswith(SEAM_FEATURES)}


# Plain types and registries that any feature may import: they import nothing of the
# package but each other, so importing them can never pull a feature in.
LEAF_MODULES = ("loyalty_api.checkout.values", "loyalty_api.programs.values", "loyalty_api.reactions",
                "loyalty_api.sql", "loyalty_api.principal", "loyalty_api.pagination", "loyalty_api.errors")


@pytest.mark.parametrize("module", LEAF_MODULES)
def test_shared_plain_types_live_in_leaf_modules(module):
    graph = build_graph()
    assert module in graph, f"{module} is gone: update LEAF_MODULES"
    assert graph[module] <= set(LEAF_MODULES), f"{module} imports {sorted(graph[module] - set(LEAF_MODULES))}"


def test_features_take_checkouts_plain_types_from_its_leaf():
    # OrderView, Line and PurchaseRule come from checkout.values, never through
    # checkout's models, rules or service (which would pull the checkout feature in).
    graph = build_graph()
    for module in graph:
        if module.startswith("loyalty_api.checkout"):
            continue
        raw = raw_imports(all_modules()[module])
        assert not {name for name in raw if name.startswith(("loyalty_api.checkout.models.OrderView",
                                                              "loyalty_api.checkout.rules.PurchaseRule",
                                                              "loyalty_api.checkout.rules.Line"))}, module

"""Does a SQL statement stay inside one program? (the rule that lets Citus route it to one shard)

On a cluster distributed by ``program_id`` a statement runs on one shard only when
every program table it reads or writes is pinned to one program: an equality on that
table's ``program_id`` in a WHERE or JOIN condition of the query block naming it
(``m.program_id = :p``, ``b.program_id = m.program_id``, ``USING (program_id, …)``),
or, for an INSERT, a ``program_id`` in its column list. ``unscoped_tables`` parses a
statement with sqlglot and names the tables that break the rule.

``StatementAudit`` watches every statement the code sends (SQLAlchemy's cursor
listeners, which ``loyalty_api.driver`` keeps too), checks each distinct text once,
and keeps what fails, with the code that sent it. Statements sent by tests
themselves, by migrations, and the few cross-program reads in ``MULTI_SHARD`` (off the
request path by design) are not held to the rule.
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp

ROOT = Path(__file__).resolve().parent.parent
CODE = str(ROOT / "loyalty_api") + "/"
# Frames that only carry a statement to the server; the sender is the first frame past them.
CARRIERS = ("/sqlalchemy/", "/psycopg/", "/alembic/", str(ROOT / "loyalty_api" / "driver.py"),
            str(ROOT / "loyalty_api" / "db.py"), __file__)

REFERENCE_TABLES = {"programs", "api_clients"}
# Schema changes an operator runs (``db distribute``), like migrations: not request statements.
OPERATOR_DDL = (str(ROOT / "loyalty_api" / "distribution.py"),)

# Cross-program reads, by the function that sends them: multi-shard on a cluster, and
# kept off the request path (a metrics scrape, an operator's command, the job runners'
# loop over programs, which reads the reference table ``programs``).
MULTI_SHARD = {
    ("observability/metrics.py", "collect"): "the outbox backlog gauge",
    ("ledger/service.py", "verify_ledger"): "loyalty-api ledger verify without --program",
    ("jobs/registry.py", "programs_with"): "the job steps' lock-free look for programs with work",
    ("expiry/jobs.py", "_programs"): "the expiry steps' lock-free look for programs with work",
    ("analytics/jobs.py", "programs_behind"): "the roll-up's lock-free look for programs behind",
    ("earning_rules/jobs.py", "_programs_with_birthday_rules"): "the birthday step's look for programs",
    ("webhooks/jobs.py", "backlog_report"): "the webhook housekeeping report's counts",
    ("webhooks/jobs.py", "cancel_orphans"): "a colocated multi-shard UPDATE, no claim",
    ("webhooks/dispatch.py", "programs_to_fan_out"): "the webhook worker's lock-free look for events to fan out",
    ("webhooks/dispatch.py", "programs_due"): "the webhook worker's lock-free look for programs with due deliveries",
    ("webhooks/dispatch.py", "programs_exhausted"): "the webhook worker's look for deliveries out of attempts",
}

# Statements known not to be routable yet, named so that they are not quiet (none now).
KNOWN_GAPS: dict[tuple[str, str], str] = {}

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%s")


def program_tables() -> set[str]:
    import loyalty_api.models  # noqa: F401  (registers every table)
    from loyalty_api.db import Base

    return {name for name, table in Base.metadata.tables.items()
            if "program_id" in table.columns and name not in REFERENCE_TABLES}


def unscoped_tables(sql: str, tables: set[str]) -> list[str]:
    """The program tables in ``sql`` not pinned to one program by their own ``program_id``."""
    text = _PLACEHOLDER.sub(lambda m: f":p_{m.group(1) or 0}", sql).replace("%%", "%")
    try:
        tree = sqlglot.parse_one(text, read="postgres")
    except sqlglot.ParseError:
        return ["(a statement sqlglot cannot parse: name its tables in a form it reads)"]
    if not isinstance(tree, (exp.Query, exp.Insert, exp.Update, exp.Delete)):
        return []  # DDL, SET, SHOW, function calls outside a query…
    unscoped = []
    for table in tree.find_all(exp.Table):
        if table.name not in tables or table.find_ancestor(exp.Lock):
            continue
        block = table.find_ancestor(exp.Insert, exp.Select, exp.Update, exp.Delete)
        if isinstance(block, exp.Insert) and block.this in (table, table.parent):
            if not _inserts_program_id(block):
                unscoped.append(table.name)
        elif not _pinned(table, block):
            unscoped.append(table.name)
    return unscoped


def _inserts_program_id(insert: exp.Insert) -> bool:
    target = insert.this
    return isinstance(target, exp.Schema) and "program_id" in {c.name for c in target.expressions}


def _pinned(table: exp.Table, block: exp.Expression | None) -> bool:
    if block is None:
        return False
    alias = table.alias_or_name
    sources = [t for t in block.find_all(exp.Table) if t.find_ancestor(exp.Insert, exp.Select, exp.Update,
                                                                        exp.Delete) is block
               and not t.find_ancestor(exp.Lock)]
    conditions = [block.args.get("where")]
    for join in block.args.get("joins") or []:
        if "program_id" in {i.name for i in join.args.get("using") or []}:
            return True
        conditions.append(join.args.get("on"))
    for condition in filter(None, conditions):
        for equality in condition.find_all(exp.EQ):
            if equality.find_ancestor(exp.Insert, exp.Select, exp.Update, exp.Delete) is not block:
                continue
            for column, other in ((equality.this, equality.expression), (equality.expression, equality.this)):
                if isinstance(column, exp.Column) and column.name == "program_id" and \
                        (column.table == alias or (not column.table and len(sources) == 1)) and \
                        _one_program(other, table.root()):
                    return True
    return False


def _one_program(value: exp.Expression, root: exp.Expression) -> bool:
    """A parameter or literal, or the ``program_id`` of another program table; not a reference
    table's column (Citus cannot route a program table correlated with a reference table)."""
    while isinstance(value, (exp.Cast, exp.Paren)):
        value = value.this
    if isinstance(value, (exp.Placeholder, exp.Literal, exp.Parameter)):
        return True
    if not isinstance(value, exp.Column) or value.name != "program_id":
        return False
    names = {t.alias_or_name: t.name for t in root.find_all(exp.Table)}
    return names.get(value.table, value.table) not in REFERENCE_TABLES


@dataclass(frozen=True)
class Finding:
    sender: str
    tables: tuple[str, ...]
    sql: str

    def __str__(self) -> str:
        return f"{self.sender}: {', '.join(self.tables)} not pinned by program_id in\n    {' '.join(self.sql.split())}"


class StatementAudit:
    """A ``before_cursor_execute`` listener that checks each distinct statement the code sends."""

    def __init__(self) -> None:
        self.tables = program_tables()
        self.checked: set[str] = set()
        self.findings: list[Finding] = []
        self.sent = 0
        self._lock = threading.Lock()

    def __call__(self, _conn, _cursor, statement, _params, _context, _executemany) -> None:
        if statement in self.checked:
            return
        sender = _sender()
        if sender is None:  # a test's own SQL, or a migration
            return
        with self._lock:
            self.checked.add(statement)
            self.sent += 1
        if sender[1:] in MULTI_SHARD or sender[1:] in KNOWN_GAPS:
            return
        unscoped = unscoped_tables(statement, self.tables)
        if unscoped:
            with self._lock:
                self.findings.append(Finding(f"{sender[0]}:{sender[2]}", tuple(unscoped), statement))

    def take(self) -> list[Finding]:
        with self._lock:
            found, self.findings = self.findings, []
        return found


def _sender() -> tuple[str, str, str] | None:
    """(file:line, path under loyalty_api/, function) of the code that sent the statement, or None."""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not any(part in filename for part in CARRIERS):
            if filename.startswith(CODE) and filename not in OPERATOR_DDL:
                relative = filename[len(CODE):]
                return f"{relative}:{frame.f_lineno}", relative, frame.f_code.co_name
            return None
        frame = frame.f_back
    return None

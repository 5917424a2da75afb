"""Statements are composed from named fragments by ``loyalty_api.sql.compose`` only
(issue #22): no ``str.replace`` and no ad-hoc ``format`` on SQL text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from loyalty_api.sql import compose, slots

PACKAGE = Path(__file__).resolve().parents[2] / "loyalty_api"
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|WITH)\b")


def test_compose_fills_every_slot_and_keeps_the_fragments_own_slots():
    template = "SELECT 1 FROM t WHERE program_id = :program_id{extra}"
    assert compose(template, extra=" AND {when}") == "SELECT 1 FROM t WHERE program_id = :program_id AND {when}"
    assert compose(compose(template, extra=" AND {when}"), when="x > 0").endswith(":program_id AND x > 0")
    assert slots("a {b} {c} {b}") == {"b", "c"}


@pytest.mark.parametrize("fragments, message", [
    ({}, "missing ['extra']"),
    ({"extra": "", "other": "x"}, "unused ['other']"),
])
def test_compose_refuses_a_missing_or_an_unused_fragment(fragments, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        compose("SELECT 1{extra}", **fragments)


def test_compose_refuses_positional_or_attribute_slots():
    with pytest.raises(ValueError):
        compose("SELECT {0}", **{"0": "x"})
    with pytest.raises(ValueError, match="plain names"):
        compose("SELECT {a.b}", **{"a.b": "x"})


def _sql_like(receiver: ast.expr) -> bool:
    """A receiver that holds statement text: a string literal with SQL words, or a
    module constant (UPPER_CASE name, the package's habit for statements) or ``sql``."""
    if isinstance(receiver, ast.Constant) and isinstance(receiver.value, str):
        return bool(SQL_WORDS.search(receiver.value))
    if isinstance(receiver, ast.Attribute):
        receiver = ast.Name(id=receiver.attr)
    return isinstance(receiver, ast.Name) and (receiver.id.lstrip("_").isupper() or receiver.id == "sql")


def offenders_in(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"replace", "format", "format_map"} and _sql_like(node.func.value)):
            found.append(f"{name}:{node.lineno} .{node.func.attr}()")
    return found


def test_the_walk_finds_replace_and_format_on_statement_text():
    source = 'A = """SELECT 1 WHERE x""".replace("x", "y")\nB = SPEND.format(where="x")\nc = code.replace("-", "")\n'
    assert offenders_in(source, "m") == ["m:1 .replace()", "m:2 .format()"]


def test_no_statement_is_composed_outside_compose():
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) if path.name != "sql.py"
             for hit in offenders_in(path.read_text(), str(path.relative_to(PACKAGE)))]
    assert found == []

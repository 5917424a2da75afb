"""The guides stay true to the code.

docs/operator-guide.md's configuration table is generated from
``loyalty_api.config.Settings`` (names and defaults; the meanings are written by
hand and kept): ``python -m tests.ops.test_ops_docs`` rewrites it after a setting is
added, and this test fails until every setting has a meaning. The guides' API
paths, job steps and process variables are checked against the code too.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, fields
from pathlib import Path

import pytest

from loyalty_api.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
OPERATOR_GUIDE = ROOT / "docs" / "operator-guide.md"
GUIDES = ["checkout-guide.md", "mobile-guide.md", "operator-guide.md", "scaling.md", "members.md", "migration-guide.md",
          "audit-log.md", "testing-your-integration.md"]
BEGIN, END = "<!-- settings:begin (generated: python -m tests.ops.test_ops_docs) -->", "<!-- settings:end -->"
REQUIRED = {"DATABASE_URL", "JWT_KEYS"}
TODO = "TODO: describe"


def default_text(f) -> str:
    if f.name in REQUIRED:
        return "required"
    value = f.default_factory() if f.default is MISSING else f.default
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value in ("", {}):
        return "(empty)"
    return f"`{value}`"


def settings_table(meanings: dict[str, str]) -> str:
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for f in fields(Settings):
        rows.append(f"| `{f.name}` | {default_text(f)} | {meanings.get(f.name) or TODO} |")
    return "\n".join(rows)


def documented_meanings(text: str) -> dict[str, str]:
    block = text[text.index(BEGIN) + len(BEGIN):text.index(END)]
    return {match[0]: match[1].strip() for match in re.findall(r"^\| `([A-Z_0-9]+)` \|[^|]*\|(.*)\|$", block, re.M)}


def regenerate() -> None:
    text = OPERATOR_GUIDE.read_text()
    table = settings_table(documented_meanings(text))
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    OPERATOR_GUIDE.write_text(text[:start] + "\n" + table + "\n" + text[end:])


def test_configuration_table_lists_every_setting_with_its_default_and_a_meaning():
    text = OPERATOR_GUIDE.read_text()
    meanings = documented_meanings(text)
    expected = settings_table(meanings)
    block = text[text.index(BEGIN) + len(BEGIN):text.index(END)].strip()
    assert block == expected, "the settings table is stale: run `python -m tests.ops.test_ops_docs`"
    assert TODO not in block, "describe every setting in docs/operator-guide.md"
    assert set(meanings) == {f.name for f in fields(Settings)}


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_settings_marked_required_are_required(name):
    values = {"DATABASE_URL": "postgresql://x@localhost/x", "JWT_KEYS": "k:" + "x" * 40}
    values[name] = ""
    with pytest.raises(RuntimeError, match=name):
        load_settings(values)


def test_process_variables_of_gunicorn_conf_are_documented():
    source = (ROOT / "loyalty_api" / "gunicorn_conf.py").read_text()
    variables = set(re.findall(r"os\.environ(?:\.get|\.setdefault)?\(\s*\"([A-Z_]+)\"", source))
    variables |= set(re.findall(r"os\.environ\[\"([A-Z_]+)\"\]", source))
    text = OPERATOR_GUIDE.read_text()
    missing = sorted(name for name in variables if f"`{name}`" not in text)
    assert variables and not missing, missing


def test_every_job_step_is_in_the_schedule():
    from loyalty_api.jobs.registry import all_steps

    text = OPERATOR_GUIDE.read_text()
    missing = [step.name for step in all_steps() if f"`{step.name}`" not in text]
    assert not missing, f"docs/operator-guide.md does not describe the job steps {missing}"


def documented_paths(text: str) -> set[tuple[str, str]]:
    found = set()
    for method, path in re.findall(r"\b(GET|POST|PUT|PATCH|DELETE) (/[A-Za-z0-9_{}/.-]+)", text):
        found.add((method, path.rstrip(".")))
    return found


def test_every_path_in_the_guides_exists(app):
    routes = []
    for rule in app.url_map.iter_rules():
        pattern = re.sub(r"<(?:[a-z]+:)?[a-z_]+>", "[^/]+", rule.rule)
        routes += [(method, re.compile(pattern + "$")) for method in rule.methods - {"HEAD", "OPTIONS"}]
    checked = 0
    for guide in GUIDES:
        text = (ROOT / "docs" / guide).read_text()
        for method, path in sorted(documented_paths(text)):
            checked += 1
            assert any(m == method and regex.match(path) for m, regex in routes), \
                f"docs/{guide} names {method} {path}, which the app does not serve"
    assert checked > 20


REFERENCE_TABLES = {"programs", "api_clients", "heartbeats"}


def test_schema_is_ready_to_distribute_by_program():
    """docs/scaling.md's promises: program_id leads every key, no FK crosses programs."""
    import loyalty_api.models  # noqa: F401  (registers every table)
    from sqlalchemy import UniqueConstraint

    from loyalty_api.db import Base

    tables = {table.name: table for table in Base.metadata.sorted_tables}
    assert REFERENCE_TABLES <= set(tables) and len(tables) > 10
    for name, table in tables.items():
        if name in REFERENCE_TABLES:
            continue
        assert [c.name for c in table.primary_key.columns][0] == "program_id", name
        uniques = [constraint.columns for constraint in table.constraints if isinstance(constraint, UniqueConstraint)]
        uniques += [index.columns for index in table.indexes if index.unique]
        for columns in uniques:
            assert "program_id" in [c.name for c in columns], f"{name}: unique {[c.name for c in columns]}"
        for constraint in table.foreign_key_constraints:
            if constraint.referred_table.name in REFERENCE_TABLES:
                continue
            pairs = {(element.parent.name, element.column.name) for element in constraint.elements}
            assert ("program_id", "program_id") in pairs, f"{name}: a foreign key without program_id"


if __name__ == "__main__":
    regenerate()


PLACEHOLDERS = {"<program_id>": "00000000-0000-0000-0000-000000000001",
                # The migration guide names the file it builds; the shipped sample stands in.
                "members.ndjson": str(ROOT / "docs/examples/members-sample.ndjson"),
                "members.csv": str(ROOT / "docs/examples/members-sample.csv")}


def documented_cli_lines() -> list[tuple[str, str]]:
    """(file, command line) for every ``loyalty-api …`` in the README and the guides:
    in code blocks (continuation lines joined) and in inline code."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text()
        blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
        lines = [line for block in blocks for line in re.sub(r"\\\n\s*", " ", block).splitlines()]
        lines += re.findall(r"`([^`\n]*loyalty-api [^`\n]*)`", re.sub(r"\\\n\s*", " ", text))
        for line in lines:
            # Comments and optional ``[--flag N]`` parts are prose, not arguments.
            line = re.sub(r"\[[^\]]*\]", "", re.split(r"\s#\s", line)[0])
            if "loyalty-api " in line and "…" not in line and "loyalty_api." not in line:
                found.append((path.name, "loyalty-api " + line.split("loyalty-api ", 1)[1]))
    return found


def test_the_documented_operator_commands_match_the_cli():
    import click
    import shlex

    from loyalty_api.cli import main

    lines = documented_cli_lines()
    assert any("clients revoke" in line for _, line in lines)
    for name, line in lines:
        words = shlex.split(line, comments=True)[1:]
        words = [PLACEHOLDERS.get(word, re.sub(r"<[a-z_]+>", "x", word)) for word in words]
        command: click.Command = main
        while isinstance(command, click.Group) and words and words[0] in command.commands:
            command, words = command.commands[words[0]], words[1:]
        assert not isinstance(command, click.Group), f"{name}: `{line}` names no command"
        try:
            command.make_context(command.name, list(words), resilient_parsing=False)
        except click.ClickException as exc:
            pytest.fail(f"{name}: `{line}` does not parse: {exc.format_message()}")


def test_the_docs_stand_alone():
    """A clone has only the repository: no guide may send its reader elsewhere for
    the rules (each states them itself), and every relative link resolves inside."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text()
        for outside in ("../shared", "SPEC.md"):
            assert outside not in text, f"{page.name} refers to {outside}, which is not in the repository"
        assert not re.search(r"\bSPEC\b", text), f"{page.name} cites the SPEC: state the rule instead"
        for target in re.findall(r"\]\(([^)#\s]+)[^)]*\)", text):
            if "://" in target:
                continue
            resolved = (page.parent / target).resolve()
            assert resolved.is_relative_to(ROOT) and resolved.exists(), f"{page.name} links to {target}"


CONVENTIONS = ROOT / "docs" / "api-conventions.md"


def documented_error_codes() -> set[str]:
    rows = re.findall(r"^\| (\d{3}) \| ([^|]+) \|", CONVENTIONS.read_text(), re.M)
    return {code for _, cell in rows for code in re.findall(r"`([a-z_]+)`", cell)}


def test_every_error_code_of_the_service_is_in_the_conventions_table():
    import inspect

    from loyalty_api import errors

    codes = {cls.code for _, cls in inspect.getmembers(errors, inspect.isclass)
             if issubclass(cls, errors.LoyaltyError) and cls is not errors.LoyaltyError}
    assert {"reward_not_claimable", "coupon_not_active", "duplicate_event"} <= codes
    # The HTTP layer's own codes (problems.py and the token endpoint) are listed too.
    sources = "".join((ROOT / "loyalty_api" / name).read_text()
                      for name in ("http/problems.py", "http/api.py", "http/parser.py", "auth/service.py"))
    codes |= set(re.findall(r"\"([a-z]+(?:_[a-z]+)+)\"", sources)) & {
        "malformed_json", "invalid_request", "invalid_scope", "unsupported_grant_type", "invalid_client",
        "method_not_allowed", "payload_too_large", "unsupported_media_type", "internal_error"}
    missing = sorted(codes - documented_error_codes())
    assert missing == [], f"codes missing from the table of docs/api-conventions.md: {missing}"


def test_the_conventions_error_example_is_what_the_api_answers(api):
    import json

    block = CONVENTIONS.read_text().split("## Errors", 1)[1]
    example = json.loads(re.search(r"```json\n(.*?)```", block, re.S).group(1))
    answer = api.post("/v1/orders", json={
        "order_id": "doc-example", "member_id": "nobody", "amount": 149.9, "currency": "RUB",
        "lines": [{"sku": "A", "quantity": 0, "unit_price": "1.00"}]})
    assert answer.status_code == example["status"] == 422
    body = answer.json
    assert {key: body[key] for key in ("type", "title", "status", "detail", "code", "errors")} == \
        {key: example[key] for key in ("type", "title", "status", "detail", "code", "errors")}

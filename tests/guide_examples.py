"""Runs the HTTP examples of a guide and compares the answers with the documented ones.

An example is a plain code block that starts with ``METHOD /path``, may carry header
lines (``Idempotency-Key: …``) and a JSON body, then, after a blank line, the status
and the answer: ``201 {"hold_id": "9b1f…", …}``. In the documented answer:

* ``…`` in place of an object's member: the answer may have more members;
* ``…`` in place of a value, or a string containing ``…``: any value (ids, tokens);
* ``…`` as the last item of a list: more items may follow;
* an instant (``2026-11-23T19:15:00.000000Z``): any instant in the API's one format
  (the examples ran on another day); every other value must be equal.

In a request, a string containing ``…`` is the value of that field from an earlier
answer (``"hold_id": "9b1f…"`` is the hold the previous example made).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

ELLIPSIS = "\u2026"
MORE = "\u2026more"  # the key that stands for "more members"
REQUEST_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (/\S*)$")
INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ONE_FORMAT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


@dataclass
class Example:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    status: int
    answer: Any
    source: str = field(repr=False)


def loose_json(text: str) -> Any:
    """JSON with ``…`` tokens (see the module doc) turned into markers json can read."""
    out, stack, in_string, previous = [], [], False, ""
    index = 0
    while index < len(text):
        char = text[index]
        if in_string:
            out.append(char)
            if char == "\\":
                out.append(text[index + 1])
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            out.append(char)
        elif char == ELLIPSIS:
            if stack and stack[-1] == "{" and previous != ":":
                out.append(json.dumps(MORE) + ": null")
            else:
                out.append(json.dumps(ELLIPSIS))
        else:
            if char in "{[":
                stack.append(char)
            elif char in "}]":
                stack.pop()
            out.append(char)
        if not char.isspace():
            previous = char
        index += 1
    return json.loads("".join(out))


def code_blocks(markdown: str) -> list[tuple[str, str]]:
    """(info string, text) of every fenced code block, in order."""
    blocks, info, lines = [], None, []
    for line in markdown.split("\n"):
        if line.startswith("```"):
            if info is None:
                info, lines = line[3:].strip(), []
            else:
                blocks.append((info, "\n".join(lines)))
                info = None
        elif info is not None:
            lines.append(line)
    return blocks


def examples(markdown: str) -> list[Example]:
    found = []
    for info, block in code_blocks(markdown):
        lines = block.rstrip("\n").split("\n")
        if info:
            continue
        match = REQUEST_LINE.match(lines[0])
        if not match:
            continue
        # Header lines, the body (after a blank line or not), a blank line, the answer.
        request, _, response = "\n".join(lines[1:]).rpartition("\n\n")
        if not re.match(r"^\d{3}\b", response.strip()):
            raise ValueError(f"an example without its answer:\n{block}")
        headers, body_lines = {}, []
        for line in request.split("\n"):
            header = re.match(r"^([A-Za-z-]+): (.*)$", line)
            if header and not body_lines:
                headers[header[1]] = header[2]
            elif line.strip():
                body_lines.append(line)
        status, _, answer = response.strip().partition(" ")
        found.append(Example(match[1], match[2], headers, json.loads("\n".join(body_lines)) if body_lines else None,
                             int(status), loose_json(answer) if answer.strip() else None, block))
    return found


def resolve(body: Any, known: dict[str, Any]) -> Any:
    """A request body with each ``…`` string replaced by that field's known value."""
    if isinstance(body, dict):
        return {key: known[key] if isinstance(value, str) and ELLIPSIS in value else resolve(value, known)
                for key, value in body.items()}
    if isinstance(body, list):
        return [resolve(item, known) for item in body]
    return body


def mismatches(expected: Any, actual: Any, path: str = "$") -> list[str]:
    """Where ``actual`` differs from the documented ``expected`` (empty: it matches)."""
    if expected == ELLIPSIS or (isinstance(expected, str) and ELLIPSIS in expected and isinstance(actual, str)):
        return []
    if isinstance(expected, str) and INSTANT.match(expected):
        ok = isinstance(actual, str) and ONE_FORMAT.match(actual) and ONE_FORMAT.match(expected)
        return [] if ok else [f"{path}: {actual!r} (documented {expected!r}; one format: …:00.000000Z)"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: {actual!r} is not an object"]
        open_ = MORE in expected
        keys = [key for key in expected if key != MORE]
        found = [f"{path}.{key}: missing" for key in keys if key not in actual]
        if not open_:
            found += [f"{path}.{key}: not documented ({actual[key]!r})" for key in actual if key not in expected]
        for key in keys:
            if key in actual:
                found += mismatches(expected[key], actual[key], f"{path}.{key}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: {actual!r} is not a list"]
        open_ = bool(expected) and expected[-1] == ELLIPSIS
        items = expected[:-1] if open_ else expected
        if len(actual) < len(items) or (not open_ and len(actual) != len(items)):
            return [f"{path}: {len(actual)} items, documented {len(items)}{' or more' if open_ else ''}"]
        return [problem for index, item in enumerate(items)
                for problem in mismatches(item, actual[index], f"{path}[{index}]")]
    if expected != actual or type(expected) is not type(actual):
        return [f"{path}: {actual!r}, documented {expected!r}"]
    return []


def learn(known: dict[str, Any], answer: Any) -> None:
    """Remember the top-level fields of an answer, for later requests that cite them."""
    if isinstance(answer, dict):
        known.update({key: value for key, value in answer.items() if not isinstance(value, (dict, list))})

"""The one way statements are put together from named fragments.

A template names its slots as ``{name}``; ``compose`` fills every slot and refuses a
missing or an unused fragment, so a renamed slot cannot leave a statement silently
without its condition. Fragments are inserted as they are (their own ``{…}`` slots, if
any, stay for a later ``compose``). Never ``str.replace`` or ad-hoc ``format`` on SQL:
``tests/structure/test_sql_compose.py`` walks the package for them.
"""

from __future__ import annotations

import string

_FORMATTER = string.Formatter()


def slots(template: str) -> set[str]:
    """The names of a template's ``{name}`` slots."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name is not None}


def compose(template: str, **fragments: str) -> str:
    """The statement ``template`` with each ``{name}`` slot replaced by its fragment."""
    wanted = slots(template)
    missing, unused = wanted - fragments.keys(), fragments.keys() - wanted
    if missing or unused:
        raise ValueError(f"statement fragments: missing {sorted(missing)}, unused {sorted(unused)}")
    if any(not name.isidentifier() for name in wanted):
        raise ValueError(f"statement slots must be plain names: {sorted(wanted)}")
    return template.format_map(fragments)

"""Every domain error's ``code`` has its status in the problems table.

``problem_response`` falls back to 400 for a code it does not know, so a new error whose
code was never added to ``STATUS_BY_CODE`` would silently answer 400. This walks every
module of the package (errors are also declared next to their services, e.g. the OAuth
errors in ``loyalty_api.auth.service``) and checks each subclass of ``LoyaltyError``.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import loyalty_api
from loyalty_api.errors import LoyaltyError
from loyalty_api.http.problems import STATUS_BY_CODE


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


# Entry points that build the app when imported (they need the server's environment);
# they declare no classes (checked below), so no error hides in them.
ENTRY_POINTS = {"loyalty_api.wsgi", "loyalty_api.gunicorn_conf"}


def _error_classes():
    for info in pkgutil.walk_packages(loyalty_api.__path__, "loyalty_api."):
        if info.name not in ENTRY_POINTS:
            importlib.import_module(info.name)
    return [cls for cls in set(_all_subclasses(LoyaltyError)) if cls.__module__.startswith("loyalty_api")]


def test_the_walk_finds_errors_outside_errors_py():
    modules = {cls.__module__ for cls in _error_classes()}
    assert "loyalty_api.errors" in modules
    assert "loyalty_api.auth.service" in modules  # the OAuth errors live there


def test_the_skipped_entry_points_declare_no_class():
    for name in ENTRY_POINTS:
        source = Path(loyalty_api.__path__[0], name.split(".")[-1] + ".py").read_text()
        assert not [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ClassDef)], name


def _missing(classes) -> list[str]:
    missing = []
    for cls in classes:
        if "code" not in vars(cls):
            # A base that only groups others (OAuthError) inherits its parent's code and is
            # never raised itself; a concrete error that forgot its code is not a base.
            if not cls.__subclasses__():
                missing.append(f"{cls.__module__}.{cls.__name__}: no code of its own")
            continue
        if cls.code not in STATUS_BY_CODE:
            missing.append(f"{cls.__module__}.{cls.__name__}: {cls.code}")
    return missing


def test_every_error_code_has_its_status():
    assert _missing(_error_classes()) == []


def test_the_check_names_an_unknown_code_and_a_forgotten_one():
    class Invented(LoyaltyError):
        code = "invented_for_this_test"

    class Forgotten(LoyaltyError):
        pass

    assert _missing([Invented, Forgotten]) == [
        f"{__name__}.Invented: invented_for_this_test", f"{__name__}.Forgotten: no code of its own"]


def test_a_code_maps_to_an_error_status():
    for cls in _error_classes():
        if "code" in vars(cls):
            assert 400 <= STATUS_BY_CODE[cls.code] <= 599, cls

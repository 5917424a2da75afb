"""``loyalty-api import members FILE --program ID``: a file through the same use cases
as ``/v1/imports``, in chunks (one transaction each), with a progress bar."""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Iterator

import click
import psycopg
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.exc import DBAPIError

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.errors import Conflict, RequestInProgress
from loyalty_api.imports import formats, rules

ACTOR = OPERATOR
# A chunk refused whole because of a concurrent change (another chunk in flight took an
# identifier or a lock first) is sent again: its retry decides those lines afresh.
RETRIES = 3
_COLLISIONS = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)


def chunks(stream: BinaryIO, *, csv_header: bool, size: int) -> Iterator[tuple[int, bytes]]:
    """(file line of the chunk's first line, body) of at most ``size`` lines and 4 MiB each;
    a CSV chunk repeats the header as its line 1."""
    header = stream.readline() if csv_header else b""
    first = 2 if csv_header else 1
    lines: list[bytes] = []
    held = len(header)
    for raw in stream:
        line = raw if raw.endswith(b"\n") else raw + b"\n"
        if lines and (len(lines) >= size or held + len(line) > rules.MAX_BYTES):
            yield first, header + b"".join(lines)
            first += len(lines)
            lines, held = [], len(header)
        lines.append(line)
        held += len(line)
    if lines:
        yield first, header + b"".join(lines)


def _file_line(first: int, line: int, csv_header: bool) -> int:
    return first + line - (2 if csv_header else 1)


def send_chunk(session_factory, program_id: uuid.UUID, import_id: uuid.UUID, body: bytes, media_type: str) -> dict:
    """One chunk in a transaction of its own, sent again after a collision with another one."""
    from loyalty_api.db import unit_of_work
    from loyalty_api.imports import service

    for attempt in range(RETRIES + 1):
        try:
            with unit_of_work(session_factory) as uow:
                answer = service.add_rows(uow.session, program_id, import_id, body, media_type, actor=ACTOR,
                                          now=datetime.now(timezone.utc))
                uow.commit()
                return answer
        except (Conflict, RequestInProgress, DBAPIError) as exc:
            collided = not isinstance(exc, DBAPIError) or isinstance(exc.orig, _COLLISIONS)
            if not collided or attempt == RETRIES:
                raise
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def run_import(session_factory, program_id: uuid.UUID, path: Path, *, dry_run: bool, size: int,
               quiet: bool, parallel: int = 1) -> dict:
    """The file in chunks, ``parallel`` of them in flight (each a transaction of its own);
    answers are taken in file order, so errors keep their file lines."""
    from loyalty_api.db import unit_of_work
    from loyalty_api.imports import service

    media_type = formats.CSV if path.suffix.lower() == ".csv" else formats.NDJSON
    csv_header = media_type == formats.CSV
    with unit_of_work(session_factory) as uow:
        import_id = service.open_import(uow.session, program_id, kind="members", dry_run=dry_run, actor=ACTOR,
                                        now=datetime.now(timezone.utc))["import_id"]
        uow.commit()
    errors: list[dict] = []
    columns = (TextColumn("[bold]import"), BarColumn(), MofNCompleteColumn(), TextColumn("bytes"),
               TimeElapsedColumn())
    in_flight: deque[tuple[int, int, Future]] = deque()

    def settle_oldest() -> None:
        first, read_to, future = in_flight.popleft()
        errors.extend({**error, "line": _file_line(first, error["line"], csv_header)}
                      for error in future.result()["errors"])
        progress.update(task, completed=read_to)

    with path.open("rb") as stream, Progress(*columns, disable=quiet, transient=False) as progress, \
            ThreadPoolExecutor(parallel) as pool:
        task = progress.add_task("import", total=path.stat().st_size)
        for first, body in chunks(stream, csv_header=csv_header, size=size):
            if len(in_flight) >= parallel:
                settle_oldest()
            in_flight.append((first, stream.tell(), pool.submit(
                send_chunk, session_factory, program_id, import_id, body, media_type)))
        while in_flight:
            settle_oldest()
    with unit_of_work(session_factory) as uow:
        done = service.complete_import(uow.session, program_id, import_id, datetime.now(timezone.utc), actor=ACTOR)
        uow.commit()
    return {"import_id": str(import_id), "dry_run": dry_run, "counts": done["counts"], "errors": errors}


def register(group: click.Group, make_app) -> None:
    @group.group("import")
    def import_() -> None:
        """Bulk imports from another loyalty system (docs/migration-guide.md)."""

    @import_.command("members")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--program", "program_id", type=click.UUID, required=True)
    @click.option("--dry-run", is_flag=True, help="Check every line, write nothing")
    @click.option("--chunk-lines", default=rules.MAX_LINES, show_default=True,
                  type=click.IntRange(1, rules.MAX_LINES), help="Lines per chunk (one transaction each)")
    @click.option("--parallel", default=1, show_default=True, type=click.IntRange(1, 4),
                  help="Chunks in flight at once; a referrer must then be in the same chunk or one already "
                       "applied (an earlier chunk still in flight does not count)")
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON")
    def import_members(file: Path, program_id: uuid.UUID, dry_run: bool, chunk_lines: int, parallel: int,
                       as_json: bool) -> None:
        """Import members from FILE: NDJSON (.ndjson, .jsonl), or CSV (.csv, no lots)."""
        app = make_app()
        summary = run_import(app.extensions["loyalty"].session_factory, program_id, file, dry_run=dry_run,
                             size=chunk_lines, quiet=as_json or not sys.stderr.isatty(), parallel=parallel)
        if as_json:
            click.echo(json.dumps(summary, default=str))
        else:
            counts = summary["counts"]
            click.echo(f"import {summary['import_id']}{' (dry run)' if dry_run else ''}: "
                       f"{counts['accepted']} lines accepted, {counts['rejected']} rejected; "
                       f"{counts['members']} members, {counts['lots']} lots, {counts['points']} points")
            for error in summary["errors"][:20]:
                click.echo(f"  line {error['line']}: {error['code']}: {error['detail']}")
            if len(summary["errors"]) > 20:
                click.echo(f"  … {len(summary['errors']) - 20} more (GET /v1/imports/{summary['import_id']}/errors)")
        sys.exit(1 if summary["errors"] else 0)

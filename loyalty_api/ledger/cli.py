"""``loyalty-api ledger verify``: recompute every balance from the entries and lots.

Registered on the main command group by ``loyalty_api/cli.py``, as the imports'
commands are, so that each feature's operator commands live with the feature.
"""

from __future__ import annotations

import json
import sys
import uuid

import click


def register(group: click.Group, make_app, make_uow) -> None:
    """Add the ``ledger`` commands to ``group``; ``make_app(signs=...)`` builds the app
    and ``make_uow(app)`` opens its unit of work."""
    @group.group()
    def ledger() -> None:
        """Points ledger checks."""

    @ledger.command("verify")
    @click.option("--program", "program_id", type=click.UUID, default=None, help="Only this program")
    def ledger_verify(program_id: uuid.UUID | None) -> None:
        """Recompute every balance from the entries and lots; exit 1 on any mismatch."""
        from loyalty_api.ledger.service import verify_ledger

        app = make_app(signs=False)
        with make_uow(app) as uow:
            mismatches = verify_ledger(uow.session, program_id)
        app.extensions["loyalty"].engine.dispose()
        for found in mismatches:
            click.echo(json.dumps({"program_id": str(found.program_id), "member_id": found.member_id,
                                   "check": found.check, "expected": found.expected, "actual": found.actual}))
        click.echo(f"{len(mismatches)} mismatch(es)", err=True)
        sys.exit(1 if mismatches else 0)

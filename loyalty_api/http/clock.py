"""The now of the calling program: what a view passes to its use case.

A live program's now is the real now, with no statement (its token says it is
live). A test program's is the real now plus its clock offset, read once per
request (``clock.service``): every service, read and expiry then runs on the time
the view gives it, so no service knows about clocks.
"""

from __future__ import annotations

from datetime import datetime, timezone

from flask import g

from loyalty_api.clock import rules, service
from loyalty_api.http.auth import current_principal
from loyalty_api.http.transaction import current_reader, current_uow


def program_now() -> datetime:
    real = datetime.now(timezone.utc)
    principal = current_principal()
    if not principal.test or principal.program_id is None:
        return real
    offset = g.get("clock_offset")
    if offset is None:
        # A reads_only view has no session; either way one statement, test programs only.
        reader = current_reader() if g.get("reads_only") else current_uow().session
        offset = g.clock_offset = service.offset_of(reader, principal.program_id)
    return rules.program_now(real, offset)

"""Request bodies through orjson, for every flask-smorest blueprint.

orjson refuses invalid UTF-8, absurd nesting and infinite numbers with a clean
decode error (answered 400 ``malformed_json``); the stdlib parser would recurse,
or raise a bare ValueError for a 5,000-digit integer.
"""

from __future__ import annotations

import flask_smorest
import orjson
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser


class OrjsonParser(FlaskParser):
    def _raw_load_json(self, req):
        if not webargs_core.is_json(req.mimetype):
            return webargs_core.missing
        data = req.get_data(cache=True)
        if not data:
            return webargs_core.missing
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            if not exc.doc:
                # Bytes that are not UTF-8 leave ``doc`` empty, which webargs reads as
                # "no body": a PATCH would apply an empty change and answer 200.
                raise UnicodeDecodeError("utf-8", data, 0, len(data), str(exc)) from exc
            raise


def install() -> None:
    # flask-smorest binds the parser when a view is decorated, so this must run
    # before any resources module is imported (loyalty_api.http's __init__ does it).
    if not isinstance(flask_smorest.Blueprint.ARGUMENTS_PARSER, OrjsonParser):
        flask_smorest.Blueprint.ARGUMENTS_PARSER = OrjsonParser()

"""The OpenAPI document as committed in ``openapi/openapi.json``."""

from __future__ import annotations

import json

from flask import Flask


def openapi_json(app: Flask) -> str:
    with app.app_context():
        spec = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

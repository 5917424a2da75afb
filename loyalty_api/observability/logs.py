"""JSON logs on stderr: one object per line, secrets scrubbed.

Every record logged while a request is being served carries its ``request_id``;
each answered request writes one ``request`` record (logger ``loyalty_api.access``)
with ``program``, ``method``, ``route`` (the URL rule, never the raw path, so
member ids and coupon codes stay out), ``status`` and ``duration_ms``.

Secrets never reach the output: bearer tokens, JWTs, and values of keys such as
``client_secret`` or ``Authorization`` are replaced before a line is written,
including inside exception messages and tracebacks.
"""

from __future__ import annotations

import logging
import re
import traceback
from datetime import datetime, timezone
from typing import Any

import orjson

# Fields a record may carry (``extra=``) that belong in the JSON object.
CONTEXT_FIELDS = ("request_id", "program", "member", "method", "route", "status", "duration_ms",
                  "job", "worker")

_SECRET_KEYS = r"client_secret|secret|password|passwd|access_token|refresh_token|id_token|token|" \
               r"authorization|api_key|signing_key|jwt_keys|webhook_secret_key"
_REDACTIONS = (
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 [redacted]"),
    (re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), "[redacted-jwt]"),
    (re.compile(r"\bwhsec_[A-Za-z0-9_+/=-]+"), "whsec_[redacted]"),  # base64 and URL-safe forms
    (re.compile(rf"(?i)([\"']?\b(?:{_SECRET_KEYS})[\"']?\s*[:=]\s*[\"']?)"
                rf"(?!\[redacted|(?:bearer|basic)\s)([^\"'&\s,;}}\]]+)"),
     r"\1[redacted]"),
    # postgresql://user:password@host
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+@"), r"\1[redacted]@"),
)


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RequestContextFilter(logging.Filter):
    """Stamps records logged inside a Flask request with its ``request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            try:
                from flask import g, has_request_context

                if has_request_context():
                    record.request_id = g.get("request_id")
            except ImportError:  # pragma: no cover - flask is a dependency
                pass
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value if isinstance(value, (int, float, bool)) else redact(str(value))
        if record.exc_info:
            entry["exception"] = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
        elif record.stack_info:
            entry["stack"] = redact(record.stack_info)
        return orjson.dumps(entry, default=str).decode()


def dict_config(level: str = "INFO") -> dict[str, Any]:
    """``logging.config.dictConfig`` input (gunicorn's ``logconfig_dict`` uses it)."""
    level = level.upper()
    handler = {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request"],
               "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},
        "filters": {"request": {"()": f"{__name__}.RequestContextFilter"}},
        "handlers": {"stderr": handler},
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["stderr"], "propagate": False},
            # Requests are logged by the app (with the route and program); gunicorn's
            # own access lines would say less, twice.
            "gunicorn.access": {"level": "WARNING", "handlers": ["stderr"], "propagate": False},
        },
    }


def configure(level: str = "INFO") -> None:
    import logging.config

    logging.config.dictConfig(dict_config(level))

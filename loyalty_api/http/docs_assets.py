"""Swagger UI's files for ``/docs``, served by the service itself from the
``swagger-ui-bundle`` package: the interactive docs work with no internet and
load nothing from a third party."""

from __future__ import annotations

from flask import Flask, send_from_directory

ASSETS_URL = "/docs/assets/"


def _assets_dir() -> str:
    from swagger_ui_bundle import swagger_ui_path

    return str(swagger_ui_path)


def register(app: Flask) -> None:
    directory = _assets_dir()

    def swagger_ui_asset(filename: str):
        # Versioned package files: let browsers and proxies keep them for a day.
        return send_from_directory(directory, filename, max_age=86400)

    app.add_url_rule(ASSETS_URL + "<path:filename>", "swagger_ui_asset", swagger_ui_asset,
                     methods=["GET"])

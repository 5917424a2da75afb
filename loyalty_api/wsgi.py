"""WSGI entry point: ``gunicorn loyalty_api.wsgi:app``."""

from loyalty_api.app import create_app

app = create_app()

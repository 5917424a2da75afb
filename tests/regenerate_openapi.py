"""Write openapi/openapi.json from the code (``make openapi``)."""

from pathlib import Path

from loyalty_api.app import create_app
from loyalty_api.openapi import openapi_json
from tests.support import TEST_JWT_KEYS

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    import os

    app = create_app({"DATABASE_URL": os.environ["DATABASE_URL"], "JWT_KEYS": TEST_JWT_KEYS})
    (ROOT / "openapi" / "openapi.json").write_text(openapi_json(app))
    print("openapi/openapi.json written")

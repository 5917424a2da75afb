"""Regenerate the SDKs from openapi/openapi.json (``make sdk``).

- ``clients/python``: openapi-python-client (the version pinned in pyproject.toml),
  package ``loyalty_api_client``; the hand-written ``loyalty_api_client/webhooks.py``
  is kept across regenerations.
- ``clients/typescript``: ``src/schema.d.ts`` from openapi-typescript (the version in
  clients/typescript/package.json); skipped with a message where Node is absent.

``python clients/generate.py [OUTPUT_ROOT]`` writes under OUTPUT_ROOT (default: this
directory), so a test can regenerate into a temporary directory and compare.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent / "openapi" / "openapi.json"
PACKAGE = "loyalty_api_client"
HAND_WRITTEN = ("webhooks.py",)
CONFIG = "project_name_override: loyalty-api-client\npackage_name_override: loyalty_api_client\npost_hooks: []\n"


def generate_python(root: Path) -> None:
    target = root / "python"
    generator = Path(sys.executable).parent / "openapi-python-client"
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config.yml"
        config.write_text(CONFIG)
        out = Path(scratch) / "out"
        subprocess.run([str(generator), "generate", "--path", str(SPEC), "--meta", "setup", "--config", str(config),
                        "--output-path", str(out)], check=True, capture_output=True, text=True)
        kept = {name: (HERE / "python" / PACKAGE / name).read_text() for name in HAND_WRITTEN
                if (HERE / "python" / PACKAGE / name).exists()}
        shutil.rmtree(target / PACKAGE, ignore_errors=True)
        target.mkdir(parents=True, exist_ok=True)
        for item in out.iterdir():
            if item.name == "README.md":
                continue  # ours: clients/python/README.md
            destination = target / item.name
            if item.is_dir():
                shutil.copytree(item, destination, dirs_exist_ok=True)
            else:
                shutil.copy2(item, destination)
        for name, text in kept.items():
            (target / PACKAGE / name).write_text(text)


def typescript_generator() -> Path | None:
    """openapi-typescript as pinned in clients/typescript/package-lock.json, installed
    with ``npm ci`` when missing; None where Node.js or npm is absent."""
    if not shutil.which("node") or not shutil.which("npm"):
        return None
    binary = HERE / "typescript" / "node_modules" / ".bin" / "openapi-typescript"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE / "typescript", check=True,
                       capture_output=True, timeout=600)
    return binary


def generate_typescript(root: Path) -> None:
    generator = typescript_generator()
    if generator is None:
        print("Node.js is absent: clients/typescript not regenerated")
        return
    target = root / "typescript" / "src"
    target.mkdir(parents=True, exist_ok=True)
    # Defaults do not make a request field required (the server fills them in).
    subprocess.run([str(generator), str(SPEC), "--output", str(target / "schema.d.ts"), "--default-non-nullable=false"],
                   check=True, cwd=HERE / "typescript", capture_output=True, text=True)


if __name__ == "__main__":
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    generate_python(output)
    generate_typescript(output)
    print(f"SDKs written under {output}")

"""Every module of the service and of the bench stays under 300 lines: a longer file
is a sign that it holds two things, and is split along that seam."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LIMIT = 300
FILES = sorted([*(REPO / "loyalty_api").rglob("*.py"), *(REPO / "bench").glob("*.py")])


def line_count(path: Path) -> int:
    return len(path.read_text().splitlines())


def test_the_check_sees_a_long_file(tmp_path):
    (tmp_path / "short.py").write_text("x = 1\n" * (LIMIT - 1))
    (tmp_path / "long.py").write_text("x = 1\n" * LIMIT)
    assert sorted(p.name for p in tmp_path.glob("*.py") if line_count(p) >= LIMIT) == ["long.py"]


def test_there_are_files_to_check():
    assert len(FILES) > 50 and any(p.parent.name == "bench" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_file_is_under_300_lines(path):
    lines = line_count(path)
    assert lines < LIMIT, f"{path.relative_to(REPO)} has {lines} lines (limit: under {LIMIT})"

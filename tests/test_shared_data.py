"""Tests that read ../shared (evaluation data, the worked example) do it one way: through
``tests.conftest.shared``, which skips them on a checkout without it and fails them in CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tests.conftest as conftest

TESTS = Path(__file__).resolve().parent
# conftest defines the helper; quality_data hashes the files the gate tests first check
HELPERS = {"conftest.py", "quality_data.py", Path(__file__).name}
# ways of reaching ../shared without the helper: the constant, a path spelt out, parents[2]
BYPASS = re.compile(r"\bSHARED\b|[\"']/?(?:work/)?shared[\"'/]|parents\[2\]|parent\.parent\.parent")


def test_missing_data_skips_here_and_fails_in_ci(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(conftest, "SHARED", tmp_path / "nowhere")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"\.\./shared data not present"):
        conftest.shared("eval", "events")
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI must provide this"):
        conftest.shared("eval", "events")


def test_present_data_is_its_path(monkeypatch, tmp_path) -> None:
    (tmp_path / "eval").mkdir()
    monkeypatch.setattr(conftest, "SHARED", tmp_path)
    assert conftest.shared("eval") == tmp_path / "eval"


def test_every_test_reads_shared_through_the_helper() -> None:
    bypassing = [
        f"{path.name}:{n}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name not in HELPERS
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BYPASS.search(line)
    ]
    assert not bypassing, f"use tests.conftest.shared(...) to read ../shared: {bypassing}"

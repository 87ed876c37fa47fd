"""Shared fixtures. Tests read the worked example and eval data from ../shared, never copies."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    import typer
    from typer.testing import Result

# Property tests explore new inputs on a developer's machine; in CI they replay the same
# examples every run, so a gate never fails on luck (a new find is fixed here, first).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "according" / "data" / "samples"


@pytest.fixture(scope="session")
def pipeline():
    from according.pipeline.core import get_pipeline
    from according.settings import DEFAULT_SETTINGS

    # As the package asks for it (readers, ingest, the server): one cache entry, one load.
    return get_pipeline(DEFAULT_SETTINGS)


@pytest.fixture(scope="session")
def example_report(pipeline):
    from according.readers import read_input

    (source,) = read_input(worked_example(), page_date="2024-07-27")
    return pipeline(source)


def missing_service(reason: str) -> None:
    """Skip a module whose service (PostgreSQL, chromium) or data (../shared) is absent on
    a developer's machine; in CI, where .ci/run installs and starts them and lays shared/
    beside the clone, fail instead, so a broken install step can never pass as a green run
    of skipped tests."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide this: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def shared(*parts: str) -> Path:
    """The path of ``parts`` under ../shared (evaluation data, the worked example, its
    scorer), for a test that reads it. Every such test goes through here, so a checkout
    without ../shared skips them all the same way, and CI, which always has it, fails."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing_service(f"../shared data not present: {path}")
    return path


def worked_example(suffix: str = ".txt") -> Path:
    """The worked example (``.txt``) or its expected facts (``.expected.json``)."""
    return shared("examples", f"opposition-report-2020-07{suffix}")


def according_app() -> typer.Typer:
    """The typer app that ``according`` runs (the ``eval`` sub-app included)."""
    from according.cli import app

    return app


def cli(*args: str, stdin: str | bytes | None = None) -> Result:
    """Run ``according ARGS`` in this process with typer's runner: exit status, stdout and
    stderr as a user sees them, without starting an interpreter and loading spaCy again
    for every call (the real processes are kept for one smoke test per command family:
    ``according_process``). An exception the command does not turn into its one-line
    error is raised here, so a traceback can never pass as exit status 1."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(according_app(), list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def according_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m according ARGS`` as a real process: for what only a process shows
    (the entry point, argv and stdin as bytes, signals, a server on a port)."""
    path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    return subprocess.run(
        [sys.executable, "-m", "according", *args],
        input=stdin, capture_output=True, env={**os.environ, "PYTHONPATH": path},
        timeout=300,
    )  # fmt: skip


def stored_reports_url(tmp_path_factory: pytest.TempPathFactory, name: str, reports) -> str:
    """A SQLite store holding ``reports``, for tests of what reads a store (API, exports)."""
    from according.store import Store

    url = "sqlite:///" + str(tmp_path_factory.mktemp(name) / "store.db")
    with Store(url) as store:
        store.save_reports(reports)
    return url


@cache
def pipeline_of(*stages: str):
    """A pipeline of only ``stages``, built once a session: building one loads spaCy (a
    second or more), so the tests of one stage share it rather than each building its own."""
    from according.pipeline.core import Pipeline
    from according.settings import Settings

    return Pipeline(Settings(stages=stages))


def places_pipeline():
    return pipeline_of("according.entities.v1", "according.places.v1")


def places_in(text: str) -> dict:
    """The places stage's mentions of ``text``, by surface: for the geo rule tests."""
    from according.readers.source import SourceDocument

    report = places_pipeline()(SourceDocument(text=text, origin="<test>"))
    return {p.text: p for p in report.mentions.places}


def attributions(
    text: str, names: tuple[str, ...] = ()
) -> list[tuple[str, str | None, str | None]]:
    """(content, speaker, cue word) of each attribution the quotes grammar finds in
    ``text``, with ``names`` as the named mentions the entities stage would give."""
    from according.attribution import attribute_text

    mentions = [(text.index(n), text.index(n) + len(n)) for n in names]
    out = []
    for att in attribute_text(text, mentions=mentions):
        assert not att.direct or att.cue_word is not None
        speaker = text[att.speaker[0] : att.speaker[1]] if att.speaker else None
        out.append((text[att.content[0] : att.content[1]], speaker, att.cue_word))
    return out

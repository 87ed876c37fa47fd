"""Shared fixtures. Tests read the worked example and eval data from ../shared, never copies."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new inputs on a developer's machine; in CI they replay the same
# examples every run, so a gate never fails on luck (a new find is fixed here, first).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "opposition-report-2020-07.txt"
SAMPLES = ROOT / "according" / "data" / "samples"


@pytest.fixture(scope="session")
def pipeline():
    from according.pipeline.core import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def example_report(pipeline):
    from according.readers import read_input

    (source,) = read_input(EXAMPLE, page_date="2024-07-27")
    return pipeline(source)


def missing_service(reason: str) -> None:
    """Skip a module whose service (PostgreSQL, chromium) is absent on a developer's
    machine; in CI, where .ci/run installs and starts them, fail instead, so a broken
    install step can never pass as a green run of skipped tests."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide this: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def stored_reports_url(tmp_path_factory: pytest.TempPathFactory, name: str, reports) -> str:
    """A SQLite store holding ``reports``, for tests of what reads a store (API, exports)."""
    from according.store import Store

    url = "sqlite:///" + str(tmp_path_factory.mktemp(name) / "store.db")
    with Store(url) as store:
        store.save_reports(reports)
    return url


@lru_cache(maxsize=1)
def places_pipeline():
    from according.pipeline.core import Pipeline
    from according.settings import Settings

    return Pipeline(Settings(stages=("according.entities.v1", "according.places.v1")))


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

"""Shared fixtures. Tests read the worked example and eval data from ../shared, never copies."""

from __future__ import annotations

from pathlib import Path

import pytest

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

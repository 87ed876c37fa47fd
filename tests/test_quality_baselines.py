"""Quality gates: each stage's score on its public dev set may not fall below its record.

As trafilatura does, CI fails when quality on a pinned evaluation set drops below its
recorded baseline (tests/quality_baselines.json). The data is read from ../shared/eval.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, SHARED

EVAL = SHARED / "eval"
BASELINES = json.loads((ROOT / "tests" / "quality_baselines.json").read_text(encoding="utf-8"))
TOLERANCE = BASELINES["tolerance"]


def _run(name: str) -> dict[str, float]:
    if name == "time_tbaq":
        from according.evaluation.time import evaluate_timeml

        return evaluate_timeml(EVAL / "time" / "TBAQ-cleaned")
    if name.startswith("geo_"):
        from according.evaluation.geo import evaluate_eupeg

        corpus, shift = ("GeoWebNews", 0) if name == "geo_geowebnews" else ("GeoVirus", -1)
        return evaluate_eupeg(
            EVAL / "geo" / f"{corpus}_gold.txt",
            EVAL / "geo" / "corpora" / corpus,
            offset_shift=shift,
        )
    if name == "quotes_polnear_dev":
        from according.evaluation.quotes import evaluate_brat

        return evaluate_brat(EVAL / "quotes" / "polnear" / "dev")
    if name == "events_case_dev":
        from according.evaluation.events import evaluate_case

        return evaluate_case(EVAL / "events" / "case2021-task2-dev.tsv")
    if name == "events_acled_dev":
        from according.evaluation.acled import evaluate_acled

        return evaluate_acled(EVAL / "events" / "acled-2020-dev.csv")
    raise KeyError(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", [k for k in BASELINES if isinstance(BASELINES[k], dict)])
def test_score_holds_its_baseline(name: str) -> None:
    scores = _run(name)
    for metric, baseline in BASELINES[name].items():
        assert scores[metric] >= baseline - TOLERANCE, (
            f"{name}.{metric} fell to {scores[metric]:.3f} (baseline {baseline})"
        )


KNOWN = {
    "time_tbaq",
    "geo_geowebnews",
    "geo_geovirus",
    "quotes_polnear_dev",
    "events_case_dev",
    "events_acled_dev",
}


def test_baselines_name_real_metrics() -> None:
    # every recorded set is one ``_run`` knows how to score
    assert {k for k, v in BASELINES.items() if isinstance(v, dict)} == KNOWN
    for name, metrics in BASELINES.items():
        if isinstance(metrics, dict):
            assert metrics and all(0 < v <= 1 for v in metrics.values()), name

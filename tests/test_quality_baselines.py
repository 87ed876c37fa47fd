"""Quality gates: each stage's score on its public dev set may not fall below its record.

As trafilatura does, CI fails when quality on a pinned evaluation set drops below its
recorded baseline (tests/quality_baselines.json). The data is read from ../shared/eval,
and is pinned by digest (tests/quality_data.sha256, see tests/quality_data.py), so a
score is always compared on the data it was recorded on.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, shared
from tests.quality_data import GATE_DATA, digests, pinned

BASELINES = json.loads((ROOT / "tests" / "quality_baselines.json").read_text(encoding="utf-8"))
TOLERANCE = BASELINES["tolerance"]
GATES = sorted(k for k, v in BASELINES.items() if isinstance(v, dict))


def _run(name: str) -> dict[str, float]:
    """Score gate ``name`` on its data (GATE_DATA: the files its digests pin)."""
    paths = [shared("eval", part) for part in GATE_DATA[name]]
    if name == "time_tbaq":
        from according.evaluation.time import evaluate_timeml

        return evaluate_timeml(*paths)
    if name.startswith("geo_"):
        from according.evaluation.geo import evaluate_eupeg

        gold, texts = paths
        return evaluate_eupeg(gold, texts, offset_shift=-1 if name == "geo_geovirus" else 0)
    if name == "quotes_polnear_dev":
        from according.evaluation.quotes import evaluate_brat

        return evaluate_brat(*paths)
    if name == "events_case_dev":
        from according.evaluation.events import evaluate_case

        return evaluate_case(*paths)
    if name == "events_acled_dev":
        from according.evaluation.acled import evaluate_acled

        return evaluate_acled(*paths)
    raise KeyError(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", GATES)
def test_score_holds_its_baseline(name: str) -> None:
    scores = _run(name)
    for metric, baseline in BASELINES[name].items():
        assert scores[metric] >= baseline - TOLERANCE, (
            f"{name}.{metric} fell to {scores[metric]:.3f} (baseline {baseline})"
        )


def test_every_gate_names_its_data_and_real_metrics() -> None:
    assert set(GATES) == set(GATE_DATA), "each gate in quality_baselines.json reads GATE_DATA"
    for name in GATES:
        metrics = BASELINES[name]
        assert metrics and all(0 < v <= 1 for v in metrics.values()), name


def test_evaluation_data_is_the_pinned_data() -> None:
    for parts in GATE_DATA.values():
        for part in parts:
            shared("eval", part)  # skipped without ../shared, failed in CI
    now, pins = digests(), pinned()
    changed = sorted(name for name in now.keys() & pins.keys() if now[name] != pins[name])
    added, removed = sorted(now.keys() - pins.keys()), sorted(pins.keys() - now.keys())
    assert not (changed or added or removed), (
        f"../shared/eval is not the data the baselines were recorded on: changed {changed[:5]}, "
        f"added {added[:5]}, removed {removed[:5]} (of {len(changed)}, {len(added)}, "
        f"{len(removed)}). If that is meant, re-score, re-record the baselines and re-pin "
        "(python -m tests.quality_data) in one commit."
    )

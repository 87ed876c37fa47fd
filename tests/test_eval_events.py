"""CASE 2021 scoring: metric definitions on a toy file, and the dev set's headline."""

from __future__ import annotations

from pathlib import Path

import pytest

from according.evaluation.events import evaluate_case, format_text, metrics, read_case
from tests.conftest import shared


def test_metrics_definitions() -> None:
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "C"]
    m = metrics(gold, pred)
    assert m["accuracy"] == 0.75
    # A: P 1 R .5 F .667 ; B: P .5 R 1 F .667 ; C: 1
    assert m["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3, abs=1e-3)
    assert m["weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 / 3 + 1) / 4, abs=1e-3)


def test_read_case_and_evaluate_small_file(tmp_path: Path) -> None:
    tsv = tmp_path / "case.tsv"
    tsv.write_text(
        "id\tEventSnippet\tSubType\n"
        '1\tPolice arrested 14 activists in the capital "on Tuesday"\tARREST\n'
        "2\tWarplanes pounded the village, killing six civilians\tAIR_STRIKE\n"
        "3\tA strong earthquake struck the coast\tNATURAL_DISASTER\n",
        encoding="utf-8",
    )
    rows = read_case(tsv)
    assert [r[2] for r in rows] == ["ARREST", "AIR_STRIKE", "NATURAL_DISASTER"]
    assert '"on Tuesday"' in rows[0][1]
    result = evaluate_case(tsv)
    assert result["accuracy"] == 1.0 and result["weighted_f1"] == 1.0
    assert "weighted F1" in format_text(result)


@pytest.mark.slow  # the pipeline over 509 snippets
def test_dev_set_headline() -> None:
    result = evaluate_case(shared("eval", "events", "case2021-task2-dev.tsv"))
    assert result["n"] == 509
    assert {"weighted_f1", "macro_f1", "accuracy", "report", "halves"} <= set(result)
    # regression floor, well under what the lexicon reaches (see docs/events.md)
    assert result["weighted_f1"] >= 0.6

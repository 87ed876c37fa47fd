"""EUPEG scoring: gold reading, the matching rule and the metrics, on made-up data."""

from __future__ import annotations

from pathlib import Path

import pytest

from according.evaluation.geo import Toponym, match, read_gold, scores


def test_read_gold_with_offset_shift(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text(
        "Iran,,Iranian,,32.0,,53.0,,11,,18||No Gaz,,Karaj,,35.8,,51.0,,31,,36||\n\n",
        encoding="utf-8",
    )
    docs = read_gold(gold, offset_shift=-1)
    assert len(docs) == 2 and docs[1] == []
    first = docs[0][0]
    assert (first.surface, first.start, first.end, first.lat) == ("Iranian", 10, 17, 32.0)


def test_match_rule_is_case_insensitive_and_near() -> None:
    gold = [Toponym("Tehran", 10, 16, 35.7, 51.4), Toponym("Qom", 100, 103, 34.6, 50.9)]
    pred = [Toponym("TEHRAN", 12, 18, 35.7, 51.4), Toponym("Qom", 130, 133, 34.6, 50.9)]
    pairs = match(gold, pred)
    assert [(g.surface, p.surface) for g, p in pairs] == [("Tehran", "TEHRAN")]


def test_scores() -> None:
    result = scores(n_gold=4, n_pred=2, errors=[0.0, 200.0])
    assert result["precision"] == 1.0 and result["recall"] == 0.5
    assert result["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert result["acc161"] == 0.5
    assert result["median_km"] == 100.0
    assert 0 < result["auc"] < 1

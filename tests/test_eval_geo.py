"""EUPEG scoring: gold reading, the matching rule, the metrics and the scoring
conventions, on made-up data."""

from __future__ import annotations

from pathlib import Path

import pytest

from according.evaluation.geo import (
    Toponym,
    evaluate_eupeg,
    gold_convention,
    match,
    read_gold,
    scored,
    scores,
)


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


def _made_up_set(tmp_path: Path, gold_line: str) -> tuple[Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "0").write_text("Iranian officials met in Tehran on Monday.", encoding="utf-8")
    gold = tmp_path / "gold.txt"
    gold.write_text(gold_line + "\n", encoding="utf-8")
    return gold, texts


TEHRAN = "Tehran,,Tehran,,35.69,,51.42,,25,,31||"
IRANIAN = "Iran,,Iranian,,32.0,,53.0,,0,,7||"


def test_a_gold_set_without_adjectives_is_scored_literally() -> None:
    assert gold_convention([[Toponym("Tehran", 25, 31, 35.7, 51.4)]]) == "literal"
    assert gold_convention([[Toponym("Iranian", 0, 7, 32.0, 53.0)]]) == "all"


def test_literal_leaves_out_attributes_only() -> None:
    predicted = [
        Toponym("Iranian", 0, 7, 32.0, 53.0, "attribute"),
        Toponym("Tehran", 25, 31, 35.7, 51.4, "location"),
    ]
    assert [p.surface for p in scored(predicted, "literal")] == ["Tehran"]
    assert scored(predicted, "all") == predicted


def test_auto_convention_follows_the_gold_and_reports_both(tmp_path: Path) -> None:
    gold, texts = _made_up_set(tmp_path, TEHRAN)
    result = evaluate_eupeg(gold, texts)
    assert result["convention"] == "literal"
    assert result["precision"] == 1.0 and result["f1"] == result["f1_literal"]
    assert result["f1_all"] < result["f1_literal"]
    assert evaluate_eupeg(gold, texts, convention="all")["f1"] == result["f1_all"]


def test_auto_convention_counts_adjectives_where_the_gold_does(tmp_path: Path) -> None:
    gold, texts = _made_up_set(tmp_path, IRANIAN + TEHRAN)
    result = evaluate_eupeg(gold, texts)
    assert result["convention"] == "all" and result["f1"] == 1.0


def test_unknown_convention_is_refused(tmp_path: Path) -> None:
    gold, texts = _made_up_set(tmp_path, TEHRAN)
    with pytest.raises(ValueError, match="convention"):
        evaluate_eupeg(gold, texts, convention="some")

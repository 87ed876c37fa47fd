# ruff: noqa: E501  (one case per line: tables read better unwrapped)
"""TempEval-3 style scoring of the date stage on TimeML files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from according.evaluation.time import Timex, evaluate_timeml, read_timeml, score
from tests.conftest import shared

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> in Nairobi &amp; Dar es Salaam, <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> after <TIMEX3 tid="t3" type="DATE" value="1995-05">May 1995</TIMEX3>.
Officials met <TIMEX3 tid="t4" type="DATE" value="1998-08-06">yesterday</TIMEX3> and <TIMEX3 tid="t5" type="DATE" value="PRESENT_REF">now</TIMEX3> wait.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml(tmp_path: Path) -> Path:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_read_timeml_offsets(tml: Path) -> None:
    text, dct, gold = read_timeml(tml)
    assert dct == date(1998, 8, 7)
    assert [g.text for g in gold] == ["Friday", "three years", "May 1995", "yesterday", "now"]
    for g in gold:
        assert text[g.start : g.end] == g.text
    assert "&" in text and "<" not in text


def test_evaluate_perfect_document(tml: Path) -> None:
    result = evaluate_timeml(tml)
    assert result["gold"] == 5 and result["documents"] == 1
    assert result["strict_f1"] == 1.0
    assert result["relaxed_f1"] == 1.0
    assert result["value_f1"] == 1.0
    for key in ("strict_precision", "relaxed_recall", "value_accuracy", "type_f1", "system"):
        assert key in result


def test_evaluate_accepts_folders_and_lists(tml: Path) -> None:
    assert evaluate_timeml(tml.parent)["documents"] == 1
    assert evaluate_timeml([tml, tml])["gold"] == 10


def test_score_definitions() -> None:
    gold = [
        Timex(0, 6, "1998-08-07", "DATE", "Friday"),
        Timex(10, 20, "P3Y", "DURATION", "three years"),
        Timex(30, 35, "1995", "DATE", "1995"),
    ]
    system = [
        Timex(0, 6, "1998-08-07", "DATE", "Friday"),  # strict, right value
        Timex(12, 20, "P2Y", "DURATION", "ee years"),  # relaxed, wrong value
        Timex(40, 45, "1990", "DATE", "x"),
    ]  # spurious
    s = score([(gold, system)])
    assert s["strict_precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["relaxed_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert s["relaxed_f1"] == pytest.approx(2 / 3, abs=1e-3)
    assert s["value_accuracy"] == pytest.approx(0.5)
    # value F1 = relaxed F1 x value accuracy (the TE3 scorer's attribute F1)
    assert s["value_f1"] == pytest.approx(s["relaxed_f1"] * s["value_accuracy"], abs=1e-3)


def test_errors_listing(tml: Path, tmp_path: Path) -> None:
    broken = tmp_path / "b.tml"
    broken.write_text(TML.replace('value="P3Y"', 'value="P4Y"'), encoding="utf-8")
    result = evaluate_timeml(broken, errors=True)
    kinds = {e["kind"] for e in result["errors"]}  # type: ignore[union-attr]
    assert kinds == {"value"}
    for error in result["errors"]:  # type: ignore[union-attr]
        assert "[[" in error["context"] and "]]" in error["context"]


def test_aquaint_scores_do_not_regress() -> None:
    result = evaluate_timeml(shared("eval", "time", "TBAQ-cleaned", "AQUAINT"))
    assert result["relaxed_f1"] >= 0.90  # type: ignore[operator]
    assert result["value_f1"] >= 0.75  # type: ignore[operator]

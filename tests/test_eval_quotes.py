"""The PolNeAR scorer on a tiny brat folder written here (not the real data)."""

from __future__ import annotations

from pathlib import Path

from according.evaluation.quotes import articles, evaluate_brat, read_ann

TEXT = "The mayor said that the curfew would end on Friday. The weather was fine.\n"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    ann = (
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\n"
        "T3\tContent 15 50\tthat the curfew would end on Friday\n"
        "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )
    (tmp_path / "attributions" / "a_0aaa.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "attributions" / "a_ffff.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_first_annotator_is_chosen(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    assert [ann.name for _, _, ann in articles(root)] == ["a_0aaa.ann"]
    gold = read_ann(root / "attributions" / "a_0aaa.ann")
    assert gold[0].content == (15, 50) and gold[0].source == (0, 9)


def test_scores(tmp_path: Path) -> None:
    scores = evaluate_brat(_folder(tmp_path))
    assert scores["content_f1"] == 1.0
    assert scores["content_f1_exact"] == 1.0
    assert scores["source_accuracy"] == 1.0


def test_speech_cue_with_punctuation_counts_as_speech() -> None:
    from according.evaluation.quotes import GoldAttribution, _is_speech

    text = "The mayor said: the curfew ends. Critics thought, wrongly, it would not."
    said = GoldAttribution((16, 31), (0, 9), "10:15")  # "said:"
    assert text[10:15] == "said:"
    assert _is_speech(text, said)
    thought = GoldAttribution((50, 71), (33, 40), "41:49")  # "thought," (a weak cue)
    assert text[41:49] == "thought,"
    assert not _is_speech(text, thought)

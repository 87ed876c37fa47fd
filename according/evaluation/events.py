"""Scoring event classification on CASE 2021 Task 2 files, for `according eval events`.

Each snippet goes through ``according.events.classify``, the same function the events
stage uses on sentences, so the number reported is the pipeline's. Metrics are those of
the shared task: weighted F1 (per-label F1 weighted by gold support), macro F1 and
accuracy. Computed here rather than with scikit-learn, which is not a dependency.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from according.events.classify import classify


def read_case(tsv: Path) -> list[tuple[str, str, str]]:
    """``(id, snippet, label)`` rows of a CASE 2021 Task 2 TSV (header ``id EventSnippet
    SubType``). Snippets may contain quotes, so the file is read without quoting rules."""
    csv.field_size_limit(sys.maxsize)
    rows: list[tuple[str, str, str]] = []
    with tsv.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return rows
        cols = {name.strip().lower(): i for i, name in enumerate(header)}
        i_id = cols.get("id", 0)
        i_text = cols.get("eventsnippet", 1)
        i_label = cols.get("subtype", 2)
        for row in reader:
            if len(row) <= max(i_text, i_label):
                continue
            rows.append((row[i_id], row[i_text], row[i_label].strip()))
    return rows


def metrics(gold: list[str], predicted: list[str]) -> dict[str, object]:
    """Weighted F1, macro F1 (over labels present in gold or predictions), accuracy and a
    per-label report; the definitions match scikit-learn's ``classification_report``."""
    labels = sorted(set(gold) | set(predicted))
    support = Counter(gold)
    pred_count = Counter(predicted)
    correct = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    report: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = correct[label]
        precision = tp / pred_count[label] if pred_count[label] else 0.0
        recall = tp / support[label] if support[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support[label],
            "predicted": pred_count[label],
        }
    n = len(gold)
    weighted = sum(report[lab]["f1"] * support[lab] for lab in labels) / n if n else 0.0
    macro_labels = [lab for lab in labels if support[lab]] or labels
    macro = sum(report[lab]["f1"] for lab in macro_labels) / len(macro_labels) if labels else 0.0
    return {
        "n": n,
        "weighted_f1": round(weighted, 4),
        "macro_f1": round(macro, 4),
        "accuracy": round(sum(correct.values()) / n, 4) if n else 0.0,
        "report": report,
    }


def evaluate_rows(
    rows: Iterable[tuple[str, str, str]],
    classifier: Callable[[str], tuple[str, float]] = classify,
) -> dict[str, object]:
    """Metrics for already-read rows, plus the confusions seen most often."""
    rows = list(rows)
    gold = [label for _, _, label in rows]
    predicted = [classifier(text)[0] for _, text, _ in rows]
    result = metrics(gold, predicted)
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    result["counts"] = {
        "snippets": len(rows),
        "gold_labels": len(set(gold)),
        "correct": sum(g == p for g, p in zip(gold, predicted, strict=True)),
    }
    result["confusions"] = [
        {"gold": g, "predicted": p, "n": k} for (g, p), k in confusions.most_common(15)
    ]
    return result


def evaluate_case(tsv: Path) -> dict[str, object]:
    """Classify every snippet of a CASE 2021 Task 2 TSV and score it (see module doc).

    Also scores the two halves (odd and even rows) separately: the classifier is not
    trained, so the halves show how much the score moves with the sample, which is what
    to expect on the held-out half."""
    rows = read_case(Path(tsv))
    result = evaluate_rows(rows)
    acled = [r for r in rows if r[2] not in _NON_ACLED]
    result["acled_only"] = {
        k: evaluate_rows(acled)[k] for k in ("weighted_f1", "macro_f1", "accuracy")
    }
    result["halves"] = [
        {k: evaluate_rows(rows[i::2])[k] for k in ("weighted_f1", "macro_f1", "accuracy")}
        for i in (0, 1)
    ]
    return result


_NON_ACLED = frozenset({"DIPLO", "ATTRIB", "MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME"})


def format_text(result: dict[str, object]) -> str:
    """The human summary the CLI prints: headline metrics, then the per-label table."""
    lines = [
        f"snippets       {result['n']}",
        f"weighted F1    {result['weighted_f1']:.3f}",
        f"macro F1       {result['macro_f1']:.3f}",
        f"accuracy       {result['accuracy']:.3f}",
        "",
        f"{'label':32} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}",
    ]
    report = result["report"]
    assert isinstance(report, dict)
    for label, row in sorted(report.items()):
        lines.append(
            f"{label:32} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
            f"{row['support']:4d}"
        )
    return "\n".join(lines)

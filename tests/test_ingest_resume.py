"""An ingest killed with SIGKILL resumes with nothing lost and nothing stored twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

N_FILES = 40


def make_corpus(folder: Path) -> None:
    """Distinct documents (distinct text, so distinct ids) built from the sample reports."""
    folder.mkdir()
    texts = sorted(p for p in SAMPLES.glob("*.txt"))
    for i in range(N_FILES):
        base = texts[i % len(texts)].read_text(encoding="utf-8")
        (folder / f"{i:03d}.txt").write_text(f"{base}\n\nDispatch {i}.", encoding="utf-8")


def ingest(folder: Path, db: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "according",
            "ingest",
            str(folder),
            "--db",
            f"sqlite:///{db}",
            "--workers",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kwargs,
    )


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("documents", "events", "quotes", "claims")
        } | {
            "ledger_done": con.execute(
                "select count(*) from ledger where status='done'"
            ).fetchone()[0]
        }


def done_so_far(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return con.execute("select count(*) from ledger where status='done'").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_then_resume_equals_one_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus)

    clean_db = tmp_path / "clean.db"
    assert ingest(corpus, clean_db).wait(timeout=600) == 0
    expected = counts(clean_db)
    assert expected["documents"] == N_FILES and expected["ledger_done"] == N_FILES

    db = tmp_path / "killed.db"
    proc = ingest(corpus, db)
    deadline = time.monotonic() + 300
    while done_so_far(db) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    partial = counts(db)
    assert 0 < partial["ledger_done"] < N_FILES

    resumed = ingest(corpus, db)
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err.decode()
    assert "files done before" in err.decode()
    assert counts(db) == expected


def test_breakdown_counts_what_was_stored(tmp_path):
    from according.batch import ingest as run_ingest
    from according.store import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Police arrested 12 opposition activists in Nairobi on Tuesday, June 25, 2024.",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        "Saturday, July 27, 2024\n\nThousands protested in Tehran on Wednesday, July 1.",
        encoding="utf-8",
    )
    with Store(tmp_path / "s.db") as store:
        run_ingest(store, [corpus], workers=1)
        parts = store.breakdown()
        counts = store.counts()
    assert sum(n for _, n in parts["category"]) == counts["events"]
    assert dict(parts["category"]).get("COERCE", 0) >= 1
    assert dict(parts["category"]).get("PROTEST", 0) >= 1
    assert dict(parts["date conflict"]) == {"page date disagrees with text": 1, "agrees": 1}

"""Special and odd files in the input: skipped with a clear line, never a hang, never a
whole read of something endless, and no file name can stop a folder or forge a line."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from according.batch import ingest as run_ingest
from according.errors import InputNotFound, InputTooLarge
from according.readers import read_input
from according.store import Store
from tests.conftest import cli

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Protesters gathered outside the parliament in Tehran on Monday, police said.\n"


def ingest(folder: Path, db: Path, **kwargs):
    with Store(f"sqlite:///{db}") as store:
        return run_ingest(store, [folder], workers=1, **kwargs)


def reasons(summary) -> str:
    return "\n".join(reason for _, reason in summary.skipped)


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    """A folder with one good report and every kind of file that is not one."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    sparse = folder / "sparse.txt"
    sparse.touch()
    os.truncate(sparse, 1 << 30)  # 1 GiB that holds nothing
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    sock.close()
    return folder


@pytest.mark.timeout(120)
def test_ingest_skips_special_files_with_a_line_each_and_stores_the_rest(odd_folder, tmp_path):
    started = time.monotonic()
    summary = ingest(odd_folder, tmp_path / "a.db")
    assert time.monotonic() - started < 60
    assert summary.documents_stored == 1
    text = reasons(summary)
    assert "pipe.txt: is a named pipe (FIFO), not a regular file: skipped [A106]" in text
    assert "zero.txt: is a character device, not a regular file: skipped [A106]" in text
    assert "sock.txt: is a socket, not a regular file: skipped [A106]" in text
    assert "sparse.txt: 1073741824 bytes, larger than the limit" in text
    assert len(summary.skipped) == 4


@pytest.mark.timeout(60)
def test_read_refuses_special_files_without_blocking(odd_folder):
    for name, kind in (("pipe.txt", "named pipe"), ("zero.txt", "character device")):
        with pytest.raises(InputNotFound) as caught:
            read_input(odd_folder / name)
        assert kind in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(InputTooLarge):
        read_input(odd_folder / "sparse.txt")


@pytest.mark.timeout(120)
def test_cli_read_of_a_fifo_is_one_line(odd_folder):
    done = cli("read", str(odd_folder / "pipe.txt"))
    assert done.exit_code == 1
    assert done.stderr.strip().splitlines() == [
        f"error: {odd_folder / 'pipe.txt'}: is a named pipe (FIFO), not a regular file: "
        "skipped [A106]"
    ]


def test_undecodable_and_newline_names_are_read_stored_and_shown_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    latin = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(latin, "wb") as handle:
        handle.write(TEXT.encode())
    forged = folder / "empty\nerror: forged: not a report [A101].txt"
    forged.write_bytes(b"")
    db = tmp_path / "a.db"
    summary = ingest(folder, db)
    assert summary.documents_stored == 1
    (line,) = [reason for _, reason in summary.skipped]
    assert "\n" not in line and line.endswith("[A101]")
    assert "empty\\nerror: forged: not a report [A101].txt: empty input" in line
    with sqlite3.connect(db) as con:
        origins = [row[0] for row in con.execute("select origin from documents")]
    assert len(origins) == 1 and origins[0].endswith("caf\\xe9.txt")
    # Resumable like any other file: the rerun finds both in the ledger.
    again = ingest(folder, db)
    assert again.already_done == 2 and again.documents_stored == 0


@pytest.mark.slow  # a process: the name reaches it as bytes in argv
def test_cli_ingest_of_an_undecodable_name_is_no_traceback(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe.txt"), "wb") as handle:
        handle.write(TEXT.encode())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "according", "ingest", str(folder), "--db",
         f"sqlite:///{tmp_path / 'a.db'}", "--workers", "1"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "1 stored" in done.stderr


# --- text stays what it was -----------------------------------------------------------


def test_zwnj_and_zwj_are_kept_bidi_overrides_removed():
    from according.readers.normalise import normalise_text

    persian = "ما هنوز تصمیم نکرده\u200cایم."
    assert normalise_text(persian) == persian
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalise_text(f"A family {family} waited.") == f"A family {family} waited."
    hidden = "The minister said \u202eno\u202c comment \u2067x\u2069 here \u200b."
    assert normalise_text(hidden) == "The minister said no comment x here ."
    assert normalise_text("\u200fRTL mark kept") == "\u200fRTL mark kept"


@pytest.mark.parametrize("where", [10, 70_000, 5_000_000])
def test_a_nul_byte_refuses_the_file_wherever_it_is(tmp_path, where):
    from according.errors import BinaryInput

    body = bytearray((TEXT * (where // len(TEXT) + 2)).encode())
    body[where] = 0
    path = tmp_path / "nul.txt"
    path.write_bytes(bytes(body))
    with pytest.raises(BinaryInput) as caught:
        read_input(path)
    assert "NUL" in str(caught.value)


# --- HTML tree size -------------------------------------------------------------------


def test_html_of_too_many_elements_is_refused_before_parsing():
    from according.readers import read_bytes

    tags = b"<html><body><p>Protesters gathered in Tehran.</p>" + b"<b>x</b>" * 1_000_000
    started = time.monotonic()
    with pytest.raises(InputTooLarge) as caught:
        read_bytes(tags + b"</body></html>", "tags.html")
    assert time.monotonic() - started < 5  # was 94 s and 1.7 GB
    assert str(caught.value) == (
        "tags.html: HTML page of more than 100000 elements (settings.max_html_elements) [A105]"
    )


def test_many_less_than_signs_in_text_are_not_tags():
    from according.readers import read_bytes
    from according.settings import DEFAULT_SETTINGS

    settings = DEFAULT_SETTINGS.replace(max_html_elements=50)
    body = " ".join(f"{i} < {i + 1}" for i in range(200))
    (doc,) = read_bytes(f"<html><body><p>{body}</p></body></html>".encode(), "lt.html",
                        settings=settings)  # fmt: skip
    assert doc.text.startswith("0 < 1")
    with pytest.raises(InputTooLarge):
        read_bytes(b"<html><body>" + b"<i>y</i>" * 60 + b"</body></html>", "i.html",
                   settings=settings)  # fmt: skip

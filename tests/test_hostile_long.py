"""Texts longer than the pipeline runs on: one coded line (A105) everywhere, never spaCy's
E088 traceback, a 500 or an A999; and the documents beside them still stored."""

from __future__ import annotations

import pytest

from according.batch import ingest
from according.errors import InputTooLarge
from according.pipeline.core import get_pipeline
from according.readers.source import SourceDocument
from according.settings import DEFAULT_SETTINGS
from tests.conftest import cli

SENTENCE = "Protesters gathered in Tehran on Monday, police said. "
LIMIT = DEFAULT_SETTINGS.max_text_chars
# One lower limit for the tests that need one: a pipeline (a spaCy load) per settings.
SHORT = DEFAULT_SETTINGS.replace(max_text_chars=400)


def long_text(chars: int) -> str:
    return (SENTENCE * (chars // len(SENTENCE) + 1))[:chars].strip()


def test_pipeline_refuses_a_text_over_the_limit_with_a_coded_error():
    pipeline = get_pipeline(DEFAULT_SETTINGS)
    source = SourceDocument(text=long_text(LIMIT + 1000), origin="long.txt")
    with pytest.raises(InputTooLarge) as caught:
        pipeline(source)
    assert str(caught.value).startswith(f"long.txt: text of {LIMIT + 1000} characters")
    assert "settings.max_text_chars" in str(caught.value)


def test_the_limit_is_a_setting_and_spacy_follows_it():
    pipeline = get_pipeline(SHORT)
    with pytest.raises(InputTooLarge):
        pipeline(SourceDocument(text=long_text(500), origin="x"))
    assert pipeline(SourceDocument(text=long_text(150), origin="x")).document.text


@pytest.mark.timeout(300)
def test_cli_read_says_one_line(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(long_text(LIMIT + 10), encoding="utf-8")
    done = cli("read", str(path))
    assert done.exit_code == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}: text of ") and line.endswith("[A105]")


def test_ingest_skips_the_long_one_and_stores_the_rest(tmp_path):
    from according.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "b.txt").write_text(long_text(500), encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        summary = ingest(store, [folder], workers=1, settings=SHORT)
    assert summary.documents_stored == 1
    ((_, reason),) = summary.skipped
    assert "b.txt: text of " in reason and reason.endswith("[A105]")


@pytest.mark.filterwarnings("ignore:.*httpx2.*")
def test_api_post_of_a_long_text_is_413(tmp_path):
    from fastapi.testclient import TestClient

    from according.server import create_app

    token = "a-long-enough-token-for-tests"
    with TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}", token=token)) as client:
        r = client.post(
            "/api/documents",
            content=long_text(LIMIT + 10).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"},
        )
    assert r.status_code == 413
    assert "max_text_chars" in r.json()["detail"]

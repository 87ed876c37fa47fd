"""The HTTP API's tests again, on PostgreSQL: filters, pagination, errors, hostile input.

As in ``test_postgres``, the tests are imported from the SQLite suites and collected here
with fixtures that point at ``ACCORDING_PG_URL``. Full text differs by design (PostgreSQL
matches whole words with ``to_tsvector``), so it has its own test.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator

import pytest

PG_URL = os.environ.get("ACCORDING_PG_URL")
if not PG_URL:
    from tests.conftest import missing_service

    missing_service(
        "ACCORDING_PG_URL is unset; run: export ACCORDING_PG_URL=$(scripts/pg_test_server.sh)"
    )

warnings.filterwarnings("ignore", message=".*httpx2.*")
import test_server as api  # noqa: E402
import test_server_security as sec  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from test_postgres import reset  # noqa: E402

from according.server import create_app  # noqa: E402
from according.server.sample import generate  # noqa: E402
from according.store import Store  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db_url() -> str:
    reset(PG_URL)
    with Store(PG_URL) as store:
        store.save_reports(api.REPORTS)
    return PG_URL


client = api.client  # the same fixture, over the PostgreSQL db_url above

for _name in dir(api):
    if _name.startswith("test_") and _name != "test_full_text_matches_words_of_the_document":
        globals()[_name] = getattr(api, _name)


def test_full_text_uses_postgresql_word_search(client: TestClient) -> None:
    """Whole words, any case, all required: 'dispatch 17' is not '170' or '117'."""
    want = {
        e.id
        for r in api.REPORTS
        if {"dispatch", "17", "reuters"} <= set(r.document.text.lower().replace(".", " ")
                                                .replace("(", " ").replace(")", " ").split())
        for e in r.events
    }  # fmt: skip
    assert want
    assert api.ids(api.all_items(client, "/api/events", q="Dispatch 17 REUTERS")) == want
    assert api.all_items(client, "/api/events", q="nosuchwordanywhere") == []
    assert api.all_items(client, "/api/events", q="' & ! | :*") == []  # tsquery syntax is text


@pytest.fixture(scope="module")
def setup() -> Iterator[tuple[TestClient, Store]]:
    reset(PG_URL)
    store = Store(PG_URL)
    store.save_reports(generate(10))
    with TestClient(create_app(PG_URL)) as c:
        yield c, store
    store.close()


test_injection_in_every_filter_is_harmless = sec.test_injection_in_every_filter_is_harmless
test_like_wildcards_are_literal = sec.test_like_wildcards_are_literal
test_path_traversal_in_document_ids = sec.test_path_traversal_in_document_ids

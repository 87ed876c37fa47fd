"""Quote kinds (speech, stance, perception): the cue→kind file, each of its examples
read by the grammar, and the kind carried to the store, the CLI and the exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from according.attribution import attribute_text
from according.attribution.kinds import cue_kinds, quote_kind
from according.attribution.lexicon import SPEECH_FORMS
from according.attribution.stance import STANCE_FORMS
from according.errors import RulesError
from tests.conftest import cli

ENTRIES = cue_kinds().entries


def _names(word: str | None) -> set[str]:
    """A cue word as the grammar writes it and its verb lemma, for matching an entry."""
    if word is None:
        return set()
    return {word, SPEECH_FORMS.get(word, word), STANCE_FORMS.get(word, word)}


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.where}:{e.cue}" for e in ENTRIES])
def test_each_entry_example_makes_a_quote_of_its_kind(entry):
    cues = [att.cue_word for att in attribute_text(entry.example)]
    matching = [c for c in cues if entry.cue in _names(c)]
    assert matching, f"{entry.where}: no {entry.cue!r} cue in {entry.example!r} (found {cues})"
    assert {quote_kind(c) for c in matching} == {entry.kind}


def test_the_issue_cues_have_the_issue_kinds():
    said = "The minister said, told reporters, wrote and added, according to the agency."
    assert [quote_kind(w) for w in ("said", "told", "wrote", "added", "according to")] == [
        "speech"
    ] * 5, said
    assert {quote_kind(w) for w in ("believes", "supports", "criticised", "worried")} == {"stance"}
    assert {quote_kind(w) for w in ("indicates", "shows", "confirms")} == {"perception"}
    assert quote_kind(None) == "speech"  # a quotation that goes on from the one before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("classes: []\n", "sections"),
        ("classes: []\ncues:\n  - {cue: said, kind: gossip, example: x}\n", "gossip"),
        ("classes: []\ncues:\n  - {cue: frobnicate, kind: speech, example: x}\n", "frobnicate"),
        ("classes: []\ncues:\n  - {cue: said, kind: speech}\n", "keys"),
        ("classes: []\ncues: []\n", "no kind for"),
    ],
)
def test_a_malformed_file_stops_with_a_rules_error(tmp_path, text, problem):
    path = tmp_path / "cue_kinds.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        cue_kinds(path)
    assert problem in str(err.value) and str(path) in str(err.value)


TEXT = (
    "Opposition leader Maria Santos said the election had been stolen. "
    "Santos believes that the army will stay neutral. "
    "A new survey shows that most voters distrust the electoral commission.\n"
)


@pytest.fixture(scope="module")
def kinds_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("kinds")
    (folder / "report.txt").write_text(TEXT, encoding="utf-8")
    db = str(folder / "kinds.db")
    out = cli("ingest", str(folder / "report.txt"), "--db", db, "--workers", "1")
    assert out.exit_code == 0, out.stderr
    return db


def test_the_pipeline_gives_each_quote_its_kind(pipeline):
    from according.readers.source import SourceDocument

    report = pipeline(SourceDocument(text=TEXT, origin="<test>"))
    kinds = {q.cue: q.kind for q in report.quotes}
    assert kinds == {"said": "speech", "believes": "stance", "shows": "perception"}


def test_the_table_shows_speech_unless_asked_and_json_keeps_all(kinds_db):
    table = cli("quotes", "--db", kinds_db)
    assert table.exit_code == 0, table.stderr
    assert "election had been stolen" in table.stdout
    assert "army will stay neutral" not in table.stdout and "distrust" not in table.stdout
    stance = cli("quotes", "--db", kinds_db, "--kind", "stance").stdout
    assert "army will stay neutral" in stance and "stolen" not in stance
    every = cli("quotes", "--db", kinds_db, "--kind", "all").stdout
    assert all(words in every for words in ("stolen", "neutral", "distrust"))
    records = json.loads(cli("quotes", "--db", kinds_db, "--format", "json").stdout)
    assert sorted(q["kind"] for q in records) == ["perception", "speech", "stance"]
    bad = cli("quotes", "--db", kinds_db, "--kind", "gossip")
    assert bad.exit_code == 1 and "speech, stance" in bad.stderr.replace("'", "")


def test_the_store_filters_by_kind(kinds_db):
    from according.store import Store

    with Store(kinds_db, create=False) as store:
        assert {q.kind for q in store.quotes()} == {"speech", "stance", "perception"}
        assert [q.cue for q in store.quotes(kind="perception")] == ["shows"]
        assert [q.cue for q in store.quotes(kind="SPEECH")] == ["said"]


def test_according_to_names_this_report_not_the_file(kinds_db):
    path = str(Path(kinds_db).parent / "report.txt")
    table = cli("quotes", "--db", kinds_db, "--kind", "all")
    assert "this report" in table.stdout and path not in table.stdout
    records = json.loads(cli("quotes", "--db", kinds_db, "--format", "json").stdout)
    assert {q["source"][0]["name"] for q in records} == {"this report"}
    assert {q["origin"] for q in records} == {path}  # the path stays on the document


def test_a_page_stored_under_its_path_is_still_shown_as_this_report_or_its_outlet():
    from according.exports.formats import according_to, quote_row
    from according.records import Entity, Hop, Quote, Span

    text = "Ana Ruiz said the strike would go on."
    old = Quote(
        text="the strike would go on",
        direct=False,
        speaker=Entity(text="Ana Ruiz", name="Ana Ruiz", kind="person"),
        cue="said",
        source=[Hop(kind="document", name="/home/me/reports/x.txt"),
                Hop(kind="person", name="Ana Ruiz")],
        span=Span.of(text, 14, 36),
    )  # fmt: skip
    assert according_to(old) == "this report"
    assert quote_row(old)["source"] == "this report > Ana Ruiz"
    published = old.model_copy(update={"outlet": "Gulf Monitor"})
    assert according_to(published) == "Gulf Monitor"

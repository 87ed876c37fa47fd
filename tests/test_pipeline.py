"""The pipeline end to end on real text: stages registered, stamped, run in order."""

from __future__ import annotations

import pytest

import according
from according.errors import UnknownStage
from according.pipeline import registered
from according.pipeline.core import Pipeline
from according.readers.normalise import document_id, normalise_text
from according.readers.source import SourceDocument
from according.settings import DEFAULT_SETTINGS, Settings


def test_default_stages_are_registered_under_versioned_names():
    for name in DEFAULT_SETTINGS.stages:
        assert name in registered()
        assert name.startswith("according.") and name.rsplit(".", 1)[1].startswith("v")


def test_unknown_stage_is_a_clear_error():
    with pytest.raises(UnknownStage, match=r"according\.nope\.v1"):
        Pipeline(Settings(stages=("according.nope.v1",)))


def test_config_hash_changes_with_settings_and_only_then():
    assert Settings().config_hash == Settings().config_hash
    assert Settings(batch_size=4).config_hash != Settings().config_hash


def test_report_is_stamped_and_document_filled(example_report):
    assert example_report.pipeline.version == according.__version__
    assert example_report.pipeline.config_hash == DEFAULT_SETTINGS.config_hash
    doc = example_report.document
    assert doc.id == document_id(doc.text)
    assert doc.page_date == "2024-07-27"
    assert doc.origin.endswith("opposition-report-2020-07.txt")
    assert "Resistance Units" in doc.text


def test_registry_names_win_over_statistical_ner(example_report):
    names = {e.name for e in example_report.mentions.entities}
    assert "People's Mojahedin Organization of Iran" in names
    pmoi = [e for e in example_report.mentions.entities if e.text == "PMOI/MEK"]
    assert pmoi and pmoi[0].id == "mek"


def test_read_api_accepts_text_and_paths(tmp_path):
    text = "Police arrested 12 protesters in Nairobi on Tuesday, June 25, 2024."
    from_text = according.read(text, page_date="2024-06-26")
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    from_path = according.read(path, page_date="2024-06-26")
    assert from_text.document.id == from_path.document.id
    assert from_text.document.text == normalise_text(text)
    # ACLED codes arrests at a demonstration as a protest with intervention, not as arrests
    assert [(ev.category, ev.acled.sub_event_type) for ev in from_text.events] == [
        ("PROTEST", "Protest with intervention")
    ]
    assert any(p.name == "Nairobi" for p in from_text.mentions.places)


def test_pipe_keeps_input_order(pipeline):
    from according.readers.source import SourceDocument

    texts = [f"Report number {i}: protesters marched in Tehran." for i in range(5)]
    reports = list(
        pipeline.pipe(SourceDocument(text=t, origin=str(i)) for i, t in enumerate(texts))
    )
    assert [r.document.origin for r in reports] == ["0", "1", "2", "3", "4"]


def test_headlines_and_banners_are_sentences_of_their_own(pipeline):
    text = (
        "Monday, September 9, 2024\nHome > News\n\nFarmers rally in Isfahan\n\n"
        "Hundreds of farmers gathered in Isfahan on Friday. They demanded water,\n"
        "witnesses said."
    )
    sentences = [s.text.strip() for s in pipeline.nlp(text).sents]
    assert sentences[:4] == [
        "Monday, September 9, 2024",
        "Home > News",
        "Farmers rally in Isfahan",
        "Hundreds of farmers gathered in Isfahan on Friday.",
    ]
    assert sentences[4] == "They demanded water,\nwitnesses said."


def test_a_date_banner_on_the_first_line_is_the_page_date(tmp_path):
    from according.readers import read_input

    page = tmp_path / "saved.txt"
    page.write_text("Saturday, July 27, 2024\nHome\n\nPolice detained 3 people.", encoding="utf-8")
    assert read_input(page)[0].page_date == "2024-07-27"
    assert read_input(page, page_date="2024-08-01")[0].page_date == "2024-08-01"
    page.write_text("March 12, 2023 - Teachers rallied in Tehran.", encoding="utf-8")
    assert read_input(page)[0].page_date is None


def test_prepare_loads_what_stages_load_lazily(pipeline):
    """After ``prepare`` the first document compiles and builds nothing: the casualty
    templates, the spelling-variant index, the unit patterns and the parser are in place.
    (Checked on the loaders' caches; which document comes first must not matter.)"""
    from according.attribution.parse import parser_nlp
    from according.events import casualties
    from according.geo import units
    from according.geo.gazetteer import open_gazetteer
    from according.geo.place import _variants

    assert pipeline.prepare() is pipeline
    assert casualties._matcher.cache_info().currsize == 1
    assert units._patterns.cache_info().currsize == 1
    assert parser_nlp.cache_info().currsize >= 1
    assert _variants(open_gazetteer(None))._index is not None
    loaded = (casualties._matcher.cache_info().misses, parser_nlp.cache_info().misses)
    text = "Police killed two protesters in Yerevan, Reuters said."
    pipeline(SourceDocument(text=text, origin="t"))
    assert (casualties._matcher.cache_info().misses, parser_nlp.cache_info().misses) == loaded


def test_a_stage_without_prepare_is_left_alone():
    from according.pipeline.stage import prepare

    class Plain:
        name = "plain"

    prepare(Plain())  # no prepare method: nothing to load, no error

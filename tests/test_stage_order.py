"""Stages declare what they read and write; a pipeline whose order cannot work fails when
it is built, with A402, before the model loads. Stages are found by name in one place:
the built-in list, ``register``, and the ``according.stages`` entry-point group."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from according.errors import StageOrderError
from according.pipeline import registry
from according.pipeline.core import Pipeline
from according.pipeline.stage import Stage, check_order
from according.settings import DEFAULT_SETTINGS, Settings

ROOT = Path(__file__).resolve().parent.parent
ENTITIES, DATES, PLACES = "according.entities.v1", "according.dates.v1", "according.places.v1"
QUOTES, CLAIMS, EVENTS = "according.quotes.v1", "according.claims.v1", "according.events.v2"


def stages(*names: str) -> list[Stage]:
    return [registry.create(name, DEFAULT_SETTINGS) for name in names]


def test_every_builtin_stage_declares_what_it_reads_and_writes() -> None:
    for name in registry.BUILTIN:
        (stage,) = stages(name)
        assert stage.name == name
        assert stage.writes, name
        assert isinstance(stage.reads, frozenset) and isinstance(stage.reads_if_run, frozenset)


def test_the_default_order_and_the_subsets_in_use_pass() -> None:
    check_order(stages(*DEFAULT_SETTINGS.stages))
    check_order(stages(ENTITIES, PLACES))  # the geo evaluation
    check_order(stages(ENTITIES, QUOTES))  # quotes without dates: undated quotes
    check_order(stages(ENTITIES, DATES, QUOTES))  # the quotes evaluation


def test_events_before_claims_fails_at_build_time_with_a402(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_model(*_: object) -> None:
        raise AssertionError("the model was loaded before the order was checked")

    monkeypatch.setattr("according.pipeline.core.load_nlp", no_model)
    misordered = Settings(stages=(ENTITIES, DATES, PLACES, QUOTES, EVENTS, CLAIMS))
    with pytest.raises(StageOrderError) as err:
        Pipeline(misordered)
    message = str(err.value)
    assert err.value.code == "A402" and message.endswith("[A402]")
    assert f"stage {EVENTS} reads 'claims'" in message
    assert f"{CLAIMS} writes it after" in message


@pytest.mark.parametrize(("missing", "field"), [(CLAIMS, "claims"), (PLACES, "places"),
                                                (DATES, "dates")])  # fmt: skip
def test_events_cannot_run_without_claims_places_and_dates(missing: str, field: str) -> None:
    rest = [name for name in DEFAULT_SETTINGS.stages if name != missing]
    with pytest.raises(StageOrderError, match=rf"reads '{field}', which no stage in the settings"):
        check_order(stages(*rest))


def test_an_optional_input_must_still_come_first() -> None:
    """Claims read quotes when the quotes stage runs: after it, they would read none."""
    check_order(stages(ENTITIES, DATES, CLAIMS))
    with pytest.raises(StageOrderError, match=rf"{CLAIMS} reads 'quotes'.*{QUOTES} writes"):
        check_order(stages(ENTITIES, DATES, CLAIMS, QUOTES))


def test_a_stage_without_declarations_is_not_checked() -> None:
    class Legacy:
        name = "test.legacy.v1"
        needs: frozenset[str] = frozenset()

        def __call__(self, ctx: object) -> None: ...

    check_order([Legacy(), *stages(ENTITIES)])  # type: ignore[list-item]


def test_register_adds_a_stage_and_refuses_a_builtin_name() -> None:
    class Mine:
        name = "test.mine.v1"
        needs: frozenset[str] = frozenset()
        reads = frozenset({"events"})
        reads_if_run: frozenset[str] = frozenset()
        writes = frozenset({"warnings"})

        def __init__(self, settings: Settings) -> None: ...

        def __call__(self, ctx: object) -> None: ...

    registry.register("test.mine.v1")(Mine)
    try:
        assert "test.mine.v1" in registry.registered()
        check_order(stages(*DEFAULT_SETTINGS.stages, "test.mine.v1"))
        with pytest.raises(StageOrderError, match="reads 'events'"):
            check_order(stages("test.mine.v1", *DEFAULT_SETTINGS.stages))
        with pytest.raises(ValueError, match="registered twice"):
            registry.register(DATES)(Mine)
    finally:
        registry._ADDED.pop("test.mine.v1")


def _third_party(tmp_path: Path) -> Path:
    """An installed distribution declaring a stage in the ``according.stages`` group."""
    (tmp_path / "thirdparty_stage.py").write_text(
        textwrap.dedent(
            """
            class Shout:
                name = "thirdparty.shout.v1"
                needs = frozenset()
                reads = frozenset({"document"})
                reads_if_run = frozenset()
                writes = frozenset({"warnings"})

                def __init__(self, settings):
                    self.settings = settings

                def __call__(self, ctx):
                    ctx.warnings.append(ctx.text.upper())
            """
        )
    )
    info = tmp_path / "thirdparty_stage-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: thirdparty-stage\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[according.stages]\nthirdparty.shout.v1 = thirdparty_stage:Shout\n"
    )
    return tmp_path


def test_an_entry_point_stage_is_found_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(_third_party(tmp_path)))
    assert "thirdparty.shout.v1" in registry.registered()
    stage = registry.create("thirdparty.shout.v1", DEFAULT_SETTINGS)
    assert type(stage).__module__ == "thirdparty_stage"
    check_order([*stages(*DEFAULT_SETTINGS.stages), stage])


@pytest.mark.slow
def test_an_entry_point_stage_reaches_a_fresh_process(tmp_path: Path) -> None:
    """What an ingest or Dask worker does: build stages by name, importing nothing first."""
    path = os.pathsep.join([str(_third_party(tmp_path)), str(ROOT)])
    code = (
        "from according.pipeline.registry import create\n"
        "from according.settings import DEFAULT_SETTINGS\n"
        "print(type(create('thirdparty.shout.v1', DEFAULT_SETTINGS)).__module__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert out.stdout.strip() == "thirdparty_stage"


def test_the_events_stage_runs_on_inputs_given_by_name() -> None:
    """No pipeline, no Context: the events stage's inputs are plain records."""
    from according.actors import default_registry
    from according.dates import find_time_expressions
    from according.events.extract import events_for
    from according.events.inputs import EventInputs
    from according.records import Hop

    text = "Police arrested 12 protesters in Nairobi on Tuesday, June 25, 2024."
    inputs = EventInputs(
        text=text,
        document_id="t",
        content_date=None,
        source=Hop(kind="document", name="this report"),
        sentences=[(0, len(text))],
        entities=[],
        places=[],
        dates=find_time_expressions(text, date(2024, 6, 26)),
        quotes=[],
        claims=[],
        actors=default_registry(),
    )
    (event,) = events_for(inputs)
    assert event.when is not None and event.when.start == "2024-06-25"
    assert [a.name for a in event.actors] == ["police"]
    assert event.source == [inputs.source]


def test_sentence_spans_are_read_from_the_doc_once() -> None:
    """Quotes, claims and the events stage all read ``ctx.sentences``: one pass over
    ``doc.sents`` per document, however many stages read them."""
    from according.pipeline.context import Context
    from according.records import Document

    class Sentence:
        def __init__(self, start: int, end: int) -> None:
            self.start_char, self.end_char = start, end

    class Doc:
        reads = 0

        @property
        def sents(self) -> list[Sentence]:
            Doc.reads += 1
            return [Sentence(0, 9), Sentence(10, 20)]

    document = Document(id="t", text="One here. Two there.")
    ctx = Context(document=document, settings=DEFAULT_SETTINGS, actors=None, doc=Doc())  # type: ignore[arg-type]
    assert ctx.sentences == [(0, 9), (10, 20)]
    assert ctx.sentences is ctx.sentences and Doc.reads == 1

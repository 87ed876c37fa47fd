"""``according eval``: each stage scored on a public annotated set, the way it is published.

The commands read the data from any path (the dev sets live in ../shared/eval; final
scores come from held-out sets of the same formats) and run the very stage code the
pipeline runs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from according.cli.common import err_console, friendly_errors
from according.errors import InputNotFound, UnknownStage, UsageError
from according.settings import DEFAULT_SETTINGS, Settings

eval_app = typer.Typer(help="Score the pipeline's stages on annotated data.", no_args_is_help=True)

FormatOption = Annotated[str, typer.Option("--format", help="text or json.")]


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise InputNotFound(f"no such {what}", source=str(path))
    return path


def _with_events_stage(name: str | None) -> Settings:
    """The default settings with ``name`` in place of the events stage."""
    from according.pipeline.registry import registered

    if name is None:
        return DEFAULT_SETTINGS
    if name not in registered():
        raise UnknownStage(f"no stage named {name!r}; `according stages` lists them")
    stages = tuple(
        name if s.startswith("according.events.") else s for s in DEFAULT_SETTINGS.stages
    )
    return DEFAULT_SETTINGS.replace(stages=stages)


def _print(scores: Mapping[str, object], format: str) -> None:
    if format == "json":
        typer.echo(json.dumps(scores))
    elif format == "text":
        for key, value in scores.items():
            shown = f"{value:.3f}" if isinstance(value, float) else value
            typer.echo(f"{key:>28}  {shown}")
    else:
        raise UsageError(f"--format must be text or json, not {format!r}")


@eval_app.command("time")
@friendly_errors
def eval_time(
    timeml: Annotated[Path, typer.Option(help="A .tml file or a folder of them.")],
    format: FormatOption = "text",
) -> None:
    """TempEval-3 Task A: strict/relaxed recognition F1 and value F1 of the dates stage.

    Example: according eval time --timeml ../shared/eval/time/TBAQ-cleaned --format json
    """
    from according.evaluation.time import evaluate_timeml

    _print(evaluate_timeml(_existing(timeml, "TimeML file or folder")), format)


@eval_app.command("geo")
@friendly_errors
def eval_geo(
    gold: Annotated[Path, typer.Option(help="EUPEG gold file (one line per text).")],
    texts: Annotated[Path, typer.Option(help="Folder of the texts, named 0, 1, 2 ...")],
    offset_shift: Annotated[
        int, typer.Option(help="Added to every gold offset (GeoVirus: -1).")
    ] = 0,
    convention: Annotated[
        str,
        typer.Option(
            help="What is compared: all mentions, or literal (adjectives such as "
            "'Iranian' and places qualifying an organisation left out); auto reads "
            "the gold file (literal when it marks no adjective)."
        ),
    ] = "auto",
    format: FormatOption = "text",
) -> None:
    """Recognition P/R/F1 and resolution acc@161 km, AUC, mean/median error (EUPEG).

    Example: according eval geo --gold ../shared/eval/geo/GeoWebNews_gold.txt
    --texts ../shared/eval/geo/corpora/GeoWebNews --format json
    """
    from according.evaluation.geo import CONVENTIONS, evaluate_eupeg

    if convention not in CONVENTIONS:
        raise UsageError(f"--convention must be auto, all or literal, not {convention!r}")
    scores = evaluate_eupeg(
        _existing(gold, "gold file"),
        _existing(texts, "texts folder"),
        offset_shift=offset_shift,
        convention=convention,
    )
    _print(scores, format)


@eval_app.command("quotes")
@friendly_errors
def eval_quotes(
    brat: Annotated[Path, typer.Option(help="PolNeAR split: folder with text/, attributions/.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    format: FormatOption = "text",
) -> None:
    """Quote content F1 (overlap and exact) and source accuracy on PolNeAR (brat).

    Example: according eval quotes --brat ../shared/eval/quotes/polnear/dev --format json
    """
    from according.evaluation.quotes import evaluate_brat

    _print(evaluate_brat(_existing(brat, "brat folder"), limit=limit), format)


@eval_app.command("events")
@friendly_errors
def eval_events(
    case: Annotated[Path, typer.Option(help="CASE 2021 Task 2 TSV (id, EventSnippet, SubType).")],
    format: FormatOption = "text",
) -> None:
    """Weighted/macro F1 and accuracy of the event classifier over CASE 2021's 30 labels.

    Example: according eval events --case ../shared/eval/events/case2021-task2-dev.tsv
    """
    from according.evaluation.events import evaluate_case, format_text

    result = evaluate_case(_existing(case, "TSV file"))
    if format == "text":
        typer.echo(format_text(result))
    else:
        _print(result, format)


@eval_app.command("acled")
@friendly_errors
def eval_acled(
    csv: Annotated[Path, typer.Option("--csv", help="An ACLED export CSV (any year's columns).")],
    page_date_offset: Annotated[
        int, typer.Option(help="Page date = the note's latest gold date plus this many days.")
    ] = 0,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Score only the first N notes (reports).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: one per core).")
    ] = None,
    events_stage: Annotated[
        str | None,
        typer.Option(
            help="Score another registered events stage in place of the default "
            "(according.events.v1 to compare with the old stage)."
        ),
    ] = None,
    format: FormatOption = "text",
) -> None:
    """Whole-pipeline event records scored against ACLED's coding of its own notes:
    detection, type, sub-type, date, place, actors, fatalities, all fields at once.

    Example: according eval acled --csv ../shared/eval/events/acled-2020-dev.csv --format json

    Example: according eval acled --csv export.csv --events-stage according.events.v1 --limit 200
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from according.evaluation.acled import evaluate_gold, format_text
    from according.evaluation.acled_read import read_acled

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    settings = _with_events_stage(events_stage)
    gold = read_acled(_existing(csv, "CSV file"), limit=limit)  # fails before workers start
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("notes"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=False) as bar:
        task = bar.add_task("reading notes", total=None)

        def hook(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        result = evaluate_gold(
            gold,
            page_date_offset=page_date_offset,
            workers=workers,
            progress=hook,
            settings=settings,
        )
    if format == "text":
        typer.echo(format_text(result))
    else:
        _print(result, format)

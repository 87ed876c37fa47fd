"""What a stage is, and the check that the configured stages can run in their order.

A stage declares what it takes from the Context (``reads``: must have been written by
an earlier stage; ``reads_if_run``: read when a stage writes it, which must then run
earlier) and what it adds (``writes``). The pipeline checks the list when it is built, so
"the events stage before the claims stage" is an error with a code (A402) naming both,
not a report with silently empty counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from according.errors import StageOrderError

if TYPE_CHECKING:
    from according.pipeline.context import Context

# On the Context before any stage runs: the document, the spaCy Doc, its sentence spans
# and the actor list. Any stage may also append to ``warnings``.
PROVIDED = frozenset({"document", "text", "doc", "sentences", "actors", "settings", "warnings"})


class Stage(Protocol):
    """A pipeline step: reads what earlier stages put on the context and adds its part."""

    name: str
    # spaCy components the stage needs to have run ("ner", "sentencizer", "parser", ...).
    needs: frozenset[str]
    # Context fields it needs an earlier stage to have written (or the pipeline provides).
    reads: frozenset[str]
    # Context fields it reads when some stage writes them (that stage must come first).
    reads_if_run: frozenset[str]
    # Context fields it adds to.
    writes: frozenset[str]

    def __call__(self, ctx: Context) -> None: ...


def prepare(stage: Stage) -> None:
    """Have ``stage`` load now what it would load on its first document, when it says how
    (an optional ``prepare()`` method: spaCy's ``initialize``, for a stage that compiles
    patterns or builds an index lazily so that a one-document run does not wait for it)."""
    method = getattr(stage, "prepare", None)
    if callable(method):
        method()


def _declared(stage: Stage, what: str) -> frozenset[str]:
    # A stage written before the declarations existed declares nothing and is not checked.
    return frozenset(getattr(stage, what, ()))


def check_order(stages: Sequence[Stage]) -> None:
    """Raise StageOrderError (A402) unless every stage's inputs are written before it."""
    writers: dict[str, list[str]] = {}
    for stage in stages:
        for field in _declared(stage, "writes"):
            writers.setdefault(field, []).append(stage.name)
    written: set[str] = set(PROVIDED)
    for stage in stages:
        optional = _declared(stage, "reads_if_run") & writers.keys()
        for field in sorted((_declared(stage, "reads") | optional) - written):
            later = [name for name in writers.get(field, []) if name != stage.name]
            where = (
                f"{', '.join(later)} writes it after; put it first"
                if later
                else "no stage in the settings writes it"
            )
            raise StageOrderError(f"stage {stage.name} reads {field!r}, which {where}")
        written |= _declared(stage, "writes")

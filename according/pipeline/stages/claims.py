"""according.claims.v1: numbers someone asserts, what they count, the hedge and who says.

Runs after the quotes stage so that a number inside someone's words carries that
speaker's chain of attribution; elsewhere the page itself is the source. The grammar is
in ``according.attribution.claims``.
"""

from __future__ import annotations

from according.attribution.build import build_claims
from according.attribution.claims import HEDGES, parse_number
from according.pipeline.context import Context
from according.settings import Settings

__all__ = ["HEDGES", "ClaimsStage", "parse_number"]


class ClaimsStage:
    name = "according.claims.v1"
    needs = frozenset({"sentencizer"})
    reads = frozenset({"sentences", "document"})
    # Names are not counted things, dates are not numbers, and a number inside someone's
    # words takes that speaker's chain: each read when its stage runs.
    reads_if_run = frozenset({"entities", "dates", "quotes"})
    writes = frozenset({"claims"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, ctx: Context) -> None:
        names = [(e.span.start, e.span.end) for e in ctx.entities if e.span is not None]
        ctx.claims.extend(
            build_claims(
                ctx.text,
                ctx.quotes,
                ctx.dates,
                names,
                ctx.sentences,
                ctx.document_hop(),
                ctx.document.id,
            )
        )

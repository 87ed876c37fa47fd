"""The attribution grammar: which words are attributed, to whom, by which cue.

It works over a dependency parse of the cue sentences only (see ``parse``) plus the
quotation marks found in the whole text (see ``marks``). The order of the rules is the
order a reader uses: a quotation right after "X said:" or right before ", he said" is
X's; otherwise the clause the cue verb governs ("X said that ...", "..., X said",
"according to X, ...") is the reported content. Quotes that no cue reaches are kept
only as continuations of the speaker just quoted; the rest are titles or scare quotes.
Cue finding is in ``cues``, span cutting in ``spans``, venues in ``venues``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from according.attribution.complements import phrase_span, speech_object
from according.attribution.cues import (
    Cue,
    cue_sentences,
    find_cues,
    mentions_by_end,
    relative_antecedent,
    repair_speaker,
)
from according.attribution.lexicon import (
    BLOCKING_CUE_RE,
    POSTPOSED,
    SPEECH_FORMS,
    WEAK_CUES,
)
from according.attribution.marks import Quoted, find_quoted
from according.attribution.merge import (
    Attribution,
    close_quotations,
    continuations,
    dedupe,
    drop_nested_direct,
)
from according.attribution.nominals import nominal_cues
from according.attribution.parse import Parsed
from according.attribution.spans import appositive, np_span, strip_end, subtree_chars, trim
from according.attribution.stance import (
    ADJECTIVE_CUES,
    STANCE_CLASS,
    STANCE_FORMS,
    adjective_content,
    appearance_content,
    headline_attributions,
    stance_content,
)
from according.attribution.venues import venue_for, venue_in

_END_PUNCT = re.compile(r"[.!?](?![\"\u201d\u2019])\s|\n\s*\n")


def _gap_ok(text: str, start: int, end: int, max_words: int) -> bool:
    gap = text[start:end]
    if len(gap.split()) > max_words or _END_PUNCT.search(gap + " "):
        return False
    return BLOCKING_CUE_RE.search(gap) is None


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
    by_end = mentions_by_end(mentions)
    for sent in parsed:
        for cue in find_cues(sent):
            repair_speaker(text, cue, by_end)
            if cue.word in SPEECH_FORMS or cue.word == "according to":
                att = _direct(text, cue, quoted, used, index) or _reported(text, cue)
            else:
                att = _direct(text, cue, quoted, used, index) or _stance(text, cue)
            if att is not None:
                out.append(att)
        out.extend(_nominals(text, sent))
    out = _drop_nested_stance(out)
    out.extend(_headlines(text, mentions, out))
    close_quotations(out, quoted)
    drop_nested_direct(out, quoted, used)
    out.extend(continuations(text, quoted, used, out))
    out.sort(key=lambda a: a.content)
    return dedupe(out)


def _fill_speaker(att: Attribution, cue: Cue) -> Attribution:
    tok = cue.speaker
    if tok is not None:
        char = cue.parsed.char
        s, e = np_span(tok)
        att.speaker = cue.speaker_span or (char(s), char(e))
        att.speaker_head = (cue.parsed.char(tok.idx), cue.parsed.char(tok.idx + len(tok)))
        app = appositive(tok)
        att.appositive = (char(app[0]), char(app[1])) if app else None
        noun = relative_antecedent(tok)
        if noun is not None:
            s, e = np_span(noun)
            att.antecedent = (char(s), char(e))
    if cue.relay is not None:
        s, e = np_span(cue.relay)
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
    text: str, cue: Cue, quoted: list[Quoted], used: set[int], index: _QuoteIndex
) -> Attribution | None:
    if cue.word == "according to" or SPEECH_FORMS.get(cue.word, "") in WEAK_CUES:
        return None
    if cue.word not in SPEECH_FORMS and STANCE_CLASS.get(STANCE_FORMS.get(cue.word, "")) != "voice":
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
    if after and not before and _inside_clause(text, cue, quoted[after[0]]):
        used.update(after)  # part of this cue's reported words: no other cue's quote
        return None  # "said the country “must do more”": reported words that quote
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
    att.venue = venue_for(text, cue, clause)
    return att


def _inside_clause(text: str, cue: Cue, q: Quoted) -> bool:
    """True when the quotation after the cue is part of the clause the cue governs,
    which starts with words of its own before the marks ("said the United States
    “must increase our efforts”"): the clause is the content, quotation and all."""
    gap = text[cue.end : q.open_mark].strip()
    if not gap or gap.endswith((":", ",", "\u2014")):
        return False
    char = cue.parsed.char
    for child in cue.tok.children:
        if child.dep_ == "ccomp":
            s, e = subtree_chars(child)
            if char(s) < q.open_mark < char(e) and text[char(s) : q.open_mark].split():
                return True
    return False


def _reported(text: str, cue: Cue) -> Attribution | None:
    """Reported speech: the words "according to" frames, else the clause the cue
    governs or stands in, else (with a speaker) what the verb takes as its object."""
    content: tuple[int, int] | None
    if cue.word == "according to":
        content = _according_content(text, cue)
    else:
        content = _clause_content(text, cue)
        if content is None and (cue.speaker is not None or cue.unnamed):
            found = speech_object(cue.tok, SPEECH_FORMS.get(cue.word, cue.word))
            if found is not None:
                content = strip_end(text, trim(text, *map(cue.parsed.char, found)))
                return _make_reported(text, cue, content) if content[1] > content[0] else None
    if content is None or len(text[content[0] : content[1]].split()) < 3:
        return None
    return _make_reported(text, cue, strip_end(text, content))


def _according_content(text: str, cue: Cue) -> tuple[int, int]:
    """The longer side of "according to X": "According to X, C." or "C, according to X"."""
    tok, doc, char = cue.tok, cue.tok.doc, cue.parsed.char
    phrase_end = cue.speaker if cue.speaker is not None else doc[tok.i + 1]
    stop = list(phrase_end.subtree)[-1]
    a_start, a_end = char(tok.idx), char(stop.idx + len(stop))
    before = trim(text, cue.parsed.start, a_start)
    after = strip_end(text, trim(text, a_end, cue.parsed.end))
    return before if before[1] - before[0] > after[1] - after[0] else after


def _clause_content(text: str, cue: Cue) -> tuple[int, int] | None:
    """The clause a speech verb governs ("said (that) C", "urged X to C") or the one
    it is attached to ("C, he said")."""
    tok, doc, char = cue.tok, cue.tok.doc, cue.parsed.char
    sent_start = cue.parsed.start
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    lemma = SPEECH_FORMS.get(cue.word, cue.word)
    if not comps and lemma in ("urge", "plead", "ask", "warn", "promise", "vow", "threaten"):
        comps = [c for c in tok.children if c.dep_ == "xcomp"]
        # "urged the board to act": the person urged is part of what was urged.
        objs = [c for c in tok.children if c.dep_ == "dobj" and comps and c.i < comps[0].i]
        if objs:
            s, e = phrase_span(objs[0], tok, comps)
            return trim(text, char(s), char(e))
    if comps:
        s, e = subtree_chars(comps[0])
        return trim(text, char(s), char(e))
    if tok.dep_ == "parataxis" or (tok.dep_ == "ccomp" and tok.head.i < tok.i):
        cue_clause = list(tok.subtree)
        head_start = char(cue_clause[0].idx)
        rest = [t for t in tok.head.subtree if t.i > cue_clause[-1].i and not t.is_punct]
        if tok.dep_ == "parataxis" and len(rest) >= 2:
            # "A, the campaign said, B": the cue interrupts the words it attributes.
            return trim(text, sent_start, char(rest[-1].idx + len(rest[-1])))
        return trim(text, sent_start, head_start)
    if tok.dep_ == "ROOT" and tok.i > 0:
        # "..., the official said." with the clause left unattached.
        subj = cue.speaker
        first = next(iter(subj.subtree)) if subj is not None and subj.i < tok.i else tok
        lead = doc.text[: first.idx].rstrip()
        if lead.endswith(",") and len(lead.split()) >= 3:
            return trim(text, sent_start, char(len(lead)))
    return None


def _make_reported(text: str, cue: Cue, content: tuple[int, int]) -> Attribution:
    sent_start, sent_end = cue.parsed.start, cue.parsed.end
    if content[0] >= cue.end:
        clause = (sent_start, content[0])
    elif content[1] <= cue.start:
        clause = (content[1], sent_end)
    else:  # a medial cue: its own clause, inside the content
        clause = subtree_chars(cue.tok)
        clause = trim(text, cue.parsed.char(clause[0]), cue.parsed.char(clause[1]))
    att = Attribution(content=content, direct=False, clause=clause)
    _fill_speaker(att, cue)
    att.venue = venue_for(text, cue, clause)
    return att


def _stance(text: str, cue: Cue) -> Attribution | None:
    """A belief, evidence or evaluation cue's complement (see ``stance``)."""
    lemma = STANCE_FORMS.get(cue.word)
    if cue.word in ADJECTIVE_CUES and cue.tok.dep_ == "acomp":
        if cue.speaker is None or cue.speaker.lower_ in ("it", "there", "this", "that"):
            return None
        found = adjective_content(cue.tok)
    elif lemma is None:
        return None
    elif STANCE_CLASS[lemma] == "appearance":
        cue.speaker = None
        found = appearance_content(cue.tok)
    elif cue.speaker is None:
        return None
    else:
        found = stance_content(cue.tok, lemma, cue.speaker)
    if found is None:
        return None
    char = cue.parsed.char
    content = strip_end(text, trim(text, char(found[0]), char(found[1])))
    if content[1] <= content[0]:
        return None
    sent_start, sent_end = cue.parsed.start, cue.parsed.end
    clause = (sent_start, content[0]) if content[0] >= cue.end else (content[1], sent_end)
    att = Attribution(content=content, direct=False, clause=clause, stance=True)
    _fill_speaker(att, cue)
    return att


def _nominals(text: str, sent: Parsed) -> list[Attribution]:
    """Cue nouns with a source and a content in a parsed sentence (see ``nominals``)."""
    found = []
    char = sent.char
    for noun, source, span in nominal_cues(iter(sent.doc)):
        content = strip_end(text, trim(text, char(span[0]), char(span[1])))
        if content[1] <= content[0]:
            continue
        cue = Cue(noun, sent, char(noun.idx), char(noun.idx + len(noun)), noun.lower_, source)
        att = _make_reported(text, cue, content)
        att.stance = True
        found.append(att)
    return found


def _is_stance(att: Attribution) -> bool:
    return att.stance or (att.cue_word in STANCE_FORMS and att.cue_word not in SPEECH_FORMS)


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


__all__ = ["Attribution", "cue_sentences", "find_attributions", "venue_in"]

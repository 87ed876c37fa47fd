"""No-parse rules for the common shapes of reported speech.

Why: the dependency parser is nearly all of the quotes stage's cost, and in news most
cue sentences have one of a few plain shapes whose reading needs no parse:

- ``X said (that) CONTENT.``          (preposed: X opens the sentence)
- ``CONTENT, X said.`` / ``CONTENT, said X.``   (postposed)
- ``According to X, CONTENT.`` / ``CONTENT, according to X.``

A rule settles a sentence only when it is certain to read it as the parse path
(``grammar``) does: the sentence holds no quotation marks, exactly one word that the
grammar could take for a cue (speech or stance), no semicolon, colon, dash or brackets
around the speaker, and a speaker stretch ``X`` that is a named mention (optionally
after "the"), a pronoun, or a short description ("witnesses", "the party"). Anything
else is left to the parser. tests/test_quotes_shapes.py runs both paths on the same
sentences and compares speaker, content and cue.

The speaker span copies the parse path's noun phrase (``spans.np_span``): the head
and what stands before it, without a prepositional phrase after the head ("The Kenya
National Commission" of "... on Human Rights") unless the head is a word like
"spokesman" or "head" whose "of" phrase names the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from according.attribution.lexicon import PRONOUNS, SPEECH_FORMS
from according.attribution.merge import Attribution
from according.attribution.speaker_rules import cannot_speak
from according.attribution.stance import STANCE_FORMS
from according.attribution.venues import venue_in

# Heads whose "of/for ..." phrase stays in the speaker (as in spans.np_span).
_PREP_KEEP_HEADS = frozenset(
    "one some many each spokesman spokeswoman spokesperson member members head chief "
    "leader director".split()
)
_PREPS = frozenset("of on for in at from with to by about over under".split())
_WORD = re.compile(r"[^\W\d_](?:[\w\u2019'-]|\.(?=\w))*|\d(?:\w|[,.](?=\d))*|\S")
_SAY = frozenset({"said", "says", "say"})
# Words that make a short stretch more than a plain noun phrase (a clause, an adverb, a
# time): such speakers are left to the parser.
_NOT_NP = frozenset(
    "who whom which that and or but also not never too later earlier then now still "
    "had has have was were is are be been will would could should may might did does do "
    "on in at during after before last this today yesterday tuesday monday wednesday "
    "thursday friday saturday sunday of for to from with by as about".split()
)
_DETS = frozenset({"the", "a", "an"})
# Content must not start with what the parser would attach to the cue, not to its
# complement ("said on Tuesday that ...", "said Tuesday ...").
_BAD_CONTENT_START = _NOT_NP - {"this", "that"} | frozenset(
    "january february march april may june july august september october november december".split()
)
_QUOTE_CHARS = '"\u201c\u201d\u2018\u00ab\u00bb`'
# A quote mark made of apostrophes ('' or a lone ' not inside a word).
_APOSTROPHE_QUOTE = re.compile(r"''|(?<![^\W\d_])'|'(?![^\W\d_])")
# "..., said Mr." / "said Jeffrey N.": the sentence splitter cut a name at its period.
_CUT_NAME = re.compile(r"\b[A-Z][a-z]{0,2}\.\s*$")
# Postposed cues the rules read; others ("declared bankruptcy") take objects.
_POSTPOSED_FORMS = frozenset("said says added adds wrote writes reported reports".split())
# A postposed content that joins clauses: the parse path may keep only the last one.
_JOINED = re.compile(r",\s+(?:but|and|or|so|yet|while|whereas)\s")


def _cue_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Every word of the sentence the grammar could take for a cue, with "according to"
    as one word (lower-case forms only, as ``cues.is_cue`` requires)."""
    found: list[tuple[int, int, str]] = []
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]
    for i, (s, e, w) in enumerate(words):
        low = w.lower()
        if low == "according" and i + 1 < len(words) and words[i + 1][2].lower() == "to":
            found.append((s, words[i + 1][1], "according to"))
        elif w.islower() and (w in SPEECH_FORMS or w in STANCE_FORMS):
            found.append((s, e, w))
    return found


def _np(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int]]
) -> tuple[int, int, int, int] | None:
    """(speaker start, end, head start, head end) of the stretch ``text[start:end]`` when
    it is a plain noun phrase: [the] mention, a pronoun, or [det] 1-3 plain words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]
    if not words or len(words) > 12:
        return None
    if len(words) == 1 and words[0][2].lower() in PRONOUNS:
        return start, end, start, end
    body = words[1:] if words[0][2].lower() in _DETS else words
    if not body:
        return None
    named = any(m_start == body[0][0] and m_end == end for m_start, m_end in mentions)
    if not named:
        if len(body) > (2 if body is not words else 1) or any(
            w[2].lower() in _NOT_NP
            or w[2].lower().endswith("ly")
            or not w[2][0].isalpha()
            or w[2].lower() in PRONOUNS
            for w in body
        ):
            return None
        if cannot_speak(body[-1][2]):
            return None  # "Thousands said", "Reports say": the parser decides (speaker_rules)
        if words[0][2].lower() in _DETS and words[0][2] == "A":
            return None
    elif any(not (w[2][0].isalnum() or w[2] in ("'s", "\u2019s")) for w in body):
        return None
    head = len(words) - 1
    for i, (_, _, w) in enumerate(words):
        if i > 0 and w in _PREPS:
            if words[i - 1][2].lower() in _PREP_KEEP_HEADS:
                break
            head = i - 1
            break
    return start, words[head][1], words[head][0], words[head][1]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``spans.trim`` then ``spans.strip_end``: the content's edges as the parse
    path leaves them."""
    while start < end and (text[start].isspace() or text[start] in ",:;\u2014-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;\u2014-.!? \n"):
        end -= 1
    return start, end


def settle(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int]]
) -> Attribution | None:
    """The attribution of sentence ``text[start:end]`` when a rule settles it, else None
    (the sentence then goes to the parser)."""
    sentence = text[start:end]
    if any(c in sentence for c in _QUOTE_CHARS) or any(c in sentence.strip() for c in ";:()[]\n"):
        return None
    if _APOSTROPHE_QUOTE.search(sentence) or _CUT_NAME.search(sentence):
        return None
    found = _cue_words(text, start, end)
    speech = [c for c in found if c[2] == "according to" or c[2] in SPEECH_FORMS]
    if len(speech) != 1:
        return None
    c_start, c_end, word = speech[0]
    att = _settle(text, start, end, c_start, c_end, word, mentions)
    # A stance word inside the speech content is dropped by the parse path too
    # (grammar._drop_nested_stance); anywhere else it would be a second attribution.
    if att is None or any(
        not att.content[0] <= s < att.content[1] for s, _, w in found if w != word
    ):
        return None
    return att


def _settle(
    text: str,
    start: int,
    end: int,
    c_start: int,
    c_end: int,
    word: str,
    mentions: Sequence[tuple[int, int]],
) -> Attribution | None:
    ending = _strip(text, start, end)[1]
    if word == "according to":
        return _according(text, start, end, c_start, c_end, ending, mentions)
    lead = text[start:c_start]
    if not lead.strip():
        return None
    if "," not in lead:
        if word not in _SAY:
            return None
        return _preposed(text, start, end, c_start, c_end, ending, mentions)
    if word not in _POSTPOSED_FORMS:
        return None
    return _postposed(text, start, end, c_start, c_end, ending, mentions)


def _make(
    content: tuple[int, int],
    np: tuple[int, int, int, int],
    cue: tuple[int, int],
    word: str,
    clause: tuple[int, int],
    text: str,
) -> Attribution | None:
    if len(text[content[0] : content[1]].split()) < 3:
        return None
    return Attribution(
        content=content,
        direct=False,
        cue=cue,
        cue_word=word,
        speaker=(np[0], np[1]),
        speaker_head=(np[2], np[3]),
        clause=clause,
        venue=venue_in(text, clause),
    )


def _preposed(
    text: str,
    start: int,
    end: int,
    c_start: int,
    c_end: int,
    ending: int,
    mentions: Sequence[tuple[int, int]],
) -> Attribution | None:
    """``X said (that) CONTENT.``: one clause after the cue, no commas in it."""
    np = _np(text, start, c_start, mentions)
    if np is None:
        return None
    rest = text[c_end:ending]
    words = rest.split()
    if words and words[0] == "that":
        words = words[1:]
    if not words or words[0].lower() in _BAD_CONTENT_START:
        return None
    if re.search(r",\s", rest) or "\u2014" in rest:
        return None
    if re.search(r"\b(?:and|but|or)\s+that\b", rest):
        return None
    first = rest.split()[0]
    content = _strip(text, ending - len(rest) + rest.index(first), ending)
    return _make(content, np, (c_start, c_end), text[c_start:c_end], (start, content[0]), text)


def _postposed(
    text: str,
    start: int,
    end: int,
    c_start: int,
    c_end: int,
    ending: int,
    mentions: Sequence[tuple[int, int]],
) -> Attribution | None:
    """``CONTENT, X said.`` or ``CONTENT, said X.``: the cue's clause ends the sentence."""
    comma = text.rindex(",", start, c_start)
    between = text[comma + 1 : c_start]
    after = text[c_end:ending]
    if between.strip() and not after.strip():
        np = _np(text, comma + 1, c_start, mentions)
    elif not between.strip() and after.strip():
        np = _np(text, c_end, ending, mentions)
    else:
        return None
    if np is None:
        return None
    content = _strip(text, start, comma)
    if _JOINED.search(text, content[0], content[1]):
        return None
    return _make(content, np, (c_start, c_end), text[c_start:c_end], (content[1], end), text)


def _according(
    text: str,
    start: int,
    end: int,
    c_start: int,
    c_end: int,
    ending: int,
    mentions: Sequence[tuple[int, int]],
) -> Attribution | None:
    """``According to X, CONTENT.`` or ``CONTENT, according to X.``"""
    if c_start == _strip(text, start, end)[0]:
        comma = text.find(",", c_end, ending)
        if comma < 0:
            return None
        np = _np(text, c_end, comma, mentions)
        content = _strip(text, comma + 1, ending)
    else:
        if text[start:c_start].rstrip()[-1:] != ",":
            return None
        np = _np(text, c_end, ending, mentions)
        content = _strip(text, start, c_start)
    if np is None or (np[0] == np[2] and text[np[0] : np[1]].lower() in PRONOUNS):
        return None
    clause = (start, content[0]) if content[0] >= c_end else (content[1], end)
    return _make(content, np, (c_start, c_end), "according to", clause, text)


def settle_sentences(
    text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[tuple[int, int]]
) -> tuple[list[Attribution], list[tuple[int, int]]]:
    """Split cue sentences into those a rule settles (their attributions) and those
    left to the parser."""
    settled: list[Attribution] = []
    rest: list[tuple[int, int]] = []
    for start, end in sentences:
        att = settle(text, start, end, mentions)
        if att is None:
            rest.append((start, end))
        else:
            settled.append(att)
    return settled, rest


__all__ = ["settle", "settle_sentences"]

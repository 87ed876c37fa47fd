"""Attributions beyond reported speech: belief, intention, perception, evidence and
evaluation cues ("X thinks ...", "polls show ...", "X wants to ...", "X praised Y").

Why a second cue vocabulary and not more speech verbs: these cues attribute a stance or
a finding, not words. They never introduce a direct quotation, their content is often a
noun phrase or an infinitive rather than a clause, and the speech-only scores (and the
speech-cue list the evaluation uses) stay what they were. Everything here yields
reported attributions (``direct=False``) whose content is the cue's complement.

Also here, because it needs no parse: the headline convention "Name: words" that
attributes a headline's words to the name before the colon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from according.attribution.complements import (
    CONTENT_PREPS,
    object_tail,
    passive_patient,
    phrase_span,
    prep_object,
)
from according.attribution.lexicon import QUIET_FORMS, SPEECH_FORMS, _forms, bare_forms

# Lemma -> class. The class decides which complements count as content.
_CLASSES = {
    # Belief, expectation, emotion, intention: a clause or an infinitive.
    "belief": "think believe expect hope want wish fear worry doubt feel know suspect "
    "assume guess imagine consider prefer intend plan seek hate love like "
    "refuse decline pledge vow promise threaten agree disagree understand remember "
    "forget realize realise recognize recognise trust bet question wonder "
    "deem view accept approve persuade convince",
    # Evidence and perception: a clause ("polls show that ...") or what was seen.
    "evidence": "show suggest indicate find reveal demonstrate prove confirm see "
    "notice hear read learn discover determine conclude project predict "
    "imply hint signal underscore",
    # Evaluation and stance toward someone: the object is the content.
    "evaluation": "praise defend support endorse back oppose reject criticize "
    "criticise attack slam blast decry condemn denounce welcome blame credit thank "
    "mock dismiss hammer accuse applaud hail congratulate favor favour "
    "applaud ridicule insult fault challenge dispute question embrace "
    "highlight mention cite discuss address propose offer recommend demand "
    "describe call label dub brand refer talk speak express repeat list "
    "advocate compare portray promote push tout echo reiterate invoke reference "
    "voice lament rail apologize apologise request remind assure",
    # Shouted or sung words: content is what follows, usually a quotation.
    "voice": "shout yell chant scream exclaim cry whisper sing",
    # How things look ("X seems to ...", "it appears that ..."): the whole clause, and
    # no one to cite but the writer.
    "appearance": "seem appear",
}
_IRREGULAR = {
    "echo": ("echo", "echoes", "echoed", "echoing"),
    "know": ("know", "knows", "knew", "known", "knowing"),
    "find": ("find", "finds", "found", "finding"),
    "see": ("see", "sees", "saw", "seen", "seeing"),
    "hear": ("hear", "hears", "heard", "hearing"),
    "read": ("read", "reads", "reading"),
    "feel": ("feel", "feels", "felt", "feeling"),
    "seek": ("seek", "seeks", "sought", "seeking"),
    "bet": ("bet", "bets", "betting"),
    "forget": ("forget", "forgets", "forgot", "forgotten", "forgetting"),
    "sing": ("sing", "sings", "sang", "sung", "singing"),
    "understand": ("understand", "understands", "understood", "understanding"),
    "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
    "plan": ("plan", "plans", "planned", "planning"),
    "prefer": ("prefer", "prefers", "preferred", "preferring"),
    "refer": ("refer", "refers", "referred", "referring"),
}
STANCE_CLASS: dict[str, str] = {
    lemma: cls for cls, words in _CLASSES.items() for lemma in words.split()
}
STANCE_FORMS: dict[str, str] = {
    form: lemma
    for lemma in STANCE_CLASS
    for form in (_IRREGULAR.get(lemma) or _forms(lemma))
    if form not in SPEECH_FORMS or SPEECH_FORMS[form] == lemma
}
STANCE_BARE = bare_forms(_IRREGULAR.get(lemma) or _forms(lemma) for lemma in STANCE_CLASS)
# Stance forms that select a sentence for the parser (see lexicon.QUIET_FORMS).
STANCE_TRIGGERS = frozenset(f for f in STANCE_FORMS if f not in QUIET_FORMS)
_NO_SOURCE = frozenset({"it", "there", "this", "that", "which", "what", "who"})
# "called him a liar", "described it as a disaster": the name given is content too.
_NAMING = frozenset({"call", "describe", "label", "dub", "brand"})
# "spoke to reporters", "talked with aides": the people addressed, not the content.
_TALK = frozenset({"speak", "talk"})
_ADDRESSEE_PREPS = frozenset({"to", "with"})


def stance_lemma(word: str) -> str | None:
    """The stance lemma of a lower-case word form, if it is one."""
    return STANCE_FORMS.get(word)


def stance_content(tok: Token, lemma: str, subject: Token | None) -> tuple[int, int] | None:
    """Parsed-string span of what a stance cue attributes, or None.

    A clause complement always; an infinitive for belief and intention ("wants to
    run"); the object for evaluation and evidence ("praised the plan"); the object of
    "for/about/to ..." ("called for an inquiry"). No content without a real subject:
    "it shows" and "there seems" attribute nothing to anyone.
    """
    if subject is None or _no_source(subject) or not _attributable(tok):
        return None
    cls = STANCE_CLASS[lemma]
    by_dep: dict[str, list[Token]] = {}
    for child in tok.children:
        by_dep.setdefault(child.dep_, []).append(child)
    for dep in ("ccomp", "xcomp"):
        if dep in by_dep:
            return phrase_span(by_dep[dep][0], tok)
    if "dobj" in by_dep:
        obj = by_dep["dobj"][0]
        if lemma in _NAMING:
            extra = [c for c in tok.children if c.dep_ in ("oprd", "advcl", "prep") and c.i > obj.i]
            return phrase_span(obj, tok, extra[:1])
        return phrase_span(obj, tok, object_tail(tok, obj))
    pobj = prep_object(tok, CONTENT_PREPS - _ADDRESSEE_PREPS if lemma in _TALK else CONTENT_PREPS)
    if pobj is not None:
        return phrase_span(pobj, tok)
    return passive_patient(tok) if cls == "evaluation" else None


# Adjectives that predicate a stance of the subject ("is worried that", "was
# critical of", "are eager to"): content is their clause, infinitive or object.
ADJECTIVE_CUES = frozenset(
    "worried concerned confident sure certain convinced hopeful optimistic pessimistic "
    "skeptical sceptical critical supportive opposed eager willing reluctant aware "
    "afraid angry upset happy pleased proud disappointed frustrated adamant unhappy wary "
    "fearful excited open determined keen furious".split()
)
_ADJECTIVE_PREPS = frozenset({"of", "about", "to", "with", "on", "over", "in", "that"})


def adjective_content(tok: Token) -> tuple[int, int] | None:
    """Parsed-string span of what a stance adjective's subject holds: its clause or
    infinitive ("worried that ...", "eager to ..."), else the object of "of/about/..."."""
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp"):
            return phrase_span(child, tok)
    pobj = prep_object(tok, _ADJECTIVE_PREPS)
    return phrase_span(pobj, tok) if pobj is not None else None


_APPEARANCE_COMPLEMENTS = ("xcomp", "ccomp", "oprd", "acomp", "attr")


def appearance_content(tok: Token) -> tuple[int, int] | None:
    """Parsed-string span of the clause a "seem/appear" cue stands in, from its subject
    to the end of its complement ("the race seemed to be Sanders's to lose"); None
    without a complement ("appeared on television") or when the complement is a cue
    of its own ("seemed to recognize X", read as that cue's attribution)."""
    comps = [c for c in tok.children if c.dep_ in _APPEARANCE_COMPLEMENTS]
    if not comps or tok.dep_ in ("aux", "auxpass"):
        return None
    inner = comps[0].lower_
    if inner in SPEECH_FORMS or STANCE_CLASS.get(STANCE_FORMS.get(inner, ""), "appearance") != (
        "appearance"
    ):
        # "Obama seemed to recognize X": the inner cue attributes X to Obama.
        return None
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
    first = next(iter(subjects[0].subtree)) if subjects else tok
    last = list(comps[-1].subtree)[-1]
    doc = tok.doc
    while last.i > first.i and last.is_punct:
        last = doc[last.i - 1]
    return first.idx, last.idx + len(last)


# Clauses whose stance is the writer's attribution to their subject: the main clause
# and the clauses that share or name its subject ("and wants ...", "..., saying",
# "to support", "by backing", "who opposes X"), joined by "and" or not. Not a
# complement clause ("it is clear he wants ...", "said polls show ...": someone
# else's view, see grammar._drop_nested_stance) nor a participle ("ads calling the
# deal a mistake"): on PolNeAR train their subject is the source too rarely.
_ATTRIBUTABLE = frozenset({"ROOT", "xcomp", "advcl", "relcl", "pcomp", "parataxis"})


def _attributable(tok: Token) -> bool:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in _ATTRIBUTABLE


def _no_source(subject: Token) -> bool:
    """ "it shows", "there seems": no one holds the stance. A relative pronoun does
    stand for someone when it is its clause's subject ("Clinton, who opposes X")."""
    word = subject.lower_
    if word in ("who", "which", "that"):
        return subject.head.dep_ != "relcl"
    return word in _NO_SOURCE


_HEADLINE = re.compile(r"^[ \t]*([^\n:]{2,60}?):[ \t]+(\S[^\n]{8,200}?)[ \t]*$", re.MULTILINE)


def headline_attributions(
    text: str, mentions: Sequence[tuple[int, int]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(speaker span, content span) for lines shaped "Name: words" where the name ends
    at a named mention and the line has no sentence inside it (a headline or a caption:
    news writes "McCain: Populist Anger Appeals to ..." for "McCain says ...")."""
    ends = {end: start for start, end in mentions}
    found = []
    for match in _HEADLINE.finditer(text):
        s, e = match.span(1)
        while e > s and text[e - 1] in " \t":
            e -= 1
        start = ends.get(e)
        if start is None or start < s or len(text[s:e].split()) > 6:
            continue
        content = match.span(2)
        if re.search(r"[.!?]\s+[A-Z]", text[content[0] : content[1]]):
            continue
        found.append(((s, e), content))
    return found


__all__ = [
    "ADJECTIVE_CUES",
    "STANCE_BARE",
    "STANCE_CLASS",
    "STANCE_FORMS",
    "STANCE_TRIGGERS",
    "adjective_content",
    "appearance_content",
    "headline_attributions",
    "stance_content",
    "stance_lemma",
]

"""Attributions made by nouns: "her claim that the vote was rigged", "the campaign's
statement that ...", "Clinton voiced support for the deal", "made the promise to ...".

Why a rule of its own: a cue noun names its source differently from a verb, by a
possessive ("Trump's claim that"), by "by/from" ("a statement from the campaign
that"), or as the subject of the light verb that takes the noun ("Clinton made the
claim that", "X voiced support for Y"); its content is a that-clause or, after a light
verb, the object of "for/of/on/about/against/to".

Not read: a possessive noun phrase with a prepositional content ("Trump's comments
about the judge"). On PolNeAR train such a phrase is usually itself the content of an
outer cue ("defended his comments about the judge"), and reading the inner noun
names the wrong source about half the time. Only nouns in sentences already parsed
for a verb cue are read: nouns never select a sentence for the parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from according.attribution.complements import phrase_span

# Nouns that attribute words, a stance or a finding to someone.
NOMINAL_CUES = frozenset(
    """claim claims statement statements comment comments remark remarks call calls
    criticism criticisms support opposition endorsement praise attack attacks accusation
    accusations allegation allegations announcement promise promises pledge warning
    warnings demand demands hope hopes fear fears belief view views plan plans proposal
    argument suggestion question questions request vow threat charge charges complaint
    complaints denial defense defence insistence assertion admission prediction
    recommendation commitment rejection condemnation objection concern concerns desire
    decision position stance push bid case""".split()
)
# Verbs that take a cue noun as object and leave the speaking to their subject: "made
# the claim that", "issued a statement", "voiced support for".
_LIGHT_VERBS = frozenset(
    """make makes made making issue issues issued issuing offer offers offered offering
    express expresses expressed expressing voice voices voiced voicing repeat repeats
    repeated repeating renew renews renewed renewing reiterate reiterated reiterating
    give gives gave given giving lodge lodged file filed filing level leveled levelled
    launch launched press pressed pressing""".split()
)
_CONTENT_PREPS = frozenset({"for", "of", "on", "about", "against", "to"})
_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT"})


def nominal_cues(tokens: Iterable[Token]) -> Iterator[tuple[Token, Token, tuple[int, int]]]:
    """(cue noun, source token, parsed-string content span) for each cue noun with a
    source and a content."""
    for tok in tokens:
        if tok.lower_ not in NOMINAL_CUES or tok.dep_ not in _NOUN_ROLES:
            continue
        light = _light_verb_subject(tok)
        content = _that_clause(tok)
        source = _possessor(tok) or light
        if content is None and light is not None:
            content = _prep_content(tok)
            source = light
        if source is not None and content is not None:
            yield tok, source, content


def _possessor(noun: Token) -> Token | None:
    """ "Trump's claim", "a statement from the campaign", "an attack by X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _light_verb_subject(noun: Token) -> Token | None:
    """ "X made the claim", "X voiced support": the subject of the verb taking the noun."""
    if noun.dep_ != "dobj" or noun.head.lower_ not in _LIGHT_VERBS:
        return None
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def _that_clause(noun: Token) -> tuple[int, int] | None:
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in child.children
        ):
            return phrase_span(child, noun)
    return None


def _prep_content(noun: Token) -> tuple[int, int] | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and child.i > noun.i:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return phrase_span(objs[0], noun)
    return None


__all__ = ["NOMINAL_CUES", "nominal_cues"]

"""What a cue attributes when it governs no clause: its object, infinitive or the
object of a preposition ("criticized the plan", "accused X of lying", "asked about
the emails", "pointed to the polls").

Why apart from the speech grammar: the same phrases are the content of stance cues
(``stance``) and of speech verbs used without a clause, and both must cut them the
same way. PolNeAR annotates them as attributions; a reader does too ("Trump
criticized the deal" says what Trump's words were about).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

# Prepositions whose object is the content of an evaluation or belief ("call for",
# "talk about", "worry about", "refer to", "speak of", "vote for").
CONTENT_PREPS = frozenset({"for", "about", "on", "of", "to", "against", "as", "with"})
# For speech verbs "to" names the addressee ("said to reporters", "wrote to the
# board") and "with" the company ("spoke with aides"), except after these verbs.
_SPEECH_PREPS = frozenset({"for", "about", "on", "of", "against", "over"})
_TO_CONTENT = frozenset({"point", "refer", "respond", "reply", "allude", "object"})
# Verbs whose object is the person addressed, not what was said ("told reporters",
# "asked him to ..."): their object is content only with what follows it.
_ADDRESSEE_OBJECT = frozenset({"tell", "ask", "urge", "warn", "remind", "assure", "thank"})
# An object like these says nothing on its own ("said it", "denied that"), names a
# time ("said Sunday") or the medium ("posted on Twitter"): not what was said.
_EMPTY_OBJECTS = frozenset(
    "it this that so something nothing anything everything them him her one what "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "week month year morning night evening weekend cycle twitter facebook instagram "
    "television tv radio".split()
)
# Verbs whose object is the thing made, not what it says ("wrote a book", "maintained
# a lead"), or that are speech only before a quotation ("continued to grow").
_NO_OBJECT = frozenset({"maintain"})
# A prepositional phrase after the object that completes what was said ("accused X
# of lying", "described X as Y", "criticized X for Y").
_OBJECT_TAIL = frozenset({"of", "for", "as", "over", "about"})


def phrase_span(head: Token, cue: Token, extra: Sequence[Token] = ()) -> tuple[int, int]:
    """Parsed-string span of ``head``'s subtree and of each ``extra`` subtree, without
    the cue token and without punctuation at the end."""
    toks = [t for t in head.subtree if t.i != cue.i]
    for ex in extra:
        toks.extend(ex.subtree)
    toks.sort(key=lambda t: t.i)
    while toks and toks[-1].is_punct:
        toks.pop()
    if not toks:
        return head.idx, head.idx + len(head)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def object_tail(tok: Token, obj: Token) -> list[Token]:
    """The first "of/for/as ..." phrase or predicate after the object, if any."""
    for child in tok.children:
        if child.i <= obj.i:
            continue
        if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ in _OBJECT_TAIL):
            return [child]
    return []


def prep_object(tok: Token, preps: frozenset[str]) -> Token | None:
    """The object of the cue's first content preposition ("called for an inquiry"),
    unless it is a time or a medium ("spoke on Sunday", "posted on Twitter")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs and objs[0].lower_ not in _EMPTY_OBJECTS:
                return objs[0]
    return None


def speech_object(tok: Token, lemma: str) -> tuple[int, int] | None:
    """Parsed-string span of what a speech verb without a clause attributes: its
    infinitive (with the person asked: "asked Kasich to lay out his path"), its
    object with the phrase that completes it ("accused Clinton of being too cozy"),
    or the object of "about/on/of/for ..." ("asked about the emails")."""
    if lemma in _NO_OBJECT:
        return None
    by_dep: dict[str, list[Token]] = {}
    for child in tok.children:
        by_dep.setdefault(child.dep_, []).append(child)
    objects = by_dep.get("dobj")
    obj = objects[0] if objects else None
    if "xcomp" in by_dep:
        xcomp = by_dep["xcomp"][0]
        return phrase_span(obj, tok, [xcomp]) if obj is not None else phrase_span(xcomp, tok)
    if obj is not None and obj.lower_ not in _EMPTY_OBJECTS:
        tail = object_tail(tok, obj)
        if lemma not in _ADDRESSEE_OBJECT or tail:
            return phrase_span(obj, tok, tail)
    preps = _SPEECH_PREPS | {"to"} if lemma in _TO_CONTENT else _SPEECH_PREPS
    pobj = prep_object(tok, preps)
    if pobj is not None:
        return phrase_span(pobj, tok)
    return passive_patient(tok)


def passive_patient(tok: Token) -> tuple[int, int] | None:
    """ "The plan was criticized by the union": with an agent, the passive subject is
    what the agent's words or stance are about."""
    if not any(c.dep_ == "agent" for c in tok.children):
        return None
    patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if not patients or patients[0].lower_ in _EMPTY_OBJECTS:
        return None
    return phrase_span(patients[0], tok)


__all__ = [
    "CONTENT_PREPS",
    "object_tail",
    "passive_patient",
    "phrase_span",
    "prep_object",
    "speech_object",
]

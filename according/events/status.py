"""Whether an event happened, by the words around its trigger.

Status matters more than category for a reader: "will be held on July 17" is planned,
"Do not allow your protests ..." is hypothetical, "police denied that anyone was
arrested" is denied. The cues are looked for in the trigger's clause window (the
sentence up to a little after the trigger), not the whole document, so a conditional in
one sentence does not colour the next. Order matters: a denial or a conditional
overrides a future ("would have been held"), a plan overrides reported speech.
"""

from __future__ import annotations

import re

from according.records import Status

_DENIED = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|dismissed (?:reports|claims)|"
    r"did not (?:take place|happen|occur)|never (?:happened|took place)|no (?:one|protesters?|"
    r"civilians?|people) (?:was|were|had been) (?:arrested|killed|detained|injured)|"
    r"false (?:reports?|claims?))\b",
    re.IGNORECASE,
)
# Conditions and exhortations: hypothetical whatever else the clause says.
_CONDITIONAL = re.compile(
    r"\b(?:[Ii]f|[Uu]nless|must not|mustn't|(?:[Dd]o|[Dd]on't|[Nn]ever) (?:not )?allow|"
    r"[Dd]on't|[Dd]o not|prevent\w*|lest|threat of|risk of|possibility of|in case)\b"
)
# Modals: hypothetical unless the clause is a plan ("said it would hold a rally").
# "may" only in lower case: "May 5" is a date.
_MODAL = re.compile(r"\b(?:[Ww]ould|[Cc]ould|[Mm]ight|[Ss]hould)\b|\bmay\b")
_PLANNED = re.compile(
    r"\b(?:will be held|to be held|will take place|scheduled|is set to|are set to|"
    r"plans? to|planning to|planned|upcoming|will (?:hold|stage|organi[sz]e|march|rally|"
    r"protest|meet|convene|gather|strike|host)|would (?:hold|stage|organi[sz]e|march|"
    r"rally|protest|meet|convene|gather|strike|host|take place|be held)|"
    r"announced (?:a|an|plans)|called for a)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|going to)\b", re.IGNORECASE)
_REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|claimed|claims|alleged|alleges|told|reported(?: that)?|according to|"
    r"stated|wrote)\b",
    re.IGNORECASE,
)


def status_of(sentence: str, trigger_start: int, trigger_end: int, in_quote: bool) -> Status:
    """The status of the event whose trigger is ``sentence[trigger_start:trigger_end]``.

    ``in_quote``: the trigger lies inside a quotation, so the event is at best claimed
    (the quote's speaker says so; the outlet does not)."""
    window = sentence[: min(len(sentence), trigger_end + 60)]
    offset = max(0, trigger_start - 80)
    near = sentence[offset : min(len(sentence), trigger_end + 60)]
    if _DENIED.search(window):
        return "denied"
    condition = _CONDITIONAL.search(near)
    plan = _PLANNED.search(window)
    if condition and not (plan and plan.start() < condition.start() + offset):
        return "hypothetical"
    if plan:
        # a plan with a condition after it ("will rally on March 18 if ...") is still a plan
        return "planned"
    if _MODAL.search(near) or _FUTURE.search(near):
        # an unplanned future ("rebellions ... will happen") is a prediction
        return "hypothetical"
    if in_quote or _REPORTED_SPEECH.search(sentence[:trigger_start]):
        return "claimed"
    return "reported"

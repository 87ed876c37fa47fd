"""From a CASE 2021 / ACLED label to PLOVER category and mode, and ACLED's own types.

The record format speaks PLOVER (16 categories) and adds ACLED's event type and
sub-event type where ACLED codes such an event. The classifier answers in CASE 2021's 30
labels (ACLED's 25 sub-event types plus five it lacks); this module is the bridge, and
``docs/events.md`` shows the same table. PLOVER-only kinds that ACLED does not code
(meetings, threats, demands, accusations) come from ``PLOVER_TRIGGERS``; PROTEST's
modes (strike, hunger, boycott, ...) from the trigger words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """What a label means in the record: PLOVER category/mode and ACLED types (or None).

    ``category`` None means "not a political event" (disasters, ordinary crime, ACLED's
    residual Other): the pipeline makes no Event of it."""

    category: str | None
    mode: str | None
    event_type: str | None
    sub_event_type: str | None


_P, _R, _B = "Protests", "Riots", "Battles"
_E, _V, _S = "Explosions/Remote violence", "Violence against civilians", "Strategic developments"

KINDS: dict[str, Kind] = {
    "PEACE_PROTEST": Kind("PROTEST", "demo", _P, "Peaceful protest"),
    "PROTEST_WITH_INTER": Kind("PROTEST", "demo", _P, "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": Kind("COERCE", "repress", _P, "Excessive force against protesters"),
    "VIOL_DEMONSTR": Kind("PROTEST", "riot", _R, "Violent demonstration"),
    "MOB_VIOL": Kind("ASSAULT", "beat", _R, "Mob violence"),
    "ARMED_CLASH": Kind("ASSAULT", "firearms", _B, "Armed clash"),
    "GOV_REGAINS_TERIT": Kind("COERCE", "seize", _B, "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": Kind(
        "COERCE", "seize", _B, "Non-state actor overtakes territory"
    ),
    "CHEM_WEAP": Kind("ASSAULT", "chemical", _E, "Chemical weapon"),
    "AIR_STRIKE": Kind("ASSAULT", "aerial", _E, "Air/drone strike"),
    "SUIC_BOMB": Kind("ASSAULT", "suicide", _E, "Suicide bomb"),
    "ART_MISS_ATTACK": Kind("ASSAULT", "artillery", _E, "Shelling/artillery/missile attack"),
    "REM_EXPLOS": Kind("ASSAULT", "explosive", _E, "Remote explosive/landmine/IED"),
    "GRENADE": Kind("ASSAULT", "explosive", _E, "Grenade"),
    "SEX_VIOL": Kind("ASSAULT", "sexual", _V, "Sexual violence"),
    "ATTACK": Kind("ASSAULT", "firearms", _V, "Attack"),
    "ABDUCT_DISSAP": Kind("ASSAULT", "abduct", _V, "Abduction/forced disappearance"),
    "AGREEMENT": Kind("AGREE", None, _S, "Agreement"),
    "ARREST": Kind("COERCE", "arrest", _S, "Arrests"),
    "CHANGE_TO_GROUP_ACT": Kind("MOBILIZE", None, _S, "Change to group/activity"),
    "DISR_WEAP": Kind("COERCE", "seize", _S, "Disrupted weapons use"),
    "HQ_ESTABLISHED": Kind("MOBILIZE", None, _S, "Headquarters or base established"),
    "PROPERTY_DISTRUCT": Kind("COERCE", "destroy", _S, "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": Kind(
        "RETREAT", "withdraw", _S, "Non-violent transfer of territory"
    ),
    "OTHER": Kind(None, None, _S, "Other"),
    # CASE 2021's additions, which ACLED does not code.
    "DIPLO": Kind("CONSULT", None, None, None),
    "ATTRIB": Kind("ACCUSE", None, None, None),
    "MAN_MADE_DISASTER": Kind(None, None, None, None),
    "NATURAL_DISASTER": Kind(None, None, None, None),
    "ORG_CRIME": Kind(None, None, None, None),
}

# PLOVER kinds ACLED leaves out, recognised by their own words. Checked in this order;
# each is (category, mode, pattern).
PLOVER_TRIGGERS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = tuple(
    (c, m, re.compile(rf"\b(?:{p})\b", re.IGNORECASE))
    for c, m, p in (
        ("SANCTION", None, r"sanction(?:s|ed)?|expel(?:s|led)?|expulsion|embargo\w*"),
        (
            "CONSULT",
            None,
            r"summits?|talks|met with|meet(?:s|ing)? with|meetings?|"
            r"(?<!press )(?<!news )conferences?|visit(?:ed|s)?|convene[sd]?",
        ),
        ("THREATEN", None, r"threaten(?:s|ed|ing)?|ultimatum|warn(?:s|ed)? (?:of|that)"),
        (
            "REQUEST",
            None,
            r"demand(?:s|ed)?|call(?:s|ed)? on|urg(?:es|ed)|appeal(?:s|ed)? "
            r"(?:to|for)",
        ),
        (
            "ACCUSE",
            None,
            r"accus(?:es|ed|ing)|blam(?:es|ed|ing)|condemn(?:s|ed)?|"
            r"claimed responsibility",
        ),
    )
)

# PROTEST's PLOVER modes, from the words of the trigger or its neighbourhood.
_PROTEST_MODES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (mode, re.compile(rf"\b(?:{p})", re.IGNORECASE))
    for mode, p in (
        ("hunger", r"hunger strike"),
        ("strike", r"strike|walk-?out|went on strike"),
        ("boycott", r"boycott"),
        ("obstruct", r"block(?:ed|ade|ing)|barricad|sit-in|occup(?:y|ied)"),
        ("vandalize", r"vandal|smash|torch|set fire"),
        ("riot", r"riot"),
    )
)


def kind_of(label: str) -> Kind:
    """The record meaning of a classifier label (unknown labels: no event)."""
    return KINDS.get(label, Kind(None, None, None, None))


def protest_mode(trigger: str, default: str | None) -> str | None:
    """PROTEST's mode from the trigger words ("hunger strike" → hunger), else ``default``."""
    for mode, pattern in _PROTEST_MODES:
        if pattern.search(trigger):
            return mode
    return default


def plover_trigger(text: str) -> tuple[str, str | None, int, int] | None:
    """The first PLOVER-only trigger in ``text``: (category, mode, start, end)."""
    for category, mode, pattern in PLOVER_TRIGGERS:
        match = pattern.search(text)
        if match:
            return category, mode, match.start(), match.end()
    return None


def mapping_table() -> list[tuple[str, str, str, str, str]]:
    """(label, PLOVER category, mode, ACLED event type, ACLED sub-event type) rows, for
    the documentation and for checking that the docs and the code agree."""
    return [
        (label, k.category or "-", k.mode or "-", k.event_type or "-", k.sub_event_type or "-")
        for label, k in sorted(KINDS.items())
    ]

"""From a CASE 2021 / ACLED label to PLOVER category and mode, and ACLED's own types.

The record format speaks PLOVER (16 categories) and adds ACLED's event type and
sub-event type where ACLED codes such an event. The classifier answers in CASE 2021's 30
labels (ACLED's 25 sub-event types plus five it lacks); this module is the bridge, and
``docs/events.md`` shows the same table. PLOVER-only kinds that ACLED does not code
(meetings, threats, demands, accusations) come from ``PLOVER_TRIGGERS``; PROTEST's
modes (strike, hunger, boycott, ...) from the trigger words (``PROTEST_MODES``). Both
word tables are in ``according/data/events/lexicon.yaml``, read by ``lexicon``.
"""

from __future__ import annotations

from dataclasses import dataclass

# The PLOVER-only triggers and PROTEST's mode words are data (lexicon.yaml), read once.
from according.events.lexicon import PLOVER_TRIGGERS, PROTEST_MODES


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


def kind_of(label: str) -> Kind:
    """The record meaning of a classifier label (unknown labels: no event)."""
    return KINDS.get(label, Kind(None, None, None, None))


def protest_mode(trigger: str, default: str | None) -> str | None:
    """PROTEST's mode from the trigger words ("hunger strike" → hunger), else ``default``."""
    for mode, pattern in PROTEST_MODES:
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

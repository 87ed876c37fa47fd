"""Episodes: an event's sentence and the sentences that go on about it.

Why: a report says what happened in one sentence and how many died, who was arrested
or how the police answered in the next ones ("Militants attacked a checkpoint. Two
soldiers were killed. No civilians were hurt."). Read sentence by sentence, that is
three events, and none of them has both the attack and its dead. So the stage groups
sentences: a sentence with an event word opens an episode; the sentences after it
belong to it until one reports an event of its own on another day or in another place
("Protesters also gathered in Souq el Khan", "On Friday, gunmen ..."), which opens the
next. A retelling (same day, same places) stays one event. A sentence that reports another
*kind* of thing (an arrest after a clash) opens its own episode unless it states a fact
of the episode's kind too ("police arrested ten protesters" continues a protest), and a
sentence with no event word belongs to an episode only within a few sentences of its
last event word: a long article moves on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from according.events.arguments import event_places, is_dateline
from according.events.facts import FactHit, find_facts, triggers_in
from according.events.merge import place_key
from according.records import Place, TimeSpan

# Words that introduce another happening even in the same place and day.
_ANOTHER = re.compile(
    r"\b(?:also|another|separately|meanwhile|elsewhere|in a separate|similarly|"
    r"in addition|the same day|the next day|later)\b",
    re.IGNORECASE,
)
# Facts of one kind of happening: a sentence continues an episode of its kind.
_FAMILIES: dict[str, frozenset[str]] = {
    "protest": frozenset(
        {"protest", "riot_words", "protester_violence", "intervention", "lethal_force", "mob"}
    ),
    "violence": frozenset(
        {
            "kill",
            "attack",
            "armed_men",
            "clash",
            "small_arms",
            "shelling",
            "air",
            "ied",
            "grenade",
            "grenade_launcher",
            "suicide",
            "explosion",
            "observed_fire",
            "abduction",
            "sexual",
            "looting",
        }
    ),
    "arrest": frozenset({"arrest"}),
    "strategic": frozenset(
        {"territory", "withdrawal", "disrupted", "headquarters", "agreement", "group_change"}
    ),
}
# A violent episode may go on with the ground changing hands, and a protest with a mob.
_LINKS: dict[str, frozenset[str]] = {
    "protest": _FAMILIES["protest"],
    "violence": _FAMILIES["violence"] | _FAMILIES["strategic"],
    "arrest": _FAMILIES["arrest"],
    "strategic": _FAMILIES["strategic"] | _FAMILIES["violence"],
}
FOLLOW_ON = 3  # sentences without an event word that still belong to an episode


def family(fact: str) -> str | None:
    return next((name for name, facts in _FAMILIES.items() if fact in facts), None)


@dataclass
class Episode:
    """Sentences (start, end) of one event, the facts they state, and the trigger (the
    first event word of the first sentence)."""

    sentences: list[tuple[int, int]]
    trigger: FactHit
    hits: list[FactHit] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    date: TimeSpan | None = None
    last_event_sentence: int = 0
    # the sentences of the episode that have an event word of their own
    eventful: list[tuple[int, int]] = field(default_factory=list)

    @property
    def family(self) -> str | None:
        return family(self.trigger.fact)

    @property
    def start(self) -> int:
        return self.sentences[0][0]

    @property
    def end(self) -> int:
        return self.sentences[-1][1]

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(h.fact for h in self.hits)


def _own_date(dates: Sequence[TimeSpan], text: str, start: int, end: int) -> TimeSpan | None:
    """The sentence's first explicit calendar date, datelines left out."""
    for t in dates:
        if (
            t.span is not None
            and start <= t.span.start < end
            and t.start is not None
            and t.precision in ("day", "week", "month")
            and t.method in ("explicit", "weekday", "relative")
            and not is_dateline(t, text)
        ):
            return t
    return None


def _new_happening(
    episode: Episode, text: str, start: int, end: int, date: TimeSpan | None, places: list[Place]
) -> bool:
    """Another day, or other places with a word that says so (see module docstring)."""
    if (
        date is not None
        and episode.date is not None
        and (date.start, date.end)
        != (
            episode.date.start,
            episode.date.end,
        )
    ):
        return True
    known = {place_key(p) for p in episode.places}
    fresh = [p for p in places if place_key(p) not in known]
    return bool(fresh) and bool(known) and _ANOTHER.search(text, start, end) is not None


def _continues(episode: Episode, hits: Sequence[FactHit]) -> bool:
    links = _LINKS.get(episode.family or "", frozenset())
    return any(h.fact in links for h in hits)


def episodes(
    text: str,
    sentences: Sequence[tuple[int, int]],
    dates: Sequence[TimeSpan],
    places: Sequence[Place],
) -> tuple[list[Episode], list[tuple[int, int]]]:
    """The report's episodes, and the sentences outside any (for the stage's other
    detectors: summits, sanctions, threats ...)."""
    out: list[Episode] = []
    loose: list[tuple[int, int]] = []
    current: Episode | None = None
    # the sentence before, when no episode took it: it may set the scene ("On 2 May,
    # militants intercepted a group of villagers. Nine were abducted.")
    scene: tuple[TimeSpan | None, list[Place]] | None = None
    scene_at = 0
    for index, (start, end) in enumerate(sentences):
        hits = find_facts(text, start, end)
        triggers = triggers_in(hits)
        date = _own_date(dates, text, start, end)
        located = event_places(places, text, start, end)
        near = current is not None and index - current.last_event_sentence <= FOLLOW_ON
        if triggers and (
            current is None
            or not near
            or not _continues(current, hits)
            or _new_happening(current, text, start, end, date, located)
        ):
            current = Episode([(start, end)], triggers[0], list(hits), list(located), date, index)
            current.eventful.append((start, end))
            if scene is not None and paragraph_of(text, start) == paragraph_of(text, scene_at):
                current.date = current.date or scene[0]
                current.places = current.places or list(scene[1])
            out.append(current)
            scene = None
        elif current is not None and near:
            current.sentences.append((start, end))
            # what a follow-on sentence says of another kind of happening is not this one's
            links = _LINKS.get(current.family or "", frozenset())
            current.hits.extend(h for h in hits if family(h.fact) is None or h.fact in links)
            if triggers:
                current.last_event_sentence = index
                current.eventful.append((start, end))
            if not current.places:
                current.places = list(located)
            current.date = current.date or date
        else:
            loose.append((start, end))
            scene, scene_at = (date, list(located)), start
            continue
        scene = None
    return out, loose


def paragraph_of(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` starts (a blank line ends a paragraph)."""
    return text.rfind("\n\n", 0, offset) + 1

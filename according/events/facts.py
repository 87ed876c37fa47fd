"""Facts an episode states, and ACLED's precedence over them: the v2 event type.

Why facts and ordered rules rather than summed cue weights: ACLED's codebook defines
its types by *precedence* ("demonstrators who turn violent make a riot, whatever the
police do"; "an attack on armed forces is a battle"; "a remote weapon the other side
cannot answer is remote violence"), and a sum of weights cannot express "A unless B".
So the stage finds which facts a stretch of text states (``find_facts``) and walks the
rules of ``according/data/events/facts.yaml`` in order (``decide``). Both the word
patterns and the rules are data, each with an example sentence a test checks.

What a protest is *about* is not what happened at it: in "protested against the arrest
of their leader" the arrest is a grievance, so the facts after a grievance word that
follows a protest word are ignored to the end of the clause (protest facts excepted).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from according.errors import RulesError
from according.events.lexicon import RULES_DIR, SAFE_LOADER

FACTS_FILE = "facts.yaml"
# Facts that belong to a protest itself and so are kept inside its grievance clause.
_PROTEST_FACTS = frozenset({"protest"})
_GRIEVANCE = re.compile(
    r"\b(?:against|over|denounc\w*|condemn\w*|demand(?:ing|ed|s)?|to demand|in protest at|"
    r"to protest|in support of|in solidarity with|calling for|to call for|following)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[.;!?](?:\s|$)|,\s+(?:while|but|and then|before|after|when|where)\b|"
    r"\b(?:police|security forces|troops|soldiers|rioters)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rule:
    label: str
    all: frozenset[str]
    any: frozenset[str]
    and_any: frozenset[str]
    none: frozenset[str]
    example: str

    def holds(self, present: set[str] | frozenset[str]) -> bool:
        return (
            self.all <= present
            and (not self.any or bool(self.any & present))
            and (not self.and_any or bool(self.and_any & present))
            and not (self.none & present)
        )


@dataclass(frozen=True)
class FactPattern:
    fact: str
    pattern: re.Pattern[str]
    example: str


@dataclass(frozen=True)
class FactRules:
    patterns: tuple[FactPattern, ...]
    rules: tuple[Rule, ...]
    triggers: frozenset[str]
    # one alternation a fact: a sentence is scanned once per fact, not once per pattern
    by_fact: tuple[tuple[str, re.Pattern[str]], ...] = ()


def _load(path: Path) -> FactRules:
    raw = path.read_bytes()
    try:
        data = yaml.load(raw, Loader=SAFE_LOADER)  # the safe loader, as safe_load
    except yaml.YAMLError as exc:
        raise RulesError(f"not valid YAML: {exc}", source=str(path)) from None
    patterns: list[FactPattern] = []
    for fact, entries in (data.get("facts") or {}).items():
        for i, entry in enumerate(entries or ()):
            where = f"facts.{fact}[{i}]"
            if not entry.get("example"):
                raise RulesError(f"{where} has no example sentence", source=str(path))
            try:
                compiled = re.compile(rf"\b(?:{entry['pattern']})\b", re.IGNORECASE)
            except (re.error, KeyError) as exc:
                raise RulesError(f"{where}: bad pattern ({exc})", source=str(path)) from None
            patterns.append(FactPattern(fact, compiled, entry["example"]))
    known = {p.fact for p in patterns} | set(ROLE_FACTS)
    rules: list[Rule] = []
    for i, entry in enumerate(data.get("rules") or ()):
        names = {k: frozenset(entry.get(k) or ()) for k in ("all", "any", "and_any", "none")}
        unknown = set().union(*names.values()) - known
        if unknown or not entry.get("label") or not entry.get("example"):
            problem = f"unknown facts {sorted(unknown)}" if unknown else "no label or example"
            raise RulesError(f"rules[{i}]: {problem}", source=str(path))
        rules.append(
            Rule(
                entry["label"],
                names["all"],
                names["any"],
                names["and_any"],
                names["none"],
                entry["example"],
            )
        )
    triggers = frozenset(data.get("triggers") or ())
    if triggers - known:
        raise RulesError(f"unknown triggers {sorted(triggers - known)}", source=str(path))
    merged: dict[str, list[str]] = {}
    for entry_fact, entries in (data.get("facts") or {}).items():
        merged[entry_fact] = [f"(?:{e['pattern']})" for e in entries or ()]
    by_fact = tuple(
        (fact, re.compile(rf"\b(?:{'|'.join(parts)})\b", re.IGNORECASE))
        for fact, parts in merged.items()
        if parts
    )
    return FactRules(tuple(patterns), tuple(rules), triggers, by_fact)


# Facts the stage sets from an episode's arguments (according.events.roles), not text.
ROLE_FACTS: tuple[str, ...] = (
    "actor_armed",
    "actor_state",
    "actor_protesters",
    "actor_rioters",
    "actor_unarmed",
    "target_armed",
    "target_civilian",
    "target_known",
)


@lru_cache(maxsize=4)
def fact_rules(path: str | None = None) -> FactRules:
    """The facts and rules, read and checked once per process."""
    return _load(Path(path) if path else RULES_DIR / FACTS_FILE)


@dataclass(frozen=True)
class FactHit:
    fact: str
    start: int
    end: int


def _grievances(text: str, start: int, end: int, hits: Iterable[FactHit]) -> list[tuple[int, int]]:
    """Stretches that say what a protest is about (see the module docstring)."""
    protest_at = [h.end for h in hits if h.fact == "protest"]
    if not protest_at:
        return []
    spans: list[tuple[int, int]] = []
    for match in _GRIEVANCE.finditer(text, min(protest_at), end):
        close = _CLAUSE_END.search(text, match.end(), end)
        spans.append((match.start(), close.start() if close else end))
    return spans


def find_facts(text: str, start: int = 0, end: int | None = None) -> list[FactHit]:
    """Every fact stated in ``text[start:end]`` (offsets into ``text``), in text order,
    grievance clauses of protests left out."""
    end = len(text) if end is None else end
    hits = [
        FactHit(fact, m.start(), m.end())
        for fact, pattern in fact_rules().by_fact
        for m in pattern.finditer(text, start, end)
    ]
    masks = _grievances(text, start, end, hits)
    if masks:
        hits = [
            h
            for h in hits
            if h.fact in _PROTEST_FACTS or not any(a <= h.start < b for a, b in masks)
        ]
    hits.sort(key=lambda h: (h.start, h.end))
    return hits


def decide(present: set[str] | frozenset[str]) -> str | None:
    """The first rule's label whose facts hold; None when no rule does."""
    for rule in fact_rules().rules:
        if rule.holds(present):
            return rule.label
    return None


def triggers_in(hits: Iterable[FactHit]) -> list[FactHit]:
    """The hits that can open an event (the ``triggers`` facts)."""
    triggers = fact_rules().triggers
    return [h for h in hits if h.fact in triggers]

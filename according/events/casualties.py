"""Casualty counts: how many died, were hurt, arrested or abducted in an event.

Why a grammar of "counted people + predicate" rather than the claims stage's numbers: a
death toll is said with verbs as often as with numbers ("a soldier was killed" is 1, "no
one was killed" is 0, "killing and injuring several fighters" is ACLED's 10), and what a
number counts depends on its role in the clause: "3 gunmen killed 2 soldiers" has two
dead, not five. The words and constructions live in data/events/casualties.yaml, each with
example sentences the tests run; this module only builds one matcher from them.

Every pattern is bounded (no nested unbounded repeats), and templates are tried only at
count words and cue words near a cue, so matching is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from according.attribution.claims import HEDGES, parse_number
from according.numbers import NUMBER_WORDS

KINDS = ("fatalities", "injured", "arrested", "abducted")
# How far before its cue word a construction may start (a hedged count, three modifiers,
# an "of the ..." tail, auxiliaries and adverbs: twice the longest seen in ACLED notes).
_REACH = 120
_MORE = re.compile(r"\b(?:other|others|more|another|further|additional|second)\b", re.I)
_PLURAL_HEADS = frozenset("men women children people police personnel troops staff".split())
_PREDICATES = {"PASSIVE": "passive", "INTRANS": "intransitive", "ACTIVE": "active"}
_PREDICATES |= {"NOMINAL": "nominal"}


@dataclass(frozen=True)
class Casualty:
    kind: str  # "fatalities" | "injured" | "arrested" | "abducted"
    value: int
    bound: str  # "exact" | "lower" | "upper" | "approx"  (as claims: "at least 5" is lower)
    start: int  # offsets into the text passed in
    end: int
    text: str


@dataclass(frozen=True)
class _Found:
    """A casualty, how it combines with others (add, total, final, zero, ref) and the match
    it came from (a total's coordinated phrases add up within it)."""

    casualty: Casualty
    role: str
    group: int


@dataclass(frozen=True)
class _Template:
    """A compiled template; `spec` is its entry in the data file (role, kind, coordinated,
    subject, line)."""

    spec: dict[str, Any]
    at_count: bool  # starts at a counted phrase, else at its cue word
    cue: frozenset[str]  # its cue words ("word*": a prefix)
    regex: re.Pattern[str]
    groups: tuple[tuple[str, str], ...]  # (group name, kind) of its predicates

    def cued_by(self, word: str) -> bool:
        prefixes = tuple(c[:-1] for c in self.cue if c[-1] == "*")
        return word in self.cue or bool(prefixes and word.startswith(prefixes))


def load_data() -> dict[str, Any]:
    """The YAML data file, parsed (the tests read its examples from here)."""
    path = resources.files("according") / "data" / "events" / "casualties.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _alt(words: Iterable[str], fold: bool = True) -> str:
    """A literal word list as one regex, spaces as any whitespace. Built as a trie
    ("kill(?:ed|ing)") because the re module tries alternatives one by one: hundreds of
    words at every position of a long text would cost hundreds of steps each."""
    trie: dict[str, Any] = {}
    for word in {w.lower() if fold else w for w in words}:
        node = trie
        for ch in re.sub(r"\s+", " ", word):
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        branches = [(r"\s+" if c == " " else re.escape(c)) + walk(n) for c, n in node.items() if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(sorted(branches)) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


def _rx(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _cue_words(phrases: Iterable[str]) -> set[str]:
    """The telling words of predicates: "shot and killed" is cued by "shot" and "killed"."""
    words = {w for p in phrases for w in p.lower().split() if len(w) > 3}
    return words - {"their", "into", "under", "alive", "were", "have", "been", "took", "taking"}


def _expand(regex: str, env: dict[str, str]) -> str:
    """{name} replaced by the named fragment (regex quantifiers like {0,3} stay)."""
    return re.sub(r"\{([a-z]+)\}", lambda m: f"(?:{env[m.group(1)]})", regex)


def _grammar(data: dict[str, Any]) -> dict[str, str]:
    """The word lists as regexes, then the data file's grammar fragments built on them."""
    nums, persons = data["numbers"], data["persons"]
    hedges = {**HEDGES, **nums["hedges"]}
    stop = data["stopwords"] + data["months"]
    firsts = [*hedges, *nums["vague"], *nums["articles"], *nums["definite"], *nums["pronouns"]]
    env = {
        "numword": _alt(NUMBER_WORDS),
        "hedgeword": _alt(hedges),
        "vagueword": _alt(nums["vague"]),
        "articleword": _alt(nums["articles"]),
        "bareword": _alt(k for k, v in nums["articles"].items() if v.get("bare")),
        "definiteword": _alt(nums["definite"]),
        "possessiveword": _alt(nums["possessive"]),
        "pronounword": _alt(nums["pronouns"]),
        "person": rf"(?:{_alt(persons['nouns'])}|{persons['suffix']})\b",
        # never "IS" (Islamic State) or other capitals: only "is", "Is"
        "stopword": rf"(?:(?-i:(?![A-Z]{{2}}))(?:{_alt(stop)})|{_alt(persons['not_persons'])})\b",
        "monthword": _alt(data["months"]),
        "firstword": _alt([*firsts, *nums["possessive"], *NUMBER_WORDS, "between"]),
        "aux": rf"(?-i:{_alt(data['aux'] + [w.capitalize() for w in data['aux']], fold=False)})",
        "adverb": _alt(data["adverbs"]),
        "resultverb": _alt(data["result_verbs"]),
    }
    for name, fragment in data["grammar"].items():
        env[name] = _expand(fragment, env)
    return env


class _Matcher:
    """Every regex the data file describes, compiled once."""

    def __init__(self, data: dict[str, Any]) -> None:
        nums, kinds = data["numbers"], data["kinds"]
        self.articles: dict[str, dict[str, Any]] = nums["articles"]
        self.vague: dict[str, dict[str, Any]] = nums["vague"]
        self.hedges: dict[str, str] = {**HEDGES, **nums["hedges"]}
        self.pronouns: dict[str, int] = nums["pronouns"]
        env = _grammar(data)
        self.count_at = re.compile(env["count_at"], re.IGNORECASE)
        self.number = re.compile(env["number"], re.IGNORECASE)
        self.active_kind = {w.lower(): k for k in KINDS for w in kinds[k]["active"]}
        preds = {
            name: {
                k: _rx([*([_alt(v[key])] if v[key] else []), *v.get(f"{key}_regex", [])])
                for k, v in kinds.items()
                if v[key] or v.get(f"{key}_regex")
            }
            for name, key in _PREDICATES.items()
        }
        preds["RESULTWORD"] = {k: _alt(v) for k, v in data["result_words"].items()}
        every = [p for name in ("PASSIVE", "INTRANS") for p in preds[name].values()]
        self.any_pred = re.compile(rf"\s+(?:{_alt(data['aux'])}|{_rx(every)})\b", re.I)
        self.active_before = re.compile(rf"\b(?:{_rx(preds['ACTIVE'].values())})\s*$", re.I)
        fill = {name: _expand(value, env) for name, value in data["placeholders"].items()}
        self.templates = [self._template(t, data, preds, fill) for t in data["templates"]]
        zero = data["zero"]
        self.zero = [(k, re.compile(_rx(zero[k]), re.I)) for k in KINDS if zero.get(k)]
        self.zero_starts = re.compile(rf"(?<![\w'-])(?:{_alt(zero['starts'])})\b", re.I)
        words = {w for t in self.templates for w in t.cue if w[-1] != "*"} | _cue_words(
            [*data["cues"]["words"], *(w for ws in data["result_words"].values() for w in ws)]
        )
        prefixes = {w[:-1] for t in self.templates for w in t.cue if w[-1] == "*"}
        prefixes |= set(data["cues"]["prefixes"])
        self.cues = re.compile(rf"(?<![\w'-])(?:(?:{_alt(words)})\b|(?:{_alt(prefixes)})\w*)", re.I)
        self.starts = re.compile(rf"(?<![\w'\u2019-])(?:\d|(?:{env['firstword']})\b)", re.I)
        self.np_obj = re.compile(env["object"], re.IGNORECASE)
        self.bare = re.compile(env["bare"], re.IGNORECASE)
        context = {k: re.compile(v, re.IGNORECASE) for k, v in data["context"].items()}
        self.not_subject, self.line = context["not_subject"], context["line"]
        self.negated, self.partitive = context["negated"], context["partitive"]
        self.joint, self.coord = context["joint"], context["coordination"]
        self.uncertain = context["uncertain"]
        self.subgroup = re.compile(rf"\b(?:{_rx(data['subgroup'])})[\s,:(]*$", re.I)
        self.background = re.compile(
            rf"\b(?:{_rx(data['background'])})\s+(?:[\w'\u2019-]+\s+){{0,3}}$", re.I
        )

    @staticmethod
    def _template(
        tpl: dict[str, Any], data: dict[str, Any], preds: dict[str, dict[str, str]], fill: dict
    ) -> _Template:
        """One template compiled, with the words that cue it (its predicates' words)."""
        regex: str = tpl["regex"]
        words = {
            w
            for name, key in _PREDICATES.items()
            if "{" + name + "}" in regex
            for k in data["kinds"].values()
            for w in [*k[key], *k.get(f"{key}_regex_cues", [])]
        }
        if "{RESULT}" in regex:
            words.update(data["result_verbs"])
        at_count = regex.startswith(("{SUBJ}", "{OBJ}", "{COUNT}", "{QTY}", "(?P<np>"))
        for name, by_kind in preds.items():
            alternatives = "|".join(
                rf"(?P<{name[0].lower()}_{k}>\b(?:{p})\b)" for k, p in by_kind.items()
            )
            regex = regex.replace("{" + name + "}", f"(?:{alternatives})")
        for name, value in fill.items():
            regex = regex.replace("{" + name + "}", value)
        compiled = re.compile(regex, re.IGNORECASE)
        groups = tuple((g, g[2:]) for g in compiled.groupindex if g[2:] in KINDS)
        cue = frozenset(tpl.get("cue") or _cue_words(words))
        return _Template(tpl, at_count, cue, compiled, groups)

    def count(self, phrase: str) -> tuple[int, str, str] | None:
        """(value, bound, role) of a counted phrase; None when it counts nothing definite."""
        m = self.count_at.match(phrase)
        if m is None:
            return None
        hedge = re.sub(r"\s+", " ", (m.group("hedge") or "").strip().lower())
        bound = self.hedges.get(hedge, "exact")
        bare = not phrase[m.end() :].strip()
        if m.group("num"):
            found = _number(m.group("num"), bound)
            # "One was shot", "three of the victims": may be people already counted; but
            # "one of the wounded died" is a new death.
            partitive = self.partitive.match(phrase, m.end())
            if found and ((bare and not m.group("num")[0].isdigit()) or partitive):
                return found[0], found[1], "ref"
            return found
        if m.group("vague"):
            key = re.sub(r"\s+", " ", m.group("vague").lower())
            spec = self.vague.get(key) or self.vague[key.removesuffix(" of")]
            return int(spec["value"]), bound if hedge else spec["bound"], "add"
        if m.group("art"):
            key = re.sub(r"\s+", " ", m.group("art").lower())
            return int(self.articles[key]["value"]), "exact", "ref" if bare else "add"
        if m.group("pron"):
            return self.pronouns[m.group("pron").lower()], "exact", "ref"
        # "the two men" points back (ref); "his two sons" are new (add).
        role = "ref" if m.group("def") else "add"
        rest = phrase[m.end() :]
        inner = self.number.search(m.group("def") or "") or self.number.match(
            phrase, len(phrase) - len(rest.lstrip())
        )
        if inner:
            found = _number(inner.group(0), "exact")
            return (found[0], found[1], role) if found else None
        words = re.findall(r"[\w'-]+", rest.split(" of ")[0])
        head = words[-1].lower() if words else "s"
        return None if head.endswith("s") or head in _PLURAL_HEADS else (1, "exact", role)


def _number(raw: str, bound: str) -> tuple[int, str, str] | None:
    """A written number, a range ("20-25": its low end, a lower bound) or a year (None)."""
    raw = re.sub(r"\s+", " ", raw.strip().lower())
    low = re.match(r"(?:between )?(\d+)\s*(?:-|\u2013|to|and)\s*\d+$", raw)
    if low:
        return int(low.group(1)), "lower", "add"
    if re.fullmatch(r"1[89]\d\d|20\d\d", raw):
        return None
    value = NUMBER_WORDS.get(raw)
    if value is None:
        parsed = parse_number(raw)
        value = int(parsed) if parsed is not None else None
    return (value, bound, "add") if value is not None else None


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    return _Matcher(load_data())


def prepare() -> None:
    """Compile the templates now (about three seconds) rather than on the first count."""
    _matcher()


@lru_cache(maxsize=16)  # fatalities() and casualties() of one stretch read it once
def _scan(text: str, start: int, end: int) -> tuple[_Found, ...]:
    """Every count in text[start:end], with its role, in text order.

    Why anchors: every construction has a cue word (a predicate, "bodies", "toll") and
    starts at a count word or at that cue, so templates are tried only at those positions
    near a cue, and zero phrases at "no", "neither", ...; finditer over every position
    would cost about a microsecond per character."""
    mt = _matcher()
    found: list[_Found] = []
    used: set[tuple[int, str]] = set()  # (phrase start, kind): one reading of each phrase
    blocked: set[int] = set()  # phrases whose count is uncertain or background
    window = text[:end]
    hits = [(m.start(), m.group(0).lower()) for m in mt.cues.finditer(window, start)]
    starts = [m.start() for m in mt.starts.finditer(window, start)]

    def emit(kinds: list[str], role: str, span: tuple[int, int], group: int) -> None:
        ps, pe = span
        kinds = [k for k in kinds if (ps, k) not in used]
        if not kinds or ps in blocked or mt.subgroup.search(window, max(start, ps - 40), ps):
            return
        used.update((ps, k) for k in kinds)
        counted = mt.count(window[ps:pe])
        if counted is None or mt.negated.search(window, max(start, ps - 12), ps):
            return
        value, bound, count_role = counted
        for kind in kinds:
            casualty = Casualty(kind, value, bound, ps, pe, window[ps:pe])
            found.append(_Found(casualty, count_role if role == "add" else role, group))

    cached: dict[frozenset[str], list[int]] = {}
    for tpl in mt.templates:
        own = cached.get(tpl.cue)
        if own is None:
            own = cached[tpl.cue] = [at for at, word in hits if tpl.cued_by(word)]
        last = -1
        for at in starts if tpl.at_count else own:
            i = bisect_left(own, at)
            if at < last or (tpl.at_count and (i == len(own) or own[i] - at > _REACH)):
                continue
            m = tpl.regex.match(window, at)
            if m is None:
                continue
            last = m.end()
            span = m.span("np")
            if _out_of_place(mt, tpl, window, start, at, span[0]):
                continue
            kinds = _kinds(mt, tpl, m)
            if kinds is None:
                blocked.add(span[0])
                continue
            if mt.uncertain.match(window, m.end()) or mt.background.search(
                window, max(start, at - 60), at
            ):
                blocked.add(span[0])
                continue
            emit(kinds, tpl.spec["role"], span, at)
            others = {"before": _before, "after": _after}.get(tpl.spec.get("coordinated", ""))
            for other in others(mt, window, start, span) if others else ():
                emit(kinds, tpl.spec["role"], other, at)
    found += _zeros(mt, window, start)
    return tuple(sorted(found, key=lambda f: (f.casualty.start, KINDS.index(f.casualty.kind))))


def _out_of_place(
    mt: _Matcher, tpl: _Template, window: str, start: int, at: int, phrase: int
) -> bool:
    """A template whose phrase must be a sentence's subject, or open a line, and is not."""
    if tpl.spec.get("subject") and mt.not_subject.search(window, max(start, phrase - 20), phrase):
        return True
    return bool(tpl.spec.get("line")) and not mt.line.search(window, max(start, at - 60), at)


def _kinds(mt: _Matcher, tpl: _Template, m: re.Match[str]) -> list[str] | None:
    """The kinds a template's match counts: the template's own, else its predicates'; a
    second verb adds its kind ("killing and injuring 5"). None when the pair leaves the
    count uncertain ("killing or injuring", "killed and injuring")."""
    kinds = [tpl.spec["kind"]] if "kind" in tpl.spec else [k for g, k in tpl.groups if m.group(g)]
    also = m.groupdict().get("also")
    if also:
        verb = m.group(0)[: m.start("also") - m.start()].split()[-1].lower()
        second = also.split()[-1].lower()
        if also.split()[0].lower() == "or" or verb[-3:] != second[-3:]:
            return None
        kinds += [k for k in [mt.active_kind.get(second)] if k and k not in kinds]
    return kinds


def _zeros(mt: _Matcher, window: str, start: int) -> list[_Found]:
    """The phrases that count no one ("no one was hurt"), at their anchor words."""
    found: list[_Found] = []
    for at in (m.start() for m in mt.zero_starts.finditer(window, start)):
        for kind, regex in mt.zero:
            if m := regex.match(window, at):
                casualty = Casualty(kind, 0, "exact", m.start(), m.end(), m.group(0))
                found.append(_Found(casualty, "zero", m.start()))
    return found


def _before(mt: _Matcher, text: str, start: int, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Phrases coordinated before a subject ("two soldiers and five militants were ..."),
    unless the chain starts as a subgroup ("among them") or is an active verb's object."""
    ps = span[0]
    clause = max(start, ps - _REACH, *(text.rfind(c, start, ps) + 1 for c in ".;:[]"))
    # A parenthesis is blanked out: "Twelve guards (all reservists) and a driver were ...".
    seg = re.sub(r"\([^()]*\)", lambda p: " " * len(p.group()), text[clause:ps])
    chain: list[tuple[int, int]] = []
    nxt = ps
    for m in reversed(list(mt.np_obj.finditer(seg))):
        cs, ce = clause + m.start(), clause + m.end()
        joint = seg[ce - clause : nxt - clause]
        if not mt.joint.fullmatch(joint) or (
            not chain and "and" not in joint  # "A, B and C": the last joint has "and"
        ):
            break
        if mt.active_before.search(text, max(start, cs - 40), cs):
            break
        chain.append((cs, ce))
        nxt = cs
    if chain and mt.subgroup.search(text, max(start, chain[-1][0] - 40), chain[-1][0]):
        return []
    return chain


def _after(mt: _Matcher, text: str, start: int, span: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """Objects coordinated after the first ("killed two soldiers and five militants"), not
    a phrase that has its own predicate ("... and five militants were wounded")."""
    pe, pending = span[1], []
    for _ in range(6):
        conj = mt.coord.match(text, pe)
        np = mt.np_obj.match(text, conj.end()) if conj else None
        if conj is None or np is None or mt.any_pred.match(text, np.end()):
            return
        pending.append(np.span())
        if "and" in conj.group() or "as well" in conj.group():  # "A, B and C": up to an "and"
            yield from pending
            pending = []
        pe = np.end()


def casualties(text: str, start: int = 0, end: int | None = None) -> list[Casualty]:
    """Every casualty count in text[start:end], offsets into text ("no casualties" is a
    count of 0 for fatalities and injured)."""
    end = len(text) if end is None else end
    return [f.casualty for f in _scan(text, start, end)]


def toll(text: str, kind: str, start: int = 0, end: int | None = None) -> Casualty | None:
    """The stretch's count of one kind: separate groups added up, a later total ("the death
    toll rose to 12", "25 rebel and 6 army fatalities") replacing what came before, a
    coder's "fatalities coded as N" final, "the soldier"/"he" counted only when nothing
    was counted before, "no casualties" as 0, None when nothing is said."""
    end = len(text) if end is None else end
    value: int | None = None
    parts: list[Casualty] = []
    total_group = None
    for f in _scan(text, start, end):
        c = f.casualty
        if c.kind != kind:
            continue
        if f.role in ("total", "final"):
            if total_group == f.group and value is not None:
                value, parts = value + c.value, [*parts, c]
            else:
                value, parts, total_group = c.value, [c], f.group
            if f.role == "final":
                break
            continue
        total_group = None
        if f.role == "add" and any(_restates(c, p) for p in parts):
            continue
        if f.role == "add" or (f.role == "ref" and value is None):
            value = (value or 0) + c.value
            parts = [p for p in parts if p.value] + [c]
        elif f.role == "zero" and value is None:
            value, parts = 0, [c]
    if value is None or not parts:
        return None
    bounds = {p.bound for p in parts} - {"exact"}
    bound = bounds.pop() if len(bounds) == 1 else ("approx" if bounds else "exact")
    s, e = min(p.start for p in parts), max(p.end for p in parts)
    return Casualty(kind, value, bound, s, e, text[s:e])


def _restates(later: Casualty, earlier: Casualty) -> bool:
    """A headline and its lede, or a lede and a later paragraph, tell the same toll:
    "Five soldiers killed in ambush" then "Five soldiers were killed when ..." are five."""
    if later.value != earlier.value or _MORE.search(later.text):
        return False  # "2 other policemen were killed" are two more
    mt = _matcher()
    bare = [bool(mt.bare.fullmatch(c.text)) for c in (later, earlier)]
    heads = [re.findall(r"[a-z]+", c.text.lower())[-1:] for c in (later, earlier)]
    return heads[0] == heads[1] or any(bare)  # "Five killed ..." then "Five soldiers ..."


def fatalities(text: str, start: int = 0, end: int | None = None) -> Casualty | None:
    """The death toll of the stretch: groups added up, a later 'death toll rose to N'
    replacing earlier figures, 'no casualties'/'no one was killed'/'no fatalities' as 0,
    None when nothing is said about deaths."""
    return toll(text, "fatalities", start, end)

"""The attribution record and the passes over all of a text's attributions at once:
quotations inside reported words, continued quotations, and one attribution per stretch.

Why apart from the grammar: these passes see only finished Attributions and quotation
marks, never a parse, so they are testable and readable without spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from according.attribution.marks import Quoted


@dataclass
class Attribution:
    """One attributed stretch of text, before the speaker is resolved to an Entity."""

    content: tuple[int, int]
    direct: bool
    cue: tuple[int, int] | None = None
    cue_word: str | None = None
    speaker: tuple[int, int] | None = None
    speaker_head: tuple[int, int] | None = None
    appositive: tuple[int, int] | None = None
    # The noun a relative-pronoun speaker stands for ("Clinton, who opposes ...").
    antecedent: tuple[int, int] | None = None
    relay: tuple[int, int] | None = None
    relay_cue: str | None = None
    venue: str | None = None
    clause: tuple[int, int] | None = None
    continued_from: int | None = None  # 1 when this quotation continues the previous one
    # A stance, appearance or cue-noun attribution (not a speech verb's): speech wins
    # over it where the two meet (grammar._drop_nested_stance).
    stance: bool = False
    quoted: list[Quoted] = field(default_factory=list)


def close_quotations(out: list[Attribution], quoted: list[Quoted]) -> None:
    """Reported words that open a quotation run to its close: "said that “A. B.”" is
    one content even though the sentence (and the parse) ends after "A."."""
    for att in out:
        if att.direct:
            continue
        start, end = att.content
        for q in quoted:
            if start <= q.open_mark < end < q.end:
                att.content = (start, q.end)
                break


def drop_nested_direct(out: list[Attribution], quoted: list[Quoted], used: set[int]) -> None:
    """A quotation inside reported content is part of it ("said his team would "keep it
    under wraps""): mark it used so it is not reported twice."""
    for att in out:
        if att.direct:
            continue
        for i, q in enumerate(quoted):
            if i not in used and att.content[0] <= q.start and q.end <= att.content[1] + 1:
                used.add(i)


def continuations(
    text: str, quoted: list[Quoted], used: set[int], out: list[Attribution]
) -> list[Attribution]:
    """Unattributed quotations that go on from the speaker just quoted: the next
    quotation in the same paragraph (joined to the one it continues, see
    ``_interrupted``), or a paragraph that is wholly a quotation right after one (a
    quote of its own). Anything else between marks (titles, scare quotes) is not
    speech."""
    extra: list[Attribution] = []
    directs = sorted((a for a in out if a.direct), key=lambda a: a.content)
    for i, q in enumerate(quoted):
        if i in used or q.words(text) < 4:
            continue
        words = text[q.start : q.end].rstrip()
        if not words or (words[-1] not in ".!?,\u2026" and q.close_mark >= 0):
            continue
        prev = [a for a in directs if a.content[1] <= q.start]
        if not prev:
            continue
        last = prev[-1]
        between = text[last.content[1] : q.open_mark]
        same_paragraph = "\n" not in between
        para_start = text.rfind("\n", 0, q.open_mark) + 1
        next_paragraph = between.count("\n\n") <= 1 and not text[para_start : q.open_mark].strip()
        # Six words of narration at most between the two, or the cue's own clause
        # ("“A,” he said in an interview in Astana on Monday. “B.”").
        narration = 16 if last.cue is not None and last.content[1] <= last.cue[0] else 6
        if not (same_paragraph and len(between.split()) <= narration) and not (
            next_paragraph and len(between.split()) <= 1
        ):
            continue
        joined = same_paragraph and _interrupted(last, q, out)
        if not joined and len(between.split()) > 6:
            continue
        used.add(i)
        if joined:
            # "“A,” he said. “B.”": one quotation that the cue interrupts.
            last.content = (last.content[0], q.end)
            last.quoted.append(q)
            continue
        cont = Attribution(
            content=(q.start, q.end),
            direct=True,
            cue=last.cue,
            cue_word=last.cue_word,
            speaker=last.speaker,
            speaker_head=last.speaker_head,
            appositive=last.appositive,
            antecedent=last.antecedent,
            relay=last.relay,
            relay_cue=last.relay_cue,
            venue=last.venue,
            clause=last.clause,
            continued_from=1,
            quoted=[q],
        )
        extra.append(cont)
        directs.append(cont)
        directs.sort(key=lambda a: a.content)
    return extra


def _interrupted(last: Attribution, q: Quoted, out: list[Attribution]) -> bool:
    """True when ``q`` goes on, in the same paragraph, with ``last``'s quotation: after
    the cue that interrupts it ("“A,” he said. “B.”") or after a close and re-open
    ("He said: “A.” “B.”"). PolNeAR, like a reader, takes A and B as one quotation.
    Not when other attributed words stand between the two ("“A,” he said, adding that
    X. “B.”"): those are an attribution of their own."""
    if last.cue is None or last.cue[0] >= q.open_mark:
        return False
    gap = (last.content[1], q.open_mark)
    return not any(a is not last and a.content[0] < gap[1] and gap[0] < a.content[1] for a in out)


def dedupe(atts: list[Attribution]) -> list[Attribution]:
    """Keep one attribution per content stretch: a direct one over a reported one that
    overlaps it, the longer of two reported ones; a speaker's words reported whole,
    speaker and cue, inside another's are kept too, relayed by the outer speaker."""
    kept: list[Attribution] = []
    for att in atts:
        clash = [k for k in kept if k.content[0] < att.content[1] and att.content[0] < k.content[1]]
        if not clash:
            kept.append(att)
            continue
        other = clash[0]
        if _relayed(att, other):
            # "X said that ..., state television reported": both are kept, the outer
            # speaker's report and, inside it, X's words relayed by the outer speaker
            att.relay, att.relay_cue = other.speaker, other.cue_word
            kept.append(att)
            continue
        if other.direct and not att.direct:
            continue
        if att.direct and not other.direct:
            kept[kept.index(other)] = att
    return kept


def _relayed(inner: Attribution, outer: Attribution) -> bool:
    """Whether ``inner`` (speaker, cue and words) lies within what ``outer`` reports, as
    in "[Khamenei said that the unrest was planned abroad], state television reported"."""
    if inner.direct or outer.direct or inner.stance or outer.stance:
        return False
    if inner.speaker is None or outer.speaker is None or inner.relay is not None:
        return False
    start, end = outer.content
    return start <= inner.speaker[0] and inner.content[1] <= end and inner.content != outer.content

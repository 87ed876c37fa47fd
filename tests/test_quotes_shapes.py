"""The no-parse rules (attribution/shapes.py) must read a sentence exactly as the parse
path does: both paths run on the same sentences and are compared field by field."""

from __future__ import annotations

import pytest

from according.attribution import attribute_text, find_quoted, parse_sentences
from according.attribution.grammar import find_attributions
from according.attribution.shapes import settle

SETTLED = [
    (
        "The Lebanese Red Cross said it treated dozens of people for tear gas inhalation.",
        ["Lebanese Red Cross"],
    ),
    (
        "The Kenya National Commission on Human Rights said two people were killed and about "
        "200 injured across the country.",
        ["Kenya National Commission on Human Rights"],
    ),
    ("McKinley said that he considered debt a last resort.", ["McKinley"]),
    ("Police said they had arrested dozens of BNP activists for torching buses.", []),
    ("Security forces did not intervene, witnesses said.", []),
    (
        "According to the Assistance Association for Political Prisoners, more than 11,000 "
        "people have been detained across Myanmar since the coup.",
        ["Assistance Association for Political Prisoners"],
    ),
    (
        "KHARTOUM, January 18, 2022 — Security forces killed seven people on Monday as "
        "thousands marched to oppose military rule, the Central Committee of Sudanese "
        "Doctors said.",
        ["Central Committee of Sudanese Doctors"],
    ),
]
DECLINED = [
    "Defence Minister Vladimir Padrino López said on state television VTV that the "
    '"armed forces will not".',
    "The government said the blockades had stopped supplies, and that 31 patients had died.",
    "Organisers said they would continue their sit-in until the water was released.",
    "One after another, mining companies, including Patriot, declared bankruptcy.",
    "But in July 2012, Patriot failed as predicted.",
    "Clinton's van was to be escorted, but the Secret Service whisked her away, another "
    "source said.",
]


def _mentions(text: str, names: list[str]) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def _key(att: object) -> tuple[object, ...]:
    return tuple(
        getattr(att, f)
        for f in (
            "content",
            "speaker",
            "speaker_head",
            "cue",
            "cue_word",
            "appositive",
            "venue",
            "direct",
            "clause",
        )
    )


@pytest.mark.parametrize(("text", "names"), SETTLED)
def test_rule_equals_parse(text: str, names: list[str]) -> None:
    mentions = _mentions(text, names)
    ruled = settle(text, 0, len(text), mentions)
    assert ruled is not None
    quoted = find_quoted(text)
    parsed = find_attributions(
        text, parse_sentences(text, [(0, len(text))], quoted=quoted), quoted, mentions
    )
    assert [_key(a) for a in parsed] == [_key(ruled)]


@pytest.mark.parametrize("text", DECLINED)
def test_rule_declines(text: str) -> None:
    assert settle(text, 0, len(text), []) is None


def test_attribute_text_same_with_and_without_rules() -> None:
    text = " ".join(t for t, _ in SETTLED) + " " + " ".join(DECLINED)
    with_rules = attribute_text(text)
    without = attribute_text(text, rules=False)
    assert [_key(a) for a in with_rules] == [_key(a) for a in without]

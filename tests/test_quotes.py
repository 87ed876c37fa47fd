"""Quote finding and the attribution grammar, on sentences written for these tests."""

from __future__ import annotations

import pytest

from according.attribution import attribute_text, find_quoted
from tests.conftest import pipeline_of


def _attribute(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, str | None, bool]]:
    mentions = [(text.index(n), text.index(n) + len(n)) for n in names]
    out = []
    for att in attribute_text(text, mentions=mentions):
        speaker = text[att.speaker[0] : att.speaker[1]] if att.speaker else None
        out.append((text[att.content[0] : att.content[1]], speaker, att.direct))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will not yield to pressure" today.', ["we will not yield to pressure"]),
        ("She said \u201cthe talks are over\u201d and left.", ["the talks are over"]),
        (
            "\u201cFirst paragraph of the quote.\n\n\u201cSecond paragraph ends it.\u201d",
            ["First paragraph of the quote.\n\n\u201cSecond paragraph ends it."],
        ),
        (
            "\u201cHe told me \u201cnever again\u201d that night,\u201d she said.",
            ["He told me \u201cnever again\u201d that night,"],
        ),
        (
            "A stray closing mark\u201d and then \u201ca real quote here.\u201d",
            ["a real quote here."],
        ),
    ],
)
def test_find_quoted(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quoted(text)] == expected


@pytest.mark.parametrize(
    ("text", "names", "content", "speaker", "direct"),
    [
        (
            "Minister Ali Rezaei said: \u201cWe will rebuild the bridge before winter.\u201d",
            ("Ali Rezaei",),
            "We will rebuild the bridge before winter.",
            "Minister Ali Rezaei",
            True,
        ),
        (
            "\u201cThe budget is balanced for the first time,\u201d the governor said.",
            (),
            "The budget is balanced for the first time,",
            "the governor",
            True,
        ),
        (
            '"Nobody wants another strike this year," said Maria Lopez, a union leader.',
            ("Maria Lopez",),
            "Nobody wants another strike this year,",
            "Maria Lopez",
            True,
        ),
        (
            "Khamenei added: \u201cDo not allow that to happen again in this country.\u201d",
            ("Khamenei",),
            "Do not allow that to happen again in this country.",
            "Khamenei",
            True,
        ),
        (
            "The mayor said that the curfew would be lifted on Friday.",
            (),
            "that the curfew would be lifted on Friday",
            "The mayor",
            False,
        ),
        (
            "Prices will keep rising through the summer, the central bank warned.",
            (),
            "Prices will keep rising through the summer",
            "the central bank",
            False,
        ),
        (
            "According to the interior ministry, 40 people were detained overnight.",
            (),
            "40 people were detained overnight",
            "the interior ministry",
            False,
        ),
        (
            "Ahmad Naderi told the Resalat daily that rebellions would follow the crisis.",
            ("Ahmad Naderi",),
            "that rebellions would follow the crisis",
            "Ahmad Naderi",
            False,
        ),
        (
            "In an article the group wrote: \u201cThe units have spread to every province.\u201d",
            (),
            "The units have spread to every province.",
            "the group",
            True,
        ),
    ],
)
def test_attribution_patterns(
    text: str, names: tuple[str, ...], content: str, speaker: str, direct: bool
) -> None:
    found = _attribute(text, names)
    assert (content, speaker, direct) in found, found


def test_interrupted_quote_keeps_speaker() -> None:
    text = (
        "\u201cWe have waited long enough,\u201d Sara Ahmadi said. "
        "\u201cNow the courts must act on what they have heard.\u201d"
    )
    found = _attribute(text, ("Sara Ahmadi",))
    # One quotation interrupted by its cue: one attribution from the first mark's
    # words to the last one's (a span is one stretch, so it holds the cue too).
    assert [(c, s) for c, s, _ in found] == [(text[1:-1], "Sara Ahmadi")]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "\u201cThe dam will hold,\u201d the engineer said. \u201cWe checked it twice.\u201d "
            "\u201cNobody needs to leave.\u201d",
            True,
        ),
        (
            "Mayor Lena Park said: \u201cThe roads are open again.\u201d "
            "\u201cSchools reopen on Monday.\u201d",
            True,
        ),
        # A new paragraph that is wholly a quotation stays a quote of its own.
        (
            "The engineer said: \u201cThe dam will hold.\u201d\n\n"
            "\u201cWe checked it twice this week.\u201d",
            False,
        ),
    ],
)
def test_continued_quotation_joins_in_paragraph(text: str, joined: bool) -> None:
    mentions = [(text.index("Lena Park"), text.index(" said"))] if "Lena" in text else []
    atts = attribute_text(text, mentions=mentions)
    assert all(a.direct for a in atts)
    assert len(atts) == (1 if joined else 2)
    last_close = text.rindex("\u201d")
    assert atts[-1].content[1] == last_close
    speakers = {text[a.speaker[0] : a.speaker[1]] for a in atts}
    assert {w.lower() for w in speakers} == ({"mayor lena park"} if mentions else {"the engineer"})


def test_joined_quotation_text_leaves_out_the_cue() -> None:
    from according.readers.source import SourceDocument

    text = (
        "\u201cWe have waited long enough,\u201d Sara Ahmadi said. "
        "\u201cNow the courts must act on what they have heard.\u201d"
    )
    pipeline = pipeline_of("according.entities.v1", "according.quotes.v1")
    (quote,) = pipeline(SourceDocument(text=text, origin="test")).quotes
    assert quote.text == (
        "We have waited long enough, Now the courts must act on what they have heard."
    )
    assert quote.span.text == text[1:-1]


def test_relay_quoted_as_saying() -> None:
    text = (
        "The state-run Fars News agency quoted Hossein Ashtari, the commander of the "
        "police, on Sunday as saying: \u201cThe organisers have been identified by us.\u201d"
    )
    atts = attribute_text(text, mentions=[(text.index("Hossein Ashtari"), text.index(", the c"))])
    assert len(atts) == 1
    att = atts[0]
    assert text[att.speaker[0] : att.speaker[1]] == "Hossein Ashtari"
    assert "Fars News agency" in text[att.relay[0] : att.relay[1]]
    assert att.cue_word == "quoted ... as saying"
    assert text[att.appositive[0] : att.appositive[1]].startswith("the commander")


@pytest.mark.parametrize(
    "text",
    [
        "The campaign is called \u201cFree Iran Global Summit\u201d this year.",
        "The regime fears the \u201cpost-coronavirus\u201d situation most of all.",
        "\u201cThe mullahs must go; sovereignty belongs to the people\u201d: Resistance Units",
        "He bought a \u201cPride\u201d car last spring.",
    ],
)
def test_titles_and_scare_quotes_left_out(text: str) -> None:
    # No quotation of its own; a stance cue around it ("fears the ...") may still
    # attribute the phrase that holds it.
    found = _attribute(text)
    assert not [f for f in found if f[2]], found
    assert all(text.index("\u201c") > text.index(c) or len(c) > 30 for c, _, _ in found)


def test_venue_and_told() -> None:
    text = (
        "Ahmad Naderi told the state-run Resalat daily on March 7: "
        "\u201cI am worried about it.\u201d"
    )
    atts = attribute_text(text, mentions=[(0, 12)])
    assert atts[0].venue == "the state-run Resalat daily"
    text = "In a video conference with students, Ali Khamenei said: \u201cDo not allow this.\u201d"
    atts = attribute_text(text, mentions=[(text.index("Ali"), text.index(" said"))])
    assert atts[0].venue == "a video conference"


def test_quotation_inside_reported_clause_is_part_of_it() -> None:
    text = "The minister said the country \u201cmust do far more to protect its borders.\u201d"
    atts = attribute_text(text)
    assert len(atts) == 1
    att = atts[0]
    assert not att.direct
    assert text[att.content[0] : att.content[1]].startswith("the country \u201cmust do")
    assert att.content[1] >= text.index("borders")


def test_reported_words_run_to_the_close_of_their_quotation() -> None:
    text = (
        "The mayor said that the plan \u201cwill work for the whole city. "
        "It has worked in every district before.\u201d"
    )
    (att,) = attribute_text(text)
    assert att.content[1] == text.rindex("\u201d")


def test_long_interrupting_clause_still_joins() -> None:
    text = (
        "\u201cThe talks have failed,\u201d the envoy said in an interview in the capital on "
        "Monday. \u201cWe will try again in the spring.\u201d"
    )
    (att,) = attribute_text(text)
    assert att.direct and att.content == (1, text.rindex("\u201d"))

"""The recognition grammar: one named regular expression per kind of time expression.

Each rule finds candidates; the handlers (``absolute.py``, ``relative.py``,
``anaphora.py``, mapped in ``compose.HANDLERS``) have one function per rule name that
turns a match into a value or rejects it (a count that looks like a year, "May" the
verb). Where candidates overlap, the longest accepted one wins, then the earlier rule.
Spans follow TimeML: determiners and modifiers ("the", "early", "nearly") are part of
the expression; the preposition before it ("on", "in", "from") is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from according.dates.lexicon import (
    DAY,
    MONTH,
    MONTHS,
    NUMBER,
    ORDINAL,
    TENS,
    UNIT,
    UNITS_WORDS,
    WEEKDAY_ANY,
    WEEKDAY_FULL,
    WEEKDAYS,
    YEAR4,
)

# Shared fragments -----------------------------------------------------------------------
NOT_NUM_BEFORE = r"(?<![\d$£€#.,/:-])"
NOT_NUM_AFTER = r"(?![.,:]?\d)"
MOD = (
    r"(?:(?P<mod>(?i:early|late|mid|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of"
    r"|the\s+start\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+rest\s+of"
    r"|the\s+remainder\s+of))[\s-]+)?"
)
APPROX = (
    r"(?:(?P<approx>(?i:about|nearly|almost|more\s+than|less\s+than|over|around|roughly"
    r"|approximately|at\s+least|up\s+to|some|only|just|fewer\s+than|under))\s+)?"
)
PART_OF_DAY = r"(?P<pod>(?i:morning|afternoon|evening|night))"
REL = r"(?P<rel>(?i:last|next|this|coming|past|previous))"


@dataclass(frozen=True)
class Rule:
    """A named pattern, and the key of a cheap trigger: the pattern is only tried in a
    window around a trigger hit, because patterns that open with optional words ("the end
    of", "nearly") are slow to try at every position of a long text."""

    name: str
    regex: re.Pattern[str]
    trigger: str


# Trigger words: one tokenisation pass finds, for each trigger key, where its words are.
# Month and weekday names keep their case, as the grammar does.
def _keys(spec: dict[str, str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for key, words in spec.items():
        for word in words.split():
            out.setdefault(word, set()).add(key)
    return {w: frozenset(k) for w, k in out.items()}


_UNIT_WORDS = (
    "second seconds minute minutes hour hours day days night nights week weeks "
    "fortnight fortnights month months quarter quarters year years decade decades "
    "century centuries millennium millennia weekend weekends"
)
TRIGGER_WORDS: dict[str, frozenset[str]] = _keys(
    {
        "century": "century",
        "season": "spring summer fall autumn winter",
        "quarter": "quarter half period",
        # "5 p.m." tokenises as "5 p m", "5pm" as "5 pm": the meridiem is the trigger
        "clock": "noon midnight midday am pm m morning afternoon evening",
        "deictic": "yesterday today tomorrow tonight",
        "part": "morning afternoon evening night",
        "unit": _UNIT_WORDS,
        "year_ago": "year",
        "spelled_year": "nineteen eighteen thousand",
        "anaphor": "day week month year quarter morning afternoon evening night",
        "vague": "now current currently present presently nowadays these recent recently lately "
        "past future moment later",
        "set": "daily weekly monthly yearly nightly hourly every each per " + _UNIT_WORDS,
    }
)
CASED_TRIGGER_WORDS: dict[str, frozenset[str]] = _keys(
    {
        "month": " ".join(f"{w.title()} {w.upper()}" for w in MONTHS),
        "weekday": " ".join(f"{w.title()} {w.upper()} {w.title()}s" for w in WEEKDAYS),
        "holiday": "Christmas New Thanksgiving Easter Halloween Valentine Election",
        "quarter_code": "Q H",
    }
)
_RULE_TRIGGER = {
    "weekday_date": "weekday",
    "weekday": "weekday",
    "iso_date": "year",
    "numeric_date": "digits",
    "month_alone": "month",
    "month_year": "month_year",
    "date_mdy": "month_day_year",
    "month_day_range": "month_range",
    "month_day": "month_num",
    "date_dmy": "num_month",
    "day_month_range": "num_month",
    "day_month": "num_month",
    "year": "year",
    "year_range": "year",
    "decade": "decade",
    "century": "century",
    "season": "season",
    "quarter": "quarter",
    "quarter_code": "quarter_code",
    "clock": "clock",
    "deictic": "deictic",
    "this_part": "part",
    "relative_unit": "unit",
    "year_ago_adj": "year_ago",
    "ago": "unit_dir",
    "duration": "unit",
    "bare_units": "unit",
    "vague": "vague",
    "set": "set",
    "holiday": "holiday",
    "year_end": "year_ago",
    "spelled_year": "spelled_year",
    "anaphor": "anaphor",
}


# Rules whose match starts with their trigger word ("July 1", "Sunday, May 17",
# "2020-07-01", "7/1/2020", "Q3"): tried only at the trigger words, not over a window.
ANCHORED = frozenset(
    {
        "weekday_date",
        "date_mdy",
        "month_day_range",
        "month_day",
        "iso_date",
        "numeric_date",
        "quarter_code",
    }
)


def _rule(name: str, pattern: str) -> Rule:
    # Every expression starts at a word boundary (or an apostrophe: "'90s"); saying so
    # lets the regex engine skip the inside of words at once.
    return Rule(name, re.compile(r"(?:\b|(?=['‘’]))" + pattern), _RULE_TRIGGER.get(name, "month"))


RULES: tuple[Rule, ...] = (
    # "Sunday, May 17", "Wednesday, July 1, 2020", "Monday, 4 May"
    _rule(
        "weekday_date",
        rf"(?P<wd>{WEEKDAY_ANY}),?\s+(?:(?P<m1>{MONTH})\s*(?P<d1>{DAY})|(?:the\s+)?"
        rf"(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MONTH}))(?:,?\s+(?P<y>{YEAR4}))?{NOT_NUM_AFTER}\b",
    ),
    # "July 1, 2020", "July 1st 2020"
    _rule("date_mdy", rf"(?P<m>{MONTH})\s*(?P<d>{DAY})(?:,\s*|\s+)(?P<y>{YEAR4}){NOT_NUM_AFTER}\b"),
    # "1 July 2020", "the 1st of July, 2020"
    _rule(
        "date_dmy",
        rf"{NOT_NUM_BEFORE}(?:(?i:the)\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH}),?\s+"
        rf"(?P<y>{YEAR4}){NOT_NUM_AFTER}\b",
    ),
    # "July 1-4", "July 1 to 4, 2020"
    _rule(
        "month_day_range",
        rf"(?P<m>{MONTH})\s*(?P<d1>{DAY})\s*(?:-|–|—|(?i:to|through|until))\s*(?P<d2>{DAY})\b"
        rf"(?:,?\s+(?P<y>{YEAR4}))?{NOT_NUM_AFTER}",
    ),
    # "1-4 July"
    _rule(
        "day_month_range",
        rf"{NOT_NUM_BEFORE}(?P<d1>{DAY})\s*(?:-|–|—)\s*(?P<d2>{DAY})\s+(?P<m>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR4}))?{NOT_NUM_AFTER}",
    ),
    # "May 17", "Sept. 30", "17 May", "the 17th of May"
    _rule(
        "month_day",
        rf"(?P<m>{MONTH})\s*(?P<d>{DAY})\b{NOT_NUM_AFTER}"
        rf"(?!\s*(?:%|(?i:percent)))",
    ),
    _rule("day_month", rf"{NOT_NUM_BEFORE}(?:(?i:the)\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"),
    # "2020-07-01", "2020/07/01", "19980114", optionally with a time
    _rule(
        "iso_date",
        rf"(?<![\d/.-])(?P<y>{YEAR4})(?P<sep>[-/.]?)(?P<m>0[1-9]|1[0-2])(?P=sep)"
        r"(?P<d>0[1-9]|[12]\d|3[01])(?:[T\s](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?"
        r"(?![\d/-])",
    ),
    # "7/1/2020", "10/26/89", "08-16-90", "1.7.2020"
    _rule(
        "numeric_date",
        r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
        r"(?:\s+(?P<hh>[01]?\d|2[0-3]):?(?P<mi>[0-5]\d)(?::\d\d)?)?(?![\d/.-]\d)",
    ),
    # "November 2019", "early July 2020", "July of 2020"
    _rule("month_year", rf"{MOD}(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR4}){NOT_NUM_AFTER}\b"),
    # "November", "last April", "mid-November", "June last year"
    _rule(
        "month_alone",
        rf"{MOD}(?:{REL}\s+)?(?P<m>{MONTH})(?!\.?\s*\d)(?:\s+(?P<yrel>(?i:last|this|next))\s+"
        r"(?i:year))?",
    ),
    # "1998", "fiscal 1989", "early 2020", "the end of 1998"
    _rule(
        "year",
        rf"{NOT_NUM_BEFORE}{MOD}(?:(?P<fiscal>(?i:fiscal(?:\s+year)?|calendar(?:\s+year)?"
        rf"|the\s+year|FY))\s*)?(?P<y>{YEAR4})(?!s\b|'s\b){NOT_NUM_AFTER}\b",
    ),
    # "1998-99", "2010-2015"
    _rule(
        "year_range",
        rf"{NOT_NUM_BEFORE}(?P<y1>{YEAR4})\s*[-–/]\s*(?P<y2>\d{{2}}|{YEAR4})\b{NOT_NUM_AFTER}",
    ),
    # "the 1990s", "the '90s", "the early 1980s", "the nineties"
    _rule(
        "decade",
        r"(?:(?P<the>(?i:the))\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
        r"(?:(?P<cc>1[0-9]|20)(?P<d>[0-9])0'?s|['‘’](?P<short>[0-9])0'?s|(?P<word>(?i:twenties"
        r"|thirties|forties|fifties|sixties|seventies|eighties|nineties)))\b",
    ),
    # "the 20th century", "this century"
    _rule(
        "century",
        rf"(?i:(?:the\s+)?(?:(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL})|(?P<rel>this|last"
        r"|next|previous))[\s-]+century)\b",
    ),
    # "last summer", "the fall of 1998", "summer 2020"
    _rule(
        "season",
        r"(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?:(?P<rel>(?i:last|this|next|past|the|coming"
        rf"|that))\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))(?:\s+(?:of\s+)?"
        rf"(?P<y>{YEAR4}))?\b",
    ),
    # "the third quarter", "third-quarter", "the 1988 third quarter", "Q3 2020", "the first half"
    _rule(
        "quarter",
        r"(?i:(?:(?P<det>the|its|their|a|this\s+year's|last\s+year's|next\s+year's)\s+)?"
        rf"(?:(?P<y0>{YEAR4})\s+)?(?:(?P<pre>year-earlier|year-ago|comparable|latest|current"
        r"|previous|same|fiscal|most\s+recent|last|this|next|past|flat|corresponding)[\s-]+){0,3}"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)?[\s-]*(?:fiscal[\s-]+)?"
        rf"(?P<unit>quarter|half|period)(?!ly)\b(?:\s+of\s+(?P<y>{YEAR4})|,?\s+(?P<y2>{YEAR4}))?)",
    ),
    _rule("quarter_code", rf"\b(?P<q>Q[1-4]|H[12])(?:\s+(?P<y>{YEAR4}))?\b"),
    # "5 p.m.", "10:35 a.m. EDT", "noon"
    _rule(
        "clock",
        r"(?i:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
        r"|(?P<noon>noon|midnight|midday)"
        r"|(?P<h2>[01]?\d)(?:\s+o'clock)?\s+in\s+the\s+(?P<pod>morning|afternoon|evening))"
        r"(?:\s+(?P<tz>[A-Z]{2,4}T|GMT|UTC))?",
    ),
    # "yesterday", "late yesterday", "tomorrow morning", "tonight"
    _rule(
        "deictic",
        r"(?i:(?:(?P<mod>early|late|earlier|later)\s+|mid-?(?P<pod0>morning|afternoon)\s+)?"
        r"(?P<word>the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight)"
        r"(?:\s+(?P<pod>morning|afternoon|evening|night))?)\b",
    ),
    # "this morning", "last night", "in mid-afternoon" (of the document's day)
    _rule(
        "this_part",
        r"(?i:(?P<rel>this|last)\s+(?P<pod>morning|afternoon|evening|night)"
        r"|mid-?\s?(?P<mid>morning|afternoon))\b",
    ),
    # "Friday", "last Friday", "Friday night", "Fridays"
    _rule(
        "weekday",
        rf"(?:(?P<rel>(?i:last|next|this|coming|early|late))\s+)?(?P<wd>{WEEKDAY_FULL})"
        rf"(?P<plural>s)?\b(?:\s+{PART_OF_DAY})?",
    ),
    # "that day", "later that year", "the same day", "the next morning", "the following
    # month": read from the last date named (anaphora.py), so before "relative_unit"
    _rule(
        "anaphor",
        r"(?i:(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+(?:same\s+)?(?P<unit>day|morning"
        r"|afternoon|evening|night|week|month|year|quarter)|the\s+(?P<dir>next|following"
        r"|previous|preceding)\s+(?P<unit2>day|morning|afternoon|evening|night)"
        r"|the\s+(?P<dir2>following)\s+(?P<unit3>week|month|year))\b"
        r"(?!-|\s+(?:ago|earlier|later)\b)",
    ),
    # "last week", "this month", "earlier this year", "the end of the year", "the weekend"
    _rule(
        "relative_unit",
        r"(?i:(?:(?P<mod>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of"
        r"|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)\s+"
        r"(?:(?:in|of)\s+)?)?(?P<rel>last|this|next|past|coming|previous|current|the\s+current"
        r"|the\s+past|the\s+previous|the\s+coming|the\s+next|the\s+following|the\s+same"
        r"|the\s+latest|the\s+last|the)\s+(?P<kind>(?:fiscal|full|calendar)\s+)?"
        r"(?P<unit>week|weekend|month|year|decade))"
        r"(?!-|\s+(?:old|ago|earlier))\b",
    ),
    # "year-earlier", "the year-ago quarter"
    _rule(
        "year_ago_adj",
        r"(?i:(?:the\s+)?(?:comparable\s+|same\s+)?(?P<adj>year-earlier|year-ago|year\s+earlier"
        r"|prior-year)(?:\s+(?P<noun>period|quarter))?)\b",
    ),
    # "two days ago", "a year earlier", "three years from now"
    _rule(
        "ago",
        rf"(?<![\d,.]){APPROX}(?P<n>(?i:{NUMBER}))\s+(?P<unit>(?i:{UNIT}))s?(?:\s+or\s+so)?\s+"
        r"(?P<dir>(?i:ago|earlier|later|before|after|from\s+now|hence|back))\b",
    ),
    # "40 years", "the past two days", "a two-year", "the first nine months"
    _rule(
        "duration",
        r"(?i:(?:(?P<det>the|its|their|his|her|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next"
        r"|coming|first|previous|latest|final|recent|remaining|following|preceding|initial|full"
        rf"|same)\s+)?){APPROX}(?<![\d,.])(?P<n>(?i:{NUMBER}))(?P<half>\s+1/2|[\s-]and[\s-]a[\s-]half)?[\s-]+"
        r"(?:(?P<more>more|additional|straight|consecutive|full|long|trading|business|working)"
        rf"\s+)?(?P<unit>(?i:{UNIT}))(?P<pl>s)?(?P<half2>\s+and\s+a\s+half)?(?P<long>-long)?"
        r"(?!-old|\s+old\b|-)\b",
    ),
    # "days after the protests", "for years"
    _rule(
        "bare_units",
        r"(?i:(?P<pre>\b(?:for|within|in|over|took|takes|lasted|recent|coming|past|few|several"
        r"|many)\s+)?(?P<unit>hours|days|weeks|months|years|decades|centuries)\b(?P<post>\s+"
        r"(?:after|before|later|earlier|ago|of|to\s+come))?)",
    ),
    # "now", "recently", "the future", "in the past"
    _rule(
        "vague",
        r"(?i:\b(?P<w>right\s+now|now|currently|current|at\s+present|presently|nowadays"
        r"|these\s+days|recently|lately|the\s+past|the\s+(?:near\s+|distant\s+|foreseeable\s+"
        r"|immediate\s+)?future|a\s+later\s+date|at\s+the\s+moment))\b",
    ),
    # "daily", "every week", "twice a year"
    _rule(
        "set",
        r"(?i:\b(?P<w>daily|weekly|monthly|yearly|nightly|hourly"
        r"|every\s+(?:other\s+)?(?:day|week|month|year|quarter|morning|night|evening|weekend"
        r"|\w+\s+(?:days|weeks|months|years))|each\s+(?:day|week|month|year)"
        r"|per\s+(?:day|week|month|year)|a\s+(?:day|week|month|year)))\b",
    ),
    # "year-end", "by year's end", "around year end"
    _rule("year_end", r"(?i:(?:around\s+)?year(?:-|\s+|'s\s+)end)\b(?!-)"),
    # "nineteen ninety-six", "the year two thousand", "January nineteen ninety-seven",
    # "the winter of nineteen ninety-four" (broadcast transcripts spell years out)
    _rule(
        "spelled_year",
        rf"(?:(?P<m>{MONTH})\s+|(?i:the\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))\s+"
        r"(?i:of\s+))?(?i:(?P<the>the\s+year\s+)?(?:(?P<c>nineteen|eighteen)[\s-]+(?:(?P<t>"
        rf"{TENS})(?:[\s-]+(?P<u>{UNITS_WORDS}))?|(?P<hundred>hundred))|(?P<k>two\s+thousand)"
        rf"(?:\s+(?:and\s+)?(?P<u2>{UNITS_WORDS}|ten))?))\b(?!-)",
    ),
    # "Christmas", "New Year's Day 2020", "Thanksgiving"
    _rule(
        "holiday",
        rf"(?:(?P<rel>(?i:last|this|next))\s+)?(?P<h>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's"
        r"(?:\s+Eve|\s+Day)?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Halloween|Election\s+Day"
        rf"|Valentine's\s+Day)(?:,?\s+(?P<y>{YEAR4}))?\b",
    ),
)

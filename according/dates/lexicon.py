"""Words of English time expressions and the regex fragments built from them.

Month and weekday names are matched case-sensitively (Title or UPPER case) so that the
verb "may", the verb "march" and "sat" are not read as dates; everything else is matched
case-insensitively by the grammar.
"""

from __future__ import annotations

import re

from according.numbers import NUMBER_WORDS

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
NUMBERS: dict[str, int | float] = {
    **NUMBER_WORDS,
    "a": 1,
    "an": 1,
    "hundred": 100,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "half a": 0.5,
    "a half": 0.5,
    "half an": 0.5,
}
VAGUE_NUMBERS = (
    "a few",
    "few",
    "several",
    "some",
    "many",
    "a number of",
    "dozens of",
    "hundreds of",
    "countless",
    "numerous",
)
ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}
DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
# TIMEX3 duration unit letter and whether it sits after "T" (time units).
UNITS: dict[str, tuple[str, int]] = {
    "second": ("S", 1),
    "minute": ("M", 1),
    "hour": ("H", 1),
    "day": ("D", 1),
    "night": ("D", 1),
    "week": ("W", 1),
    "fortnight": ("W", 2),
    "month": ("M", 1),
    "quarter": ("Q", 1),
    "year": ("Y", 1),
    "decade": ("Y", 10),
    "century": ("Y", 100),
    "centurie": ("Y", 100),
    "millennium": ("Y", 1000),
    "millennia": ("Y", 1000),
}
TIME_UNITS = frozenset({"second", "minute", "hour"})
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}


def _cased(words: list[str]) -> str:
    """Title- and upper-case forms of each word, longest first (so "Sept" beats "Sep")."""
    forms: list[str] = []
    for word in sorted(words, key=len, reverse=True):
        forms += [word.title(), word.upper()]
    return "|".join(re.escape(f) for f in forms)


def _abbreviated(table: dict[str, int], *, min_full: int) -> str:
    full = [w for w in table if len(w) >= min_full]
    short = [w for w in table if len(w) < min_full]
    return rf"(?:{_cased(full)})\b|(?:{_cased(short)})\b\.?"


MONTH = _abbreviated(MONTHS, min_full=5)  # "May" and "June"/"July" are full; "Sept." short
WEEKDAY_FULL = _cased([w for w in WEEKDAYS if len(w) > 5])
WEEKDAY_ANY = _abbreviated(WEEKDAYS, min_full=6)
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})"
NUM_WORD = "|".join(re.escape(w) for w in sorted(NUMBERS, key=len, reverse=True))
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = (
    rf"(?:\d+(?:\.\d+)?|(?:{TENS})[- ](?:{UNITS_WORDS})|{NUM_WORD}"
    rf"|{'|'.join(re.escape(w) for w in VAGUE_NUMBERS)})"
)
UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie)|millenni(?:um|a))"
)
ORDINAL = "|".join(re.escape(w) for w in sorted(ORDINALS, key=len, reverse=True))


def month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.rstrip(".").lower()]


def number_value(text: str) -> float | None:
    """A number word or numeral as a number; None for a vague one ("several")."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in VAGUE_NUMBERS:
        return None
    if t in NUMBERS:
        return NUMBERS[t]
    m = re.fullmatch(rf"({TENS})[- ]({UNITS_WORDS})", t)
    if m:
        return NUMBERS[m.group(1)] + NUMBERS[m.group(2)]
    try:
        return float(t)
    except ValueError:
        return None

"""English number words, shared by the stages that read counts and durations.

The dates stage reads "two days ago" and "nineteen ninety-six", the claims stage "two
elite students" and "a dozen protesters"; both start from this one table and add only
what their reading needs.
"""

from __future__ import annotations

_SMALL = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

NUMBER_WORDS: dict[str, int] = {
    **{word: i for i, word in enumerate(_SMALL, start=1)},
    **{word: 10 * i for i, word in enumerate(_TENS, start=2)},
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}

"""Finding quoted stretches of text by their quotation marks.

Why by hand and not by regex alone: news text mixes straight and curly marks, leaves
marks unbalanced (a lost opening mark, a stray closing one), and continues a quotation
across paragraphs by opening each paragraph again without closing the previous one. A
small scanner that decides, mark by mark, whether it opens or closes handles all three.
Whether a quoted stretch is speech (and not a title or a scare quote) is decided later,
by the attribution grammar: here every stretch between marks is a candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = "\u201c\u00ab\u201e"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'


@dataclass(frozen=True)
class Quoted:
    """Words between quotation marks; ``start``/``end`` exclude the marks themselves."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or -1 when the quote ran to a paragraph end
    paragraphs: int = 1  # how many paragraphs the quotation runs over

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def _role(text: str, i: int) -> str:
    """'open', 'close' or '' for the mark at ``i``, from its shape or its neighbours."""
    ch = text[i]
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{\u2014-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014-"):
        return "close"
    return ""


def find_quoted(text: str, max_paragraphs: int = 8) -> list[Quoted]:
    """Every quoted stretch, outermost only, in text order.

    A quotation left open at a paragraph end continues when the next paragraph opens
    with a mark (the news convention for multi-paragraph quotes); otherwise it ends at
    the paragraph end. Marks nested inside an open quotation (single quotes, or a
    second double quote opening) are part of its words.
    """
    found: list[Quoted] = []
    open_at = -1
    depth = 0
    paragraphs = 1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at >= 0:
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] in OPENERS + STRAIGHT and paragraphs < max_paragraphs:
                paragraphs += 1  # continued quotation: skip the re-opening mark
                i = j + 1
                continue
            end = i
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            found.append(Quoted(open_at + 1, end, open_at, -1, paragraphs))
            open_at, depth, paragraphs = -1, 0, 1
        elif ch in OPENERS or ch in CLOSERS or ch == STRAIGHT:
            role = _role(text, i)
            if role == "open":
                if open_at < 0:
                    open_at, depth, paragraphs = i, 1, 1
                elif ch != STRAIGHT or text[i - 1].isspace():
                    depth += 1
            elif role == "close" and open_at >= 0:
                depth -= 1
                if depth <= 0:
                    found.append(Quoted(open_at + 1, i, open_at, i, paragraphs))
                    open_at, depth, paragraphs = -1, 0, 1
        i += 1
    if open_at >= 0:
        end = n
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        found.append(Quoted(open_at + 1, end, open_at, -1, paragraphs))
    return [q for q in found if q.end > q.start]


def clean_quote_text(text: str, quoted: Quoted) -> str:
    """The quoted words with the re-opening marks of continued paragraphs removed."""
    words = text[quoted.start : quoted.end]
    if quoted.paragraphs == 1:
        return words
    lines = [line.strip().lstrip(OPENERS + STRAIGHT) for line in words.split("\n")]
    return "\n\n".join(line for line in lines if line)

"""Time expressions in English news, resolved to calendar values, and document dating.

Pure functions over text, with no spaCy and no clock: the reference date is always
passed in. The pipeline stage ``according.dates.v1`` and the TimeML evaluation both call
``date_text``, so what is scored is what users get.

Public API:

- ``find_time_expressions(text, reference)``: every expression as a TimeSpan (with
  ``timex``, and extra fields ``timex_type``, ``mod``, ``tense``, ``parts`` for ranges).
- ``date_document(text, expressions, page_date)``: ``(content_date, conflict, reason)``.
- ``date_text(text, page_date)``: both passes together, as the stage runs them.
- ``timespan_for(start, end, dates, text)``: the TimeSpan that governs a character range
  (for quotes and events).
"""

from according.dates.document import date_document, flatten
from according.dates.text import DatedText, date_text, find_time_expressions, timespan_for

__all__ = [
    "DatedText",
    "date_document",
    "date_text",
    "find_time_expressions",
    "flatten",
    "timespan_for",
]

"""Where the attribution rule files live (``according/data/attribution/*.yaml``).

``kinds.py`` (cue → quote kind) and ``speaker_rules.py`` (who can speak) read them
through ``according.rulefiles``, the one reader of every rule data file.
"""

from __future__ import annotations

from pathlib import Path

from according.rulefiles import WordEntry, checked_entry, read_sections, word_lists

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "attribution"


__all__ = ["RULES_DIR", "WordEntry", "checked_entry", "read_sections", "word_lists"]

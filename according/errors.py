"""Coded, documented errors (see docs/errors.md).

Every error a user can meet names the input and the reason in one line, so the CLI can
print it instead of a traceback and a batch can skip the item and go on. The code is
stable: scripts may match on it.
"""

from __future__ import annotations

from according.printable import printable


class AccordingError(Exception):
    """Base of all expected failures. ``str(err)`` is the one-line message users see."""

    code = "A000"

    def __init__(self, reason: str, *, source: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source

    def __str__(self) -> str:
        # Escaped, so a file name with a newline or undecodable bytes stays one line.
        where = f"{printable(self.source)}: " if self.source else ""
        return f"{where}{printable(self.reason)} [{self.code}]"


class InputError(AccordingError):
    """The input cannot be read as a report; the batch skips it."""

    code = "A100"


class EmptyInput(InputError):
    code = "A101"


class BinaryInput(InputError):
    code = "A102"


class UndecodableInput(InputError):
    code = "A103"


class MalformedInput(InputError):
    code = "A104"


class InputTooLarge(InputError):
    code = "A105"


class InputNotFound(InputError):
    code = "A106"


class FetchFailed(InputError):
    code = "A107"


class SetupError(AccordingError):
    """The installation is incomplete (a model or data file is missing)."""

    code = "A200"


class RulesError(SetupError):
    """A rule data file of the package is malformed (bad pattern, missing example)."""

    code = "A201"


class StoreError(AccordingError):
    """The database cannot be opened or written."""

    code = "A300"


class StoreNotFound(StoreError):
    """A command that only reads was pointed at a store that does not exist: creating an
    empty one there would answer "0 events" for what is really a typo in ``--db``."""

    code = "A301"


class UsageError(AccordingError):
    """A parameter is out of range or malformed (a bad date, an unknown format)."""

    code = "A400"


class UnknownStage(UsageError):
    code = "A401"


class StageOrderError(UsageError):
    """The settings list a stage before the stage that writes what it reads (the events
    stage before the claims stage), or with no stage that writes it at all."""

    code = "A402"

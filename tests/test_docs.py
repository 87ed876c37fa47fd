"""The documentation keeps up with the code, as sqlite-utils checks its own: every error
code is in docs/errors.md, every command in the README with an example in its --help, and
every registered stage in docs/pipeline.md. The lists come from the code (the error
classes and the codes the source prints, the typer app with its sub-apps, the stage
registry), so a new one fails here until it is documented."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer

from according.errors import AccordingError
from tests.conftest import ROOT, according_app, cli

ERRORS_MD = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
PIPELINE_MD = (ROOT / "docs" / "pipeline.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
# A row of the table in docs/errors.md: | code | class | meaning | what to do |
ERROR_ROW = re.compile(r"^\| (A\d{3}) \| ([^|]+?) \|", re.MULTILINE)
CODE = re.compile(r"\bA\d{3}\b")


def _subclasses(cls: type[AccordingError]) -> Iterator[type[AccordingError]]:
    yield cls
    for sub in cls.__subclasses__():
        yield from _subclasses(sub)


def error_classes() -> dict[str, str]:
    """Code -> class name, for every error class of according.errors."""
    return {cls.code: cls.__name__ for cls in _subclasses(AccordingError)}


def printed_codes() -> set[str]:
    """Codes the package's source says without a class of their own (A500, A999)."""
    return {
        code
        for path in (ROOT / "according").rglob("*.py")
        for code in CODE.findall(path.read_text(encoding="utf-8"))
    }


def commands() -> dict[str, Any]:
    """Every command ``according`` runs, by its words (``eval time``), sub-apps included
    (typer's click commands: a group has ``commands``)."""

    def walk(command: Any, words: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from walk(sub, (*words, name))
        else:
            yield " ".join(words), command

    return dict(walk(typer.main.get_command(according_app()), ()))


COMMANDS = commands()


def test_every_error_code_is_documented_with_its_class() -> None:
    documented = dict(ERROR_ROW.findall(ERRORS_MD))
    classes = error_classes()
    in_code = set(classes) | printed_codes()
    missing, stale = in_code - set(documented), set(documented) - in_code
    assert not missing, f"add {sorted(missing)} to the table in docs/errors.md"
    assert not stale, f"docs/errors.md lists {sorted(stale)}, which nothing raises"
    for code, name in classes.items():
        assert documented[code].strip() == name, code


def test_the_walk_finds_the_commands_and_the_sub_apps() -> None:
    assert {"read", "ingest", "events", "serve", "stages", "eval time"} <= set(COMMANDS)


@pytest.mark.parametrize("words", sorted(COMMANDS))
def test_every_command_is_in_the_readme(words: str) -> None:
    assert f"according {words}" in README, f"`according {words}` is not in README.md"


def _examples(words: str, text: str) -> list[str]:
    """Each ``according WORDS ...`` example in a help text, with the lines that carry its
    options on (a long example wraps onto lines that start with an option)."""
    lines = text.splitlines()
    found = []
    for n, line in enumerate(lines):
        if f"according {words}" not in line:
            continue
        example = line.split(f"according {words}", 1)[1]
        for more in lines[n + 1 :]:
            if not more.strip().startswith("-"):
                break
            example += " " + more.strip()
        found.append(example)
    return found


@pytest.mark.parametrize("words", sorted(COMMANDS))
def test_every_command_help_has_an_example_using_its_own_options(words: str) -> None:
    shown = cli(*words.split(), "--help")
    assert shown.exit_code == 0, shown.stderr
    flat = " ".join(shown.stdout.split())  # rich wraps help at the terminal's width
    assert re.search(rf"Examples?: .*according {words}\b", flat), f"{words} --help: no example"
    examples = _examples(words, COMMANDS[words].help or "")
    assert examples, f"the docstring of `according {words}` gives no example"
    options = {flag for param in COMMANDS[words].params for flag in param.opts}
    for example in examples:
        used = {token for token in example.split() if token.startswith("-") and token != "-"}
        assert used <= options, f"`according {words}{example}` uses {used - options}"


def test_every_registered_stage_is_in_the_pipeline_doc() -> None:
    from according.pipeline.registry import registered

    table = set(re.findall(r"^\| `([\w.]+)` \|", PIPELINE_MD, re.MULTILINE))
    assert set(registered()) == table, "docs/pipeline.md's table lists the registered stages"

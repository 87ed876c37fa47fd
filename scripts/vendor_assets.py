"""Copy the page's browser assets from node_modules into the package, with a manifest.

Why vendored: the page must work offline and must not call a CDN, and a fresh clone should
need no npm. So the few dist files the page loads are copied into
``according/server/static/vendor/<package>/`` and committed, and ``MANIFEST.json`` records
each package's exact version (read from its own package.json, checked against our
package.json pin) and the sha256 of every file, so a review can see what changed.

    npm install --ignore-scripts          # exact versions from package.json
    python scripts/vendor_assets.py       # copy and write MANIFEST.json
    python scripts/vendor_assets.py --check   # verify files against MANIFEST.json (CI)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "according" / "server" / "static" / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"

# package -> files (relative to the package) the page or the docs load, plus the licence.
FILES: dict[str, list[str]] = {
    "leaflet": [
        "dist/leaflet.js",
        "dist/leaflet.css",
        "dist/images/layers.png",
        "dist/images/layers-2x.png",
        "dist/images/marker-icon.png",
        "dist/images/marker-icon-2x.png",
        "dist/images/marker-shadow.png",
        "LICENSE",
    ],
    "world-atlas": ["countries-110m.json", "LICENSE"],
    "topojson-client": ["dist/topojson-client.min.js", "LICENSE"],
    "uplot": ["dist/uPlot.iife.min.js", "dist/uPlot.min.css", "LICENSE"],
    "swagger-ui-dist": ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"],
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def target(package: str, name: str) -> Path:
    """``dist/`` is dropped so URLs stay short: /static/vendor/leaflet/leaflet.js."""
    return VENDOR / package / name.removeprefix("dist/")


def vendor() -> dict:
    pins = json.loads((ROOT / "package.json").read_text())["dependencies"]
    manifest: dict = {"generated_by": "scripts/vendor_assets.py", "packages": {}}
    if VENDOR.exists():
        for child in VENDOR.iterdir():  # stale files of a dropped package must not linger
            if child.is_dir():
                shutil.rmtree(child)
    for package, names in FILES.items():
        meta = json.loads((NODE_MODULES / package / "package.json").read_text())
        if meta["version"] != pins.get(package):
            sys.exit(f"{package}: node_modules has {meta['version']}, package.json pins "
                     f"{pins.get(package)}; run npm install --ignore-scripts")  # fmt: skip
        files = {}
        for name in names:
            source = NODE_MODULES / package / name
            dest = target(package, name)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            files[dest.relative_to(VENDOR).as_posix()] = sha256(dest)
        manifest["packages"][package] = {
            "version": meta["version"],
            "license": meta.get("license"),
            "files": files,
        }
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def check() -> list[str]:
    """Differences between the vendored files and the manifest (empty when all match)."""
    manifest = json.loads(MANIFEST.read_text())
    problems = []
    for package, info in manifest["packages"].items():
        for rel, digest in info["files"].items():
            path = VENDOR / rel
            if not path.is_file():
                problems.append(f"{package}: {rel} is missing")
            elif sha256(path) != digest:
                problems.append(f"{package}: {rel} does not match its sha256")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, do not copy")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    manifest = vendor()
    for package, info in manifest["packages"].items():
        print(f"{package} {info['version']}: {len(info['files'])} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Copy YASGUI's built files from node_modules into the package, for the query page.

Run after ``npm ci`` in the repository's root folder::

    npm ci --ignore-scripts && python3 scripts/vendor_yasgui.py

YASGUI is third-party code: it is not committed. ``package.json`` and ``package-lock.json``
pin its version; this script copies ``yasgui.min.js`` and ``yasgui.min.css`` into
``graph_builder/server/static/vendor/`` (ignored by git, included in the wheel when present)
with a NOTICE naming the package, its version and licence. The ``sourceMappingURL`` line is
left out: the map is not copied, so a browser's developer tools would ask for it in vain.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@zazuko" / "yasgui"
VENDOR = ROOT / "graph_builder" / "server" / "static" / "vendor"
FILES = ("yasgui.min.js", "yasgui.min.css")


def main() -> int:
    manifest = PACKAGE / "package.json"
    if not manifest.is_file():
        print(
            f"{PACKAGE.relative_to(ROOT)} is missing: run 'npm ci --ignore-scripts' first",
            file=sys.stderr,
        )
        return 2
    meta = json.loads(manifest.read_text("utf-8"))
    locked = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    pinned = locked["packages"]["node_modules/@zazuko/yasgui"]["version"]
    if meta["version"] != pinned:
        print(
            f"node_modules holds @zazuko/yasgui {meta['version']}, package-lock.json pins "
            f"{pinned}: run 'npm ci --ignore-scripts' again",
            file=sys.stderr,
        )
        return 2
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        text = (PACKAGE / "build" / name).read_text("utf-8")
        kept = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")]
        (VENDOR / name).write_text("\n".join(kept) + "\n", "utf-8")
    (VENDOR / "NOTICE").write_text(
        f"{meta['name']} {meta['version']} ({meta.get('homepage', '')}), "
        f"licence {meta.get('license', 'see the package')}: {', '.join(FILES)} copied from its "
        "npm package by scripts/vendor_yasgui.py.\n",
        "utf-8",
    )
    print(f"YASGUI {meta['version']} copied into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

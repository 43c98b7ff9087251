"""scripts/vendor_yasgui.py: YASGUI's built files copied from node_modules into the package,
only in the version package-lock.json pins (run on a copy of the script in a fake checkout)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "vendor_yasgui.py"


def _checkout(tmp_path: Path, *, installed: str | None, pinned: str = "4.6.2") -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(SCRIPT, tmp_path / "scripts" / SCRIPT.name)
    lock = {"packages": {"node_modules/@zazuko/yasgui": {"version": pinned}}}
    (tmp_path / "package-lock.json").write_text(json.dumps(lock), "utf-8")
    if installed is not None:
        package = tmp_path / "node_modules" / "@zazuko" / "yasgui"
        (package / "build").mkdir(parents=True)
        meta = {"name": "@zazuko/yasgui", "version": installed, "license": "MIT"}
        (package / "package.json").write_text(json.dumps(meta), "utf-8")
        (package / "build" / "yasgui.min.js").write_text(
            "var Yasgui=1;\n//# sourceMappingURL=yasgui.min.js.map", "utf-8"
        )
        (package / "build" / "yasgui.min.css").write_text(".yasgui{}", "utf-8")
    return tmp_path


def _run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / SCRIPT.name)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_copies_the_pinned_build_without_its_source_map_line(tmp_path: Path) -> None:
    root = _checkout(tmp_path, installed="4.6.2")
    done = _run(root)
    assert done.returncode == 0, done.stderr
    vendor = root / "graph_builder" / "server" / "static" / "vendor"
    assert (vendor / "yasgui.min.js").read_text("utf-8") == "var Yasgui=1;\n"
    assert (vendor / "yasgui.min.css").read_text("utf-8") == ".yasgui{}\n"
    assert "@zazuko/yasgui 4.6.2" in (vendor / "NOTICE").read_text("utf-8")
    assert "licence MIT" in (vendor / "NOTICE").read_text("utf-8")


@pytest.mark.parametrize(
    ("installed", "says"),
    [
        (None, "node_modules/@zazuko/yasgui is missing: run 'npm ci --ignore-scripts' first"),
        ("4.5.0", "node_modules holds @zazuko/yasgui 4.5.0, package-lock.json pins 4.6.2"),
    ],
)
def test_refuses_without_the_pinned_version(
    tmp_path: Path, installed: str | None, says: str
) -> None:
    root = _checkout(tmp_path, installed=installed)
    done = _run(root)
    assert done.returncode == 2
    assert done.stderr.startswith(says)
    assert len(done.stderr.splitlines()) == 1
    assert not (root / "graph_builder").exists()


def test_the_pinned_version_is_the_one_package_json_asks_for() -> None:
    wanted = json.loads((REPO / "package.json").read_text("utf-8"))["dependencies"]
    locked = json.loads((REPO / "package-lock.json").read_text("utf-8"))["packages"]
    assert wanted == {"@zazuko/yasgui": locked["node_modules/@zazuko/yasgui"]["version"]}

"""A build's manifest: what it was built from, so later commands know whether it is current.

``manifest.json`` holds the content hash of every input file (data and ontology, by
relative path), the entailment mode, and per source file its id and the countries it
names. ``query``, ``view``, ``stats``, ``export`` and ``serve`` open a build's store only
when the inputs still hash the same; ``build`` uses it to load only the sources that
changed. This module is light on purpose: every command reads it at start-up.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph_builder.rdf.store import GraphStore

log = logging.getLogger(__name__)

STORE_DIR = "store"
MANIFEST = "manifest.json"


def input_hashes(data_dir: Path | None, ontology_dir: Path | None) -> dict[str, Any]:
    """Content hashes of every input file, by folder and relative path."""
    from graph_builder import resources

    folders = {
        "data": Path(data_dir or resources.data_dir()),
        "ontology": Path(ontology_dir or resources.ontology_dir()),
    }
    hashes: dict[str, Any] = {}
    for name, folder in folders.items():
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        hashes[name] = {
            "path": str(folder.resolve()),
            "files": {
                str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in files
            },
        }
    return hashes


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The manifest of the build in *out_dir*, or None when there is no complete build."""
    path = out_dir / MANIFEST
    if not path.is_file() or not (out_dir / STORE_DIR / "CURRENT").is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not {"sources", "countries"} <= set(manifest):
        return None
    return manifest


def open_build(
    out_dir: Path, *, data_dir: Path | None = None, ontology_dir: Path | None = None
) -> GraphStore | None:
    """The persisted store in *out_dir* if it was built from the current inputs, else None.

    *data_dir* and *ontology_dir* default to the folders the store was built from.
    """
    manifest = read_manifest(out_dir)
    if manifest is None:
        return None
    try:
        data = data_dir or Path(manifest["data"]["path"])
        ontology = ontology_dir or Path(manifest["ontology"]["path"])
        current = input_hashes(data, ontology)
    except (OSError, KeyError, TypeError):
        return None
    if any(current[k] != manifest.get(k) for k in ("data", "ontology")):
        log.warning("%s is older than its inputs; building from the data instead", out_dir)
        return None
    from graph_builder.rdf.store import GraphStore

    return GraphStore.open(out_dir / STORE_DIR, read_only=True)

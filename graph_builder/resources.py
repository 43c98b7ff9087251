"""Where the bundled ontology, data and named queries are, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    # A checkout (or editable install) has the folder beside the package; a wheel bundles it.
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_bundled" / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def ontology_dir() -> Path:
    """The folder of the published ontology (``ontology/``)."""
    return _locate("ontology")


def data_dir() -> Path:
    """The folder of the bundled dataset (``data/``)."""
    return _locate("data")


def queries_dir() -> Path:
    """The folder of the named SPARQL queries."""
    return _PACKAGE / "sparql" / "queries"

"""The ``graph-builder`` command line: a thin layer over the library.

Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 SHACL violations, a failed push
or a query stopped at its time or memory limit, 2 bad input (a data file, an ontology, a
query or a parameter) or usage.
"""

# Each module adds its commands to ``main`` when one of them is asked for (base._MODULES).
from graph_builder.cli.base import main

__all__ = ["main"]

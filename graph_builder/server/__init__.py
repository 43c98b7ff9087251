"""The read-only SPARQL 1.1 Protocol endpoint (see :mod:`graph_builder.server.app`)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from graph_builder.server.config import ServerConfig

if TYPE_CHECKING:  # the web stack loads on first use: the CLI reads ServerConfig alone
    from graph_builder.server.app import create_app, running_server, serve

_LAZY = {"create_app", "running_server", "serve"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module("graph_builder.server.app"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'graph_builder.server' has no attribute {name!r}")


__all__ = ["ServerConfig", "create_app", "running_server", "serve"]

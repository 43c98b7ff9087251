"""The read-only SPARQL 1.1 Protocol endpoint (see :mod:`graph_builder.server.app`)."""

from __future__ import annotations

from graph_builder.server.app import ServerConfig, create_app, running_server, serve

__all__ = ["ServerConfig", "create_app", "running_server", "serve"]

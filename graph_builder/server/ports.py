"""Whether the endpoint can listen where it is asked to, checked before the dataset loads."""

from __future__ import annotations

import errno
import socket

from graph_builder.errors import PortInUse, ServerError

__all__ = ["check_port_free"]


def check_port_free(host: str, port: int) -> None:
    """Raise :class:`PortInUse` when another program listens on *host*:*port*.

    The socket is bound as uvicorn binds it (``SO_REUSEADDR``), then closed, so a port
    held only by connections still closing counts as free. Another program may still take
    the port between this check and the server's start; uvicorn then fails as before.
    Port 0 (any free port) is always free.
    """
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(host, port) from None
            raise ServerError(f"cannot listen on {host} port {port}: {exc.strerror}") from None

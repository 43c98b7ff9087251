"""Who the client is behind a trusted reverse proxy (``X-Forwarded-For``).

Behind a proxy every connection comes from the proxy's address, so limits per client
address would put every client in one bucket. For a connection from an address the
operator trusts, the client is read from ``X-Forwarded-For`` the way uvicorn reads it: the
rightmost address that is not itself a trusted proxy (each proxy appends the address it
received the request from). From any other address the header is ignored: a client
cannot choose its own identity.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from graph_builder.errors import ServerError

__all__ = ["TrustedProxies"]

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """The addresses whose ``X-Forwarded-For`` header is believed."""

    def __init__(self, entries: Iterable[str] = ()) -> None:
        self._any = False
        self._networks: list[_Network] = []
        for entry in entries:
            entry = entry.strip()
            if entry == "*":
                self._any = True
                continue
            try:
                self._networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                raise ServerError(
                    f"trusted proxy {entry!r} is not an IP address, a network (127.0.0.0/8) or '*'"
                ) from None

    def __bool__(self) -> bool:
        return self._any or bool(self._networks)

    def trusts(self, host: str) -> bool:
        """Whether the address *host* is a trusted proxy."""
        if self._any:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self._networks)

    def client(self, headers: Iterable[tuple[bytes, bytes]]) -> str | None:
        """The client named by the ``X-Forwarded-For`` headers of a request from a trusted
        proxy; None when there is no such header (the proxy asked for itself)."""
        hops = [
            hop.strip()
            for name, value in headers
            if name == b"x-forwarded-for"
            for hop in value.decode("latin-1").split(",")
        ]
        hops = [hop for hop in hops if hop]
        if not hops:
            return None
        for hop in reversed(hops):
            if not self.trusts(hop):
                return hop
        return hops[0]

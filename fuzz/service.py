"""SERVICE-bearing queries, and a listener that counts who calls it.

The generator writes queries that ask the engine to call a URL on a local
:class:`Listener`, hidden the ways two SPARQL parsers may read differently: comments ended
by other line ends (a bare carriage return, a form feed, U+2028, an escape written out),
escapes with escaped backslashes, strings whose quotes are escaped, the keyword in mixed
case and glued to its neighbours, the endpoint as an IRI, a prefixed name or a variable
bound by VALUES or BIND, and the clause nested in OPTIONAL, UNION, MINUS, EXISTS and
subqueries. The differential fuzz target (:func:`fuzz.targets.service_target`) and the
tests (``tests/test_offline.py``) use it: whatever a guard lets through, the listener must
never be called.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Callable

__all__ = ["Listener", "service_queries"]


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and closes each at once.

    A connection is counted before it is closed, so by the time a caller that connected
    sees the reset, :attr:`calls` includes it.
    """

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(128)
        self.port = self._socket.getsockname()[1]
        self.calls = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with self._lock:
                self.calls += 1
            connection.close()

    def called_by(self, action: Callable[[], object], *, wait: float = 5.0) -> bool:
        """Whether *action* called this listener (counted within *wait* s after it ends)."""
        before = self.calls
        action()
        deadline = time.monotonic() + wait
        while self.calls == before and time.monotonic() < deadline:
            time.sleep(0.005)
        return self.calls != before

    def close(self) -> None:
        self._socket.close()
        self._thread.join(2)

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_KEYWORDS = ["SERVICE", "service", "Service", "sErViCe", "SERVICE SILENT", "service silent"]

# What ends a comment for one reader and maybe not for another, written as query text.
_LINE_ENDS = [
    "\n",
    "\r",
    "\r\n",
    "\f",
    "\v",
    "\u2028",
    "\u2029",
    "\u0085",
    "\\u000a",
    "\\u000d",
    "\\\\u000a",
    "\\\\u000d",
    "\\U0000000A",
    "\\n",
]

_COMMENTS = [
    "# note{end}",
    "#{end}",
    "# \\{end}",
    '# "{end}',
    "# '{end}",
    "# <{end}",
    "#\\\\{end}",
]

_SPACES = [" ", "", "\t", "\n", "\r", "  ", " #c\n", " #c\r", "\f"]

_STRINGS = [
    '"x\\\\"',
    "'x\\\\'",
    '"x\\""',
    "'x\\''",
    '"""x"\\""""',
    '"\\u0022"',
    "'\\u0027'",
]


def _endpoint(rng: random.Random, url: str) -> tuple[str, str, str]:
    """How the clause names *url*: (prologue, endpoint term, binding before the clause)."""
    how = rng.randrange(4)
    if how == 0:
        return "", f"<{url}>", ""
    if how == 1:
        base, local = url.rsplit("/", 1)
        return f"PREFIX svc: <{base}/>\n", f"svc:{local}", ""
    if how == 2:
        return "", "?endpoint", f"VALUES ?endpoint {{ <{url}> }}\n"
    return "", "?endpoint", f"BIND(<{url}> AS ?endpoint)\n"


def _wrap(rng: random.Random, clause: str) -> str:
    how = rng.randrange(6)
    if how == 0:
        return clause
    if how == 1:
        return f"OPTIONAL {{ {clause} }}"
    if how == 2:
        return f"{{ ?a ?b ?c }} UNION {{ {clause} }}"
    if how == 3:
        return f"MINUS {{ {clause} }}"
    if how == 4:
        return f"FILTER EXISTS {{ {clause} }}"
    return f"{{ SELECT * WHERE {{ {clause} }} }}"


def _hide(rng: random.Random, before: str) -> str:
    """Text put just before the clause: a comment, a string, or nothing."""
    how = rng.randrange(4)
    if how == 0:
        return before
    if how == 1:
        comment = rng.choice(_COMMENTS).format(end=rng.choice(_LINE_ENDS))
        return before + comment
    if how == 2:
        return before + f"FILTER({rng.choice(_STRINGS)} != ?zz) "
    return before + f"BIND({rng.choice(_STRINGS)} AS ?s{rng.randrange(9)}) "


def service_query(rng: random.Random, url: str) -> str:
    """One query asking the engine to call *url* through SERVICE, hidden some way."""
    prologue, endpoint, binding = _endpoint(rng, url)
    keyword = rng.choice(_KEYWORDS)
    clause = f"{keyword}{rng.choice(_SPACES)}{endpoint}{rng.choice(_SPACES)}{{ ?s ?p ?o }}"
    # a line break after the clause lets a reader that took the clause for a comment
    # still find a whole query
    inner = _hide(rng, binding) + _wrap(rng, clause) + rng.choice([" ", "\n", "\n\n"])
    form = rng.randrange(3)
    if form == 0:
        return f"{prologue}SELECT * WHERE {{ {inner} }}"
    if form == 1:
        return f"{prologue}ASK {{ {inner} }}"
    return f"{prologue}CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {inner} }}"


def service_queries(count: int, url: str, *, seed: int = 0) -> list[str]:
    """*count* SERVICE-bearing queries calling *url*, the same for the same *seed*."""
    rng = random.Random(seed)
    return [service_query(rng, url) for _ in range(count)]

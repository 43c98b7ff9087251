"""Query evaluation that cannot reach the network: a text check, and a kernel filter.

The engine evaluates ``SERVICE`` itself, in Rust, with its own HTTP client; no Python
hook sees those calls, and a guard that reads the query text can only ever be as right
as its reading of the grammar. So a process that evaluates queries is shut off from the
network by the kernel: :func:`deny_network` installs a seccomp-BPF filter under which
creating any socket other than a local (``AF_UNIX``) one fails with ``EPERM`` — TCP, UDP
and raw sockets alike, so no connection and no DNS lookup — and ``io_uring`` (which could
open sockets without a system call the filter sees) is refused too. The filter applies to
every thread of the process, now and later, and to its children; it cannot be removed.
The pipes the process already holds to its parent keep working.

Only Linux on x86-64 and AArch64 is covered; :func:`deny_network` says whether the
filter is in place, and :func:`network_denied` whether this process runs under one.

Before any evaluation, :func:`refuse_service` refuses a query whose text holds the word
``SERVICE`` anywhere, in any letter case — in a comment, a string or an IRI too. The
engine reads a keyword only from those seven letters written out (it expands no escape
inside a keyword), so no reading of the text, however the comment, escape and line-end
rules of two parsers differ, can find a ``SERVICE`` clause in a text that passes. It is
the text check every evaluation goes through (:meth:`GraphStore.query
<graph_builder.rdf.store.GraphStore.query>`); the kernel filter is what holds if
that check were ever wrong.
"""

from __future__ import annotations

import errno
import logging
import re
import sys
from typing import NamedTuple

from graph_builder.errors import QueryRefused

__all__ = ["deny_network", "escape_service", "network_denied", "refuse_service"]

log = logging.getLogger(__name__)

# <linux/filter.h>, <linux/seccomp.h>, <linux/audit.h>, <linux/prctl.h>
_BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_BPF_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_BPF_RET_K = 0x06  # BPF_RET | BPF_K
_RET_ALLOW = 0x7FFF0000
_RET_EPERM = 0x00050000 | errno.EPERM
_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_AF_UNIX = 1
_X32_SYSCALL_BIT = 0x40000000

# offsets in struct seccomp_data: nr, arch, instruction_pointer, args[6]
_NR, _ARCH, _ARG0 = 0, 4, 16


class _Arch(NamedTuple):
    """A processor's audit architecture and the numbers of the system calls the filter names."""

    audit: int
    socket: int
    io_uring_setup: int
    seccomp: int


_ARCHES = {
    "x86_64": _Arch(audit=0xC000003E, socket=41, io_uring_setup=425, seccomp=317),
    "aarch64": _Arch(audit=0xC00000B7, socket=198, io_uring_setup=425, seccomp=277),
}

_denied = False


def network_denied() -> bool:
    """Whether :func:`deny_network` put this process under its filter."""
    return _denied


_Op = tuple[int, int, int, int]


def _load(offset: int) -> _Op:
    """Load the 32-bit word at *offset* of ``struct seccomp_data``."""
    return (_BPF_LD_W_ABS, 0, 0, offset)


def _answer(value: int) -> _Op:
    """Stop: return *value* (allow, or fail with EPERM)."""
    return (_BPF_RET_K, 0, 0, value)


def _if(test: int, k: int, *, then: int) -> list[_Op]:
    """Answer *then* when the loaded word passes *test* against *k*; else go on."""
    return [(test, 0, 1, k), _answer(then)]


def _unless(k: int, *, then: int) -> list[_Op]:
    """Answer *then* when the loaded word is not *k*; else go on."""
    return [(_BPF_JEQ_K, 1, 0, k), _answer(then)]


def _program(arch: _Arch) -> list[_Op]:
    """The filter: (code, jump-if-true, jump-if-false, k) instructions."""
    return [
        _load(_ARCH),
        # another system-call ABI (i386 on x86-64): refuse everything it asks
        *_unless(arch.audit, then=_RET_EPERM),
        _load(_NR),
        # the x32 ABI numbers its calls from 0x40000000: refuse them all
        *_if(_BPF_JGE_K, _X32_SYSCALL_BIT, then=_RET_EPERM),
        *_if(_BPF_JEQ_K, arch.io_uring_setup, then=_RET_EPERM),
        *_unless(arch.socket, then=_RET_ALLOW),
        # socket(domain, …): only AF_UNIX, the pipes between our own processes
        _load(_ARG0),
        *_if(_BPF_JEQ_K, _AF_UNIX, then=_RET_ALLOW),
        _answer(_RET_EPERM),
    ]


def deny_network() -> bool:
    """Shut this process (all its threads) and its future children off from the network.

    Returns ``True`` once the kernel enforces the filter (also when it already did), and
    ``False`` where it cannot be installed (not Linux, another processor, a kernel without
    seccomp); the caller decides whether to go on without it. Irreversible.
    """
    global _denied
    if _denied:
        return True
    import ctypes  # here, not at import: the store imports this module for every command
    import ctypes.util
    import platform
    import struct

    arch = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    program = _program(arch)
    filters = b"".join(struct.pack("HBBI", *op) for op in program)
    buffer = ctypes.create_string_buffer(filters, len(filters))
    # struct sock_fprog { unsigned short len; struct sock_filter *filter; }
    fprog = struct.pack("HxxxxxxP", len(program), ctypes.addressof(buffer))
    fprog_buffer = ctypes.create_string_buffer(fprog, len(fprog))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        log.warning("no_new_privs could not be set: %s", errno.errorcode.get(ctypes.get_errno()))
        return False
    libc.syscall.restype = ctypes.c_long
    result = libc.syscall(
        ctypes.c_long(arch.seccomp),
        ctypes.c_ulong(_SECCOMP_SET_MODE_FILTER),
        ctypes.c_ulong(_SECCOMP_FILTER_FLAG_TSYNC),
        fprog_buffer,
    )
    if result != 0:
        log.warning(
            "the seccomp filter could not be installed: %s",
            errno.errorcode.get(ctypes.get_errno(), result),
        )
        return False
    _denied = True
    return True


_SERVICE = re.compile("service", re.IGNORECASE | re.ASCII)

SERVICE_REFUSED = (
    "SERVICE is not accepted: queries run over this dataset only, and a query text that "
    "holds the word anywhere (in any letter case, also in a comment, string or IRI) is "
    "refused; to match text holding it, pass the text as a parameter or write it as "
    "servic[e] in a regular expression"
)
_SERVICE_S = re.compile("s(?=ervice)", re.IGNORECASE | re.ASCII)


def refuse_service(text: str) -> None:
    """Raise :class:`QueryRefused` if *text* holds the word ``service`` in any letter case."""
    if _SERVICE.search(text):
        raise QueryRefused(SERVICE_REFUSED)


def escape_service(term: str) -> str:
    """*term* (an IRI or literal as written in a query) with the ``s`` of every ``service``
    written as a ``\\u`` escape, which the engine reads back as the letter.

    For the terms the library itself writes into a checked query (parameter values): a
    value may hold the word, the query text may not.
    """
    return _SERVICE_S.sub(lambda m: f"\\u{ord(m.group(0)):04X}", term)

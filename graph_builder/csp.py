"""Content-Security-Policy sources for the pages the package writes (viewer, review page,
endpoint): an inline script or style is allowed by the hash of its exact text."""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["hash_source", "viewer_csp"]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)


def hash_source(text: str) -> str:
    """The CSP source (``'sha256-…'``) that allows an inline script or style of exactly *text*."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def viewer_csp(html: bytes) -> str:
    """Allow exactly the viewer's own inline scripts (by hash), nothing remote."""
    hashes = " ".join(hash_source(m.group(1)) for m in INLINE_SCRIPT.finditer(html.decode("utf-8")))
    return (
        f"default-src 'none'; script-src {hashes or chr(39) + 'none' + chr(39)}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )

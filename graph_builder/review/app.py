"""The review page's local server: ``graph-builder review``.

Bound to 127.0.0.1 only. ``GET /`` is the page (:mod:`.page`); ``POST /check`` tries the
page's candidate on a copy of the data folder and answers the problems and the diff;
``POST /save`` writes it through the same code as ``graph-builder accept``, runs the
incremental build and answers where the agreement is; ``GET /viewer`` is the built viewer,
opened on that agreement. Every POST must carry the session's random token (header
``X-Review-Token``), a JSON body, and a Host header naming this server (no DNS rebinding);
every write goes through :func:`.accept.write_acceptance`, which refuses a path outside the
data folder.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graph_builder.csp import viewer_csp
from graph_builder.errors import GraphBuilderError, QueryError
from graph_builder.review.accept import (
    Acceptance,
    CandidateRefused,
    Problem,
    check_acceptance,
    plan_acceptance,
    write_acceptance,
)

log = logging.getLogger(__name__)

MAX_BODY = 1_048_576
"""The largest request body accepted (the data files' own cap)."""
_SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class ReviewSession:
    """One review: the data folder it writes to, the page, and the session's token."""

    data_dir: Path
    build_dir: Path
    page: str
    csp: str
    ontology_dir: Path | None = None
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    viewer: bytes | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, candidate: dict[str, Any]) -> dict[str, Any]:
        """The problems and the diff of accepting *candidate* (nothing written)."""
        from graph_builder.diff import format_diff

        acceptance, problems = self._plan(candidate)
        diff = ""
        if acceptance is not None:
            check = check_acceptance(acceptance, self.data_dir, ontology_dir=self.ontology_dir)
            problems, diff = check.problems, format_diff(check.diff)
        return {
            "problems": [_problem(p) for p in problems],
            "diff": diff,
            "left_out": acceptance.left_out if acceptance else [],
        }

    def save(self, candidate: dict[str, Any]) -> dict[str, Any]:
        """Write *candidate* into the data folder (when it validates) and build."""
        from graph_builder.build import run_build

        with self.lock:
            acceptance, problems = self._plan(candidate)
            if acceptance is None:
                return {"saved": False, "problems": [_problem(p) for p in problems]}
            check = check_acceptance(acceptance, self.data_dir, ontology_dir=self.ontology_dir)
            if check.problems:
                return {"saved": False, "problems": [_problem(p) for p in check.problems]}
            written = write_acceptance(acceptance, self.data_dir)
            answer: dict[str, Any] = {"saved": True, "written": [str(p) for p in written]}
            try:
                summary = run_build(self.data_dir, self.build_dir, ontology_dir=self.ontology_dir)
            except GraphBuilderError as exc:  # the files are written; say why there is no build
                return {**answer, "build": f"the build failed: {exc}", "viewer": None}
            self.viewer = _focused_viewer(self.build_dir, _agreement(acceptance, candidate))
        return {**answer, "build": summary.text(), "viewer": "/viewer"}

    def _plan(self, candidate: dict[str, Any]) -> tuple[Acceptance | None, list[Problem]]:
        try:
            return plan_acceptance(candidate, self.data_dir), []
        except CandidateRefused as exc:
            return None, exc.problems


def _problem(problem: Problem) -> dict[str, Any]:
    return {"where": list(problem.where or ()), "message": str(problem)}


def _agreement(acceptance: Acceptance, candidate: dict[str, Any]) -> str | None:
    for entity in acceptance.entities:
        if entity.section == "agreements":
            return str(entity.entry["id"])
    for block in candidate.get("claims") or []:
        if isinstance(block, dict) and "parties" in block:
            return str(block.get("about"))
    return None


def _focused_viewer(build_dir: Path, agreement: str | None) -> bytes:
    """The viewer of the new build, opened on *agreement* when there is one."""
    from graph_builder.manifest import open_build
    from graph_builder.namespaces import entity_iri
    from graph_builder.viewer.render import render_viewer

    store = open_build(build_dir)
    if store is not None and agreement is not None:
        try:
            focus = str(entity_iri("agreement", agreement))
            return render_viewer(store, focus=focus, depth=1).encode("utf-8")
        except QueryError:  # not a vertex of the network: the whole viewer then
            log.info("review: %s is not in the viewer's network", agreement)
    return (build_dir / "viewer.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        log.info("review: " + format, *args)

    def do_GET(self) -> None:
        session = self.server.session
        if not self._host_ok():
            return
        if self.path == "/":
            self._send(200, session.page.encode("utf-8"), "text/html; charset=utf-8", session.csp)
        elif self.path == "/favicon.ico":  # asked for by every browser; there is none
            self._send(204, b"", "image/x-icon", "default-src 'none'")
        elif self.path == "/viewer" and session.viewer is not None:
            csp = viewer_csp(session.viewer)
            self._send(200, session.viewer, "text/html; charset=utf-8", csp)
        else:
            self._json(404, {"error": "not found"})

    def do_POST(self) -> None:
        session = self.server.session
        if not self._host_ok():
            return
        given = self.headers.get("X-Review-Token", "")
        if not hmac.compare_digest(given.encode(), session.token.encode()):
            self._json(403, {"error": "missing or wrong session token; reload the page"})
            return
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            self._json(415, {"error": "send JSON (Content-Type: application/json)"})
            return
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > MAX_BODY:
            self._json(413, {"error": f"a request body is at most {MAX_BODY} bytes"})
            return
        try:
            body = json.loads(self.rfile.read(int(length)).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self._json(400, {"error": "the body is not JSON"})
            return
        candidate = body.get("candidate") if isinstance(body, dict) else None
        if not isinstance(candidate, dict):
            self._json(400, {"error": "the body needs a 'candidate' mapping"})
            return
        try:
            if self.path == "/check":
                self._json(200, session.check(candidate))
            elif self.path == "/save":
                self._json(200, session.save(candidate))
            else:
                self._json(404, {"error": "not found"})
        except GraphBuilderError as exc:
            self._json(422, {"error": str(exc)})
        except Exception:  # a bug: say so to the page, keep serving
            log.exception("review: %s failed", self.path)
            self._json(500, {"error": "the server failed; see its log"})

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            self._json(421, {"error": "this server answers only at 127.0.0.1"})
            return False
        return True

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", "default-src 'none'")

    def _send(self, status: int, body: bytes, media_type: str, csp: str) -> None:
        self.send_response(HTTPStatus(status))
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", csp)
        for name, value in _SECURITY.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, session: ReviewSession, port: int) -> None:
        self.session = session
        super().__init__(("127.0.0.1", port), _Handler)


def review_server(session: ReviewSession, *, port: int = 0) -> ThreadingHTTPServer:
    """A server for *session* on 127.0.0.1:*port* (0: a free port); call serve_forever()."""
    try:
        return _Server(session, port)
    except OSError as exc:
        raise GraphBuilderError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None


def open_review(
    target: Path,
    data_dir: Path,
    *,
    build_dir: Path,
    ontology_dir: Path | None = None,
    article: Path | None = None,
) -> ReviewSession:
    """A review session of *target* (an article, or a candidate file) for *data_dir*."""
    from graph_builder.review.page import page_data, read_review_input, render_page

    review = read_review_input(target, data_dir, article=article)
    token = secrets.token_urlsafe(32)
    html, csp = render_page(page_data(review, data_dir, ontology_dir), token)
    return ReviewSession(data_dir, build_dir, html, csp, ontology_dir, token=token)

"""An answer is freed on the thread that made it.

The engine's answers (``pyoxigraph.QuerySolutions``) may only be dropped on the thread
that made them: dropped on another, they are leaked and Python reports an unraisable
error. A server that answers on several threads (``review``) meets this whenever an
answer is caught in a reference cycle, since the cyclic collector runs on whichever
thread allocates next. Parsing a query with rdflib (pyparsing) leaves cycles of
tracebacks whose frames link to their callers' frames, and so to every caller's locals.
"""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

from graph_builder.sparql.named import run_query
from graph_builder.sparql.results import result_rows


def test_an_untrusted_query_leaves_no_answer_for_another_thread_to_free(dataset):
    caught: list[Any] = []
    seen: list[int] = []

    def ask() -> None:  # a caller that still holds the answer when it returns
        text = "SELECT ?s WHERE { ?s a agr:Agreement } LIMIT 7  # parsed by this test only"
        answer = run_query(dataset, text)
        seen.append(len(list(result_rows(answer))))

    gc.collect()
    hook, sys.unraisablehook = sys.unraisablehook, caught.append
    try:
        worker = threading.Thread(target=ask)
        worker.start()
        worker.join()
        gc.collect()  # here, on the main thread: any cycle holding the answer is freed now
    finally:
        sys.unraisablehook = hook
    assert seen and seen[0] > 0
    assert [str(c.exc_value) for c in caught] == []

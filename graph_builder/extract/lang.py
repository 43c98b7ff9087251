"""Telling Indonesian from English: a stopword profile, offline and deterministic.

The extractor reads two languages only, so the question is never "which of 100
languages" but "id or en". Function words answer it reliably from a sentence or two:
each language's most frequent words (``yang``, ``dan``, ``di`` … / ``the``, ``and``,
``of`` …) hardly occur in the other. General detectors on PyPI either need a model file
at run time or are non-deterministic on short text (langdetect samples at random); this
one has no data to load and gives the same answer every time.
"""

from __future__ import annotations

import re

from .text import ArticleError, Path

_STOPWORDS = {
    "id": frozenset(
        [
            "yang",
            "dan",
            "di",
            "ke",
            "dari",
            "ini",
            "itu",
            "dengan",
            "untuk",
            "pada",
            "dalam",
            "tidak",
            "akan",
            "oleh",
            "juga",
            "adalah",
            "atau",
            "sebagai",
            "telah",
            "kami",
            "kita",
            "mereka",
            "bahwa",
            "serta",
            "para",
            "antara",
            "tersebut",
            "dapat",
            "lebih",
            "karena",
            "saat",
            "sudah",
            "bagi",
            "menjadi",
            "kerja",
            "sama",
            "kedua",
            "negara",
            "pihak",
            "tahun",
            "ujar",
            "kata",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "that",
            "for",
            "with",
            "on",
            "by",
            "was",
            "will",
            "as",
            "are",
            "be",
            "it",
            "from",
            "at",
            "this",
            "an",
            "which",
            "has",
            "have",
            "said",
            "its",
            "their",
            "between",
            "both",
            "two",
            "year",
            "also",
            "would",
            "were",
            "been",
            "into",
            "who",
            "after",
            "more",
            "than",
            "over",
        ]
    ),
}
_WORD = re.compile(r"[^\W\d_]+")


def language_scores(text: str) -> dict[str, int]:
    """How many words of *text* (its first 20,000 characters) are stopwords of each language."""
    counts = {lang: 0 for lang in _STOPWORDS}
    for match in _WORD.finditer(text[:20_000]):
        word = match.group().lower()
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    return counts


def detect_language(text: str, *, path: Path | str = "<text>") -> str:
    """``"id"`` or ``"en"``; raise :class:`ArticleError` when neither is recognisable."""
    scores = language_scores(text)
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        raise ArticleError(
            path, "cannot tell the language (neither Indonesian nor English); give it: id or en"
        )
    return best

"""spaCy's rule-based tokenizer of a language, its hyphenated exceptions added as texts need them.

spaCy's Indonesian tokenizer keeps about 15,600 hyphenated words whole ("anak-anak",
"kerja-sama", "KEMENPAN-RB"); adding them one by one takes about 1.9 CPU s, which every
``graph-builder extract`` of an Indonesian article paid before reading a word. An
exception can only change how a text is split where its string occurs in that text, so
:class:`Tokenizer` starts with the other exceptions and adds each hyphenated one the first
time a text holds it: the tokens are the same as spaCy's own tokenizer gives (a test
checks that on the development set and on generated hyphen chains).
"""

from __future__ import annotations

import re
from typing import Any

_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
"""A word of hyphen-joined parts: the shape of the exceptions added on demand."""


def blank_pipeline(lang: str) -> Any:
    """``spacy.blank(lang)`` whose tokenizer adds its hyphenated exceptions on demand."""
    tokenizer = Tokenizer(lang)
    tokenizer.nlp.tokenizer = tokenizer
    return tokenizer.nlp


class Tokenizer:
    """spaCy's tokenizer of *lang* (:attr:`nlp` is its blank pipeline); call it as that."""

    def __init__(self, lang: str) -> None:
        import spacy

        language = spacy.util.get_lang_class(lang)
        rules: dict[str, Any] = dict(language.Defaults.tokenizer_exceptions)
        self._later = {k: v for k, v in rules.items() if _HYPHENATED.fullmatch(k)}
        first = {k: v for k, v in rules.items() if k not in self._later}
        defaults = type("Defaults", (language.Defaults,), {"tokenizer_exceptions": first})
        self.nlp = type(language.__name__, (language,), {"Defaults": defaults})()
        self._tokenizer = self.nlp.tokenizer
        # Each exception indexed by its first part and what follows the first hyphen:
        # "anak-anak" → "anak": ["anak"]; a text's hyphen chains are looked up part by part.
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        for key in self._later:
            head, rest = key.split("-", 1)
            self._by_first.setdefault(head, []).append((rest, key))
        self._longest_head = max((len(h) for h in self._by_first), default=0)
        self._chains_seen: set[str] = set()

    def __call__(self, text: str) -> Any:
        """spaCy's :class:`~spacy.tokens.Doc` of *text*."""
        if self._later:
            self._add_needed(text)
        return self._tokenizer(text)

    def _add_needed(self, text: str) -> None:
        """Add every hyphenated exception that occurs in *text* (as a substring: more than
        the tokenizer would apply, never fewer)."""
        seen = self._chains_seen
        chains = {m.group() for m in _HYPHENATED.finditer(text)}.difference(seen)
        if len(seen) > 100_000:
            seen.clear()
        for chain in chains:
            seen.add(chain)
            for key in self._occurring(chain):
                rules = self._later.pop(key, None)
                if rules is not None:
                    self._tokenizer.add_special_case(key, rules)

    def _occurring(self, chain: str) -> list[str]:
        """The exceptions that occur in *chain* ("x-y-z"): each begins with the end of a
        part and goes on from the hyphen after it."""
        found: list[str] = []
        by_first = self._by_first
        start = 0
        for hyphen in [i for i, c in enumerate(chain) if c == "-"]:
            for size in range(1, min(hyphen - start, self._longest_head) + 1):
                for rest, key in by_first.get(chain[hyphen - size : hyphen], ()):
                    if chain.startswith(rest, hyphen + 1):
                        found.append(key)
            start = hyphen + 1
        return found

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
from typing import Any, NamedTuple

_HYPHENATED = re.compile(r"(?<!\w)\w++(?:-\w++)+")
"""A word of hyphen-joined parts: the shape of the exceptions added on demand. (Started at
a word's start and never giving back letters: five times faster over a long text.)"""
_SHORT, _SHORT_KEPT, _LONG = 200, 20_000, 100_000
"""Texts of at most _SHORT characters (the first _SHORT_KEPT) are tokenized again to fill
spaCy's cache after it is emptied, before a text of more than _LONG characters."""
_CACHED = 200_000
"""Words spaCy's cache holds (its default, 10,000, is fewer than a long page's words)."""
_FEW = 100
"""A language with fewer hyphenated exceptions (English has one) gets them all at once."""


class Pipeline(NamedTuple):
    """What the phrase finder uses of a spaCy pipeline: its vocabulary and tokenizer."""

    vocab: Any
    tokenizer: Any


def blank_pipeline(lang: str) -> Pipeline:
    """``spacy.blank(lang)``'s vocabulary and tokenizer, the hyphenated exceptions added on
    demand. Made as spaCy's own factory makes them, without a ``Language`` object (whose
    configuration imports every language's registrations: 0.1 CPU s)."""
    tokenizer = Tokenizer(lang)
    return Pipeline(tokenizer.vocab, tokenizer)


class Tokenizer:
    """spaCy's tokenizer of *lang* (over :attr:`vocab`); call it as that."""

    def __init__(self, lang: str) -> None:
        from spacy import util
        from spacy.tokenizer import Tokenizer as SpacyTokenizer
        from spacy.vocab import create_vocab

        defaults = util.get_lang_class(lang).Defaults
        rules: dict[str, Any] = dict(defaults.tokenizer_exceptions)
        later = {k: v for k, v in rules.items() if _HYPHENATED.fullmatch(k)}
        self._later = later if len(later) >= _FEW else {}
        self.vocab = create_vocab(lang, defaults)
        prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
        self._tokenizer = SpacyTokenizer(
            self.vocab,
            rules={k: v for k, v in rules.items() if k not in self._later},
            prefix_search=util.compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=util.compile_suffix_regex(suffixes).search if suffixes else None,
            infix_finditer=util.compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        # Each exception indexed by its first part and what follows the first hyphen:
        # "anak-anak" → "anak": ["anak"]; a text's hyphen chains are looked up part by part.
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        for key in self._later:
            head, rest = key.split("-", 1)
            self._by_first.setdefault(head, []).append((rest, key))
        self._longest_head = max((len(h) for h in self._by_first), default=0)
        self._chains_seen: set[str] = set()
        self._short: list[str] = []
        self._tokenizer.max_cache_size = _CACHED

    def __call__(self, text: str) -> Any:
        """spaCy's :class:`~spacy.tokens.Doc` of *text*."""
        if len(text) <= _SHORT and len(self._short) < _SHORT_KEPT:
            self._short.append(text)
        if self._later and self._add_needed(text) and len(text) > _LONG:
            # Adding an exception empties spaCy's cache of words, and within one call the
            # tokenizer caches no word after the first exception it meets: a long text
            # would be split word by word without what the short texts (the lexicon's
            # phrases) left in the cache (1.2 of 7 CPU s at 2 MB of Indonesian news).
            for short in self._short:
                self._tokenizer(short)
        if len(text) > _LONG:
            # For the same reason each of a long text's words is split once on its own
            # first (a call of one word caches it): after its first exception a varied
            # Indonesian page was split word by word, 4 of its 5 MB's 17 CPU s.
            for word in set(text.split()):
                self._tokenizer(word)
        return self._tokenizer(text)

    def _add_needed(self, text: str) -> bool:
        """Add every hyphenated exception that occurs in *text* (as a substring: more than
        the tokenizer would apply, never fewer); whether any was added."""
        added = False
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
                    added = True
        return added

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

"""Phrase finders built from a :class:`~.patterns.Lexicon`, once per language: spaCy's
tokenizer, then a tree of the phrases' normalised words matched over a text's words.

``spacy.blank("id")`` and ``spacy.blank("en")`` give rule-based tokenizers with no model
to download (their hyphenated exceptions added as texts need them: :mod:`.tokenizer`).
A user with a trained pipeline installed can pass its name (``--model``); it is loaded
with :func:`spacy.load` from the installed packages, never fetched.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from graph_builder.errors import GraphBuilderError
from graph_builder.records import LANGUAGES

from .patterns import Lexicon, Target

_OPTIONAL = {"id": {"para", "yang", "-", "–", "sang"}, "en": {"the", "-", "–"}}
_REDUPLICATED = re.compile(r"^(\w+)-\1$")
_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z.&]{0,7}$")
_SPELLING = {"center": "centre", "program": "programme", "labor": "labour"}


class Mention(NamedTuple):
    """A phrase found in the text: where it is and what it refers to.

    A named tuple, not a dataclass: a long text has hundreds of thousands, and a frozen
    dataclass costs ten times as much to make."""

    start: int  # character offsets into the text
    end: int
    text: str
    targets: tuple[Target, ...]


def having(mentions: Sequence[Mention], test: Callable[[Target], bool]) -> list[bool]:
    """For each of *mentions*, whether one of its targets passes *test*.

    *test* is run once per distinct tuple of targets, not per mention: a long text's
    hundred thousand mentions share a few thousand tuples (the finder's own), so a loop
    that asks each mention costs more than the answer."""
    targets = list(map(_TARGETS, mentions))
    ids = list(map(id, targets))  # the mentions keep their tuples alive: no id is reused
    verdicts = {
        key: any(map(test, held)) for key, held in dict(zip(ids, targets, strict=True)).items()
    }
    return list(map(verdicts.__getitem__, ids))


_TARGETS = operator.itemgetter(3)
"""A mention's targets (its fourth field)."""


def is_abbreviation(phrase: str) -> bool:
    """Short all-capitals (or mixed-capitals) words are matched case-sensitively."""
    return (
        " " not in phrase
        and len(phrase) <= 6
        and sum(c.isupper() for c in phrase) >= 2
        and bool(_ABBREVIATION.match(phrase))
    )


@lru_cache(maxsize=65536)
def _norm_word(word: str, lang: str) -> str:
    word = word.lower().rstrip(".") or word
    if not word.isascii():  # a name is written with its accents or without ("São Tomé")
        word = "".join(
            c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
        )
    folded = _REDUPLICATED.match(word)
    if folded:
        word = folded.group(1)
    if lang == "en":
        word = _SPELLING.get(word, word)
        word = word.replace("ization", "isation")
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
            word = word[:-1]
    return word


def normalise(words: list[str], lang: str) -> list[tuple[str, str, int]]:
    """Kept tokens as (normalised, original, index): optional words and "(ABBR)" skipped."""
    norms, originals, indices = _normalised(words, lang)
    return list(zip(norms, originals, indices, strict=True))


def _normalised(words: list[str], lang: str) -> tuple[list[str], list[str], list[int]]:
    """:func:`normalise`'s kept tokens as three columns: normalised words, original words,
    indices into *words*. (A tuple per word of a long text costs more than the matching.)"""
    forms = _FORMS.setdefault(lang, {})
    if len(forms) > _FORMS_KEPT:
        forms.clear()
    for word in set(words).difference(forms):
        forms[word] = _form(word, lang)
    # Commas and brackets are few: the tokens they drop are found first, then every other
    # word is read in one pass (a loop that looks at each word's neighbours costs more).
    got = list(map(forms.__getitem__, words))
    last = len(words) - 1
    for i in [i for i, word in enumerate(words) if word == "(" or word == ","]:
        if words[i] == "(":
            inner = words[i + 1] if i + 2 <= last and words[i + 2] == ")" else ""
            if inner.isupper() and 1 < len(inner) <= 8:
                got[i] = got[i + 1] = got[i + 2] = ()
        elif i < last and words[i + 1].lower() in ("dan", "and", "serta"):
            got[i] = ()
    # an optional or skipped word's form is (): the rest are kept, in their order
    indices = list(itertools.compress(range(len(got)), got))
    kept = got if len(indices) == len(got) else list(map(got.__getitem__, indices))
    return list(map(_FIRST, kept)), list(map(_SECOND, kept)), indices


_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)


_FORMS: dict[str, dict[str, tuple[str, str] | tuple[()]]] = {}
"""Each language's words seen so far → (normalised, original), or () for an optional word."""
_FORMS_KEPT = 200_000


def _form(word: str, lang: str) -> tuple[str, str] | tuple[()]:
    if word.lower() in _OPTIONAL.get(lang, set()):
        return ()
    return (_norm_word(word, lang), word.rstrip(".") or word)


class PhraseFinder:
    """Finds a lexicon's phrases in text of one language, longest match first."""

    def __init__(self, lexicon: Lexicon, lang: str, *, model: str | None = None) -> None:
        self.lang = lang
        self.nlp = _load_pipeline(lang, model)
        # The phrases' normalised words as a tree of dictionaries, word by word ("" marks
        # where a phrase ends): matched in one pass over a text's words, without the Doc
        # and PhraseMatcher of spaCy's (the same matches in less than half the time).
        self._tree: dict[str, Any] = {}
        # Abbreviations are one token each, matched with their case by a dictionary.
        self.cased: dict[str, str] = {}
        self.targets: dict[str, list[Target]] = {}
        self._looked_up: dict[str, tuple[Target, ...]] = {}
        for phrase, target in [*lexicon.phrases.get("*", []), *_for_lang(lexicon, lang)]:
            words = [t.text for t in self.nlp.tokenizer(phrase)]
            if is_abbreviation(phrase):
                key = "C:" + phrase.rstrip(".")
                self.cased[phrase.rstrip(".")] = key
            else:
                tokens = [norm for norm, _, _ in normalise(words, lang)]
                if not tokens:
                    continue
                key = "L:" + " ".join(tokens)
                node = self._tree
                for token in tokens:
                    node = node.setdefault(token, {})
                node[_END] = key
            self.targets.setdefault(key, [])
            if target not in self.targets[key]:
                self.targets[key].append(target)
        self._frozen = {key: tuple(targets) for key, targets in self.targets.items()}

    def lookup(self, phrase: str) -> tuple[Target, ...]:
        """What *phrase*, written in full, refers to (nothing when it is not a phrase)."""
        if phrase not in self._looked_up:
            words = [t.text for t in self.nlp.tokenizer(phrase)]
            key = "L:" + " ".join(norm for norm, _, _ in normalise(words, self.lang))
            if len(self._looked_up) > 65536:
                self._looked_up.clear()
            self._looked_up[phrase] = tuple(self.targets.get(key, ()))
        return self._looked_up[phrase]

    def tokens(self, text: str) -> list[tuple[str, int]]:
        """The tokenizer's words of *text* with their character offsets."""
        words, offsets = self._words(text)
        return list(zip(words, offsets, strict=True))

    def _words(self, text: str) -> tuple[list[str], list[int]]:
        """The tokenizer's words of *text*, and their character offsets."""
        from spacy.attrs import IDX, LENGTH

        # Offsets and lengths as one array: a Token object per word costs more than the
        # tokenizer itself on a long text.
        doc = self.nlp.tokenizer(text)
        if not len(doc):
            return [], []
        # One list per column: a nested list of pairs from numpy costs ten times as much.
        array = doc.to_array([IDX, LENGTH])
        offsets = array[:, 0].tolist()
        words = [text[i : i + n] for i, n in zip(offsets, array[:, 1].tolist(), strict=True)]
        return words, offsets

    def _matches(self, norms: list[str]) -> list[list[tuple[int, str]]]:
        """Every phrase among the normalised words *norms* (overlapping ones too), as
        (first word, key) by length: ``found[n]`` holds the matches of *n* words."""
        tree, last = self._tree, len(norms)
        found: list[list[tuple[int, str]]] = [[], []]
        # only the words that begin a phrase are walked from (found by a map, not a loop)
        for start in itertools.compress(range(last), map(tree.__contains__, norms)):
            node = tree[norms[start]]
            end = start + 1
            while node is not None:
                key = node.get(_END)
                if key is not None:
                    while len(found) <= end - start:
                        found.append([])
                    found[end - start].append((start, key))
                if end == last:
                    break
                node = node.get(norms[end])
                end += 1
        return found

    def find(self, text: str) -> list[Mention]:
        """Every phrase of the lexicon in *text*; overlapping matches keep the longest."""
        words, offsets = self._words(text)
        norms, originals, indices = _normalised(words, self.lang)
        found = self._matches(norms)
        cased = self.cased
        # Columns and C-level maps rather than a loop per word: a long text has a million.
        held = list(map(cased.__contains__, originals))
        found[1] += [(i, cased[originals[i]]) for i in itertools.compress(range(len(held)), held)]
        # Longest first, then from the left; a match is kept unless a kept one holds a word.
        taken = bytearray(len(norms))  # 1 where a longer match already holds the token
        frozen = self._frozen
        mentions: list[Mention] = []
        add, new = mentions.append, tuple.__new__  # a named tuple's own __new__ costs more
        for size in range(len(found) - 1, 1, -1):
            for start, key in found[size]:
                end = start + size
                if taken.find(1, start, end) != -1:
                    continue
                taken[start:end] = b"\x01" * size
                char_start = offsets[indices[start]]
                char_end = offsets[indices[end - 1]] + len(originals[end - 1])
                add(new(Mention, (char_start, char_end, text[char_start:char_end], frozen[key])))
        for start, key in found[1]:
            if taken[start]:
                continue
            taken[start] = 1
            char_start = offsets[indices[start]]
            char_end = char_start + len(originals[start])
            add(new(Mention, (char_start, char_end, text[char_start:char_end], frozen[key])))
        # "(UNIDO)" after a name the lexicon does not know: the phrases skip bracketed
        # abbreviations, but a known one names its body on its own.
        if len(norms) < len(words):
            abbreviations = map(cased.__contains__, words)
            for i in itertools.compress(range(len(words)), abbreviations):
                word, at = words[i], offsets[i]
                # indices is in the words' order: a word is kept where its index stands there
                # (a search per abbreviation, not a set of every kept word's)
                place = bisect.bisect_left(indices, i)
                if place == len(indices) or indices[place] != i:
                    key = self.cased[word]
                    mentions.append(Mention(at, at + len(word), word, frozen[key]))
        mentions.sort(key=_START)
        return mentions


_START = operator.itemgetter(0)
"""A mention's start (its first field)."""

_END = ""
"""The key under which the tree of phrases keeps a phrase that ends at a node (no word is
empty)."""


def _for_lang(lexicon: Lexicon, lang: str) -> list[tuple[str, Target]]:
    # Labels of both languages are looked for in either: Indonesian releases quote English
    # names ("eco-industrial park") and English reports quote Indonesian ones.
    return [item for code in LANGUAGES for item in lexicon.phrases.get(code, [])]


def _load_pipeline(lang: str, model: str | None) -> Any:
    import spacy

    from .tokenizer import blank_pipeline

    if model is None:
        return blank_pipeline(lang)
    try:
        return spacy.load(model, exclude=["parser", "ner", "tagger", "lemmatizer"])
    except OSError as exc:
        raise GraphBuilderError(
            f"spaCy pipeline {model!r} is not installed ({exc}); install it as a Python "
            "package first, or use the built-in tokenizers (no model)"
        ) from None

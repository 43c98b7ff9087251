"""tokenizer.py: the tokenizer that adds hyphenated exceptions on demand splits every text
as spaCy's own blank tokenizer does."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from graph_builder.extract.text import read_article
from graph_builder.extract.tokenizer import Tokenizer

GOLD = Path(__file__).resolve().parent.parent / "extract_gold"


def _generated(lang: str, seed: int, count: int) -> list[str]:
    """Texts made of the language's exceptions, cut, joined and capitalised at random:
    inside longer words, in brackets, chained with more hyphens."""
    import spacy

    keys = sorted(spacy.util.get_lang_class(lang).Defaults.tokenizer_exceptions)
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = []
        for _ in range(40):
            word = rng.choice(keys)
            change = rng.randrange(7)
            if change == 0:
                word = "ber" + word
            elif change == 1:
                word += "nya"
            elif change == 2:
                word = f"({word}),"
            elif change == 3:
                word = f"{word}-{rng.choice(keys)}"
            elif change == 4:
                word = word.upper()
            words.append(word)
        texts.append(rng.choice((" ", "-", "  ", "\n")).join(words))
    return texts


@pytest.fixture(scope="module")
def spacy_tokenizers() -> dict[str, Any]:
    spacy = pytest.importorskip("spacy")
    return {lang: spacy.blank(lang).tokenizer for lang in ("id", "en")}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(
    "texts",
    [
        # the fast lane splits every eighth gold article alone (the long page below holds
        # them all); every one alone is the slow lane's sweep
        "development set spread",
        pytest.param("development set", marks=pytest.mark.slow),
        "generated",
    ],
)
def test_tokens_are_spacys(spacy_tokenizers, lang, texts):
    if texts == "generated":
        inputs = _generated(lang, seed=18, count=60)
    else:
        paths = sorted(p for p in GOLD.iterdir() if p.suffix != ".json")
        inputs = [read_article(p).text for p in (paths[::8] if "spread" in texts else paths)]
    ours, theirs = Tokenizer(lang), spacy_tokenizers[lang]
    for text in inputs:
        assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_long_text_after_short_ones_is_split_as_spacy_splits_it(spacy_tokenizers, lang):
    # short texts first (as the lexicon's phrases are), then a text long enough that the
    # cache is filled again after its new exceptions are added
    shorts = [word for text in _generated(lang, seed=20, count=5) for word in text.split()]
    long = "\n\n".join(_generated(lang, seed=21, count=300))
    assert len(long) > 100_000
    ours, theirs = Tokenizer(lang), spacy_tokenizers[lang]
    for text in [*shorts, long, *shorts]:
        assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_long_page_is_split_as_spacy_splits_it(spacy_tokenizers, lang):
    # a long text's words are first split one by one, each in a call of its own, so that
    # spaCy caches them: the tokens and their offsets are still spaCy's
    paths = sorted(p for p in GOLD.iterdir() if p.suffix != ".json")
    page = "\n\n".join(read_article(p).text for p in paths)
    assert len(page) > 100_000
    ours, theirs = Tokenizer(lang), spacy_tokenizers[lang]
    assert [(t.text, t.idx) for t in ours(page)] == [(t.text, t.idx) for t in theirs(page)]


def test_an_exception_is_added_when_a_text_holds_it():
    tokenizer = Tokenizer("id")
    assert [t.text for t in tokenizer("anak-anak")] == ["anak-anak"]
    # the same word inside a longer one, and as its own token after it
    assert [t.text for t in tokenizer("beranak-anak (anak-anak),")] == [
        "beranak",
        "-",
        "anak",
        "(",
        "anak-anak",
        ")",
        ",",
    ]

"""lowered.py: the cues read on lowercased ASCII text match where they match the text.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import re

import pytest

from graph_builder.extract import cues, outsiders
from graph_builder.extract.lowered import finditer, folded, search
from graph_builder.extract.scope import is_background

_CUES = {
    name: getattr(cues, name)
    for name in ("SIGNING", "AGREEMENT_WORDS", "SCOPE", "BACKGROUND", "EXPECTATION", "BASELINE")
} | {"NO_DEAL": outsiders.NO_DEAL, "CONTINUATION": cues.CONTINUATION}

_SENTENCES = [
    "The Two Ministries SIGNED a Memorandum of Understanding in Jakarta on Monday.",
    "Kedua Negara Menandatangani Nota Kesepahaman di bidang industri hijau.",
    "Since March 2019 the PACT has been in force; it covers Textiles and Footwear.",
    "sejak 2021 Kerja Sama ini Sudah Berlaku, yakni di sektor baja dan semen.",
    "Trade reached US$ 420 million last year and both hope to double it.",
    "Pada tahun 2025 nilainya baru 60 juta dolar, tetapi keduanya menargetkan lebih.",
    "No agreement was signed, and the talks stalled over tariffs.",
    "Moreover, the co-operation will focus on training and Joint Research.",
    "A signing-ceremony photo, a re-signed deal and co-signed notes name no verb of signing.",
    "Tidak ada kesepakatan; Mereka berencana bertemu lagi tahun depan.",
    "They launched the Skills Programme, which is to be rolled out in Surabaya.",
]
"""Mixed-case sentences that hit (and near-miss) most cues."""


@pytest.mark.parametrize("name", sorted(_CUES))
@pytest.mark.parametrize("sentence", _SENTENCES)
def test_a_cue_matches_the_lowered_text_where_it_matches_the_text(name: str, sentence: str) -> None:
    pattern = _CUES[name]
    low = folded(sentence)
    assert low is not None
    found = search(pattern, sentence, low)
    expected = pattern.search(sentence)
    assert (found and found.span()) == (expected and expected.span())
    spans = [m.span() for m in finditer(pattern, sentence, low)]
    assert spans == [m.span() for m in pattern.finditer(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kerja sama itu ditandatangani di Bandung pada 2019 silam.",
        "In 2020 the two sides signed an earlier accord.",
        "Trade was US$ 300 million in 2025 and they aim to double it.",
    ],
)
def test_background_is_the_same_read_on_the_lowered_text(sentence: str) -> None:
    assert is_background(sentence, 2026, folded(sentence)) == is_background(sentence, 2026)


def test_text_outside_ascii_is_read_as_it_is() -> None:
    # "ſ" matches "s" ignoring case, and "ſign".lower() keeps it: no lowered copy for it
    sentence = "Both ſides ſigned the accord in Jakarta."
    assert folded(sentence) is None
    found = search(cues.SIGNING, sentence, folded(sentence))
    assert found is not None and found.group() == "ſigned"


@pytest.mark.parametrize(
    ("source", "flags", "text"),
    [
        (r"\S+ SIGNED", re.IGNORECASE, "Both SIGNED"),  # \S kept, not read as \s
        (r"[A-Z]\w+ deal", re.IGNORECASE, "a Big deal"),
        (r"\x41ccord", re.IGNORECASE, "the ACCORD"),  # a code: not lowered
        (r"(?i:MoU)", 0, "the MOU"),  # inline flags: not lowered
        (r"MoU", 0, "the mou"),  # case-sensitive: read on the text itself
        (r"\u212aingdom", re.IGNORECASE, "the Kingdom"),
        ("\u212aingdom", re.IGNORECASE, "the Kingdom"),  # the Kelvin sign matches "K"
    ],
)
def test_any_pattern_finds_what_it_finds_on_the_text(source: str, flags: int, text: str) -> None:
    pattern = re.compile(source, flags)
    found = search(pattern, text, folded(text))
    expected = pattern.search(text)
    assert (found and found.span()) == (expected and expected.span())

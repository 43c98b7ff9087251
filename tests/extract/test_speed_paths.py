"""The shortcuts a long page takes give what the full reading gives (extract-speed7)."""

from __future__ import annotations

import pytest

from graph_builder.extract.agencies import _APPOSED, _APPOSED_AFTER, _HEAD_WORDS, apposed_names


def _pattern_names(sentence: str) -> list[tuple[int, str]]:
    # the patterns alone, without the words-first check (the names they yield pass the
    # same filters in apposed_names; these sentences' names are no filtered word)
    return [
        (m.start(1), m.group(1)) for p in (_APPOSED, _APPOSED_AFTER) for m in p.finditer(sentence)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bioenergy Partners, the national renewables agency, will fund the plants.",
        "Tirta Raya, the water authority of the province, signed the deal.",
        "Kalbar Export Centre, a regional trade organization, joined in.",
        "Kalbar Export Centre, a regional trade organisation, joined in.",
        "Norsk Forum, the Nordic business council, hosted the talks.",
        "Instituto Andino (IA), a research institute, will train the staff.",
        "Mercato Aperto, the bloc's trade office, was not named.",
        "Pesisir Jaya, an energy corporation, will build the port.",
        "Harbour Link, the port board, approved the plan.",
        "Dana Mandiri, badan pembiayaan daerah, akan mendanai proyek itu.",
        "Sinar Tani, lembaga riset pertanian Jawa, ikut menandatangani.",
        "Bintang Laut, otoritas pelabuhan setempat, menyetujui rencana itu.",
        "Karya Bangsa, dewan pengusaha muda, hadir dalam acara itu.",
        "Tanjung Hub, the province's trade promotion arm, opened an office.",
        "The island's investment agency, Invest Lagoon, will host the talks.",
    ],
)
def test_an_apposition_with_each_head_is_still_read(sentence: str) -> None:
    """Each head word of the apposition patterns passes the words-first check."""
    assert _pattern_names(sentence)  # the sentence holds an apposition the pattern reads
    assert list(apposed_names(sentence)) == _pattern_names(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Bioenergy Partners the national renewables agency will fund the plants.",  # no comma
        "Bioenergy Partners, the national renewables fund, will pay.",  # no head word
        "Bioenergy Partners, the national renewables Agency, will pay.",  # capital A
        "The Ministry of Industry, with its partners, signed the memorandum.",
    ],
)
def test_a_sentence_without_a_comma_or_a_head_word_yields_what_the_pattern_does(
    sentence: str,
) -> None:
    assert list(apposed_names(sentence)) == _pattern_names(sentence) == []


def test_every_head_is_in_the_pattern_as_its_letters_then_its_rest() -> None:
    """The words-first check reads the letters each head is written with first: the
    pattern's heads are built from the same table, so neither can drift from the other."""
    for letters, rest in _HEAD_WORDS:
        assert letters and letters.isalpha() and letters.islower()
        assert f"{letters}{rest}" in _APPOSED.pattern
        assert f"{letters}{rest}" in _APPOSED_AFTER.pattern


def test_sentences_come_back_from_their_columns_as_they_were() -> None:
    """The child sends the sentences as columns without their text; the ones rebuilt from
    the article are equal to the ones it read, marks and all, on every gold article."""
    from pathlib import Path

    from graph_builder.extract.extract import _columns, _sentences
    from graph_builder.extract.scope import mark_sentences, split_sentences
    from graph_builder.extract.text import read_article

    gold = Path(__file__).resolve().parent.parent / "extract_gold"
    marked = 0
    for path in sorted(gold.glob("*.txt")):
        article = read_article(path)
        sentences = split_sentences(article)
        mark_sentences(sentences, 2024)
        assert _sentences(article.text, _columns(sentences)) == sentences
        marked += sum(s.deal or s.scope or s.background for s in sentences)
    assert marked > 100  # marks of every kind were carried, not only defaults

"""candidate.py: the suggested agreement takes the article's year, never the clock's."""

from __future__ import annotations

import re

import pytest

from graph_builder.extract.candidate import candidate_data, source_id_for
from graph_builder.extract.people import slug


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Indonesia dan Jepang menandatangani nota kesepahaman industri pada 2 Mei 2019.", "2019"),
        ("JAKARTA, 3 Juni 2016 - Indonesia dan Jepang menandatangani nota kesepahaman.", "2016"),
        (
            "Indonesia dan Jepang menandatangani nota kesepahaman industri kemarin. Pada 2017 "
            "kedua negara membuka pabrik.",
            "2017",
        ),
    ],
)
def test_the_suggested_id_takes_the_article_year(run, extractor, text, year):
    data = candidate_data(run(text), extractor.lexicon)
    agreement = data["unresolved"]["agreement"]
    assert agreement["suggested_id"].endswith(year)
    assert agreement["label"]["en"].endswith(f"({year})")


def test_without_a_year_the_suggestion_has_none(run, extractor):
    data = candidate_data(
        run("Indonesia dan Jepang menandatangani nota kesepahaman industri."), extractor.lexicon
    )
    assert not any(ch.isdigit() for ch in data["unresolved"]["agreement"]["suggested_id"])


@pytest.mark.parametrize(
    ("name", "source_id"),
    [
        ("en01-japan-eip", "en01-japan-eip"),
        ("12 report (final)", "A12-report-final"),
        # a long name is cut after its last whole word, never inside one
        ("en74-iraq-fertiliser-joint-statement-wire", "en74-iraq-fertiliser-joint-statement"),
        (
            "abcdefghij-abcdefghij-abcdefghij-abcdefg-xyz",
            "abcdefghij-abcdefghij-abcdefghij-abcdefg",
        ),
        # one word longer than an id: cut at the length
        ("x" * 50, "x" * 40),
    ],
)
def test_a_source_id_is_made_of_the_file_name(name, source_id):
    assert source_id_for(name) == source_id


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("Kementerian Perindustrian", "kementerian-perindustrian"),
        ("Ministère de l'Industrie", "ministere-de-l-industrie"),
        # a long name ends at its last whole word, never with a '-' or inside a word
        (
            "Ministry of Trade, Industry, Business Development and Tourism of Lesotho",
            "ministry-of-trade-industry-business-development-and-tourism",
        ),
        ("x" * 70 + " y", "x" * 60),
        ("—", "unnamed"),
    ],
)
def test_an_id_made_of_a_name_is_an_id_the_data_accepts(name, made):
    assert slug(name) == made
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", made)


def test_a_body_named_at_length_gets_an_id_of_whole_words(run):
    """A partner's ministry with a long portfolio list is proposed with an id accept takes."""
    text = (
        "Indonesia and Lesotho signed a letter of intent in Maseru on Wednesday. The "
        "Ministry of Trade, Industry, Business Development and Tourism of Lesotho will "
        "train textile workers with the Ministry of Industry."
    )
    ids = {f.ref for f in run(text, lang="en").unresolved if f.cls == "bodies"}
    assert ids, "the long ministry is proposed"
    for ref in ids:
        assert len(ref) <= 60 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ref), ref


@pytest.mark.parametrize(
    ("text", "called_by_name"),
    [
        (
            "SEOUL - The Ministry of Industry and South Korea's Ministry of Trade, Industry and "
            "Energy signed a memorandum of understanding on industrial training.",
            {"KR": "South Korea"},
        ),
        (
            "Menteri Perindustrian dan Menteri Perdagangan Korea Selatan menandatangani nota "
            "kesepahaman kerja sama industri.",
            {},
        ),
    ],
)
def test_a_party_read_from_its_bodys_name_is_not_called_by_it(run, extractor, text, called_by_name):
    """Indonesia is a party because its ministry signs, but the source does not call
    Indonesia "Ministry of Industry" (``called`` is the name in the source): a country is
    called only by words that name it on their own."""
    data = candidate_data(run(text), extractor.lexicon)
    agreement = data.get("unresolved", {}).get("agreement", {}).get("claims") or next(
        c for c in data["claims"] if "parties" in c
    )
    assert sorted(p["ref"] for p in agreement["parties"]) == ["ID", "KR"]
    called = {
        c["about"]: c["called"][0]["value"]
        for c in data["claims"]
        if "called" in c and c["about"] in ("ID", "KR")
    }
    assert called == called_by_name


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        # the data's Indonesia–China MoU runs for five years, extendable
        ("Indonesia and China signed a memorandum of understanding on industry. It runs for "
         "four years.", False),
        ("Indonesia and China signed a memorandum of understanding on industry. It runs for "
         "five years.", True),
        ("Indonesia dan Tiongkok menandatangani nota kesepahaman kerja sama industri yang "
         "berlaku 3 tahun.", False),
        ("Indonesia and China signed a memorandum of understanding on industry.", True),
    ],
)  # fmt: skip
def test_an_agreement_whose_term_the_article_gives_otherwise_is_not_linked(
    run, extractor, text, linked
):
    data = candidate_data(run(text), extractor.lexicon)
    about = {c.get("about") for c in data["claims"]}
    assert ("mou-industrial-cooperation-indonesia-china-2023" in about) is linked
    assert ("agreement" in data.get("unresolved", {})) is not linked

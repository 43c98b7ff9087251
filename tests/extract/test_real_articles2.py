"""Defects seen on real news articles (read, not kept), each fixed by a rule of the language
and tested here on sentences written for the test."""

from __future__ import annotations

import pytest

from graph_builder.extract.candidate import candidate_data, link_agreement
from graph_builder.extract.patterns import AgreementInfo, Lexicon
from graph_builder.extract.text import ArticleError

# An undated article names past years for other things than the deal: a trade figure of
# the year before, an earlier joint venture. The suggested agreement is not named by them.
_OTHER_PARAGRAPH_YEARS = [
    (
        "Indonesia and Australia signed a memorandum of understanding on trade on Monday.\n\n"
        "In 2022, trade between the two countries reached a record US$13 billion."
    ),
    (
        "Indonesia and South Korea agreed in a joint committee to widen industrial "
        "cooperation.\n\nA Korean steelmaker opened a joint venture with a state firm in 2013."
    ),
    (
        "Indonesia dan Jepang menandatangani nota kesepahaman kerja sama industri, Senin.\n\n"
        "Pada 2021 nilai perdagangan kedua negara mencapai 30 miliar dolar AS."
    ),
]


@pytest.mark.parametrize("text", _OTHER_PARAGRAPH_YEARS)
def test_a_year_written_only_in_other_paragraphs_does_not_name_the_agreement(run, extractor, text):
    agreement = candidate_data(run(text), extractor.lexicon)["unresolved"]["agreement"]
    assert not any(ch.isdigit() for ch in agreement["suggested_id"])
    assert not agreement["label"]["en"].endswith(")")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # the paragraph that names the agreement by its kind gives its year
        (
            "Indonesia and Japan renewed their 2019 memorandum of understanding on Monday.\n\n"
            "In 2022, trade between the two countries reached US$30 billion.",
            "2019",
        ),
        (
            "Indonesia dan Meksiko sepakat memperluas kerja sama industri.\n\n"
            "Nota kesepahaman yang diteken pada tahun 2024 itu mencakup otomotif.",
            "2024",
        ),
    ],
)
def test_a_year_in_the_agreements_paragraph_names_it(run, extractor, text, year):
    agreement = candidate_data(run(text), extractor.lexicon)["unresolved"]["agreement"]
    assert agreement["suggested_id"].endswith(year)
    assert agreement["label"]["en"].endswith(f"({year})")


# A statement's day written in full at the article's head dates the report, and so the
# deal it reports, better than a target year ("by 2023") written further down.
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Kementerian Perindustrian menyebut Indonesia dan Jepang sepakat menjalin kerja "
            "sama industri.\n\nHal itu disampaikan Direktur Jenderal dalam keterangan tertulis "
            "pada Minggu, 28 Februari 2021.\n\nPada 2023 proyek percontohan akan dimulai.",
            "id",
        ),
        (
            "Indonesia and Japan agreed to widen their industrial cooperation, the ministry "
            "said.\n\nThe director general said so in a written statement on Sunday, "
            "28 February 2021.\n\nPilot projects are to start by 2023.",
            "en",
        ),
    ],
)
def test_a_day_written_in_full_at_the_head_names_the_agreement(run, extractor, text, lang):
    extraction = run(text, lang=lang)
    assert extraction.signing_date is None and extraction.published is None
    agreement = candidate_data(extraction, extractor.lexicon)["unresolved"]["agreement"]
    assert agreement["suggested_id"].endswith("-2021")


# The data may hold an agreement of the same two countries whose signing it does not date;
# its id and labels still name its year. A new MoU of another year is another agreement.
def _lexicon_with(agreement: AgreementInfo) -> Lexicon:
    lexicon = Lexicon()
    lexicon.agreements.append(agreement)
    return lexicon


_UNDATED_2018 = AgreementInfo(
    id="mou-industry-4-0-indonesia-singapore-2018",
    type="MemorandumOfUnderstanding",
    labels={"en": "Indonesia–Singapore MoU on Industry 4.0 (2018)"},
    parties={"ID", "SG"},
    signing="signing-mou-indonesia-singapore-2018",
)


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia dan Singapura menandatangani nota kesepahaman perumahan pada 17 Maret 2023.",
        "Indonesia and Singapore signed a memorandum of understanding on housing on 14 March 2023.",
    ],
)
def test_an_agreement_the_data_names_by_another_year_is_not_linked(run, text):
    assert link_agreement(run(text), _lexicon_with(_UNDATED_2018)) is None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # the year its labels name, or no year at all: still the same agreement
        (
            "Indonesia and Singapore signed a memorandum of understanding on 3 May 2018.",
            {"en": "Indonesia–Singapore MoU on Industry 4.0 (2018)"},
        ),
        (
            "Indonesia dan Singapura menandatangani nota kesepahaman pada 17 Maret 2023.",
            {"en": "Indonesia–Singapore MoU on Industry 4.0"},
        ),
    ],
)
def test_an_undated_agreement_of_the_year_or_of_none_is_linked(run, text, labels):
    agreement = AgreementInfo(
        id="mou-industry-indonesia-singapore",
        type="MemorandumOfUnderstanding",
        labels=labels,
        parties={"ID", "SG"},
    )
    assert link_agreement(run(text), _lexicon_with(agreement)) is agreement


# An Indonesian agency the data lacks, signing with an organisation the data lacks: the
# party is read from the agency's name, and the candidate is written (agreement, aims and
# day unresolved) rather than refused as holding nothing the data can link.
@pytest.mark.parametrize(
    "text",
    [
        "Bappenas and the Asian Productivity Organization signed a letter of intent on "
        "28 February 2024 in Osaka to raise productivity.",
        "Bappenas dan Organisasi Produktivitas Asia menandatangani surat pernyataan kehendak "
        "pada 28 Februari 2024 untuk meningkatkan produktivitas.",
    ],
)
def test_a_party_read_only_from_an_unknown_agency_still_gives_a_candidate(run, extractor, text):
    data = candidate_data(run(text), extractor.lexicon)
    assert data["claims"] == []
    agreement = data["unresolved"]["agreement"]
    assert [p["ref"] for p in agreement["pending"]["parties"]] == ["ID"]
    assert data["unresolved"]["signing"]["date"]["value"].isoformat() == "2024-02-28"


def test_an_article_without_any_party_is_still_refused(run, extractor):
    with pytest.raises(ArticleError, match="found nothing the data can link"):
        candidate_data(
            run("The Asian Widget Organization held its annual meeting in Osaka on Monday."),
            extractor.lexicon,
        )

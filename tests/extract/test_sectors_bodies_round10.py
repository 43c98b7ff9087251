"""The tenth round on sectors, bodies, parties and dates: a short name two states share read
as the state the article names in full first, the Indonesian press's names of Equatorial
Guinea and the Republic of the Congo, and commodities coordinated after a process noun each
naming their industry.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph_builder.extract.matcher import Mention
from graph_builder.extract.patterns import Target
from graph_builder.extract.shortnames import read_shared_names

from .conftest import after_a_signing


def _countries(result):
    return {f.ref for f in result.of("countries")}


@pytest.mark.parametrize(
    ("text", "lang", "party", "not_party"),
    [
        # the Republic named in full first; the short name afterwards is the same state
        (
            "Indonesia dan Republik Kongo menandatangani nota kesepahaman kerja sama industri "
            "pengolahan kayu pada Senin. Menteri Perdagangan Kongo hadir di Jakarta.",
            "id",
            "CG",
            "CD",
        ),
        (
            "Indonesia and the Republic of the Congo signed a memorandum of understanding on "
            "wood processing on Monday. Congo's Minister of Trade attended the signing.",
            "en",
            "CG",
            "CD",
        ),
        # the other sharer named later, set apart, does not take the short name
        (
            "Indonesia dan Republik Kongo menandatangani nota kesepahaman kerja sama industri "
            "pada Senin. Menteri Perdagangan Kongo hadir. Mitra ini bukan Republik "
            "Demokratik Kongo.",
            "id",
            "CG",
            "CD",
        ),
        # the Democratic Republic named in full first keeps the short name
        (
            "Indonesia dan Republik Demokratik Kongo menandatangani nota kesepahaman kerja sama "
            "industri baterai pada Senin. Menteri Pertambangan Kongo hadir di Jakarta.",
            "id",
            "CD",
            "CG",
        ),
        # the Indonesian press's name of Equatorial Guinea is not Guinea
        (
            "Indonesia dan Guinea Ekuatorial menandatangani surat niat kerja sama industri "
            "petrokimia pada Senin.",
            "id",
            "GQ",
            "GN",
        ),
        (
            "Indonesia dan Kongo-Brazzaville menandatangani nota kesepahaman kerja sama industri "
            "pada Senin.",
            "id",
            "CG",
            "CD",
        ),
    ],
)
def test_a_short_name_two_states_share_is_the_state_named_in_full(
    run, text, lang, party, not_party
):
    countries = _countries(run(text, lang=lang))
    assert party in countries
    assert not_party not in countries


def _mention(start: int, text: str, code: str) -> Mention:
    return Mention(start, start + len(text), text, (Target("countries", code, True, code),))


def test_a_short_name_alone_keeps_its_owner_in_the_table():
    mentions = [_mention(0, "Kongo", "CD"), _mention(20, "Chile", "CL")]
    assert read_shared_names(mentions) == mentions


def test_a_short_name_takes_the_first_full_name_not_a_capital_flag():
    full = Mention(
        0, 14, "Republik Kongo", (Target("countries", "CG", True, "Congo", capital=True),)
    )
    short = _mention(30, "Kongo", "CD")
    read = read_shared_names([full, short])
    assert [t.ref for t in read[1].targets] == ["CG"]
    assert not read[1].targets[0].capital


def _sectors(result):
    """Every sector proposed (linked or under ``unresolved:``): label → the words it says."""
    found = {f.label: f.says for f in result.of("sectors")}
    found.update({f.label: f.says for f in result.unresolved if f.cls == "sectors"})
    return found


@pytest.mark.parametrize(
    ("sentence", "lang", "label"),
    [
        # English: the process noun, "of", the commodity it takes
        ("The plan covers the processing of farmed oysters.", "en", "farmed oyster processing"),
        ("The plan covers the shelling of macadamias for export.", "en", "macadamia processing"),
        # Indonesian: the process noun, then its objects listed with "dan"/"serta"/commas
        ("Kerja sama itu meliputi pengolahan jahe dan kunyit.", "id", "pengolahan kunyit"),
        ("Kerja sama itu meliputi pengolahan jahe, pala, serta lada.", "id", "pengolahan lada"),
        (
            "Kerja sama itu meliputi pengeringan cengkih dan biji pala.",
            "id",
            "pengeringan biji pala",
        ),
    ],
)
def test_each_commodity_a_process_noun_takes_names_its_industry(run, sentence, lang, label):
    assert label in _sectors(after_a_signing(run, sentence, lang))


@pytest.mark.parametrize(
    ("sentence", "lang", "word"),
    [
        # no commodity: papers, requests, data and waste are processed too
        ("The plan covers the processing of permits for exporters.", "en", "permit"),
        ("The plan covers the processing of payments.", "en", "payment"),
        ("Kerja sama itu meliputi pengolahan data dan informasi.", "id", "informasi"),
        ("Kerja sama itu meliputi pengolahan limbah dan air.", "id", "air"),
        # an English list names one group, labelled by the group, not each commodity
        ("The plan covers the canning of sardines, anchovies and mackerel.", "en", "anchovy"),
        # an Indonesian list needs its "dan"/"serta": a comma alone goes on to other words
        ("Kerja sama itu meliputi pengolahan skala kecil, mulai dari mesin.", "id", "mulai"),
        # a preposition ends the list: what follows is no processed commodity
        ("The plan covers the processing of cassava into flour and starch.", "en", "flour"),
    ],
)
def test_what_a_process_noun_takes_is_not_always_a_commodity(run, sentence, lang, word):
    found = _sectors(after_a_signing(run, sentence, lang))
    assert not any(word in label for label in found), found


def _new_bodies(result):
    """The bodies neither the data nor the gazetteer knows, by their words."""
    return {f.says for f in result.of("bodies") if not f.known}


@pytest.mark.parametrize(
    ("sentence", "lang", "says"),
    [
        # chambers of commerce, head first in Indonesian and last in English
        ("Kamar Dagang Tonga ikut meneken sebagai wakil pengusaha.", "id", "Kamar Dagang Tonga"),
        (
            "The Tonga Chamber of Commerce also signed the letter.",
            "en",
            "Tonga Chamber of Commerce",
        ),
        (
            "The Chamber of Commerce and Industry of Fiji also signed the letter.",
            "en",
            "Chamber of Commerce and Industry of Fiji",
        ),
        # an apposition that says what it is before the name
        (
            "Tonga's investment agency, Tonga Ventures, will look after Indonesian firms.",
            "en",
            "Tonga Ventures",
        ),
        # an agency's "arm" after its name
        (
            "Pacific Export Link, the council's trade promotion arm, will choose the firms.",
            "en",
            "Pacific Export Link",
        ),
    ],
)
def test_chambers_and_agencies_named_by_an_apposition_are_bodies(run, sentence, lang, says):
    assert says in _new_bodies(after_a_signing(run, sentence, lang))


@pytest.mark.parametrize(
    ("sentence", "lang", "not_a_body"),
    [
        # a chamber named by its kind alone is one named before
        ("The Chamber of Commerce will host the fair.", "en", "Chamber of Commerce"),
        ("Kamar Dagang akan menjadi tuan rumah pameran.", "id", "Kamar Dagang"),
    ],
)
def test_a_chamber_named_by_its_kind_alone_is_not_a_new_body(run, sentence, lang, not_a_body):
    assert not_a_body not in _new_bodies(after_a_signing(run, sentence, lang))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a signature affixed, its day in the sentence before (a feature's scene)
        (
            "Ruang rapat di Jakarta, Selasa (1/12) lalu, tampak sepi. Hanya sedikit orang hadir "
            "ketika menteri Chile dan pejabat Kementerian Perindustrian membubuhkan tanda tangan "
            "pada nota kesepahaman kerja sama industri.",
            dt.date(2026, 12, 1),
        ),
        (
            "The room in Jakarta was quiet on Tuesday, 1 December. Few people watched as the "
            "ministers of Chile and Indonesia added their signatures to a memorandum of "
            "understanding on industry.",
            dt.date(2026, 12, 1),
        ),
    ],
)
def test_a_signature_affixed_or_added_is_a_signing(run, text, expected):
    assert run(text, published=dt.date(2026, 12, 6)).signing_date == expected


def _by_the_rules(extractor):
    """Extract with the rules alone (the learned filter could drop an outsider by itself)."""
    from pathlib import Path

    from graph_builder.extract.findings import ArticleMeta
    from graph_builder.extract.text import article_from_bytes

    rules = extractor.rules_alone()

    def _run(text, *, lang, name="a.txt"):
        article = article_from_bytes(Path(name), text.encode("utf-8"))
        return rules.extract(article, lang=lang, meta=ArticleMeta())

    return _run


@pytest.mark.parametrize(
    ("sentence", "lang", "outsider"),
    [
        # what a party's trade or economy hangs on
        (
            "Under the agreement, Chile's makers, whose sales depend heavily on Peru, gain a market.",
            "en",
            "PE",
        ),
        ("The cooperation matters because the industry relies on Argentina for parts.", "en", "AR"),
        (
            "Kerja sama itu penting karena industri Chile selama ini bergantung pada Brasil.",
            "id",
            "BR",
        ),
        (
            "Kerja sama itu penting karena ekonomi Chile bertumpu pada dana pinjaman Jepang.",
            "id",
            "JP",
        ),
    ],
)
def test_a_country_a_trade_depends_on_is_no_party(extractor, sentence, lang, outsider):
    result = after_a_signing(_by_the_rules(extractor), sentence, lang)
    assert outsider not in _countries(result)
    assert {"ID", "CL"} <= _countries(result)


_SIDEBARS = [
    (
        "<html><body><main><p>Indonesia and Chile signed a memorandum of understanding on "
        "industry on Monday.</p></main><aside><h3>Latest Press Releases</h3><ul>"
        "<li><a href='/1'>Indonesia and Peru Review Mining Cooperation</a></li>"
        "<li><a href='/2'>Furniture Exports to Japan Rise</a></li></ul></aside></body></html>",
        "en",
        {"PE", "JP"},
    ),
    (
        "<html><body><p>Indonesia dan Chile menandatangani nota kesepahaman kerja sama industri "
        "pada Senin.</p><div><h3>Terpopuler</h3><ul><li><a href='/1'>Kerja sama industri "
        "Indonesia dan Peru dibahas</a></li><li><a href='/2'>Meksiko cari mitra pabrik "
        "gula</a></li></ul></div></body></html>",
        "id",
        {"PE", "MX"},
    ),
    (
        "Indonesia dan Chile menandatangani nota kesepahaman kerja sama industri pada Senin.\n\n"
        "Baca juga: Kerja sama industri Indonesia dan Peru dibahas di Lima\n\n"
        "Kerja sama itu meliputi pelatihan dan riset bersama.",
        "id",
        {"PE"},
    ),
]


@pytest.mark.parametrize(("text", "lang", "outsiders"), _SIDEBARS)
def test_countries_in_links_to_other_stories_are_no_parties(extractor, text, lang, outsiders):
    name = "a.html" if text.startswith("<html>") else "a.txt"
    countries = _countries(_by_the_rules(extractor)(text, lang=lang, name=name))
    assert {"ID", "CL"} <= countries
    assert not outsiders & countries


def test_a_short_paragraph_after_the_links_ends_them_when_it_is_a_sentence(extractor):
    text = (
        "Indonesia and Chile signed a memorandum of understanding on industry on Monday.\n\n"
        "Related stories\n\n"
        "Copper prices rise\n\n"
        "Peru and Indonesia will also sign a memorandum of understanding on industry."
    )
    assert "PE" in _countries(_by_the_rules(extractor)(text, lang="en"))

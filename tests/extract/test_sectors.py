"""sectors.py: compound lists that share their head, process nouns and their objects."""

from __future__ import annotations

import re

import pytest

from graph_builder.extract.sectors import _NEEDED, _UNKNOWN_SECTOR

from .conftest import refs, unresolved

LEAD = (
    "The two delegations met for a full day of talks at the ministry's offices, and "
    "the officials then spoke to the press about the results of the meeting. "
)


def _unresolved(result):
    return unresolved(result, "sectors")


@pytest.mark.parametrize(
    "sentence",
    [
        "Indonesia dan Peru menandatangani kerja sama di industri tekstil, tembakau dan kertas.",
        "Indonesia and Peru signed an MoU covering the textile, tobacco and paper industries.",
    ],
)
@pytest.mark.parametrize("lead", ["", LEAD])
def test_a_compound_list_shares_its_head(run, sentence, lead):
    """Wherever the list stands in the article (a lead of 150 characters before it too)."""
    result = run(lead + sentence)
    assert "textiles" in refs(result, "sectors")
    assert {"isic-12", "isic-17"} <= set(_unresolved(result))


def test_a_sector_outside_the_scheme_carries_its_isic_code(run):
    result = run("Indonesia and Peru signed an MoU on the furniture industry.")
    assert _unresolved(result)["isic-31"].label == "Manufacture of furniture (ISIC 31)"


@pytest.mark.parametrize(
    ("sentence", "proposed"),
    [
        (
            "Indonesia dan Peru menandatangani kerja sama industri pengolahan gambir.",
            "pengolahan-gambir",
        ),
        (
            "Indonesia dan Peru menandatangani kerja sama industri perakitan drone.",
            "perakitan-drone",
        ),
    ],
)
def test_a_process_noun_with_its_object_is_not_all_of_manufacturing(run, sentence, proposed):
    result = run(sentence)
    assert "manufacturing" not in refs(result, "sectors")
    assert proposed in _unresolved(result)


@pytest.mark.parametrize(
    "sentence",
    [
        "Indonesia dan Peru menandatangani kerja sama; sektor tersebut meliputi banyak hal.",
        "Indonesia and Peru signed an MoU; the sector will include many things.",
    ],
)
def test_no_sector_is_made_of_function_words(run, sentence):
    assert not _unresolved(run(sentence))


def test_kbli_spelling_variants(run):
    result = run("Indonesia dan Peru menandatangani kerja sama industri mebel dan industri garmen.")
    assert "textiles" in refs(result, "sectors")
    assert "isic-31" in _unresolved(result)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        # commodity processing, named by its commodity (ISIC classes with their KBLI names)
        (
            "Indonesia dan Kenya menandatangani nota kesepahaman kerja sama industri "
            "pengolahan tembaga.",
            "isic-2420",
        ),
        (
            "Indonesia and Chile signed an MoU on cooperation in the copper processing industry.",
            "isic-2420",
        ),
        (
            "Kerja sama ini mencakup industri minyak atsiri dan industri pakan ternak.",
            "isic-2029",
        ),
        (
            "Kerja sama ini mencakup industri minyak atsiri dan industri pakan ternak.",
            "isic-1080",
        ),
        ("The agreement covers the laser industry and photonics.", "isic-2670"),
        ("Kerja sama ini meliputi industri kabel dan transformator.", "isic-27"),
        ("The MoU covers critical minerals processing and battery recycling.", "isic-24"),
    ],
)
def test_a_commodity_industry_is_proposed_with_its_isic_class(run, text, ref):
    assert ref in unresolved(run(text), "sectors")


@pytest.mark.parametrize(
    "text",
    [
        "Kerja sama ini meliputi industri pengolahan kelapa sawit dan kakao.",
        "The agreement covers palm oil processing and cocoa grinding.",
        "The MoU covers coffee processing and rice milling for small farmers.",
        "Indonesia and Peru signed a memorandum on cocoa and coffee.",
    ],
)
def test_plantation_commodity_processing_is_agro_industry(run, text):
    assert "agro-industry" in refs(run(text), "sectors")


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia signs two industry deals with Kenya on the MoU.",
        "The agreement supports Kyrgyzstan's industry and textiles.",
    ],
)
def test_headline_verbs_numbers_and_possessives_are_not_sector_names(run, text):
    labels = [f.label for f in run(text).unresolved if f.cls == "sectors"]
    assert not any(label.split()[0] in ("signs", "two", "s") for label in labels), labels


def test_a_list_goes_on_past_the_items_the_lexicon_found(run):
    text = (
        "Indonesia dan Peru menandatangani nota kesepahaman. Program ini menyasar lima sektor: "
        "industri makanan dan minuman, tekstil, plastik, elektronik, dan konstruksi."
    )
    result = run(text)
    assert {"textiles", "electronic-components"} <= refs(result, "sectors")
    assert "isic-f" in unresolved(result, "sectors")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a section's one-word title is a common noun
        (
            "Indonesia and Peru signed an MoU on technology transfer in naval construction.",
            "isic-f",
        ),
        # a director-general's title names no sectors
        (
            "Indonesia dan Peru menandatangani nota kesepahaman. Direktur Jenderal Industri "
            "Kimia, Farmasi dan Tekstil mengatakan kerja sama ini mencakup industri pupuk.",
            "pharmaceuticals",
        ),
    ],
)
def test_common_nouns_and_titles_are_not_sectors(run, text, absent):
    result = run(text)
    assert absent not in refs(result, "sectors") | set(unresolved(result, "sectors"))


def test_a_class_inside_a_schemes_division_is_its_concept(run):
    text = "Indonesia dan Peru menandatangani kerja sama industri permesinan pertanian."
    assert "machinery" in refs(run(text), "sectors")


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        (
            "Indonesia and Peru signed an MoU to train 200 small and medium enterprises.",
            "small-and-medium-industries",
        ),
        (
            "Indonesia dan Peru menandatangani nota kesepahaman untuk pelaku UMKM.",
            "small-and-medium-industries",
        ),
        ("The MoU covers batik and furniture made by small firms.", "textiles"),
        ("Kerja sama ini mencakup produksi vaksin.", "pharmaceuticals"),
        ("The agreement covers robotics for car plants.", "machinery"),
    ],
)
def test_sector_words_the_schemes_labels_lack(run, text, ref):
    assert ref in refs(run(text), "sectors")


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Kerja sama ini mencakup pengolahan rumput laut.", "agro-industry"),
        ("The agreement covers cashew processing.", "isic-1030"),
        ("Kerja sama ini mencakup industri rotan dan bambu.", "isic-1629"),
        ("The MoU covers rare earth processing.", "isic-2420"),
        ("The MoU covers leather tanning and footwear design.", "isic-15"),
        ("Kerja sama ini meliputi industri pengolahan kapas.", "textiles"),
        ("The MoU covers ferroalloys and manganese processing.", "steel"),
        ("Kerja sama ini meliputi pengolahan karet dan kakao.", "isic-221"),
    ],
)
def test_more_commodities_by_their_isic_class(run, text, ref):
    result = run(text)
    assert ref in refs(result, "sectors") | set(unresolved(result, "sectors"))


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        # a commodity's process named without "industry"/"industri" is that industry
        ("Indonesia and Peru signed an MoU on fish processing and cocoa grinding.", "isic-1020"),
        ("Indonesia dan Peru menandatangani MoU tentang pengolahan singkong.", "isic-1062"),
        (
            "Indonesia dan Peru menandatangani MoU tentang pemurnian grafit untuk baterai.",
            "isic-2399",
        ),
        ("Indonesia and Peru signed an MoU on cassava processing in the south.", "isic-1062"),
        ("Indonesia and Peru signed an MoU on jewellery manufacturing.", "isic-32"),
        ("Indonesia and Peru signed an MoU on precision engineering.", "machinery"),
        ("Indonesia dan Peru menandatangani MoU tentang suku cadang sepeda motor.", "automotive"),
        ("Indonesia dan Peru menandatangani MoU tentang industri minyak goreng.", "agro-industry"),
    ],
)
def test_a_commoditys_process_names_its_industry(run, text, ref):
    result = run(text)
    assert ref in refs(result, "sectors") | set(_unresolved(result))


@pytest.mark.parametrize(
    "text",
    [
        # a process of something no industry of the gazetteer makes is not proposed
        "Indonesia dan Peru menandatangani MoU tentang pengolahan limbah terpadu.",
        "Indonesia and Peru signed an MoU on data processing for customs.",
        # a process alone, with no commodity
        "Indonesia and Peru signed an MoU on processing and storage.",
    ],
)
def test_a_process_without_a_known_commodity_is_no_sector(run, text):
    assert not _unresolved(run(text))


@pytest.mark.parametrize(
    "text",
    [
        # the end of a hyphenated adjective, or a verb taking industries as its object
        "Indonesia and Peru signed an MoU to cut the emissions of energy-hungry industries.",
        "Indonesia and Peru signed an MoU that will help build industries in the north.",
        "Indonesia and Peru signed an MoU to fund industry upgrades.",
    ],
)
def test_adjective_ends_and_verbs_are_not_sector_names(run, text):
    assert not _unresolved(run(text))


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Indonesia and Peru signed an MoU on foundry industry upgrades.", "isic-2431"),
        ("Indonesia dan Peru menandatangani MoU tentang industri pengecoran logam.", "isic-2431"),
        ("Indonesia and Peru signed an MoU on machine tools and CNC machines.", "machinery"),
        ("Indonesia dan Peru menandatangani MoU tentang industri serat rayon.", "textiles"),
        ("Indonesia and Peru signed an MoU on the bicycle industry.", "isic-3092"),
        ("Indonesia dan Peru menandatangani MoU tentang produksi lampu LED.", "isic-2740"),
        ("Indonesia and Peru signed an MoU on paints and coatings.", "chemicals"),
        (
            "Indonesia dan Peru menandatangani MoU tentang industri telepon seluler.",
            "electronic-components",
        ),
        # sectors named by their products
        ("Indonesia and Peru signed an MoU on components for small satellites.", "isic-3030"),
        ("Indonesia dan Peru menandatangani MoU tentang industri satelit.", "isic-3030"),
        ("Indonesia and Peru signed an MoU on silverware and jewellery.", "isic-3211"),
        (
            "Indonesia dan Peru menandatangani MoU tentang pemotongan dan pemolesan intan.",
            "isic-3211",
        ),
        # drying is a commodity's process as processing is, and one coordinated with it
        (
            "Indonesia dan Peru menandatangani MoU tentang pengolahan dan pengeringan ikan.",
            "isic-1020",
        ),
        (
            "Indonesia dan Peru menandatangani MoU tentang pengeringan kopi di Aceh.",
            "agro-industry",
        ),
    ],
)
def test_more_isic_classes_and_their_kbli_names(run, text, ref):
    result = run(text)
    assert ref in refs(result, "sectors") | set(_unresolved(result))


@pytest.mark.parametrize("index", range(4))
def test_an_unknown_sector_pattern_is_scanned_for_only_with_a_word_it_needs(index):
    """The words a sentence must hold for a pattern to be tried are written in the
    pattern itself, which is case-sensitive: a sentence without them cannot match."""
    pattern = _UNKNOWN_SECTOR[index][0]
    assert not pattern.flags & re.IGNORECASE
    needed = _NEEDED[pattern]
    assert needed and all(word in pattern.pattern for word in needed)
    sample = {
        0: "kerja sama industri mebel rotan",
        1: "the furniture industry",
        2: "pengolahan rumput laut",
        3: "seaweed processing for export",
    }[index]
    assert pattern.search(sample) and any(word in sample for word in needed)


@pytest.mark.parametrize(
    "text",
    [
        # "industri" before a function word is no sector's name
        "Indonesia dan Peru menandatangani MoU; kami ingin punya mitra industri langsung di Lima.",
        "Indonesia dan Peru menandatangani MoU untuk industri milik negara.",
        "Indonesia dan Peru menandatangani MoU yang disiapkan industri selama setahun.",
        "Indonesia and Peru signed an MoU; it is the way our industry keeps its markets.",
    ],
)
def test_industry_before_a_function_word_is_no_sector(run, text):
    assert not _unresolved(run(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a sector in an official's portfolio, or in a company's name, is not the deal's
        (
            "Indonesia and Peru signed an MoU on textiles, said the ministry's director for "
            "small and medium chemical and craft industries.",
            "chemicals",
        ),
        (
            "Indonesia dan Peru menandatangani MoU tekstil; PT Kimia Sehat Nusantara hadir.",
            "chemicals",
        ),
    ],
)
def test_a_posts_portfolio_or_a_companys_name_is_no_scope(run, text, absent):
    assert absent not in refs(run(text), "sectors")

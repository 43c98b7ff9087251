"""people.py: names after titles, without the title's words; unknown sectors."""

from __future__ import annotations

import random

import pytest

from .conftest import refs


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Menteri Perindustrian Hadi Santoso menandatangani MoU.", "Hadi Santoso"),
        ("Menteri Perdagangan Jepang Taro Yamada menandatangani MoU.", "Taro Yamada"),
        ("Menteri Koordinator Bidang Perekonomian Budi Hartono hadir.", "Budi Hartono"),
        ("Minister of Foreign Affairs Maria Lopez signed the MoU.", "Maria Lopez"),
    ],
)
def test_a_title_does_not_leak_into_the_name(run, sentence, name):
    people = [f.label for f in run(sentence).of("persons")]
    assert people == [name]


def test_a_sector_no_concept_covers_is_proposed(run):
    result = run("Indonesia dan Peru menandatangani kerja sama di bidang industri gambir olahan.")
    assert "gambir-olahan" in {f.ref for f in result.unresolved if f.cls == "sectors"}
    assert refs(result, "countries") == {"ID", "PE"}


def _unresolved_bodies(result) -> set[str]:
    return {f.label for f in result.unresolved if f.cls == "bodies"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an agency introduced by what it is, after a comma, in one word or several
        (
            "Indonesia and Chile signed an MoU. Corfonova, Chile's national innovation agency, "
            "will run the Chilean side.",
            "Corfonova",
        ),
        (
            "Indonesia dan Chile menandatangani MoU. Chile Exporta, badan promosi ekspor Chile, "
            "akan menjadi pelaksana.",
            "Chile Exporta",
        ),
        # English heads of a directorate and a centre
        (
            "Indonesia and Chile signed an MoU with the Directorate General of Industrial "
            "Designs of the Ministry of Law.",
            "Directorate General of Industrial Designs",
        ),
        (
            "Indonesia and Chile signed an MoU; the Centre for Clean Metals will implement it.",
            "Centre for Clean Metals",
        ),
    ],
)
def test_agencies_by_apposition_and_by_their_heads(run, text, name):
    assert name in _unresolved_bodies(run(text, lang="en" if " the " in text else "id"))


@pytest.mark.parametrize(
    "text",
    [
        # a sentence's opening word, an ordinal or a country before a comma is no agency
        "Indonesia and Chile signed an MoU. Separately, the agency will train workers.",
        "Indonesia and Chile signed an MoU. Second, the agency will train workers.",
        "Indonesia and Chile signed an MoU. In Chile, the agency will train workers.",
        "Indonesia and Chile signed an MoU. The head of Chile, the agency chief, spoke.",
    ],
)
def test_no_agency_from_an_opening_word_or_a_country(run, text):
    assert not _unresolved_bodies(run(text, lang="en"))


@pytest.mark.parametrize(
    "text",
    [
        # a known body's name, then a person's: the body, not a new one
        "Dokumen itu diteken Sekretaris Jenderal Kementerian Perindustrian Sari Wulandari "
        "dan Menteri Ekonomi Chile, Jose Rojas.",
        "It was signed by the Secretary General of the Ministry of Industry, Sari Wulandari, "
        "and Chile's Minister of Economy.",
    ],
)
def test_a_known_body_running_into_a_persons_name_is_not_new(run, text):
    bodies = _unresolved_bodies(run(text))
    assert not any("Sari" in body for body in bodies), bodies


def test_two_bodies_joined_by_and_are_not_one_new_body(run):
    text = (
        "Kementerian Perdagangan dan Menteri Pertambangan, Industri dan Pembangunan Teknologi "
        "Chile meneken MoU kedua. Kementerian Perdagangan dan Kementerian Pertambangan, "
        "Industri dan Pembangunan Teknologi Chile sepakat menggelar temu bisnis secara berkala."
    )
    bodies = _unresolved_bodies(run(text, lang="id"))
    assert not any(" dan Kementerian" in body for body in bodies), bodies


@pytest.mark.parametrize("seed", range(5))
def test_known_spans_overlap_as_a_pairwise_check_says(seed: int) -> None:
    # the names a long text holds are checked against the known spans by bisection
    from graph_builder.extract.people import _Spans

    pick = random.Random(seed)
    known = [(s, s + pick.randint(1, 40)) for s in (pick.randint(0, 500) for _ in range(30))]
    taken = _Spans(known)
    for start in range(0, 560, 3):
        span = (start, start + pick.randint(1, 30))
        assert taken.overlaps(span) == any(s < span[1] and span[0] < e for s, e in known)

"""The industry ministry's "Balai Besar" centres are bodies, and so are international
organisations and research bodies active in industrial cooperation that the gazetteer lacked
(the World Food Programme, UN-Habitat, ANRPC, TNO, the Łukasiewicz Research Network)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "Indonesia dan Vietnam menandatangani nota kesepahaman kerja sama industri kopi. "
            "Uji mutu dilakukan di Balai Besar Standardisasi dan Pelayanan Jasa Industri Agro "
            "(BBSPJI Agro) di Bogor.",
            "Balai Besar Standardisasi dan Pelayanan Jasa Industri Agro",
        ),
        (
            "Indonesia dan Peru menandatangani nota kesepahaman kerja sama industri alas kaki. "
            "Pelatihan diberikan oleh Balai Besar Kulit, Karet, dan Plastik di Yogyakarta.",
            "Balai Besar Kulit, Karet, dan Plastik",
        ),
    ],
)
def test_a_balai_besar_centre_is_a_body(run, text, says):
    assert says in {f.says for f in run(text).of("bodies")}


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        (
            "Kementerian Perindustrian dan Program Pangan Dunia (WFP) menandatangani nota "
            "kesepahaman tentang pabrik beras fortifikasi.",
            "wfp",
        ),
        (
            "The Ministry of Industry and the World Food Programme signed a memorandum on "
            "fortified rice mills.",
            "wfp",
        ),
        (
            "Kementerian Perindustrian dan UN-Habitat meluncurkan program bahan bangunan "
            "untuk industri kecil.",
            "un-habitat",
        ),
        (
            "Indonesia and Thailand signed a memorandum on rubber gloves with the Association "
            "of Natural Rubber Producing Countries as a witness and partner.",
            "anrpc",
        ),
        (
            "Kementerian Perindustrian dan TNO dari Belanda menandatangani nota kesepahaman "
            "tentang panas industri.",
            "tno",
        ),
        (
            "Indonesia dan Polandia menandatangani nota kesepahaman dengan Jaringan Riset "
            "Łukasiewicz tentang komponen kereta.",
            "lukasiewicz",
        ),
    ],
)
def test_an_organisation_active_in_industrial_cooperation_is_known(run, text, ref):
    assert ref in {f.ref for f in run(text).of("bodies")}


def test_a_town_hall_is_not_a_body(run):
    result = run(
        "Indonesia dan Jepang menandatangani nota kesepahaman kerja sama industri di Balai "
        "Kota Surabaya."
    )
    assert not [f for f in result.of("bodies") if "Balai" in f.says]

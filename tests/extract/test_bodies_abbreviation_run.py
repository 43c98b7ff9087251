"""An abbreviation in brackets names the body read just before it, never across another
body's head word.

Indonesian news often names both signatories in one phrase: "Menteri Perindustrian RI …
dan Menteri Perindustrian dan Teknologi Informasi (MIIT) Tiongkok". The capitalised run up
to "(MIIT)" used to swallow the first minister's title, so the candidate named one body
(the partner's) with a fourteen-word ``says`` and lost Indonesia's ministry.
"""

from __future__ import annotations

import pytest


def _bodies(run, text: str) -> dict[str, str]:
    return {f.ref: f.says for f in run(text).of("bodies")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing - Menteri Perindustrian RI Agus Gumiwang Kartasasmita dan Menteri "
            "Perindustrian dan Teknologi Informasi (MIIT) Tiongkok meneken nota kesepahaman "
            "kerja sama industri kendaraan listrik.",
            {
                "kemenperin": "Menteri Perindustrian RI",
                "miit": "Menteri Perindustrian dan Teknologi Informasi (MIIT)",
            },
        ),
        (
            "Kuala Lumpur - Wakil Menteri Perindustrian Indonesia dan Kementerian Investasi, "
            "Perdagangan dan Industri (MITI) Malaysia menandatangani nota kesepahaman kerja "
            "sama industri sarung tangan karet.",
            {
                "kemenperin": "Wakil Menteri Perindustrian Indonesia",
                "miti-malaysia": "Kementerian Investasi, Perdagangan dan Industri (MITI) Malaysia",
            },
        ),
        (
            "Seoul - Menteri Perindustrian Agus Gumiwang Kartasasmita dan Menteri Perdagangan, "
            "Perindustrian, dan Energi (MOTIE) Korea Selatan meneken nota kesepahaman kerja "
            "sama industri semikonduktor.",
            {
                "kemenperin": "Menteri Perindustrian",
                "motie": "Menteri Perdagangan, Perindustrian, dan Energi (MOTIE)",
            },
        ),
    ],
    ids=["two-ministers-and-a-name", "deputy-minister-and-ministry", "comma-in-the-second"],
)
def test_two_bodies_joined_by_dan_before_an_abbreviation_are_two(run, text, expected):
    assert _bodies(run, text) == expected


@pytest.mark.parametrize(
    ("text", "ref", "says"),
    [
        (
            "Jakarta - Kementerian Perindustrian menandatangani nota kesepahaman dengan "
            "Kementerian Pendidikan Tinggi, Sains, dan Teknologi (Kemdiktisaintek) tentang "
            "pendidikan vokasi industri.",
            "kemendiktisaintek",
            "Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
        ),
        (
            "TOKYO - Indonesia's Ministry of Industry and the Ministry of Economy, Trade and "
            "Industry (METI) of Japan signed a memorandum of cooperation on the automotive "
            "industry.",
            "meti",
            "Ministry of Economy, Trade and Industry (METI) of Japan",
        ),
    ],
)
def test_one_name_with_commas_and_dan_is_still_read_whole(run, text, ref, says):
    bodies = _bodies(run, text)
    assert bodies[ref] == says
    assert bodies["kemenperin"] in ("Kementerian Perindustrian", "Ministry of Industry")

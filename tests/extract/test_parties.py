"""Which countries are parties: those named as not taking part are not (issue 18)."""

from __future__ import annotations

import pytest

from .conftest import refs

_EN = (
    "Indonesia and Ghana signed a memorandum of understanding on industrial cooperation in Accra. "
)
_ID = "Indonesia dan Ghana menandatangani nota kesepahaman kerja sama industri di Accra. "


@pytest.mark.parametrize(
    ("text", "outsider"),
    [
        # a deal that was not made
        (_EN + "Indonesia also held talks with Peru, but no agreement was signed.", "PE"),
        (_EN + "Chile was mentioned only as a rival; it is not a party to the agreement.", "CL"),
        (_EN + "Kenya had been considered as a partner but talks did not conclude.", "KE"),
        (
            _ID + "Indonesia juga bertemu Peru, tetapi tidak ada kesepakatan yang ditandatangani.",
            "PE",
        ),
        # competitors and import sources
        (_EN + "Both countries compete with Vietnam for orders under the agreement.", "VN"),
        (_ID + "Kerja sama ini mengurangi ketergantungan pada impor dari Brasil.", "BR"),
        (_ID + "Kerja sama ini mengurangi impor kapas dari Amerika Serikat.", "US"),
        (_EN + "The partnership should cut dependence on Chile and Peru for lithium.", "PE"),
        (_ID + "Ghana, produsen kakao terbesar kedua setelah Pantai Gading, memasok pabrik.", "CI"),
        # a language, an ambassador's accreditation, a region
        (_ID + "Nota kesepahaman dibuat dalam bahasa Indonesia dan bahasa Inggris.", "GB"),
        (_ID + "Penandatanganan disaksikan Duta Besar RI untuk Austria dan Ghana.", "AT"),
        (_ID + "Kerja sama ini membuka pasar di kawasan Amerika Latin.", "US"),
        (_EN + "The cooperation opens markets across Latin America.", "US"),
        (_ID + "Bank itu menyetujui pinjaman 300 juta dolar AS untuk kawasan industri.", "US"),
        (_EN + "The loan of 300 million US dollars funds the estates under the deal.", "US"),
        # where something is, not who takes part
        (
            _EN + "Ghana's partners already supply plants in Morocco and Mexico under the deal.",
            "MX",
        ),
        # another deal: a similar one, a long-standing one
        (_EN + "Accra runs similar labs with partners in Chile.", "CL"),
        (_EN + "Japan already provides similar loans to Vietnam.", "VN"),
        (_ID + "Kami sudah lama bekerja sama dengan Singapura dan Taiwan.", "SG"),
        # export destinations, before or after the name
        (_EN + "Its cut flowers under the deal go mostly to Qatar and Norway.", "NO"),
        (_EN + "Ghana's cocoa is shipped largely to Belgium under the agreement.", "BE"),
        (_ID + "Produk hasil kerja sama akan diekspor ke Kanada dan Meksiko.", "MX"),
        (_EN + "Germany and Japan are the main markets for the fruit under the deal.", "JP"),
        (_EN + "Under the deal, Canada remains the largest buyer of the parts.", "CA"),
        (_ID + "Dalam kerja sama ini, Jepang adalah pasar utama produk itu.", "JP"),
        # a company's home country, an office's territory, a contrasted state
        (_ID + "Pabrik itu dibangun perusahaan asal Kanada dalam kerja sama tersebut.", "CA"),
        (_EN + "Under the deal, miners from Brazil will sell ore to the plant.", "BR"),
        (_EN + "The deal was praised by the bank's director for Ghana and Togo.", "TG"),
        (_ID + "Ghana ikut dalam kerja sama ini, sedangkan Togo dan Benin belum.", "BJ"),
        (_EN + "Under the deal, a Canada-based firm will run the plant.", "CA"),
        (_ID + "Kerja sama ini memakai mesin buatan Jerman di pabrik Accra.", "DE"),
        (_EN + "Under the deal, Vietnam remains the main supplier of the nuts.", "VN"),
        (_ID + "Kerja sama ini menyusul Jepang dan Korea yang lebih dulu masuk.", "JP"),
        # trading partners, a company's nationality, an earlier deal named by its year
        (
            _ID + "Adapun tetangga Ghana, Togo dan Benin, selama ini menjadi mitra dagang "
            "utama Indonesia di kawasan itu.",
            "BJ",
        ),
        (_EN + "Under the deal, a Chinese consortium will build the plant.", "CN"),
        (
            _EN.replace("Accra.", "Accra on 3 June 2024.")
            + "A 2019 deal with Peru on the port is still in its first phase.",
            "PE",
        ),
        # a company's nationality before its trade, a sea or an ocean named after a country
        (_EN + "Under the deal, a Dutch home-furnishings chain will buy the chairs.", "NL"),
        (_EN + "Under the deal, Japanese furniture makers will train the carpenters.", "JP"),
        (_EN + "The memorandum covers ports on the Indian Ocean coast.", "IN"),
        (_EN + "The agreement covers shipping routes across the South China Sea.", "CN"),
        (_ID + "Kerja sama ini mencakup pelabuhan di tepi Laut Cina Selatan.", "CN"),
        # a company's home after its trade in Indonesian, a place named with "atau"/"or", and
        # another deal told as of the same year
        (_ID + "Secara terpisah, PT Mitra membeli mesin dari pemasok Jerman.", "DE"),
        (_ID + "Kerja sama ini bergantung pada pelabuhan di India atau Bangladesh.", "BD"),
        (_EN + "The memorandum relies on ports in India or Bangladesh.", "BD"),
        (_ID + "Pada tahun yang sama, Ghana juga meneken kerja sama dengan Kenya.", "KE"),
        (_EN + "In the same year, Ghana also signed a pact with Kenya.", "KE"),
        # an agreement already in force
        (_ID + "Perjanjian dagang Indonesia-Peru sudah berlaku sejak 1 Agustus 2019.", "PE"),
        (_EN + "A trade pact with Peru has been in force since March 2019.", "PE"),
    ],
)
def test_a_country_that_takes_no_part_is_not_a_party(run, text, outsider):
    found = refs(run(text), "countries")
    assert {"ID", "GH"} <= found
    assert outsider not in found


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia and Peru signed an agreement on industrial cooperation in Lima.",
        "Indonesia dan Peru menandatangani nota kesepahaman kerja sama industri.",
        "The agreement with Peru covers fish processing, and Indonesia will invest in Peru.",
        "Indonesia and Peru signed a memorandum on the sidelines of the Brunei summit.",
        # a verb between the name and a company noun leaves the country acting
        "Indonesia and Peru signed an agreement under which Peru will help firms export.",
    ],
)
def test_a_country_that_signs_is_a_party(run, text):
    assert {"ID", "PE"} <= refs(run(text), "countries")


@pytest.mark.parametrize(("name", "code"), [("Brunei", "BN"), ("Pantai Gading", "CI")])
def test_short_names_of_partners(run, name, code):
    text = f"Indonesia dan {name} menandatangani nota kesepahaman kerja sama industri."
    assert code in refs(run(text), "countries")

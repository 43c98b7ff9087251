"""The eleventh round: aims told as the problem a deal is to end (an economy resting on one
thing, money spent abroad on imports, goods leaving half-made), and technical assistance
told as what experts will do for the partner.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import after_a_signing, found

_AIM, _ACT = "objectives", "activities"


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept"),
    [
        # an economy said to rest on one thing: the aim of diversifying it, with no cue
        (
            "Their economy has leaned on copper for half a century.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        (
            "The islands' economy still relies heavily on fishing licences.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        (
            "Ministers want to cut the economies' dependence on gas royalties.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        (
            "The government wants its economy to rest on more than cattle.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        (
            "Perekonomian negara itu masih sangat bergantung pada ekspor kakao.",
            "id",
            _AIM,
            "economic-diversification",
        ),
        (
            "Ekonominya selama ini bertumpu pada tambang emas.",
            "id",
            _AIM,
            "economic-diversification",
        ),
        # money spent abroad on what a country buys, as what the aim ends
        (
            "Kerja sama itu diharapkan menekan devisa untuk impor pupuk.",
            "id",
            _AIM,
            "industrial-self-reliance",
        ),
        (
            "Pabrik baru itu dibangun agar negara itu tidak lagi menghabiskan devisa untuk beras.",
            "id",
            _AIM,
            "industrial-self-reliance",
        ),
        (
            "The mills are meant to shrink a food import bill that grows every year.",
            "en",
            _AIM,
            "industrial-self-reliance",
        ),
        # goods leaving half-made: the raw form, after a verb of selling or shipping
        ("Most of the cashew crop leaves the coast unshelled.", "en", _AIM, "downstreaming"),
        ("Their cocoa is still sold unroasted to brokers.", "en", _AIM, "downstreaming"),
        ("Kulit domba dari sana dijual setengah jadi ke pedagang.", "id", _AIM, "downstreaming"),
        ("Rumput laut itu diekspor belum diolah.", "id", _AIM, "downstreaming"),
        # goods processed elsewhere: the problem processing at home is to end
        ("Nearly all of the bauxite is refined abroad.", "en", _AIM, "downstreaming"),
        ("Sebagian besar rotan itu diolah di negara lain.", "id", _AIM, "downstreaming"),
        # a study whose subject is a question: joint research
        (
            "The institute will carry out a study with the ministry on where smelters could be built.",
            "en",
            _ACT,
            "joint-research",
        ),
        (
            "Kedua pihak akan menyusun kajian tentang bagaimana sekam padi bisa dijadikan pelet.",
            "id",
            _ACT,
            "joint-research",
        ),
        # training told as what trainees or teachers do
        (
            "Thirty welders will spend two months at the centre in Serang learning pipe work.",
            "en",
            _ACT,
            "training",
        ),
        (
            "The standards agency will be teaching hygiene rules to the cooperatives.",
            "en",
            _ACT,
            "training",
        ),
        (
            "Instruktur Indonesia akan mengajarkan cara merawat mesin jahit.",
            "id",
            _ACT,
            "training",
        ),
        # study visits share experience
        (
            "Managers of the estates will make study visits to plants in Batam.",
            "en",
            _ACT,
            "knowledge-sharing",
        ),
        (
            "Kemenperin akan mengatur studi banding pengurus koperasi ke Jepara.",
            "id",
            _ACT,
            "knowledge-sharing",
        ),
        # information shared, in the words of keeping each other informed or sharing data
        (
            "Both agencies will keep each other informed about new labelling rules.",
            "en",
            _ACT,
            "technology-market-information-exchange",
        ),
        (
            "Kedua lembaga akan saling berbagi data ekspor setiap triwulan.",
            "id",
            _ACT,
            "technology-market-information-exchange",
        ),
        # an investment forum is investment promotion
        (
            "The two agencies will hold an investment forum in Abu Dhabi next spring.",
            "en",
            _ACT,
            "investment",
        ),
        (
            "Kedua pihak akan menggelar forum investasi di Surabaya tahun depan.",
            "id",
            _ACT,
            "investment",
        ),
        # goods sold abroad: the market opened for them, the buyers their makers find
        (
            "The accord opens new markets for pumps and other equipment made in Surabaya.",
            "en",
            _AIM,
            "export-growth",
        ),
        (
            "Kerja sama ini membuka pasar baru bagi produk keramik dari Jawa Barat.",
            "id",
            _AIM,
            "export-growth",
        ),
        (
            "Perjanjian itu juga membuka pintu bagi mesin perkakas buatan Surabaya.",
            "id",
            _AIM,
            "export-growth",
        ),
        (
            "Makers of rice cookers in Java are looking for buyers beyond the region.",
            "en",
            _AIM,
            "export-growth",
        ),
        (
            "Our canned fruit should win more shelf space in Nordic shops.",
            "en",
            _AIM,
            "export-growth",
        ),
        (
            "Sebanyak dua puluh IKM rotan sudah mendapatkan pembeli di Eropa.",
            "id",
            _AIM,
            "export-growth",
        ),
        # experts doing the work for the partner: technical assistance, whatever the verb
        (
            "Tenaga ahli dari Bandung akan mendampingi bengkel-bengkel kecil di sana.",
            "id",
            _ACT,
            "technical-assistance",
        ),
        (
            "Insinyur Indonesia akan membantu koperasi itu memperbaiki mesin pengering.",
            "id",
            _ACT,
            "technical-assistance",
        ),
        (
            "Pakar kemasan juga akan merancang kemasan baru untuk madu hutan.",
            "id",
            _ACT,
            "technical-assistance",
        ),
        (
            "Engineers from the institute will draw up designs for two small sawmills.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        (
            "Indonesian technicians will install the dryers and train their operators.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        (
            "Specialists from Bogor will design a cold room for the fishing port.",
            "en",
            _ACT,
            "technical-assistance",
        ),
    ],
)
def test_a_clause_of_the_eleventh_round_states_its_concept(run, sentence, lang, cls, concept):
    assert concept in found(after_a_signing(run, sentence, lang), cls)


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept"),
    [
        # an economy that depends on something is not told as resting on one thing
        ("The economy grew by four percent last quarter.", "en", _AIM, "economic-diversification"),
        (
            "Pertumbuhan ekonomi kawasan itu naik tahun ini.",
            "id",
            _AIM,
            "economic-diversification",
        ),
        # reliance on imports is self-reliance, not an economy's one leg ...
        (
            "The deal should reduce the factories' reliance on imported resin.",
            "en",
            _AIM,
            "economic-diversification",
        ),
        # ... and an economy resting on one thing is not about imports
        (
            "Ministers want to cut the economies' dependence on gas royalties.",
            "en",
            _AIM,
            "industrial-self-reliance",
        ),
        # devisa earned is not devisa spent on imports
        (
            "Ekspor kopi itu menghasilkan devisa bagi negara.",
            "id",
            _AIM,
            "industrial-self-reliance",
        ),
        # refined and roasted goods are not goods sold raw
        ("The refinery will sell refined oil to the region.", "en", _AIM, "downstreaming"),
        # buyers who find sellers, and a door opened for investors, are not sales abroad
        (
            "Buyers in Rotterdam found the samples too moist.",
            "en",
            _AIM,
            "export-growth",
        ),
        (
            "Kawasan itu membuka pintu bagi investor dari Timur Tengah.",
            "id",
            _AIM,
            "export-growth",
        ),
        # a lesson drawn by events is no training
        (
            "The drought taught us that water must be stored.",
            "en",
            _ACT,
            "training",
        ),
        (
            "Pandemi itu mengajarkan kita pentingnya cadangan bahan baku.",
            "id",
            _ACT,
            "training",
        ),
        # whether a thing can be done is a feasibility study, not joint research
        (
            "The two sides will study whether a tannery could pay its way near Kano.",
            "en",
            _ACT,
            "joint-research",
        ),
        # experts who are the topic, or who only attend, do no work for the partner
        (
            "Experts from both sides attended the signing in Lima.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        (
            "Para pakar menghadiri penandatanganan di Jakarta.",
            "id",
            _ACT,
            "technical-assistance",
        ),
    ],
)
def test_words_near_these_concepts_that_are_not_them(run, sentence, lang, cls, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), cls)

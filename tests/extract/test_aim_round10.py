"""The tenth round: the aim of processing at home told as where goods are processed or the
raw form they leave in, investment drawn in as an aim, and activities written as missions,
fairs, grants and what experts do.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.gold_labels import finding_names, label_matches

from .conftest import after_a_signing, found

_AIM, _ACT = "objectives", "activities"


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept"),
    [
        # where goods are processed: the clause states the aim with no cue of purpose
        ("Almost none of the seaweed is processed here.", "en", _AIM, "downstreaming"),
        ("Little of the wool was ever spun locally.", "en", _AIM, "downstreaming"),
        ("Sebagian kecil kopi itu kini disangrai di sini.", "id", _AIM, "downstreaming"),
        ("Rotan dari hutan itu jarang diolah di dalam negeri.", "id", _AIM, "downstreaming"),
        # the raw form goods leave in, after a verb of selling or shipping
        ("Most of the sisal still leaves the port unprocessed.", "en", _AIM, "downstreaming"),
        ("Hides are often sold raw to middlemen.", "en", _AIM, "downstreaming"),
        ("Kakao desa itu masih dijual sebagai bahan mentah.", "id", _AIM, "downstreaming"),
        ("Kayu dari hutan itu keluar dalam bentuk gelondongan.", "id", _AIM, "downstreaming"),
        # a deal said to be "about" something states its aim
        ("The deal is about giving work to young welders.", "en", _AIM, "job-creation"),
        (
            "The accord is mainly about adding value to cassava at the source.",
            "en",
            _AIM,
            "downstreaming",
        ),
        # a door or a foothold for goods in a market, a place written "one of …"
        (
            "The plant should be a door for Indonesian boilers in the Gulf.",
            "en",
            _AIM,
            "export-growth",
        ),
        (
            "The pact is meant to give Chilean firms a foothold in one of Asia's biggest markets.",
            "en",
            _AIM,
            "market-access",
        ),
        # investment drawn in, after a cue of purpose
        (
            "The zone is meant to draw private investors into food processing.",
            "en",
            _AIM,
            "investment-attraction",
        ),
        (
            "Kerja sama ini bertujuan menarik penanaman modal asing ke sektor pengolahan ikan.",
            "id",
            _AIM,
            "investment-attraction",
        ),
        # ... and the investment promotion inside that aim stays an activity
        (
            "The agreement is meant to draw private investors into food processing.",
            "en",
            _ACT,
            "investment",
        ),
        # delegations of firms and missions of investors
        (
            "The chamber will organise a business delegation to Lagos next year.",
            "en",
            _ACT,
            "business-matching",
        ),
        ("Kedua pihak akan mengirim delegasi bisnis ke Nairobi.", "id", _ACT, "business-matching"),
        ("The agency will lead an investment mission to Accra in May.", "en", _ACT, "investment"),
        ("BKPM akan memimpin misi investor ke Dakar tahun depan.", "id", _ACT, "investment"),
        # taking part in a fair, its pavilion or its exhibition: trade fair participation
        (
            "Kementerian akan memfasilitasi keikutsertaan IKM dalam pameran dagang di Kairo.",
            "id",
            _ACT,
            "trade-promotion",
        ),
        (
            "Perajin akan ikut dalam paviliun Indonesia di Dubai.",
            "id",
            _ACT,
            "trade-promotion",
        ),
        (
            "Small Indonesian firms will exhibit at the Nairobi trade fair in June.",
            "en",
            _ACT,
            "trade-promotion",
        ),
        (
            "Twenty cooperatives will attend the regional food expo in Lima.",
            "en",
            _ACT,
            "trade-promotion",
        ),
        # machines handed over as a grant
        (
            "Kemenperin akan menghibahkan tiga unit mesin pengering kepada koperasi.",
            "id",
            _ACT,
            "development-financing",
        ),
        # firms put in touch, meetings between makers and buyers: business matching
        (
            "The embassy will put Indonesian toolmakers in touch with Fijian boatyards.",
            "en",
            _ACT,
            "business-matching",
        ),
        (
            "The chamber will arrange meetings between Peruvian growers and Indonesian roasters.",
            "en",
            _ACT,
            "business-matching",
        ),
        (
            "Dinas akan menghubungkan pelaku usaha kopi dengan pembeli dari Korea.",
            "id",
            _ACT,
            "business-matching",
        ),
        # a study the parties will run, how something can be done, whether it can
        (
            "Engineers of both sides will study how old furnaces can run on biogas.",
            "en",
            _ACT,
            "joint-research",
        ),
        (
            "The two ministries will look into whether rice husk can fire the kilns.",
            "en",
            _ACT,
            "joint-research",
        ),
        (
            "The partners will run a study of fibre supplies in the region.",
            "en",
            _ACT,
            "joint-research",
        ),
        # experts who inspect, assess, install or work with someone: technical assistance
        (
            "Indonesian engineers will inspect the old sugar mill in March.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        (
            "Cocoa specialists will work with extension officers in the north.",
            "en",
            _ACT,
            "technical-assistance",
        ),
        (
            "Dua teknisi dari Bandung akan memasang mesin penggiling di desa.",
            "id",
            _ACT,
            "technical-assistance",
        ),
        (
            "Tim insinyur akan memeriksa ketel uap pabrik gula itu.",
            "id",
            _ACT,
            "technical-assistance",
        ),
    ],
)
def test_a_clause_of_the_tenth_round_states_its_concept(run, sentence, lang, cls, concept):
    assert concept in found(after_a_signing(run, sentence, lang), cls)


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept"),
    [
        # "minyak mentah", "minyak sawit mentah" are goods' names, not a raw form
        ("Perusahaan itu mengekspor minyak sawit mentah ke India.", "id", _AIM, "downstreaming"),
        ("Kapal itu mengirim minyak mentah ke Jepang.", "id", _AIM, "downstreaming"),
        # a verb of selling with no raw form after it
        ("Most of the tea is sold to buyers in Mombasa.", "en", _AIM, "downstreaming"),
        # processing written without where it happens
        ("The cashew is processed in small batches.", "en", _AIM, "downstreaming"),
        # attracting investment as what is shared, not what is aimed at
        (
            "Chile will share what it learned in attracting investors to its ports.",
            "en",
            _AIM,
            "investment-attraction",
        ),
        (
            "Chile akan berbagi pengalaman dalam menarik investasi ke pelabuhan.",
            "id",
            _AIM,
            "investment-attraction",
        ),
        # investment with no verb of drawing in, and no cue
        ("Investment in the port reached a record last year.", "en", _AIM, "investment-attraction"),
        # a fair as the place of something else, with no one joining it
        ("Temu usaha digelar di sela pameran mebel di Jepara.", "id", _ACT, "trade-promotion"),
        ("Buyers met the growers during the Accra fair.", "en", _ACT, "trade-promotion"),
        # "about" after no copula is what is talked of, not what a deal is for
        ("Officials spoke about jobs at the new plant.", "en", _AIM, "job-creation"),
        # a study already published is no study the parties will run
        ("A 2019 study of the sector found that wages were low.", "en", _ACT, "joint-research"),
        # experts that are not the subject of helping or inspecting
        ("The experts' report was published in March.", "en", _ACT, "technical-assistance"),
    ],
)
def test_words_near_these_concepts_that_are_not_them(run, sentence, lang, cls, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), cls)


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "concept", "label"),
    [
        # "value added" and "nilai tambah" are names of processing at home
        (
            "Almost none of the seaweed is processed here.",
            "en",
            _AIM,
            "downstreaming",
            "value added — seaweed worked on at home",
        ),
        (
            "Kakao desa itu masih dijual sebagai bahan mentah.",
            "id",
            _AIM,
            "downstreaming",
            "value added — kakao diolah dulu",
        ),
        (
            "BKPM akan memimpin misi investor ke Dakar tahun depan.",
            "id",
            _ACT,
            "investment",
            "investment mission — investors to Dakar",
        ),
        (
            "The chamber will organise a business delegation to Lagos next year.",
            "en",
            _ACT,
            "business-matching",
            "business delegation — firms to Lagos",
        ),
        (
            "Kementerian akan memfasilitasi keikutsertaan IKM dalam pameran dagang di Kairo.",
            "id",
            _ACT,
            "trade-promotion",
            "trade fair participation — IKM di Kairo",
        ),
    ],
)
def test_the_finding_goes_by_the_name_the_labels_give_it(
    run, extractor, sentence, lang, cls, concept, label
):
    result = after_a_signing(run, sentence, lang)
    findings = [f for f in [*result.of(cls), *result.unresolved] if f.ref == concept]
    assert findings
    assert any(label_matches(label, finding_names(f, extractor), cls) for f in findings)

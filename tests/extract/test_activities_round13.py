"""The thirteenth round, activities: words of an activity named in passing state none (a
polytechnic where people train, a firm's supply contract, supply as a market's state, a rule
to be met, technical regulations, a post's field, an appositive describing a body), and
activities told as what people will do.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.passing import names_no_activity

from .conftest import after_a_signing, found

_VET = "vocational-training"
_SUPPLY = "raw-material-supply"
_POLICY = "policy-and-regulation"


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # a polytechnic as the place of training, or its people as the trainees
        (
            "Welders from Fiji will take courses at the Semarang metalworking polytechnic.",
            "en",
            _VET,
        ),
        (
            "Mechanics from Laos will be trained at Indonesia's agricultural machinery "
            "polytechnic in Medan.",
            "en",
            _VET,
        ),
        ("The ministry will send instructors from its leather polytechnic to Nairobi.", "en", _VET),
        ("Polytechnic lecturers will attend a summer course on robot welding.", "en", _VET),
        ("Operator asal Fiji akan dilatih di Politeknik Industri Logam Morowali.", "id", _VET),
        ("Dosen politeknik akan mengikuti kursus pengecoran logam di Busan.", "id", _VET),
        ("Teknisi dari politeknik Kemenperin akan dikirim ke Seoul.", "id", _VET),
        # a firm's contract of sale beside the governments' deal
        (
            "On the same day a Surabaya trader signed a contract with a Lagos importer for the "
            "supply of 900 tonnes of cocoa butter.",
            "en",
            _SUPPLY,
        ),
        (
            "PT Timur Jaya juga meneken kontrak pasokan gula kelapa dengan pembeli di Osaka.",
            "id",
            _SUPPLY,
        ),
        # supply as the state of a market
        (
            "The two sides will look for ways to limit disruptions to the supply of medicines.",
            "en",
            _SUPPLY,
        ),
        ("Tim akan memetakan pasokan dan permintaan semen di tiap pulau.", "id", _SUPPLY),
        ("Kedua pihak akan mengurangi gangguan pasokan obat di pulau-pulau kecil.", "id", _SUPPLY),
        # a rule to be met, technical regulations, a post's field
        (
            "The two sides will help furniture makers meet the European Union's timber regulation.",
            "en",
            _POLICY,
        ),
        (
            "Kedua pihak menyusun standar bersama untuk menghadapi regulasi antideforestasi "
            "Uni Eropa.",
            "id",
            _POLICY,
        ),
        (
            "The agencies will exchange information on new technical regulations for toys.",
            "en",
            _POLICY,
        ),
        (
            "The undersecretary for industry development and trade policy, Ana Lopes, will "
            "lead the team.",
            "en",
            _POLICY,
        ),
        # a word of a body's name headed "Balai"
        (
            "Para analis akan magang di Balai Besar Standardisasi dan Pelayanan Jasa Industri "
            "Kimia di Jakarta.",
            "id",
            "standards-and-certification",
        ),
        # a company signing its own contract beside the governments' deal
        (
            "On the sidelines, a Surabaya-based maker of fishing boats signed a lease for a "
            "plot in an industrial estate near Suva.",
            "en",
            "industrial-estate-development",
        ),
        (
            "Di sela kunjungan, PT Radio Nusa meneken perjanjian lisensi teknologi dengan "
            "perusahaan Swedia.",
            "id",
            "technology-transfer",
        ),
        # an appositive that says what a named body is
        (
            "The work will be done by SIRIM, a research institute owned by the Malaysian "
            "government.",
            "en",
            "research-centre-exchange",
        ),
    ],
)
def test_activity_words_named_in_passing_state_no_activity(run, sentence, lang, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), "activities")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # building polytechnics, or training the subject of the sentence, is still the activity
        ("The fund will finance two new polytechnics for the garment industry.", "en", _VET),
        ("Kedua pihak akan mendirikan politeknik tekstil di Addis Ababa.", "id", _VET),
        # a supply of goods for an industry is a supply partnership
        (
            "The memorandum covers the supply of copper cathodes for cable makers in Indonesia.",
            "en",
            _SUPPLY,
        ),
        (
            "Kerja sama meliputi pasokan kapas Mali untuk industri pemintalan nasional.",
            "id",
            _SUPPLY,
        ),
        # policy exchanged by the parties is industrial policy
        (
            "The ministries will exchange information on industrial policy and incentives.",
            "en",
            _POLICY,
        ),
    ],
)
def test_the_same_words_as_the_deal_s_activity_still_count(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), "activities")


@pytest.mark.parametrize(
    ("ref", "mention", "before", "after", "passing"),
    [
        (_VET, "polytechnic", "courses at the Hanoi textile ", " next year", True),
        (_VET, "polytechnics", "invest in building new ", " in Lagos", False),
        (_VET, "politeknik", "para mahasiswa ", " Kemenperin", True),
        ("joint-research", "joint study", "within two months, a ", " of copper", False),
        ("joint-research", "research institute", "KITECH), a ", " under", True),
        ("knowledge-sharing", "exchange of experts", "Second, an ", " on dyeing", False),
        ("joint-research", "research institute", "work will be done by SIRIM, a ", " of", True),
        (_SUPPLY, "supply", "long-term ", " of phosphate rock", False),
        (_SUPPLY, "supply", "", " contract with a Busan tyre maker", True),
        (_POLICY, "policy", "share their experience of downstreaming ", " and", False),
        (_POLICY, "policy", "a WTO trade-", " officer", True),
        (
            "investment",
            "investors",
            "The Lesotho National Development Corporation, the state agency that courts foreign ",
            ", also signed.",
            False,
        ),
    ],
)
def test_names_no_activity_reads_the_words_around(ref, mention, before, after, passing):
    sentence = before + mention + after
    assert names_no_activity(ref, mention, before, after, sentence) is passing


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # experts who coach or review and advise, said further on in the clause
        (
            "Engineers from Nagoya, most of them retired, will spend weeks on the shop floor "
            "of small firms and coach them through kaizen.",
            "en",
            "technical-assistance",
        ),
        (
            "Tenaga ahli BSN akan meninjau peralatan laboratorium dan memberi saran perbaikan.",
            "id",
            "technical-assistance",
        ),
        # a place fitted out to show or to try a thing: a pilot
        (
            "Two weaving mills will be fitted out as demonstration sites for other firms.",
            "en",
            "joint-technical-projects",
        ),
        (
            "The partners will build model houses of bamboo panels in Flores.",
            "en",
            "joint-technical-projects",
        ),
        (
            "Kemenperin akan membangun 40 rumah contoh dari bata tanah di Palu.",
            "id",
            "joint-technical-projects",
        ),
        ("Uji coba akan dilakukan di dua pabrik tahu di Kediri.", "id", "joint-technical-projects"),
        ("Mesin itu akan dikirim ke Dili sebagai percontohan.", "id", "joint-technical-projects"),
        # people who visit plants or see them at first hand: study visits
        (
            "Owners of small foundries will visit foundry clusters in Ceper.",
            "en",
            "knowledge-sharing",
        ),
        (
            "Peserta akan melihat langsung cara kerja sentra gerabah di Kasongan.",
            "id",
            "knowledge-sharing",
        ),
        ("Pejabat Fiji akan berkunjung ke kawasan industri di Kendal.", "id", "knowledge-sharing"),
        # help until a certificate is obtained
        (
            "Small bakeries will be helped to obtain halal certificates.",
            "en",
            "certification-assistance",
        ),
        (
            "IKM akan didampingi hingga memperoleh sertifikat SNI mainan.",
            "id",
            "certification-assistance",
        ),
        # each side accepting the other's test results
        (
            "BSN dan KATS akan saling menerima hasil uji helm dari laboratorium terakreditasi.",
            "id",
            "standards-and-certification",
        ),
        (
            "Kedua lembaga sepakat bahwa helm yang lulus uji di Jakarta tidak perlu diuji ulang "
            "di Seoul.",
            "id",
            "standards-and-certification",
        ),
        (
            "The agencies will accept each other's test reports for helmets.",
            "en",
            "standards-and-certification",
        ),
        # buyers brought to meet makers, meetings with importers
        (
            "KOTRA will bring Korean buyers to Surabaya every year to meet local makers.",
            "en",
            "business-matching",
        ),
        (
            "The centre will arrange online meetings with German importers of furniture.",
            "en",
            "business-matching",
        ),
        (
            "Perajin akan bertemu dengan pembeli dari Jepang di Yogyakarta.",
            "id",
            "business-matching",
        ),
        # firms given a stand at a fair, or sent to one
        (
            "Ten Tongan firms will get a stand at the food fair in Jakarta next year.",
            "en",
            "trade-promotion",
        ),
        (
            "Indonesian exhibitors will be given space at the Lagos furniture expo.",
            "en",
            "trade-promotion",
        ),
        (
            "Kemenperin akan memfasilitasi misi dagang perajin rotan ke pameran di Cebu.",
            "id",
            "trade-promotion",
        ),
        # courses held somewhere for people
        (
            "The institute will run workshops in Surabaya and Malang for some 40 inspectors.",
            "en",
            "training",
        ),
        (
            "BSN akan menggelar klinik di Medan dan Binjai bagi 50 operator pabrik sawit.",
            "id",
            "training",
        ),
        # plants' energy use audited
        ("Tim akan mengaudit penggunaan energi di 15 pabrik kertas.", "id", "energy-audits"),
        ("Engineers will audit the energy use of forty sawmills.", "en", "energy-audits"),
        # mutual recognition told as the arrangement's purpose
        (
            "Pengaturan itu dimaksudkan agar mainan yang lulus uji di Jakarta tidak perlu diuji "
            "ulang di Manila.",
            "id",
            "standards-and-certification",
        ),
        # a study of a supply chain
        ("Kedua pihak akan menyusun kajian rantai pasok garam di NTT.", "id", "joint-research"),
        # a study that maps a supply chain
        ("Tim gabungan akan memetakan rantai pasok kakao di Sulawesi.", "id", "joint-research"),
        (
            "The two ministries will draw up a map of the supply chains of solar panels.",
            "en",
            "joint-research",
        ),
    ],
)
def test_activities_told_as_what_people_will_do(run, sentence, lang, concept):
    result = after_a_signing(run, sentence, lang)
    assert concept in found(result, "activities") | {
        f.ref for f in result.unresolved if f.cls == "activities"
    }


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # a model or trial that is no place fitted out
        (
            "The new tractor model sold well in Thailand last year.",
            "en",
            "joint-technical-projects",
        ),
        ("Contoh produk dipajang di lobi kementerian.", "id", "joint-technical-projects"),
        # a visit in an earlier year is the background, not the deal's scope
        ("In 2023 a delegation from Fiji visited factories in Batam.", "en", "knowledge-sharing"),
        # a certificate held, not help to obtain one
        ("Most of the mills already hold ISO certificates.", "en", "certification-assistance"),
        # meetings of officials, not with buyers
        (
            "The ministers held meetings with officials of the central bank.",
            "en",
            "business-matching",
        ),
        # a stand that is no fair's
        (
            "The ministry will build a stand-alone testing centre in Bitung.",
            "en",
            "trade-promotion",
        ),
        # a course's venue with no trainees
        ("The workshop on tariffs in Geneva was for delegates of the WTO.", "en", "training"),
        # an audit of no energy use
        ("Kedua pihak akan mengaudit laporan keuangan proyek.", "id", "energy-audits"),
        # a map that is no supply chain's
        ("Peta jalan industri baja disusun pada 2022.", "id", "joint-research"),
    ],
)
def test_the_deeds_need_their_object(run, sentence, lang, concept):
    result = after_a_signing(run, sentence, lang)
    assert concept not in found(result, "activities") | {
        f.ref for f in result.unresolved if f.cls == "activities"
    }


_STATEMENT = {
    "id": (
        "Indonesia dan Selandia Baru menandatangani pernyataan bersama tentang industri susu "
        "di Jakarta pada Senin.\n\n"
        "Ruang lingkup kerja sama dalam pernyataan itu meliputi:\n\n"
        "1. Para Pihak mencatat bahwa kedua negara memiliki peternakan sapi perah;\n\n"
        "2. Para Pihak sepakat menggelar pertemuan tahunan di Wellington;\n\n"
        "3. sertifikasi keamanan pangan bagi koperasi susu;\n\n"
        "4. pencatatan kesehatan sapi perah di Boyolali.\n"
    ),
    "en": (
        "Indonesia and New Zealand signed a joint statement on the dairy industry in Jakarta "
        "on Monday.\n\n"
        "The scope of the cooperation set out in the statement covers:\n\n"
        "1. The Parties note that both countries keep dairy herds;\n\n"
        "2. Both sides agree to meet every year in Wellington;\n\n"
        "3. food safety certification for dairy cooperatives;\n\n"
        "4. a shared register of herd health records for Boyolali.\n"
    ),
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_paragraph_whose_subject_is_the_parties_is_no_unnamed_activity(run, lang):
    result = run(_STATEMENT[lang], lang=lang)
    heads = [f.label for f in result.unresolved if f.cls == "activities"]
    assert not [h for h in heads if h.startswith(("Para Pihak", "The Parties", "Both sides"))]
    # an item that names its activity by its head phrase is still proposed
    assert any(h.startswith(("pencatatan kesehatan", "a shared register")) for h in heads)


def test_each_deed_names_a_scheme_concept_or_one_proposed_under_unresolved():
    """A known deed must be a concept of the activity scheme (the candidate links it); an
    unknown one must be a "+id" row of aims.tsv, which gives its labels."""
    from graph_builder import resources
    from graph_builder.extract.deeds import DEEDS
    from graph_builder.extract.gazetteer import aim_rows

    scheme = (resources.ontology_dir() / "activities.ttl").read_text(encoding="utf-8")
    unknown = {row.concept for row in aim_rows() if row.cls == "activities" and not row.known}
    for deed in DEEDS:
        in_scheme = f"activity:{deed.ref} a skos:Concept" in scheme
        assert in_scheme is deed.known, deed.name
        assert in_scheme or deed.ref in unknown, deed.name

"""aims.py: objectives stated as purpose clauses, and concepts the schemes lack.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.gazetteer import aim_rows

from .conftest import refs, unresolved

DEAL_EN = "Indonesia and Peru signed a memorandum of understanding on industry on Monday. "
DEAL_ID = "Indonesia dan Peru menandatangani nota kesepahaman kerja sama industri pada Senin. "


def in_a_deal(sentence: str, lang: str) -> str:
    """*sentence* after a signing in its language, so that it speaks of an agreement."""
    return (DEAL_ID if lang == "id" else DEAL_EN) + sentence


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        # verb of change + object, English
        ("Officials said the plan is meant to lift exports of furniture.", "export-growth"),
        ("The ministry hopes the deal will boost export earnings.", "export-growth"),
        ("The two sides want to generate skilled jobs in the eastern provinces.", "job-creation"),
        ("It is designed to cut carbon emissions from kilns.", "emission-reduction"),
        ("The goal is to diversify supply chains for medicines.", "supply-chain-resilience"),
        ("Both governments expect it to sharpen competitiveness.", "global-competitiveness"),
        (
            "The scheme should raise productivity in small plants.",
            "productivity-and-competitiveness",
        ),
        ("The loan aims to add value to cocoa before it leaves the country.", "downstreaming"),
        # predicates after a purpose cue
        ("The aim is to make small firms more competitive.", "global-competitiveness"),
        ("They want supply chains more resilient after the floods.", "supply-chain-resilience"),
        ("The fund is intended to make growth more inclusive.", "inclusive-economic-growth"),
    ],
)
def test_english_purpose_clauses_name_the_schemes_objectives(run, sentence, concept):
    assert concept in refs(run(DEAL_EN + sentence, lang="en"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("Kerja sama ini diharapkan menaikkan nilai ekspor mebel.", "export-growth"),
        ("Program itu bertujuan membuka lapangan pekerjaan di desa.", "job-creation"),
        ("Pemerintah ingin menekan emisi karbon dari pabrik semen.", "emission-reduction"),
        ("Langkah ini untuk memperkokoh rantai pasok obat.", "supply-chain-resilience"),
        ("Kedua pihak berharap ekspor kakao olahan meningkat.", "export-growth"),
        ("Tujuannya agar perajin lokal lebih berdaya saing.", "global-competitiveness"),
        ("Pelatihan ini agar pekerja pabrik lebih produktif.", "productivity-and-competitiveness"),
        ("Kerja sama ini guna mendongkrak nilai tambah rumput laut.", "downstreaming"),
    ],
)
def test_indonesian_purpose_clauses_name_the_schemes_objectives(run, sentence, concept):
    assert concept in refs(run(DEAL_ID + sentence, lang="id"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # no cue of purpose: a fact, not an aim
        ("Exports of furniture rose by a tenth last month.", "en", "export-growth"),
        ("The new plant created jobs for welders.", "en", "job-creation"),
        ("Ekspor mebel naik sepersepuluh bulan lalu.", "id", "export-growth"),
    ],
)
def test_a_fact_without_a_purpose_is_not_an_aim(run, sentence, lang, concept):
    assert concept not in refs(run(in_a_deal(sentence, lang), lang=lang), "objectives")


def test_an_aim_in_a_sentence_about_an_earlier_event_does_not_count(run):
    text = DEAL_EN + "In 2015 an earlier pact had aimed to raise exports of rubber."
    assert "export-growth" not in refs(run(text, lang="en"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "cls", "ref"),
    [
        (
            "The pact aims to reduce reliance on imported steel.",
            "en",
            "objectives",
            "industrial-self-reliance",
        ),
        (
            "Kerja sama ini untuk mendukung ketahanan pangan nasional.",
            "id",
            "objectives",
            "food-security",
        ),
        (
            "The partners will also carry out a feasibility study for a port.",
            "en",
            "activities",
            "feasibility-studies",
        ),
        (
            "Kedua pihak juga sepakat memberikan pendampingan teknis bagi pabrik.",
            "id",
            "activities",
            "technical-assistance",
        ),
    ],
)
def test_concepts_the_schemes_lack_are_proposed_unresolved(run, sentence, lang, cls, ref):
    found = unresolved(run(in_a_deal(sentence, lang), lang=lang), cls)
    assert ref in found


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        ("Under the MoU the ministry will train mechanics and welders.", "en", "training"),
        ("The MoU covers pilot projects in two estates.", "en", "joint-technical-projects"),
        ("The partners will share best practices on plant safety.", "en", "knowledge-sharing"),
        (
            "Nota itu mencakup pertukaran peneliti antara kedua lembaga.",
            "id",
            "research-centre-exchange",
        ),
    ],
)
def test_activities_written_as_verbs_and_nominalisations(run, sentence, lang, concept):
    assert concept in refs(run(in_a_deal(sentence, lang), lang=lang), "activities")


def test_every_row_names_a_class_and_a_frame_it_can_use():
    for row in aim_rows():
        assert row.cls in ("objectives", "activities", "sectors") and row.words
        frames = ("-", "aim", "raise", "create", "cut", "secure", "keep", "rise", "diversify")
        frames += ("stay", "entry", "employ", "meet", "own", "pass", "replace")
        frames += ("process", "raw", "join", "attract")  # round 10
        assert row.frame in frames
        assert row.cls != "sectors" or (row.frame == "-" and row.known)  # a label's words
        assert (
            row.known
            or row.en_label not in ("", "-")
            or any(r.concept == row.concept and r.en_label != "-" for r in aim_rows())
        )


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # what the parties will do is the deal's scope, with no scope word
        (
            "The two agencies will hold business matching events for toy makers.",
            "en",
            "business-matching",
        ),
        (
            "Kedua lembaga akan menggelar temu bisnis bagi produsen mainan.",
            "id",
            "business-matching",
        ),
        # investment and training as verbs after a modal or purpose cue
        ("A Chilean firm will invest in a copper rod plant in Gresik.", "en", "investment"),
        ("Kementerian itu akan melatih operator mesin dari Peru.", "id", "training"),
        # vocational schools are vocational education
        ("The MoU covers three polytechnics in Sulawesi.", "en", "vocational-training"),
    ],
)
def test_activities_in_what_the_parties_will_do(run, sentence, lang, concept):
    assert concept in refs(run(in_a_deal(sentence, lang), lang=lang), "activities")


def test_a_plan_of_a_third_country_is_not_a_party(run):
    text = DEAL_EN + "Vietnam will also invest in a similar plant, officials said."
    assert "VN" not in refs(run(text, lang="en"), "countries")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The scheme is meant to help small potters sell abroad.", "en"),
        ("Program ini agar produk rotan nasional menembus pasar Eropa Timur.", "id"),
    ],
)
def test_entering_markets_abroad_is_an_export_aim(run, sentence, lang):
    assert "export-growth" in refs(run(in_a_deal(sentence, lang), lang=lang), "objectives")


def test_a_body_acting_in_a_deal_article_names_its_country_as_a_party(run):
    text = (
        "Peru signed a memorandum on industrial cooperation on Monday. "
        "Welders will be trained by Kemenperin at its polytechnic in Bandung."
    )
    assert "ID" in refs(run(text, lang="en"), "countries")


def _all(result, cls):
    return refs(result, cls) | set(unresolved(result, cls))


@pytest.mark.parametrize(
    ("deal", "sentence", "cls", "concept"),
    [
        # aims written as verbs and clauses outside the schemes' nouns (issue 18)
        (DEAL_EN, "The plants are expected to create 2,500 jobs.", "objectives", "job-creation"),
        (
            DEAL_ID,
            "Kerja sama ini bertujuan menjamin ketersediaan bahan baku industri baja.",
            "objectives",
            "raw-material-security",
        ),
        (
            DEAL_EN,
            "They want a supply chain that does not depend on a single country.",
            "objectives",
            "supply-chain-resilience",
        ),
        (
            DEAL_ID,
            "Kerja sama ini penting agar industri baja nasional tidak lagi bergantung pada impor.",
            "objectives",
            "industrial-self-reliance",
        ),
        (
            DEAL_EN,
            "The ministry said the plant would reduce that dependence within five years.",
            "objectives",
            "industrial-self-reliance",
        ),
        (
            DEAL_EN,
            "Cheaper fertiliser, officials say, is key to food security.",
            "objectives",
            "food-security",
        ),
        (
            DEAL_EN,
            "Officials hope the deal will keep more of the value at home.",
            "objectives",
            "downstreaming",
        ),
        (
            DEAL_ID,
            "Program ini diharapkan memperluas akses pasar produk kriya.",
            "objectives",
            "new-opportunities-for-industry",
        ),
        (DEAL_EN, "The MoU aims to raise bilateral trade.", "objectives", "bilateral-trade"),
        (
            DEAL_EN,
            "The goal is to open African markets for Indonesian makers.",
            "objectives",
            "export-growth",
        ),
        (
            DEAL_EN,
            "It would help herbal medicine makers enter the Korean market.",
            "objectives",
            "export-growth",
        ),
        (
            DEAL_ID,
            "Kerja sama ini diharapkan meningkatkan perdagangan bilateral.",
            "objectives",
            "bilateral-trade",
        ),
        # activities worded outside the tables
        (
            DEAL_EN,
            "It covers the supply of cobalt to cell makers.",
            "activities",
            "raw-material-supply",
        ),
        (
            DEAL_ID,
            "Kerja sama mencakup pasokan bijih bauksit untuk smelter.",
            "activities",
            "raw-material-supply",
        ),
        (
            DEAL_EN,
            "The agreement includes the exchange of engineers between clusters.",
            "activities",
            "knowledge-sharing",
        ),
        (
            DEAL_EN,
            "The two sides will set up joint ventures in cashew processing.",
            "activities",
            "joint-ventures",
        ),
        (
            DEAL_ID,
            "Kedua pihak akan membentuk usaha patungan di bidang pengolahan kelapa.",
            "activities",
            "joint-ventures",
        ),
        (
            DEAL_EN,
            "The MoU covers a system for exchanging waste heat between factories.",
            "activities",
            "industrial-symbiosis-assistance",
        ),
        (DEAL_EN, "It covers joint design of furniture.", "activities", "design-cooperation"),
        (DEAL_EN, "It covers joint clinical research on vaccines.", "activities", "joint-research"),
        (
            DEAL_EN,
            "It covers the exchange of delegations and experts.",
            "activities",
            "knowledge-sharing",
        ),
        (
            DEAL_EN,
            "It covers the transfer of processing technology for milk.",
            "activities",
            "technology-transfer",
        ),
        (
            DEAL_EN,
            "It will run joint pilots of robots in plants.",
            "activities",
            "joint-technical-projects",
        ),
        (
            DEAL_EN,
            "A feasibility study is to be completed by June.",
            "activities",
            "feasibility-studies",
        ),
    ],
)
def test_aims_and_activities_worded_as_verbs_and_clauses(run, deal, sentence, cls, concept):
    lang = "en" if deal is DEAL_EN else "id"
    assert concept in _all(run(deal + sentence, lang=lang), cls)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        (
            "Indonesia and Peru signed an MoU opening the way for Peruvian investment in copper.",
            "en",
        ),
        ("The MoU aims to attract investment into the new estates of Java.", "en"),
        (
            "Indonesia dan Peru menandatangani nota kesepahaman tentang promosi perdagangan dan "
            "investasi.",
            "id",
        ),
    ],
)
def test_investment_with_its_object_or_kind_is_an_activity(run, sentence, lang):
    assert "investment" in refs(run(sentence, lang=lang), "activities")


def test_investment_named_alone_is_not_an_activity(run):
    text = "Indonesia and Peru signed an MoU; officials spoke about investment."
    assert "investment" not in refs(run(text, lang="en"), "activities")


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        # jobs: widened, wanted as a bare noun, unemployment cut
        ("Kerja sama ini akan memperluas kesempatan kerja di Sulawesi.", "job-creation"),
        ('"Kami ingin lapangan kerja tetap di desa," ujarnya.', "job-creation"),
        ("Lulusannya diharapkan menekan angka pengangguran di kota itu.", "job-creation"),
        ("The scheme is meant to cut youth unemployment in the north.", "job-creation"),
        ("The firms want to keep their competitive edge abroad.", "global-competitiveness"),
        # downstream processing worded as not selling raw goods, or building downstream industry
        (
            "Peru ingin mengolah lebih banyak seng agar tidak hanya menjual bahan mentah.",
            "downstreaming",
        ),
        ("Indonesia akan membantu membangun industri hilir kakao di Peru.", "downstreaming"),
        ("Peru wants to process more of its zinc rather than raw ore exports.", "downstreaming"),
        # import substitution worded as local assembly
        (
            "Peru ingin pompa air dirakit di dalam negeri, bukan diimpor utuh.",
            "industrial-self-reliance",
        ),
        (
            "The aim is to have the pumps assembled locally instead of importing them.",
            "industrial-self-reliance",
        ),
        # supply resilience, competitiveness kept, circular economy, trade deficit
        (
            "It is expected to strengthen the resilience of the supply of drugs.",
            "supply-chain-resilience",
        ),
        (
            "Program ini diharapkan menjamin pasokan yang stabil bagi pabrik.",
            "raw-material-security",
        ),
        (
            "Program ini akan membantu perusahaan mempertahankan daya saing produk.",
            "global-competitiveness",
        ),
        ("The programme aims to promote the circular economy in packaging.", "circular-economy"),
        (
            "Kerja sama ini untuk mendorong ekonomi sirkular di industri kemasan.",
            "circular-economy",
        ),
        ("Peru hopes the deal will narrow its trade deficit with Asia.", "trade-balance"),
    ],
)
def test_paraphrased_aims_reach_the_objectives(run, sentence, concept):
    lang = "id" if " ini " in sentence or " ingin " in sentence or "Kami" in sentence else "en"
    result = run(in_a_deal(sentence, lang), lang=lang)
    found = refs(result, "objectives") | set(unresolved(result, "objectives"))
    assert concept in found


@pytest.mark.parametrize(
    "sentence",
    [
        # a downstream industry named as a destination of supplies is a sector, not an aim
        "Peru memasok aluminium untuk industri hilir di Indonesia.",
        # a verb of several kinds takes its nearest object: supply chains, not jobs
        "Program ini diharapkan memperkuat rantai pasok dan menambah produksi.",
    ],
)
def test_aims_not_read_from_a_sectors_words_or_a_later_object(run, sentence):
    result = run(DEAL_ID + sentence, lang="id")
    found = refs(result, "objectives") | set(unresolved(result, "objectives"))
    assert "downstreaming" not in found and "job-creation" not in found


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        (
            "The agreement provides for regular exchanges of officials and experts.",
            "knowledge-sharing",
        ),
        ("Kerja sama ini mencakup pertukaran pakar di bidang logam.", "knowledge-sharing"),
        (
            "The agreement covers food-safety inspection of canned goods.",
            "standards-and-certification",
        ),
        (
            "Kerja sama ini mencakup saling pengakuan hasil inspeksi CPOB.",
            "standards-and-certification",
        ),
        ("The agreement covers buyer-seller meetings at trade fairs.", "business-matching"),
        ("Kerja sama ini mencakup pertemuan B2B antara eksportir.", "business-matching"),
        ("The agreement covers technical advice on boiler design.", "technical-assistance"),
        ("Kerja sama ini mencakup pendampingan bagi 50 pabrik kecil.", "technical-assistance"),
    ],
)
def test_activities_worded_beyond_the_schemes_labels(run, sentence, concept):
    lang = "id" if "Kerja sama" in sentence else "en"
    result = run(in_a_deal(sentence, lang), lang=lang)
    assert concept in refs(result, "activities") | set(unresolved(result, "activities"))


def test_what_industry_does_after_industri_is_an_aim_not_a_sector(run):
    text = DEAL_ID + "Program ini akan membantu industri menekan emisi di pabrik semen."
    assert "emission-reduction" in refs(run(text, lang="id"), "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # the object first, then a modal and a verb of falling
        (
            '"Ketergantungan pada impor bahan baku bisa kita kurangi," ujarnya.',
            "id",
            "industrial-self-reliance",
        ),
        ("Emisi pabrik semen diharapkan turun separuh.", "id", "emission-reduction"),
        (
            "Reliance on imported parts can be reduced under the plan.",
            "en",
            "industrial-self-reliance",
        ),
    ],
)
def test_an_object_put_first_with_its_cue_before_the_verb(run, sentence, lang, concept):
    result = run(in_a_deal(sentence, lang), lang=lang)
    assert concept in refs(result, "objectives") | set(unresolved(result, "objectives"))


def test_a_fall_reported_without_a_cue_is_no_aim(run):
    result = run(DEAL_EN + "Emissions from the plant fell last year.", lang="en")
    assert "emission-reduction" not in refs(result, "objectives")


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        ("The deal is meant to lift non-oil exports of furniture.", "en", "export-growth"),
        ("Kerja sama ini diharapkan membuka jalur ekspor baru ke Afrika.", "id", "export-growth"),
        ("Peru wants the plant to become an export hub for the region.", "en", "export-growth"),
        ("Peru ingin pabrik itu memakai tenaga kerja lokal.", "id", "job-creation"),
        ("The aim is to make higher-value products from the ore.", "en", "downstreaming"),
        ("The deal should secure raw materials for the smelters.", "en", "raw-material-security"),
        (
            "Kerja sama ini untuk mencari pemasok alternatif bagi pabrik obat.",
            "id",
            "supply-chain-resilience",
        ),
        (
            "Peru ingin mendorong produksi dalam negeri alat pertanian.",
            "id",
            "industrial-self-reliance",
        ),
        (
            "The programme supports the decarbonisation of cement plants.",
            "en",
            "emission-reduction",
        ),
        (
            "Kerja sama ini bertujuan menekan gas rumah kaca dari pabrik.",
            "id",
            "emission-reduction",
        ),
        (
            "Peru wants its mills to be world-class within ten years.",
            "en",
            "global-competitiveness",
        ),
        (
            "The MoU supports the economic development of the border provinces.",
            "en",
            "economic-growth",
        ),
    ],
)
def test_paraphrases_of_the_common_objectives(run, sentence, lang, concept):
    result = run(in_a_deal(sentence, lang), lang=lang)
    assert concept in refs(result, "objectives") | set(unresolved(result, "objectives"))


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # upgrading in general is not downstream processing
        ("Kerja sama ini diharapkan mendorong IKM naik kelas.", "id", "downstreaming"),
        # a supply of water or beans guaranteed is not a resilient supply chain as an aim
        (
            "The board will guarantee supplies of beans to the plants.",
            "en",
            "supply-chain-resilience",
        ),
    ],
)
def test_near_paraphrases_that_are_not_the_objective(run, sentence, lang, concept):
    result = run(in_a_deal(sentence, lang), lang=lang)
    assert concept not in refs(result, "objectives") | set(unresolved(result, "objectives"))


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("The agreement covers upskilling of welders at the yards.", "training"),
        ("Kerja sama ini mencakup pelatihan operator mesin jahit.", "training"),
        ("The agreement covers investment facilitation for parts makers.", "investment"),
        ("Kerja sama ini mencakup relokasi pabrik sepatu ke Jawa Tengah.", "investment"),
        ("The agreement covers a joint laboratory for battery cells.", "joint-research"),
        ("Kerja sama ini mencakup penelitian bersama tentang serat.", "joint-research"),
        ("The agreement covers the transfer of know-how on casting.", "technology-transfer"),
        ("Kerja sama ini mencakup alih pengetahuan tentang pengecoran.", "technology-transfer"),
        ("The agreement covers TVET for the shipyards.", "vocational-training"),
        ("Kerja sama ini mencakup pabrik percontohan bioetanol.", "joint-technical-projects"),
    ],
)
def test_more_activities_worded_beyond_the_labels(run, sentence, concept):
    lang = "id" if "Kerja sama" in sentence else "en"
    result = run(in_a_deal(sentence, lang), lang=lang)
    assert concept in refs(result, "activities") | set(unresolved(result, "activities"))


def test_a_word_tries_only_the_heads_it_can_begin_and_matches_as_the_whole_grammar(extractor):
    """Every head of the grammar, written in three cases and followed by a word, an
    apostrophe, a hyphen or a stop: the heads a word tries match as all the heads do."""
    from graph_builder.extract.aims import _WORD

    reader = extractor.aims
    compared = 0
    for head in reader._heads:
        for written in (head, head.upper(), head.title()):
            for after in (" of the goods", "'s goods", "’s goods", "-based goods", ".", ""):
                text = written + after
                word = _WORD.match(text)
                if word is None or word.group().lower() not in reader._first:
                    continue
                restricted = reader._start_of(word.group().lower()).match(text)
                whole = reader._start.match(text)
                assert (restricted and restricted.span()) == (whole and whole.span()), text
                compared += 1
    assert compared > 1000

"""The thirteenth round: aims told as the problem a deal removes (``extract/remedies.py``).

Buyers who ask for proof, goods tested twice, goods still imported, energy wasted, people a
trade employs or work for people, crops that leave in their raw form, waste that piles up:
each clause states its aim by its own grammar, with no cue of purpose, and the concept is
read from its argument. Negative cases are the same words in clauses that state no problem.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from .conftest import after_a_signing, found

_AIM = "objectives"


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # buyers abroad who ask for proof, or rules buyers set: market access
        ("Buyers in Canada now ask for proof that the timber is legal.", "en", "market-access"),
        (
            "Retailers in Britain increasingly demand a record of every batch.",
            "en",
            "market-access",
        ),
        ("Pembeli di Jepang kini menanyakan asal-usul setiap karung kopi.", "id", "market-access"),
        (
            "Produsen harus memenuhi standar yang ditetapkan pembeli di Kanada.",
            "id",
            "market-access",
        ),
        # goods tested twice, or tested once for both markets: market access
        ("Today a pump approved at home must be tested again in Peru.", "en", "market-access"),
        (
            "Tiles could be sold in both countries with a single set of tests.",
            "en",
            "market-access",
        ),
        ("Selama ini setiap kabel harus diuji ulang di Chile.", "id", "market-access"),
        ("Hasil uji balai itu akan diterima laboratorium di negara mitra.", "id", "market-access"),
        # goods still imported, told in the active voice: import substitution
        (
            "The island still imports most of the cement it pours.",
            "en",
            "industrial-self-reliance",
        ),
        ("Most of the valves still come in from Korea.", "en", "industrial-self-reliance"),
        ("Hospital tenders are dominated by imports.", "en", "industrial-self-reliance"),
        (
            "Pabrik pakan masih mengimpor hampir seluruh jagungnya.",
            "id",
            "industrial-self-reliance",
        ),
        (
            "Setiap bus baru selama ini berarti mengimpor mesin dan sasis.",
            "id",
            "industrial-self-reliance",
        ),
        # energy a plant wastes or burns too much of: energy efficiency
        ("Old kilns lose the heat they waste through cracked walls.", "en", "energy-efficiency"),
        ("The plan targets the steam that dye houses waste.", "en", "energy-efficiency"),
        ("Small smelters burn far more coal per tonne than new ones.", "en", "energy-efficiency"),
        ("Pabrik gula tua sangat boros energi.", "id", "energy-efficiency"),
        ("Listrik yang terbuang di pabrik kertas masih besar.", "id", "energy-efficiency"),
        # people a trade employs by the thousand, work for people: job creation
        ("Shoe workshops employ hundreds of thousands of people.", "en", "job-creation"),
        ("A new mill would mean jobs for young people in the valley.", "en", "job-creation"),
        ("Industri rotan mempekerjakan puluhan ribu orang.", "id", "job-creation"),
        ("Setiap pabrik berarti pekerjaan bagi lulusan politeknik.", "id", "job-creation"),
        # a crop or ore that leaves in its raw form: value added
        ("Most of the cotton still leaves the country as raw lint.", "en", "downstreaming"),
        ("The islands export nearly all of their cocoa as wet beans.", "en", "downstreaming"),
        ("Kelapa di pulau itu masih dijual sebagai kopra utuh.", "id", "downstreaming"),
        ("Sebagian besar kayunya keluar dalam bentuk gelondongan.", "id", "downstreaming"),
        # goods sold abroad, makers taken into a foreign maker's supply chain: exports
        ("Small foundries hope to sell castings abroad within five years.", "en", "export-growth"),
        (
            "Suppliers want to join the supply chains of Korean carmakers.",
            "en",
            "export-growth",
        ),
        ("Bengkel lokal bisa masuk ke rantai pasok pabrikan di Vietnam.", "id", "export-growth"),
        # made at home against imported: import substitution told as the contrast
        (
            "Clinics want syringes made locally rather than imported.",
            "en",
            "industrial-self-reliance",
        ),
        (
            "Pompa air itu akan dirakit di Surabaya, bukan didatangkan dari luar.",
            "id",
            "industrial-self-reliance",
        ),
        # processed against raw: value added told as the contrast
        ("Growers could sell roasted nibs instead of raw beans.", "en", "downstreaming"),
        ("Koperasi ingin menjual minyak, bukan hanya biji kemiri.", "id", "downstreaming"),
        # plants that need a steady supply or are short of it: a secure supply
        (
            "Tile makers need a steady supply of feldspar.",
            "en",
            "raw-material-security",
        ),
        (
            "Pabrik pakan di Jawa Timur kekurangan bahan baku.",
            "id",
            "raw-material-security",
        ),
        # the producers' share of the price: better incomes
        ("Petani dapat bagian harga yang lebih besar.", "id", "better-incomes"),
        # goods pushed out of a market: market access
        (
            "Tanpa sertifikat itu, ubin kita bisa tersingkir dari pasar Eropa.",
            "id",
            "market-access",
        ),
        ("Small mills were pushed out of the Japanese market.", "en", "market-access"),
        # goods still brought in, an adverb between: import substitution
        (
            "Kompor listrik masih banyak didatangkan dari Tiongkok.",
            "id",
            "industrial-self-reliance",
        ),
        ("Kalau nelayannya dapat harga yang lebih baik, desa ikut tumbuh.", "id", "better-incomes"),
        # waste that piles up or is thrown away: waste reduction
        ("Sampah kemasan yang menumpuk di pantai akan didaur ulang.", "id", "waste-reduction"),
        ("Sawmills throw away a third of every log.", "en", "waste-reduction"),
        ("Agar ban bekas tidak berakhir sebagai sampah di sungai.", "id", "waste-reduction"),
        ("Too much of the husk ends up in landfills.", "en", "waste-reduction"),
    ],
)
def test_told_as_the_problem_removed(run, sentence, lang, concept):
    assert concept in found(after_a_signing(run, sentence, lang), _AIM)


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # buyers who buy, a rule nobody set: no market access
        ("Buyers in Canada bought more timber last year.", "en", "market-access"),
        ("Pembeli di Jepang membayar tunai.", "id", "market-access"),
        # a test done once, a test result reported: no market access
        ("The pumps were tested in Bandung last month.", "en", "market-access"),
        ("Hasil uji menunjukkan kadar air terlalu tinggi.", "id", "market-access"),
        # goods that will be imported, imports that rose: no problem stated
        ("The island will import cement from Java next year.", "en", "industrial-self-reliance"),
        ("Impor semen naik tahun lalu.", "id", "industrial-self-reliance"),
        # waste heat reused, energy saved as a fact of a machine: no energy wasted
        ("Mills will exchange waste heat with the dye houses.", "en", "energy-efficiency"),
        ("Steam from the boiler drives the turbines.", "en", "energy-efficiency"),
        # working for a firm, employing a few people: no jobs stated
        ("She used to work for a bank in Jakarta.", "en", "job-creation"),
        ("The workshop employs twelve welders.", "en", "job-creation"),
        # goods sold as finished products, or leaving as waste: no raw form
        ("The chairs are sold as finished products in Europe.", "en", "downstreaming"),
        ("Half of the husk leaves the mill as waste.", "en", "downstreaming"),
        ("Sepatu itu dijual sebagai barang jadi.", "id", "downstreaming"),
        # goods sold abroad as raw beans, chains of makers at home: no export aim
        ("Most of what it sells abroad still goes out as raw beans.", "en", "export-growth"),
        ("Suppliers join the supply chains of assemblers in Bekasi.", "en", "export-growth"),
        # a contrast of other things: no import substitution, no raw form
        ("Rather than imports, the talks were about tariffs.", "en", "industrial-self-reliance"),
        ("Bukan hanya pemerintah yang hadir.", "id", "downstreaming"),
        # a need that is no supply: no secure supply
        ("Factories need a steady hand at the top.", "en", "raw-material-security"),
        # pushed out of a queue, a market that grew: no market access
        ("The old boiler was pushed out of the hall.", "en", "market-access"),
        ("Pasar ubin Eropa tumbuh tahun lalu.", "id", "market-access"),
        # waste collected or treated: nothing piles up
        ("Limbah pabrik diolah di instalasi bersama.", "id", "waste-reduction"),
        ("The estate will build a waste treatment plant.", "en", "waste-reduction"),
    ],
)
def test_not_told(run, sentence, lang, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), _AIM)


@pytest.mark.parametrize(
    ("sentence", "lang", "concepts"),
    [
        # a verb of change with two coordinated objects states two aims
        (
            "The boilers are meant to lower their fuel costs and their emissions.",
            "en",
            {"lower-costs", "emission-reduction"},
        ),
        (
            "Program itu bertujuan menekan emisi dan biaya produksi pabrik tekstil.",
            "id",
            {"emission-reduction", "lower-costs"},
        ),
        (
            "The partners aim to raise exports and jobs in the region.",
            "en",
            {"export-growth", "job-creation"},
        ),
    ],
)
def test_two_objects_of_one_verb(run, sentence, lang, concepts):
    assert concepts <= found(after_a_signing(run, sentence, lang), _AIM)


@pytest.mark.parametrize(
    ("sentence", "lang", "concept"),
    [
        # another verb before the second object begins its own clause: imports raised are
        # not imports cut; a label that is itself the coordination names one concept
        (
            "The deal aims to reduce costs and increase imports of machines.",
            "en",
            "industrial-self-reliance",
        ),
        (
            "Kerja sama itu bertujuan menekan biaya dan menambah impor mesin.",
            "id",
            "industrial-self-reliance",
        ),
        # a concept whose own label is the coordination is one aim, not two
        (
            "Program ini bertujuan meningkatkan produktivitas dan daya saing industri.",
            "id",
            "global-competitiveness",
        ),
    ],
)
def test_no_second_aim(run, sentence, lang, concept):
    assert concept not in found(after_a_signing(run, sentence, lang), _AIM)

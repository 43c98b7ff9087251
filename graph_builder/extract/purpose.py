"""The closed classes of words the purpose grammar (:mod:`.aims`) reads clauses by.

Verbs of change by kind and the nouns of entry (what a purpose clause does to its object),
the cues of purpose or expectation an aim must follow, and two clauses whose subject says
what is done: a body working with a research institute, experts who help or accompany.
"""

from __future__ import annotations

import re

from .portfolios import each, either

VERBS: dict[str, tuple[str, ...]] = {
    # Verbs of change by kind, English and Indonesian, with their nouns of action.
    "raise": each(
        "raise raises raising boost boosts boosting increase increases increasing expand "
        "expands expanding grow grows growing lift lifts lifting double doubling drive "
        "drives driving spur spurring accelerate accelerates accelerating promote promotes "
        "promoting push improve improves improving enhance enhances enhancing strengthen "
        "strengthens strengthening deepen foster fosters fostering support supports "
        "supporting bolster sharpen higher greater speed up speeding up "
        "meningkatkan menaikkan mendorong memacu memperluas menggenjot menambah memperkuat "
        "mempercepat mendukung memperdalam mendongkrak menumbuhkan mengerek peningkatan "
        "perluasan penguatan percepatan pendorong menggerakkan stimulate stimulates revive"
    ),
    "create": each(
        "create creates creating generate generates generating add adds adding open opens "
        "opening provide provides providing bring brings bringing more new enter enters "
        "entering penetrate penetrating reach reaching give gives giving "
        "menciptakan membuka menambah menyerap menghasilkan menghadirkan penciptaan menembus "
        "memasuki merambah memberi memberikan "
        "penyerapan pembukaan"
    ),
    "cut": each(
        "reduce reduces reducing cut cuts cutting lower lowers lowering curb curbs curbing "
        "limit limits limiting lessen decrease decreases trim halve ease narrow narrows narrowing "
        "mengurangi menurunkan menekan memangkas mengikis memperkecil mempersempit pengurangan "
        "penurunan"
    ),
    "secure": each(
        "strengthen strengthens strengthening secure secures securing diversify diversifies "
        "diversifying integrate integrates integrating build builds building join joining "
        "make makes making bolster protect protects reshape guarantee guarantees guaranteeing "
        "ensure ensures ensuring safeguard safeguarding menjamin memastikan "
        "memperkuat mengamankan membangun mendiversifikasi mengintegrasikan memperkokoh "
        "menjaga bergabung penguatan pembangunan integrasi"
    ),
    "keep": each(
        "maintain maintains maintaining keep keeps keeping retain retains retaining sustain "
        "sustains sustaining preserve preserves preserving safeguard "
        "mempertahankan menjaga memelihara mempertahankannya"
    ),
    "fall": each(
        "fall falls fell decline declines shrink shrinks drop drops ease eases reduced cut "
        "lowered curbed trimmed halved narrowed "
        "turun menurun berkurang menyusut dikurangi kurangi ditekan tekan diturunkan "
        "dipangkas diperkecil"
    ),
    "diversify": each(
        "diversify diversifies diversifying diversification broaden broadens broadening "
        "mendiversifikasi mendiversifikasikan diversifikasi menganekaragamkan"
    ),
    "stay": each("stay stays remain remains tinggal tetap"),
    "employ": each(
        "employ employs employing hire hires hiring mempekerjakan merekrut menyerap memberdayakan"
    ),
    "secured": each(
        "secure secured safe safer stable steady reliable guaranteed resilient aman terjamin "
        "stabil andal tangguh pasti terjaga"
    ),
    "rise": each(
        "rise rises grow grows increase increases expand expands climb climbs "
        "double doubles triple triples meningkat naik tumbuh bertambah melonjak"
    ),
    "meet": each("meet meets meeting fulfil fulfils fulfill satisfy memenuhi mematuhi lolos"),
    "pass": each("pass passes passing clear clears lolos melewati"),
    "own": each("own sendiri"),
    "process": each(
        "processed processing spun roasted refined smelted milled packed bottled "
        "canned tanned diolah mengolah diproses memproses dipintal disangrai dimurnikan "
        "digiling dikemas dikalengkan disamak pengolahan"
    ),
    "raw": each(
        "sell sells sold selling export exports exported exporting ship ships shipped "
        "shipping leave leaves leaving menjual dijual mengekspor diekspor mengirim dikirim "
        "dikapalkan keluar"
    ),
    "join": each(
        "join joins joining attend attends attending exhibit exhibits exhibiting participate "
        "participating participation keikutsertaan mengikuti ikut berpartisipasi partisipasi "
        "berpameran menghadiri"
    ),
    "attract": each(
        "attract attracts attracting draw draws drawing lure lures luring "
        "menarik mendatangkan menggaet memikat"
    ),
    "replace": each(
        "replace replaces replacing substitute substitutes substituting menggantikan mengganti "
        "menggantikannya menyubstitusi mensubstitusi"
    ),
}
"""Closed classes of verbs: what a purpose clause does to its object ("pass" has a frame of its
own, checks and tests: "pass rules" is a law made). "stay", "secured" and "own" follow an
object put first ("nilai tambahnya tinggal di …", "supplies more secure",
"mengolah kapasnya sendiri", "processing our own gum")."""

CARRIER = ("door for", "jalan masuk", "pintu masuk")
"""Nouns of entry that carry the goods before the place they enter ("a door for Indonesian
machinery into the Caribbean market", "pintu masuk produk Indonesia ke pasar Afrika"): sales
abroad, the export aim (five groups' labels file it under exports or new export markets)."""

ENTRY: tuple[str, ...] = ("way into", "foothold in", "access to", "entry into", "gateway to")
ENTRY += ("door to", "doors to")
ENTRY += ("jalan masuk ke", "pintu masuk ke", *CARRIER)
"""Nouns of entry, whose object is a market ("a way into the single market"): frame "entry"."""

PLACE_ENTRY = frozenset(ENTRY) - {"access to", "entry into"}
"""Nouns of entry that also take a place for its market ("a foothold in Eastern Europe",
"a door to the Levant", "pintu masuk ke ASEAN"); "access to" and "entry into" do not
("access to Japanese technology")."""

PURPOSE = re.compile(
    r"(?<![\w-])(?:to|aims?|aimed|aiming|goals?|objectives?|purpose|meant|intended|designed|"
    r"expected|would|will|should|could|can|help|helps|helping|hopes?|hoped|hoping|seeks?|"
    r"wants?|wanted|targets?|targetnya|kalau|jika|apabila|if|must|harus|so that|in order|"
    r"for|untuk|"
    r"agar|supaya|guna|demi|bertujuan|tujuan\w*|"
    r"diharapkan|berharap|harapan\w*|harap\w*|akan|dapat|bisa|mampu|sehingga|menargetkan|"
    r"sasaran\w*|ingin|ditujukan|diarahkan|butuh|membutuhkan|needs?|needed|perlu|dalam rangka|"
    r"mendukung|"
    r"penting|membantu|mendorong|encourages?|encouraging|supports?|supporting|berarti|means|diperkirakan|"
    r"diproyeksikan|"
    r"contributes? to|contributing to|berkontribusi|with a view to|so as to|"
    r"(?:is|are|was|were)\s+(?:all\s+|mainly\s+|really\s+)?about)(?![\w-])",
    re.IGNORECASE,
)
"""A cue of purpose or expectation: an aim after it is one the article states."""

RESEARCH_PARTNER = re.compile(
    r"\b(?:work|works|working|cooperate|cooperates|cooperating|collaborate|collaborates|"
    r"collaborating|partner|partners|team up|bekerja ?sama|berkolaborasi|bermitra)"
    r"(?:\s+together)?\s+(?:with|dengan)\s+(?:the\s+)?(?=[A-Z])[^.;:!?]{0,80}?"
    r"\b(?:University|Universitas|Institute|Institut|Laboratory|Laboratorium|Research|Riset|"
    r"Penelitian|Polytechnic|Politeknik)\b[^.;:!?]{0,60}?\s(?:on|into|in|untuk|tentang|dalam|"
    r"mengenai)\s"
)
"""A body that works with a university or a research institute on a subject: joint research
("BRIN will work with the National University of Peru on enzymes")."""

_EXPERTS = each(
    "expert experts specialist specialists engineer engineers technician technicians adviser "
    "advisers advisor advisors consultant consultants tenaga pakar teknisi insinyur spesialis "
    "konsultan"
)
EXPERT_HELP = re.compile(
    r"(?:experts?|specialists?|engineers?|technicians?|advisers?|advisors?|consultants?|"
    r"tenaga ahli|pakar|teknisi|insinyur|spesialis|konsultan)\b(?:[^.;:!?]{0,110}?"
    r"(?<![\w-])(?:coach|coaches|coaching|meninjau|memberi\s+saran|memberikan\s+saran)"
    r"(?![\w-])|[^.;:!?]{0,50}?"
    r"(?<![\w-])(?:mendampingi|membimbing|help|helps|assist|assists|advise|advises|inspect|"
    r"inspects|assess|assesses|work with|works with|memeriksa|menilai|memasang|"
    r"mengajarkan|membantu|merancang|draw up|draws up|design|designs|install|installs|"
    r"(?<!energy )(?<!an )(?<!the )(?<!joint )audit|mengaudit)(?![\w-]))",
    re.IGNORECASE,
)
"""Experts as the subject of helping or accompanying someone: technical assistance told as
what people will do ("Indonesian specialists will help design a distillery", "tenaga ahli
dari balai besar mendampingi penyuling"), or inspect, assess, design and install ("engineers
will inspect the mill", "teknisi yang memasang mesin", "engineers will draw up designs for
small mills", "tenaga ahli akan membantu merancang sentra"), or audit a plant ("engineers
will audit ten mills", "pakar akan mengaudit pabrik"; an audit as a noun is none); coaching
and reviewing, said further on in the clause, are the same help ("engineers will spend weeks
on the shop floor of small firms and coach them", "tenaga ahli akan meninjau peralatan
laboratorium dan memberi saran"). The
subject opens a sentence as often as not ("Tenaga ahli Indonesia akan mendampingi …"): case
is ignored."""

_ECONOMY = each(
    "economies' economies’ economy's economy’s economies economy perekonomiannya "
    "perekonomian ekonominya ekonomi"
)
"""The words ONE_LEG begins with, longest first: its head, and the word loop's keys."""
ONE_LEG = re.compile(
    r"(?i)"
    + either(*_ECONOMY)
    + r"(?:\s+[\w'’-]+){0,5}?\s+(?:relies|rely|relied|relying|reliance|depends?|depended|"
    r"depending|dependent|dependence|rests?|rested|resting|leans?|leaned|leaning|bergantung|"
    r"tergantung|ketergantungan(?:nya)?|bertumpu|menggantungkan\s+(?:diri|nasib))"
    r"(?:\s+(?:heavily|largely|mostly|so\s+much|too\s+much|sangat|masih|hanya|terlalu))?"
    r"\s+(?:on|upon|pada|kepada|terhadap)(?=\s)"
)
"""An economy said to rest on one thing ("an economy that relies on crude oil", "lessen their
economies' reliance on crude revenues", "wants its economy to rest on more than tourism",
"perekonomiannya sangat bertumpu pada wisatawan"): told in an article about a deal, the
one leg it stands on is the problem the deal's aim of diversifying the economy is to end.
The clause states that aim by itself, whatever the tense or the cue."""

_SALES = each(
    "pasar pasar-pasar new pintu door doors find finds finding win wins winning look looks "
    "looking seek seeks seeking reach reaches reaching mencari mendapat mendapatkan menemukan "
    "menjangkau memperoleh big large promising want wants wanting"
)
SALES_ABROAD = re.compile(
    r"(?i)(?:(?:pasar(?:-pasar)?\s+(?:yang\s+)?(?:baru|besar|menjanjikan|potensial)|"
    r"(?:new|big|large|promising)\s+markets?|pintu|doors?)\s+(?:bagi|for)\s+"
    r"(?:[\w'’-]+\s+){0,5}?(?:produk|mesin|alat|barang|industri|teknologi|goods|products|"
    r"machinery|machines|makers|manufacturers|equipment|exporters?|eksportir|produsen|alsintan|"
    r"technology)|"
    r"(?:find|finds|finding|win|wins|winning|look(?:s|ing)?\s+for|seek|seeks|seeking|reach|"
    r"want|wants|wanting|"
    r"reaches|reaching|mencari|mendapat(?:kan)?|menemukan|menjangkau|memperoleh)\s+"
    r"(?:new\s+|more\s+|baru\s+)?(?:buyers?|customers?|shelf\s+space|pembeli|pelanggan))(?![\w-])"
)
"""Goods sold to buyers abroad, told as the market opened for them or the buyers their makers
find: "new markets for Indonesian machinery", "membuka pasar baru bagi mesin jahit",
"membuka pintu bagi alsintan buatan dalam negeri", a big or promising market for them
("pasar yang menjanjikan bagi mesin tekstil", "a large market for Hungarian technology"),
"makers were looking for buyers beyond Asia", "makers want new customers in Asia", "snacks
win more shelf space in Gulf supermarkets", "IKM yang mendapatkan pembeli".
The export aim, stated by the clause itself (new opportunities for the industry, read from
"membuka pasar baru", stays beside it)."""

_STUDY = each("studies study survey kajian studi survei")
"""The words QUESTION_STUDY begins with: its head, and the word loop's keys."""
QUESTION_STUDY = re.compile(
    r"(?i)" + either(*_STUDY) + r"\b[^.;:!?]{0,60}?\b(?:on|of|into|about|"
    r"tentang|mengenai|soal)\s+(?:where|which|how|what|bagaimana|seberapa|di\s+mana)(?![\w-])"
)
"""A study whose subject is a question the parties will answer ("a study with the ministry on
where Gulf feedstocks could supply Indonesian plants", "a joint study of how much cassava the
region grows", "kajian tentang bagaimana limbah sawit bisa dipakai"): joint research.
Whether a thing can be done ("study whether", "mengkaji apakah") is a feasibility study
(``aims.tsv``)."""

_TEACH = each("spend spends spending teach teaches teaching mengajarkan mengajari")
TAUGHT = re.compile(
    r"(?i)(?:spend|spends|spending)\s+(?:[\w-]+\s+){0,3}?(?:weeks?|months?|days?|years?)\s+"
    r"[^.;:!?]{0,80}?\b(?:learning|to\s+learn|studying)\b|"
    r"(?:teach|teaches|teaching|mengajarkan|mengajari)(?=\s+(?!us\b|kita\b|kami\b)\w)"
)
"""Training told as what the trainees or the teachers do: people who "spend ten weeks at the
agro-industry centre in Bogor learning grading", a body "teaching food safety and labelling",
"tenaga ahli akan mengajarkan cara mencacah botol". A lesson drawn by events ("the pandemic
taught us", "mengajarkan kita") is none."""

TOLD: tuple[tuple[str, re.Pattern[str], tuple[str, ...], bool], ...] = (
    ("one-leg", ONE_LEG, _ECONOMY, False),
    ("sales-abroad", SALES_ABROAD, _SALES, False),
    ("assistance", EXPERT_HELP, _EXPERTS, True),
    ("question-study", QUESTION_STUDY, _STUDY, True),
    ("taught", TAUGHT, _TEACH, True),
)
"""Clauses that state a concept by their own grammar: (name, pattern, the words it may begin
with, whether only a sentence of the deal's scope counts). Each pattern is matched only where
one of its first words stands (the purpose grammar's word loop finds them): an alternation
tried at every character of a long text costs more than the rest of the reading."""

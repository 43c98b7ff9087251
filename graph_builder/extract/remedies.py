"""Aims told as the problem a deal removes: more clauses of :mod:`.situations`.

An article states what a deal is for by the trouble it ends as often as by a goal. Each
clause here names the trouble by its grammar, and the concept by the clause's argument:
buyers abroad who ask for proof, or goods tested a second time ("diuji ulang"), are the
market access a deal opens; goods a country "still imports" ("masih mengimpor") the import
substitution it brings; energy a plant wastes ("energi yang terbuang", "boros energi") its
efficiency; people a trade employs by the million, or work "for young people" ("pekerjaan
bagi lulusan SMK"), job creation; a crop that leaves "as raw beans" ("dijual sebagai
gaplek") the value added at home; waste that piles up or is thrown away ("limbah yang
menumpuk") less waste. Like every situation, a clause is matched only where one of its
first words stands.
"""

from __future__ import annotations

import re

from .portfolios import each, either
from .situations import Situation

_BUYERS = each(
    "buyers buyer customers customer brands importers retailers pembeli importir konsumen"
)
_ASK = (
    r"(?:ask|asks|asking|asked|demand|demands|demanding|require|requires|requiring|insist|"
    r"insists|meminta|menanyakan|menuntut|mensyaratkan|mewajibkan)"
)
_RULES_FIRST = each("syarat persyaratan standar requirements requirement demands rules")
_BUYERS_ASK = re.compile(
    r"(?i)(?:"
    + either(*_BUYERS)
    + r"(?![\w-])(?:\s+(?!(?:and|dan|who|yang|that)\b)[\w'’-]+){0,6}?\s+"
    r"(?:(?:now|increasingly|already|also|are\s+starting\s+to|begin\s+to|have\s+begun\s+to|"
    r"makin|semakin|kian|juga|sudah|mulai|ketat|kini)\s+)*" + _ASK + r"(?![\w-])"
    r"|(?:syarat|persyaratan|standar|requirements?|demands|rules)\s+(?:yang\s+)?"
    r"(?:diminta|dituntut|ditetapkan|set|imposed|laid\s+down)\s+(?:oleh\s+|by\s+)?(?:the\s+)?"
    + either(*_BUYERS)
    + r"(?![\w-]))"
)
"""Buyers abroad who ask for proof or set the rules a maker must meet ("European buyers now
ask for proof that …", "brands in Europe increasingly ask the same of their suppliers",
"Pembeli di Eropa makin ketat menanyakan jejak karbon", "syarat yang diminta pembeli di
Eropa"): the market access the deal's standards, tests or certificates serve."""

_TESTED_FIRST = each("tested test diuji uji single hasil results certificates sertifikat")
_TESTED_AGAIN = re.compile(
    r"(?i)(?:(?:tested|test)\s+(?:\w+\s+){0,2}?(?:twice|again|a\s+second\s+time|all\s+over)"
    r"|(?:diuji|uji)\s+(?:lagi|ulang|dua\s+kali)"
    r"|single\s+set\s+of\s+(?:tests|certificates|approvals)"
    r"|(?:hasil\s+uji(?:nya)?|(?:test\s+)?results|certificates?|sertifikat(?:nya)?)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:diterima|diakui|accepted|recognised|recognized)\s+"
    r"(?:oleh\s+|by\s+|di\s+|in\s+)?(?:\w+\s+){0,2}?"
    r"(?:negara|laboratorium|pembeli|buyers?|both|either|other|countries|abroad|luar))(?![\w-])"
)
"""Goods tested twice, or tested once for two markets ("without being tested twice", "sent
abroad to be tested a second time", "tidak perlu diuji ulang di negara lain", "with a single
set of tests", "hasil ujinya dapat diterima laboratorium di negara lain"): the market access
mutual recognition gives."""

_STILL_FIRST = each("still masih comes come coming came dominated berarti")
_STILL_IMPORT = re.compile(
    r"(?i)(?:(?:still|masih)\s+(?:(?:banyak|harus|juga|largely|mostly|has\s+to|have\s+to)\s+)?"
    r"(?:import|imports|importing|mengimpor|impor(?!\s+(?:dari\s+)?(?:untuk|ke)\b))"
    r"|(?:comes?|coming|came)\s+in\s+from"
    r"|dominated\s+by\s+imports"
    r"|berarti\s+(?:harus\s+)?mengimpor)(?![\w-])"
)
"""Goods a country still imports, told as the state of things ("we still import a great
deal of the finished aluminium we use", "a lot of that still comes in from Thailand",
"tenders now dominated by imports", "masih mengimpor hampir seluruh …", "berarti mengimpor
bogie"): import substitution. Beside :data:`.situations._BOUGHT_ABROAD`, which reads the
passive ("still imported", "masih banyak didatangkan dari")."""

_SHUT_FIRST = each(
    "tersingkir terdepak tergusur terlempar pushed shut priced locked squeezed kicked"
)
_SHUT_OUT = re.compile(
    r"(?i)(?:tersingkir|terdepak|tergusur|terlempar|(?:pushed|shut|priced|locked|squeezed|"
    r"kicked)\s+out)\s+(?:dari\s+|of\s+)?(?:(?:the|that|this|those|its|their|our)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:pasar|markets?)(?![\w-])"
)
"""Goods pushed out of a market ("produk kita akan tersingkir dari pasar itu", "tidak
tersingkir dari pasar ketika aturan makin ketat", "shut out of the European market"): the
market access the deal's standards or proof of origin are to keep."""

_ENERGY = r"(?:energy|electricity|fuel|power|steam|heat|coal|gas|energi|listrik|bahan\s+bakar)"
_NOT_WASTE_NOUN = (
    r"(?!\s+(?:heat|water|gas|management|collection|treatment|plants?|streams?|sites?|"
    r"recycling|processing|disposal|pickers?|banks?|oil|materials?|products?|paper|plastics?|"
    r"from|into|to)\b)"
)
_WASTE_FIRST = (
    *each("wasted wasting waste boros menghemat energy electricity fuel power steam heat"),
    *each("energi listrik bahan burn burns burning use uses consume consumes menghabiskan"),
)
_ENERGY_WASTED = re.compile(
    r"(?i)(?:(?:wasted|wasting)\s+(?:so\s+much\s+|much\s+|more\s+)?" + _ENERGY + r"(?![\w-])"
    r"|(?:energy|electricity|fuel|power|steam|heat)\s+(?:(?:that|which)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:waste|wastes|wasted)" + _NOT_WASTE_NOUN + r"(?![\w-])"
    r"|(?:energi|listrik|bahan\s+bakar|panas)\s+yang\s+(?:[\w-]+\s+){0,2}?"
    r"(?:terbuang|dihemat|bisa\s+dihemat|dapat\s+dihemat)(?![\w-])"
    r"|boros\s+(?:energi|listrik|bahan\s+bakar)|menghemat\s+(?:energi|listrik|bahan\s+bakar)"
    r"|(?:burn|burns|burning|use|uses|consume|consumes|menghabiskan)\s+"
    r"(?:far\s+|much\s+|jauh\s+)?(?:more|too\s+much|lebih\s+banyak|terlalu\s+banyak)\s+"
    + _ENERGY
    + r"(?![\w-]))"
)
"""Energy a plant wastes or burns too much of ("cut the electricity that old mills waste",
"cutting wasted energy", "foundries burn far more fuel per tonne", "pabrik boros energi",
"setiap persen energi yang dihemat"): the aim of energy efficiency. "Waste heat" and "waste
water" are things a plant reuses, not energy it wastes."""

_PEOPLE = (
    r"(?:young|youth|people|graduates|women|workers|locals|residents|someone|families|"
    r"pemuda|lulusan|anak|warga|masyarakat|perempuan|tenaga|penduduk|kaum|ibu|orang)"
)
_JOBS_FIRST = each("employ employs employing mempekerjakan menyerap jobs work pekerjaan lapangan")
_JOBS_FOR = re.compile(
    r"(?i)(?:(?:employ|employs|employing|mempekerjakan|menyerap)\s+"
    r"(?:(?:some|about|around|more\s+than|nearly|over|almost|sekitar|lebih\s+dari|hampir)\s+)?"
    r"(?:millions|hundreds\s+of\s+thousands|tens\s+of\s+thousands|thousands|jutaan|"
    r"ratusan\s+ribu|puluhan\s+ribu|ribuan)"
    r"|(?:jobs|work|pekerjaan|lapangan\s+kerja)\s+(?:for|bagi|untuk)\s+"
    r"(?:the\s+|para\s+|our\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?" + _PEOPLE + r")(?![\w-])"
)
"""Work told as who will do it: a trade that employs millions ("garment factories employ
millions of Indonesians", "menyerap ratusan ribu pekerja"), or work for people ("work for
someone in Palembang", "jobs for young people", "pekerjaan bagi ratusan ribu lulusan SMK",
"lapangan kerja bagi pemuda"): the aim of creating or keeping jobs. A firm one works for
("work for a Japanese company") names no people and is none."""

_LEAVE_FIRST = each(
    "sold sells sell exported exports export exporting leaves leave left shipped ships "
    "dijual diekspor mengekspor menjual keluar dikirim goes go"
)
_RAW = (
    r"(?:raw|crude|green|whole|unprocessed|semi-processed|round|crumb|mentah|utuh|setengah\s+jadi|"
    r"gelondongan|gergajian|curah|remah|gaplek|bijih|konsentrat|beans|bales|logs|nuts|nodules|lint|ore|"
    r"poles|bundles|biji)"
)
"""Words of the raw form a crop or ore is sold in: its state or the noun of that form."""
_SOLD_AS = re.compile(
    r"(?i)(?:sold|sells|sell|exported|exports|export|exporting|leaves|leave|left|shipped|"
    r"ships|goes\s+out|go\s+out|dijual|diekspor|mengekspor|menjual|keluar|dikirim)"
    r"(?:\s+(?!(?:but|tetapi|not|bukan|tidak|because|karena)\b)[\w'’-]+){0,5}?\s+"
    r"(?:as|sebagai|dalam\s+bentuk)\s+(?:(?:a|an|the)\s+)?"
    r"(?:(?!waste\b|limbah\b|finished\b|products?\b|produk\b|barang\b)[\w-]+\s+){0,2}?"
    + _RAW
    + r"(?![\w-])"
)
"""A crop or ore that leaves as it was grown or dug ("most of it still leaves the country as
crumb rubber bales", "exports nearly all of it as whole nuts", "masih dijual sebagai
gaplek", "mengekspor kopinya dalam bentuk biji mentah", "keluar dalam bentuk kayu
gergajian"): the value the deal's processing is to add at home. Leaving "as waste" or "as a
finished product" is not a raw form."""

_WASTE_WORDS = each("limbah sampah waste scrap thrown throw throws burned berakhir end ends")
_WASTE_PILES = re.compile(
    r"(?i)(?:(?:limbah|sampah|waste|scrap)(?:\s+[\w-]+){0,2}?\s+(?:yang\s+|that\s+|which\s+)?"
    r"(?:(?:selama\s+ini|masih|terus|kini|now|still)\s+)?"
    r"(?:menumpuk|piles?\s+up|piling\s+up|is\s+dumped|are\s+dumped|dibuang\s+begitu\s+saja)"
    r"|(?:thrown|throw|throws)\s+away|burned\s+or\s+dumped"
    r"|berakhir\s+(?:sebagai|menjadi|di)\s+(?:limbah|sampah|tempat\s+pembuangan)"
    r"|(?:end|ends)\s+up\s+(?:as\s+waste|in\s+(?:a\s+)?landfills?))(?![\w-])"
)
"""Waste that piles up or is thrown away ("limbah yang selama ini menumpuk", "sampah plastik
yang menumpuk di sungai", "cutting rooms throw away a large share of every bolt", "tidak
berakhir sebagai limbah"): the aim of less waste the deal's recycling serves."""

_ABROAD_FIRST = each("sell sells selling sold join joins joining enter entering inside masuk")
_SOLD_ABROAD = re.compile(
    r"(?:(?i:sell|sells|selling|sold)(?:\s+[\w'’-]+){0,2}?\s+(?i:abroad|overseas)"
    r"(?!\s+(?i:as|still)\b)"
    r"|(?i:join|joins|joining|enter|entering|inside|masuk\s+ke(?:\s+dalam)?)\s+"
    r"(?i:the\s+|a\s+)?(?i:supply\s+chains?\s+of\s+(?:the\s+)?(?:new\s+)?|rantai\s+pasok\s+"
    r"(?:[\w-]+\s+){0,2}?(?:di|asal|dari)\s+)[A-Z][\w'’-]+)"
)
"""Goods sold abroad, or makers taken into the supply chains of makers abroad ("small firms
eventually sell parts abroad", "inside the supply chain of the new Saudi assembly lines",
"join the supply chains of Japanese manufacturers", "masuk ke rantai pasok pabrikan di
Thailand"): the export aim. A crop that "sells abroad as green beans" is its raw form
(:data:`_SOLD_AS`); suppliers joining the chains of assemblers at home name no foreign
maker (a capital word after "of" or after "di")."""

_INSTEAD_FIRST = each("bukan rather instead alih-alih not tidak")
_INSTEAD = (
    r"(?:rather\s+than|instead\s+of|alih-alih|bukan(?:\s+(?:hanya|sekadar|lagi))?"
    r"|not\s+(?:just|only|merely)|tidak\s+(?:lagi\s+)?(?:hanya|sekadar))\s+"
)
"""The contrast of the thing to be against the thing now ("rather than", "bukan hanya")."""
_NOT_IMPORTED = re.compile(
    r"(?i)" + _INSTEAD + r"(?:being\s+)?(?:imported|importing|impor|diimpor|mengimpor|"
    r"shipped\s+in|didatangkan(?:\s+utuh)?\s+dari|bought\s+(?:from\s+)?abroad)(?![\w-])"
)
"""Goods to be made at home against goods imported ("food made on the island rather than
imported", "spare parts made in the country rather than shipped in", "dibuat pabrik dalam
negeri, bukan didatangkan utuh dari luar", "dirakit di dalam negeri, bukan diimpor utuh"):
import substitution, told as the contrast."""
_NOT_RAW = re.compile(
    r"(?i)" + _INSTEAD + r"(?!(?:being\s+)?(?:imported|diimpor|didatangkan|impor)\b)"
    r"(?:(?:selling|shipping|exporting|menjual|mengekspor|dijual|diekspor|"
    r"a|an|the|it|them|as|sebagai)\s+){0,3}(?:[\w-]+\s+){0,3}?" + _RAW + r"(?![\w-])"
)
"""Goods sold processed against the raw form ("a finished chair instead of a bundle of
poles", "menjual kopi sangrai, bukan hanya biji", "tidak lagi hanya menjual bahan mentah"):
value added, told as the contrast."""

_NEED_FIRST = each("need needs needed butuh membutuhkan memerlukan kekurangan short shortage")
_NEED_SUPPLY = re.compile(
    r"(?i)(?:(?:need|needs|needed|butuh|membutuhkan|memerlukan)\s+(?:a\s+|an\s+)?"
    r"(?:steady|reliable|secure|stable|regular|assured|steadier|surer)\s+(?:supply|supplies)"
    r"|(?:butuh|membutuhkan|memerlukan)\s+pasokan\s+(?:[\w-]+\s+){0,3}?(?:yang\s+)?"
    r"(?:pasti|stabil|terjamin|berkelanjutan|tetap|andal)"
    r"|(?:kekurangan|short\s+of|shortage\s+of)\s+(?:pasokan|bahan\s+baku|raw\s+materials?|"
    r"feedstock|supply|supplies))(?![\w-])"
)
"""Plants that need a steady supply, or are short of their raw material ("furniture makers
need a steady supply of the right cane", "our farmers need a reliable supply of fertiliser",
"membutuhkan pasokan bijih besi yang pasti", "pabrik kekurangan bahan baku"): the aim of a
secure supply of raw materials."""

REMEDIES: tuple[Situation, ...] = (
    Situation(
        "buyers-ask",
        _BUYERS_ASK,
        (*_BUYERS, *_RULES_FIRST),
        "objectives",
        "market-access",
        False,
        "market access",
    ),
    Situation(
        "tested-again",
        _TESTED_AGAIN,
        _TESTED_FIRST,
        "objectives",
        "market-access",
        False,
        "market access",
    ),
    Situation(
        "shut-out",
        _SHUT_OUT,
        _SHUT_FIRST,
        "objectives",
        "market-access",
        False,
        "market access",
    ),
    Situation(
        "still-import",
        _STILL_IMPORT,
        _STILL_FIRST,
        "objectives",
        "industrial-self-reliance",
        False,
        "industrial self-reliance and import substitution",
    ),
    Situation(
        "energy-wasted",
        _ENERGY_WASTED,
        _WASTE_FIRST,
        "objectives",
        "energy-efficiency",
        False,
        "energy efficiency",
    ),
    Situation(
        "jobs-for", _JOBS_FOR, _JOBS_FIRST, "objectives", "job-creation", True, "job creation"
    ),
    Situation(
        "sold-as", _SOLD_AS, _LEAVE_FIRST, "objectives", "downstreaming", True, "value added"
    ),
    Situation(
        "sold-abroad",
        _SOLD_ABROAD,
        _ABROAD_FIRST,
        "objectives",
        "export-growth",
        True,
        "higher industrial exports",
    ),
    Situation(
        "not-imported",
        _NOT_IMPORTED,
        _INSTEAD_FIRST,
        "objectives",
        "industrial-self-reliance",
        False,
        "industrial self-reliance and import substitution",
    ),
    Situation(
        "not-raw", _NOT_RAW, _INSTEAD_FIRST, "objectives", "downstreaming", True, "value added"
    ),
    Situation(
        "need-supply",
        _NEED_SUPPLY,
        _NEED_FIRST,
        "objectives",
        "raw-material-security",
        False,
        "secure supply of raw materials",
    ),
    Situation(
        "waste-piles",
        _WASTE_PILES,
        _WASTE_WORDS,
        "objectives",
        "waste-reduction",
        False,
        "waste reduction",
    ),
)
"""The clauses of this module, read with :data:`.situations.SITUATIONS` by the aim reader."""

"""The words that tell what a sentence does: sign, state scope, compare, look back.

These are closed-class cues (verbs, connectives, kinds of agreement), not vocabulary of
the domain; the domain's vocabulary comes from the ontology and the entity files.
Every pattern is matched case-insensitively on word boundaries.
"""

from __future__ import annotations

import re


def word_pattern(*items: str) -> re.Pattern[str]:
    alternatives = sorted(items, key=len, reverse=True)
    """One pattern of *items* (regular expressions), longest first, on word boundaries."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


SIGNING = word_pattern(
    r"menandatangani",
    r"ditandatangani",
    r"penandatanganan",
    r"bertanda ?tangan",
    r"teken",
    r"meneken",
    r"diteken",
    r"mengeteken",
    r"menyepakati",
    r"disepakati",
    r"sign",
    r"signs",
    r"signed",
    r"signing",
    r"inked",
    r"inks",
    r"ink",
    r"put (?:their|his|her|its) (?:names|signatures?) (?:to|on)",
    # affixing or adding a signature: "membubuhkan tanda tangan", "added their signatures to"
    r"(?:mem)?bubuhkan tanda ?tangan",
    r"added (?:their|his|her|its) signatures? (?:to|on)",
    r"put pen to paper",
    r"sealed",
    r"concluded",
    r"agreed",
    r"entered into",
    r"renewed",
    r"memperbarui",
    r"meluncurkan",
    r"diluncurkan",
    r"launched",
    r"launch",
    r"merumuskan",
    r"exchanged",
    r"membentuk",
    r"dibentuk",
    r"sepakat",
    r"bersepakat",
    r"established",
    r"formed",
)
"""Verbs (and their nouns) of making an agreement."""

SIGNED = word_pattern(
    r"menandatangani",
    r"ditandatangani",
    r"penandatanganan",
    r"teken",
    r"meneken",
    r"diteken",
    r"sign",
    r"signs",
    r"signed",
    r"signing",
    r"inked",
    r"put (?:their|his|her|its) (?:names|signatures?) (?:to|on)",
    r"(?:mem)?bubuhkan tanda ?tangan",
    r"added (?:their|his|her|its) signatures? (?:to|on)",
    r"put pen to paper",
)
"""The verbs of signing itself: a signing is the event before a launch the same article
reports ("launched a programme on Tuesday … signed an MoU on Wednesday")."""

AGREEMENT_WORDS = word_pattern(
    r"kerja ?sama",
    r"kerjasama",
    r"kesepakatan",
    r"kemitraan",
    r"perjanjian",
    r"MoU",
    r"nota kesepahaman",
    r"surat niat",
    r"letters? of intent",
    r"pernyataan bersama",
    r"joint statement",
    r"rencana aksi",
    r"action plan",
    r"cooperation",
    r"co-operation",
    r"collaboration",
    r"partnership",
    r"agreement",
    r"memorandum",
    r"accord",
    r"pact",
    r"framework",
    r"bilateral",
    r"joint committee",
    r"komite bersama",
    r"programme",
    r"pihak",
    r"pihak-pihak",
    r"kedua belah pihak",
    r"kedua negara",
    r"both sides",
    r"both countries",
    r"the parties",
    r"two countries",
    r"mitra",
    r"partners?",
    r"menggandeng",
    r"cooperat(?:e|es|ed|ing)",
    r"collaborat(?:e|es|ed|ing)",
    r"bekerja ?sama",
    r"berkolaborasi",
    r"two ministries",
    r"kedua kementerian",
    r"kolaborasi",
    r"deal",
    r"loans?",
    r"pinjaman",
    r"(?:the|this) project",
    r"proyek (?:ini|tersebut)",
    r"program (?:ini|tersebut)",
)
"""Words that show a sentence is about the agreement (so its vocabulary is in scope)."""

SCOPE = word_pattern(
    r"meliputi",
    r"mencakup",
    r"mencangkup",
    r"mencakupi",
    r"termasuk",
    r"di bidang",
    r"dalam bidang",
    r"bidang",
    r"sektor",
    r"berfokus",
    r"fokus",
    r"menitikberatkan",
    r"covering",
    r"covers",
    r"cover",
    r"including",
    r"includes",
    r"include",
    r"in the fields? of",
    r"in the areas? of",
    r"areas",
    r"focus(?:es|ing)? on",
    r"such as",
    r"ranging from",
    r"aims?",
    r"bertujuan",
    r"tujuan",
    r"antara lain",
    r"(?:is|are) (?:planned|scheduled)",
    r"will be held",
    r"dijadwalkan",
    r"direncanakan",
    r"akan digelar",
    r"di ?antaranya",
    r"yaitu",
    r"yakni",
    r"seperti",
    r"misalnya",
    r"khususnya",
    r"terutama",
    r"namely",
    r"among (?:others|them)",
    r"in particular",
    r"particularly",
    r"especially",
    r"sectors",
    r"industries",
    r"(?:ruang )?lingkup(?:nya)?",
    r"scope",
    # a work plan laid out in parts ("The work is organised in four parts:", "falls into")
    r"(?:(?:is|are) (?:organi[sz]ed|divided|split|arranged) (?:in|into|around)|falls? into)",
    r"consists? of",
    r"comprises?",
    r"terdiri (?:atas|dari)",
    r"dibagi (?:dalam|menjadi|ke dalam)",
    r"(?:pillars|components|workstreams|strands)",
    r"(?:pilar|komponen)",
    # a lead naming what the deal does, governs or intends ("Ada empat kegiatan utama dalam
    # program ini:", "Ada tiga hal pokok yang diatur:", "the two sides intend to:")
    r"(?:kegiatan|activities)",
    r"(?:diatur|mengatur|sets? out|provides? for|intends? to|commit(?:s|ted)?(?: [\w-]+){0,3}? to)",
    # what the parties will do under the deal: a future or a plan states its scope too
    r"will",
    r"shall",
    r"akan",
    r"hendak",
    r"plans? to",
    r"berencana",
    r"(?:is|are) to be",
    # a programme started without a signing states its scope as it starts
    r"(?:memulai|meluncurkan|membuka|menggelar|menyelenggarakan|launch(?:es|ed)?|start(?:s|ed)?|"
    r"beg(?:an|ins)|kick(?:s|ed)? off|roll(?:s|ed)? out|open(?:s|ed)?)(?: [\w-]+){0,4}? "
    r"(?:program|programme|proyek|project|pelatihan|training|kursus|courses?)",
)
"""Connectives that introduce what an agreement covers."""

CONTINUATION = re.compile(
    r"^\s*[\"“‘(]?(?:ini|hal ini|selain itu|di samping itu|kerja sama ini|kesepakatan ini|"
    r"mou ini|selanjutnya|lebih lanjut|kemudian|adapun|tak hanya itu|tidak hanya itu|bahkan|"
    r"khususnya|terutama|secara khusus|demikian pula|begitu pula|untuk itu|dengan demikian|"
    r"melalui|dalam hal ini|kedua (?:pihak|negara|kementerian|belah pihak)|mereka|pihaknya|"
    r"this|these|it|they|in addition|additionally|also|furthermore|moreover|besides|further|"
    r"beyond that|as well|likewise|similarly|specifically|in particular|through|to that end|"
    r"under (?:the|it|this)|both (?:sides|countries|parties|ministries)|the two (?:sides|"
    r"countries|parties|ministries)|the (?:mou|agreement|deal|memorandum|pact|framework|"
    r"programme|cooperation|partnership))\b",
    re.IGNORECASE,
)
"""Sentence openings that carry on the previous sentence's subject: pronouns, the deal's
own nouns, and the connectives that add to what was said ("Selanjutnya", "Moreover")."""

EXAMPLES = word_pattern(
    r"seperti",
    r"antara lain",
    r"di ?antaranya",
    r"termasuk",
    r"misalnya",
    r"such as",
    r"like",
    r"including",
    r"among (?:others|them)",
    r"namely",
)
"""Cues that introduce examples: of a comparison for countries ("negara seperti Vietnam"),
but of the parties' own bodies and scope for everything else ("lembaga seperti JICA")."""

LIST_SEPARATOR = re.compile(
    r"^\s*(?:,|;|/|&|,?\s*(?:dan|serta|atau|maupun|and|or|as well as|plus)|,?\s*"
    r"(?:dan|and) juga)?\s*$",
    re.IGNORECASE,
)
"""What stands between two items of one list: "A, B dan C", "A; B and C", "A serta B"."""

BACKGROUND = word_pattern(
    r"sebelumnya",
    r"sebelum ini",
    r"tahun lalu",
    r"pada (?:tahun )?\d{4}",
    r"(?<!lebih )dulu",  # "lebih dulu" is first, not formerly
    r"silam",
    r"pernah",
    r"previously",
    r"earlier",
    r"last year",
    r"in \d{4}",
    r"an? \d{4} (?:deal|agreement|memorandum|MoU|pact|contract)",
    r"since (?:(?:\d{1,2} )?[A-Z][a-z]+ )?(?:\d{1,2}, )?\d{4}",
    r"sejak (?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}",
    r"(?:sudah|telah) berlaku",
    r"(?:already|has been|have been) in force",
    r"in the past",
    r"formerly",
    r"had signed",
    r"telah lebih dulu",
    r"years? ago",
    r"tahun yang lalu",
    r"sudah lama (?:bekerja ?sama|menjalin|bermitra|berkolaborasi)",
    r"(?:kerja sama|kesepakatan|perjanjian|program|forum|kemitraan) serupa",
    r"similar (?!in |to )(?:[a-z]+ ){1,2}(?:with|in|to|for)",
    # another event of the year told beside the deal ("Pada tahun yang sama, Tiongkok juga …")
    r"pada tahun yang sama",
    r"(?:in )?(?:the|that) same year",
)
"""Words that move a sentence to an earlier event."""

_WHEN = r"\b(?:last year|tahun lalu)\b"
_YEAR = r"\b(?:pada|in) (?:tahun )?\d{4}\b"
_AMOUNT = r"(?:\b(?:US)?\$\s?\d|\d[\d.,]*\s+(?:million|billion|juta|miliar|triliun)\b)"
BASELINE = re.compile(
    rf"(?:\d[^.]{{0,40}}{_WHEN}|{_WHEN}[^.]{{0,40}}\d"
    rf"|{_YEAR}[^.;]{{0,30}}{_AMOUNT}|{_AMOUNT}[^.;]{{0,30}}{_YEAR})",
    re.IGNORECASE,
)
EXPECTATION = word_pattern(
    r"hop(?:e[sd]?|ing)",
    r"expect(?:s|ed)?",
    r"diharapkan",
    r"berharap",
    r"target\w*",
    r"aim(?:s|ed)?",
    r"bertujuan",
    r"will",
    r"would",
    r"akan",
    r"want(?:s|ed)?",
    r"ingin",
    r"menargetkan",
)
"""Last year's figure as the base of an aim ("hoped to double trade from $420 million last
year", "yang tahun lalu baru mencapai 85 juta dolar", "yang pada 2025 baru sekitar US$ 60
juta"): the sentence states an expectation, not an earlier event."""

NEGATION = word_pattern(r"tidak", r"bukan", r"belum", r"not", r"no longer", r"never")

POSTS = re.compile(
    r"(?:Menteri(?: [A-Z][\w-]+(?: dan [A-Z][\w-]+)*)*|Menperin|Mendag|Menlu|Wakil Menteri|"
    r"Wamenperin|Duta Besar(?: [A-Z][\w-]+)*|Dubes(?: [A-Z][\w-]+)*|"
    r"Direktur Jenderal(?: [A-Z][\w-]+)*|Dirjen(?: [A-Z][\w-]+)*|"
    r"Sekretaris Jenderal(?: [A-Z][\w-]+)*|Sekjen(?: [A-Z][\w-]+)*|Kepala(?: [A-Z][\w-]+)*|"
    r"Ketua(?: [A-Z][\w-]+)*|Presiden|Wakil Presiden|"
    r"(?:Deputy |Vice )?Minister(?: (?:of|for) [A-Z][\w,-]+(?:(?:,| and| of| for)? [A-Z][\w-]+)*)?|"
    r"Ambassador(?: of [A-Z][\w-]+(?: [A-Z][\w-]+)*)?|"
    r"(?:Director[- ]General|Secretary[- ]General|State Secretary|Chairman|Chairwoman|President|"
    r"Head|Director|Commissioner)(?: (?:of|for) (?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+)*)?)"
)
"""Titles that precede a signatory's name."""

NAME = re.compile(
    r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z]\.)(?: (?:[A-Z][a-z]+(?:-[a-z]+)?|bin|van|von|de))+"
)
"""Two or more capitalised words: a person's name after a title."""

VENUE_AFTER = re.compile(
    r"^\s+(?:(?:Economic|Business|Ministers'?|Leaders'?|Investment|Industry|Industrial)\s+)?"
    r"(?:Summit|Forum|Meeting|Conference|Congress|Expo|Exhibition|Fair|Week|Festival|Awards?)s?\b",
)
VENUE_BEFORE = re.compile(
    r"\b(?:KTT|Konferensi|Konferensi Tingkat Tinggi|Pertemuan|Forum|Sidang|Pameran|"
    r"Festival|Pekan)\s+$",
)
"""A name that is the venue of an event ("the ASEAN Summit", "KTT ASEAN"), not a body acting."""

PROPER_NAME = re.compile(
    r"(?:[A-Z][\w'’.-]*|\d[\w.]*)(?:,?\s+(?:(?:of|for|and|on|dan|untuk|&|the)\s+)?"
    r"(?:[A-Z][\w'’.-]*|\d[\w.]*))+"
)
"""A run of capitalised words (with the small words names contain): a proper name."""

NAME_HEADS = word_pattern(
    r"Ministry",
    r"Kementerian",
    r"Department",
    r"Commission",
    r"Komisi",
    r"Agency",
    r"Badan",
    r"Bank",
    r"Organi[sz]ation",
    r"Council",
    r"Dewan",
    r"Lembaga",
    r"Balai",
    r"Institute",
    r"Institut",
    r"Programme",
    r"Program",
    r"Initiative",
    r"Inisiatif",
    r"Fund",
    r"Corporation",
    r"Authority",
    r"Otoritas",
    r"Board",
    r"Centre",
    r"Center",
    r"Gerakan",
    r"Making Indonesia",
    r"Roadmap",
    r"Peta Jalan",
    r"Directorate",
    r"Direktorat",
    r"Direktur",
    r"Director",
    r"Dirjen",
    r"PT",
    r"CV",
    r"Tbk",
    r"Ltd",
    r"Inc",
    r"GmbH",
    r"Company",
)
"""Heads that make a proper name a body's or a programme's, not a concept's words."""

POST_PORTFOLIO = re.compile(
    r"\b(?:director|deputy|direktur|deputi)\s+(?:general\s+)?(?:for|of|bidang|untuk)\s+"
    r"(?:[a-z,-]+\s+){0,5}$"
)
"""An official's portfolio before a sector's words ("the director for small and medium
chemical, clothing and craft industries"): the post's field, not the deal's scope."""

AIM = re.compile(
    r"(?<![\w-])(?:ingin|agar|supaya|untuk|guna|demi|harap\w*|diharapkan|bertujuan|"
    r"mendorong|want\w*|aims?|aimed|so that|in order to|to make|to become|to help|"
    r"hopes?|expects?|seeks?|(?:is|are|be) key to|kunci bagi|kunci untuk)(?![\w-])[^.;]{0,60}$",
    re.IGNORECASE,
)
"""A purpose or wish before an aim ("agar … berdaya saing", "aims to make … competitive"):
an aim so introduced counts in an article about a deal, even in a quotation."""

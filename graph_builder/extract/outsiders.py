"""Cues that put a country or a body outside the deal the article reports.

A state is a party only when it takes part in the agreement: not a comparator, an export
destination or import source, a company's home country, a state contrasted with the
parties, nor one an official's office covers. These are closed-class cues of both
languages, read on the 60 characters before a name (or, for ``NOT_PARTY_AFTER``, after it).
"""

from __future__ import annotations

import re

from .cues import word_pattern

COMPARATOR = word_pattern(
    r"seperti",
    r"dibandingkan(?: dengan)?",
    r"dibanding",
    r"ketimbang",
    r"daripada",
    r"melampaui",
    r"mengungguli",
    r"pesaing",
    r"bersaing dengan",
    r"kalah dari",
    r"such as",
    r"like",
    r"than",
    r"compared (?:with|to)",
    # a comparison announced ("Sebagai pembanding, Ghana …", "Ia membandingkan dengan Yunani")
    r"(?:sebagai )?pembanding",
    r"sebagai perbandingan",
    r"(?:mem|di)bandingkan dengan",
    r"by comparison",
    r"for comparison",
    r"in comparison(?: with| to)?",
    r"rivals?",
    r"competitors?",
    r"competing with",
    r"behind",
    r"ahead of",
    r"trails?",
    r"outpac(?:e|es|ed)",
    r"unlike",
    r"versus",
    r"vs\.?",
    r"berbeda dengan",
    r"tertinggal dari",
    r"ekspor ke",
    r"exports? to",
    r"pasar",
    r"markets?",
    # the trade's partners named as what a copula states ("Mitra dagang terbesar Myanmar
    # hingga kini adalah Tiongkok", "Its main buyers are Japan and Korea")
    r"(?:(?:mitra )?dagang|trading partners?|trade partners?|pembeli|buyers?|pemasok|suppliers?)"
    r"(?: [\w'’-]+){0,4}? (?:adalah|merupakan|ialah|are|were|remain|remains)(?: the)?",
    r"negara lain",
    r"other countries",
    r"compete(?:s|d)? (?:with|against)",
    r"(?:terbesar|terbanyak|largest|biggest)(?: [\w-]+){0,6}? (?:setelah|after)",
    r"impor(?:t|ts|ted)?(?: [\w-]+){0,3}? (?:dari|from)",
    r"dependen(?:ce|t) on",
    # what a party's trade hangs on ("sales depend heavily on Italy", "bergantung pada China")
    r"depend(?:s|ed|ing)?(?: [\w-]+){0,2}? (?:on|upon)",
    r"(?:ke)?bergantung(?:an)?(?: [\w-]+){0,2}? (?:pada|kepada)",
    r"bertumpu(?: [\w-]+)? (?:pada|kepada)",
    r"rel(?:y|ies|ied|ying)(?: [\w-]+)? (?:on|upon)",
    r"reliance on",
    r"bahasa",
    r"Duta Besar (?:RI |Indonesia |Republik Indonesia )?untuk",
    r"Dubes (?:RI )?untuk",
    r"Ambassador to",
    r"envoy to",
    # export destinations, origins and other deals' countries
    r"(?:go|goes|went|going|ships?|shipped|sold|sells?|exported|headed|destined)"
    r"(?: [\w-]+){0,2}? (?:to|for)",
    r"(?:diekspor|dikirim|dijual|dipasarkan)(?: [\w-]+){0,2}? ke",
    r"(?:negara )?tujuan ekspor",
    r"export destinations?",
    r"asal",
    r"(?:companies|company|firms?|producers?|manufacturers?|investors?|miners?|developers?|"
    r"contractors?|suppliers?|exporters?|importers?|traders?|retailers?|operators?|groups?)"
    r" (?:from|based in)",
    r"(?:country |regional )?(?:director|representative|office|manager|head)s? for",
    r"buatan",
    r"(?:made|manufactured|produced|assembled) in",
    r"menyusul",
    r"kantor perwakilan(?: [\w-]+){0,2}? untuk",
    # the parties' other partners: earlier ones, and those who signed such a deal before
    r"(?:already|long|has long|have long) (?:cooperates?|cooperated|works?|worked|partners?|"
    r"partnered|trades?|traded) with",
    r"(?:such an?|similar|the same kind of) (?:deal|agreement|accord|pact|memorandum|MoU)\b"
    r"[^.]{0,30}?\bafter",
    r"(?<=,\s)(?:setelah|after)",  # "… the second country in the Sahel to do so, after Senegal"
    # a state set apart from the party it could be taken for ("bukan Republik Demokratik
    # Kongo", "not the Democratic Republic of the Congo"; "rather than" is "than"); "not
    # only", "bukan hanya" list the parties themselves
    r"bukan(?! hanya| saja| sekadar)",
    r"not(?! only| just| yet)",
    r"instead of",
)
"""Words that put the countries after them outside the deal: comparisons, competitors,
export destinations and import sources, languages ("bahasa Inggris"), and the states an
ambassador is accredited to ("Duta Besar RI untuk Austria dan Slovenia"), the countries
goods are sold or shipped to, where a company comes from ("perusahaan asal Australia"),
a contrasted state ("sedangkan Maroko …"), an office's territory ("director for
Indonesia and Timor-Leste"), a partner of the parties' own ("already works with Turkey"),
what a trade depends on ("sales depend on Italy", "bertumpu pada dana bantuan …")
and the states that signed such a deal before ("the third to sign such a deal, after
Kenya")."""

NOT_PARTY_AFTER = re.compile(
    # the list's further items ("Japan, Australia and the United States remain …")
    r"^(?:,\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}){0,4}"
    r"(?:,?\s+(?:and|dan|serta|or|atau)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})?"
    r",?(?:\s+(?:selama ini|so far|still|long|have long been|has long been|traditionally))?"
    r"\s+(?:are|is|were|was|remain|remains|adalah|merupakan|menjadi|masih)\s+"
    r"(?:among\s+)?(?:(?:the|its|their|our|a|an|one of the|salah satu)\s+)?"
    r"(?:(?:main|largest|biggest|key|top|leading|chief|principal|traditional|major)\s+)*"
    r"(?:among\s+(?:the\s+)?)?"
    r"(?:markets?|buyers?|destinations?|customers?|importers?|suppliers?|competitors?|rivals?|"
    r"donors?|contributors?|funders?|"
    r"trading partners?|trade partners?|mitra dagang|"
    r"pasar|pembeli|tujuan|pengimpor|pemasok|pesaing)\b"
    r"|^-(?:based|owned|made|listed|registered)\b"
    r"|^\s+(?:(?:state-owned|state|private|family|steel|mining|energy|battery|furniture|textile|"
    r"garment|food|chemicals?|pharmaceutical|car|auto|electronics|retail|trading|engineering|"
    r"construction|cement|fertili[sz]er|shipping|logistics|fashion)\s+|(?-i:[a-z]+-[a-z-]+\s+)){0,2}"
    r"(?:consortium|consortia|company|companies|firms?|group|investors?|contractors?|"
    r"developers?|chains?|retailers?|makers?|carmakers?|automakers?|brands?|importers?|"
    r"traders?|conglomerates?|shipyards?|houses?|producers?|suppliers?|manufacturers?|"
    r"exporters?|processors?|refiners?|miners?|millers?|operators?)\b",
    re.IGNORECASE,
)
"""A country the sentence calls a market, a buyer, a supplier, a trading partner or a rival
("the European Union and the United States are the main markets for …", "Uzbekistan dan
Kazakhstan, selama ini menjadi mitra dagang utama"), or a company's home ("a
Singapore-based firm", "a Chinese consortium", "a Dutch furniture chain"): not a party."""

NO_DEAL = word_pattern(
    r"no (?:agreement|deal|memorandum|MoU)s? (?:was|were|has been|have been|is|was yet)",
    r"(?:is|are|was|were) not (?:a )?part(?:y|ies)",
    r"none of (?:them|these|those|which) (?:is |are |was |were )?(?:a )?part(?:y|ies)",
    r"neither (?:is|was) (?:a )?party",
    r"not (?:yet )?(?:been )?(?:signed|concluded)",
    r"did not (?:sign|conclude|lead)",
    r"talks (?:did not|failed|stalled)",
    r"tidak ada (?:kesepakatan|perjanjian|nota kesepahaman|MoU)",
    r"belum ada (?:kesepakatan|perjanjian|nota kesepahaman|MoU)",
    r"tanpa (?:kesepakatan|penandatanganan)",
    r"bukan (?:pihak|mitra)",
    r"(?:tidak|belum) (?:menandatangani|ditandatangani|menghasilkan kesepakatan)",
)
"""A sentence that says a deal was not made: the countries it names are not parties
("… held talks with Finland, but no agreement was signed")."""

AS_REGION = re.compile(
    r"\b(?:in|within|across|throughout|into|di|dalam|ke|(?:bergabung|bergabungnya) dengan|"
    r"joined|joining|join|members? of|anggota|outside|luar)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""An organisation of states named as a region or a club ("within ASEAN", "joined the
European Union"), not as a body acting in the deal."""

NOT_THE_STATE_AFTER = re.compile(
    r"^\s+(?:Latin|Selatan|Tengah|Utara)\b|^\s*(?:dollars?\b|\$)"
    r"|^\s+(?:Ocean|Sea|Seas|Subcontinent|Peninsula|[Rr]iver|Delta|Basin)\b"
)
IN_PLACES = (
    r"\b(?:di|in)\s+(?:the\s+)?(?-i:[A-Z][\w'-]*)(?:\s+(?-i:[A-Z][\w'-]*)){0,2}"
    r"(?:,|\s+and|\s+or)\s+the\s+$"
)
"""A list of places after "in" whose next item has its article ("brands in Europe and the
United States", "buyers in the United States and the European Union"): where buyers are, as
"in Europe and Japan" is, not a party nor a body acting in the deal."""
_IN_PLACES = re.compile(IN_PLACES)

NOT_THE_STATE_BEFORE = re.compile(
    r"\b(?:Latin|South|Central|North|dol+ar|Laut|Samudra|Samudera|Semenanjung|Teluk|Sungai)\s+$"
    r"|\b(?:Gulf|Bay|Strait|Straits)\s+of\s+(?:the\s+)?$"
    r"|\b(?:sedangkan|whereas)\s+(?:[\w-]+,?\s+){0,4}$"
    r"|\b(?:pemasok|produsen|pabrikan|perusahaan|eksportir|importir|distributor|kontraktor|"
    r"konsorsium)\s+$"
    # a joint venture's homes ("perusahaan patungan Eritrea-Tiongkok"): a company's, not a party
    r"|\bpatungan\s+(?:[A-Z][\w]*-)?$"
    # a list of places after "in" whose next item has its article (see IN_PLACES), and a
    # country after "in the" ("buyers in the United States"), as one after "in" is a place
    r"|" + IN_PLACES + r"|\bin\s+the\s+$",
    re.IGNORECASE,
)
"""A country's word that names something else: a part of a continent ("Latin America",
"Amerika Latin"; "Amerika" alone is the United States), a sea, an ocean, a gulf or a river
named after it ("the Indian Ocean", "the South China Sea", "Laut Cina Selatan", "the Gulf
of Guinea", "the Niger river"), or a currency ("dolar AS",
"US dollars"), or a state contrasted with the parties ("sedangkan Maroko dan Mesir …";
countries only: "sedangkan Kementerian X" still acts), or a company's home written after its
trade in Indonesian ("pemasok Jerman", "produsen Korea": a German supplier, as "a Dutch
furniture chain" is in English)."""

RULE_OWNER_AFTER = re.compile(
    r"^['’]s\s+(?:[\w-]+\s+){0,3}?(?:levy|tax|taxes|regulations?|rules?|mechanism|markets?|"
    r"directive|standards?|tariffs?|law|laws|requirements?|single market)\b",
    re.IGNORECASE,
)
RULE_OWNER_BEFORE = re.compile(
    r"\b(?:regulasi|aturan|peraturan|pasar|standar|pajak|tarif|ketentuan|kebijakan)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""An organisation named as the owner of a rule or a market ("the European Union's carbon
border levy", "regulasi antideforestasi Uni Eropa"): what the deal answers to, not a body
acting in it."""


def not_acting(before: str, after: str) -> bool:
    """Whether an organisation of states between *before* and *after* is named as a region,
    a market or the owner of a rule, not as a body acting in the deal."""
    return bool(
        AS_REGION.search(before)
        or _IN_PLACES.search(before)
        or RULE_OWNER_BEFORE.search(before)
        or RULE_OWNER_AFTER.match(after)
        or NOT_PARTY_AFTER.match(after)
    )

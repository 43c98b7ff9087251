"""Aims told as the situation a deal answers, not as a goal: clauses of the purpose grammar.

An article often states what a deal is for by describing what is wrong now or whom it pays:
growers "paid a better price" ("petani mendapat harga lebih baik", "more money for the
smallholders who grow cane") is the aim of higher incomes; goods a country "buys from
abroad" or that are "still imported" ("masih didatangkan dari luar negeri") are the import
substitution the deal is to bring. Each clause here states its aim by its own grammar,
whatever the cue; :class:`.aims.AimReader` matches them where one of their first words
stands, like the clauses of :data:`.purpose.TOLD`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .matcher import Mention
from .portfolios import each, either


class Situation(NamedTuple):
    """A clause that states an aim by itself, and the concept it states."""

    name: str
    pattern: re.Pattern[str]
    first: tuple[str, ...]
    """The words the clause may begin with: the word loop of the reader keys it by them."""
    cls: str
    ref: str
    known: bool
    """Whether *ref* is a concept of the schemes (else proposed under ``unresolved:``)."""
    label: str
    scoped: bool = False
    """Whether only a sentence of the deal's scope counts (what the parties will do)."""


_PRODUCERS = each(
    "petani pekebun peternak nelayan pembudidaya farmers farmer growers grower smallholders "
    "smallholder fishers fishermen herders planters"
)
"""Those who grow or raise what the deal's industry processes: whose pay the aim raises."""
_PRODUCERS_NYA = (*_PRODUCERS, *(w + "nya" for w in _PRODUCERS[:5]))
"""The producers, and the Indonesian ones with "-nya" ("petaninya"): where "paid" may begin."""

_BETTER_PAY = (
    r"(?:harga\s+(?:jual\s+)?(?:yang\s+)?(?:lebih\s+|jauh\s+lebih\s+)?"
    r"(?:baik|layak|adil|pantas|tinggi|bagus|menguntungkan)"
    r"|(?:pendapatan|penghasilan)(?:nya)?\s+(?:jauh\s+)?lebih\s+(?:baik|tinggi|besar)"
    r"|bagian\s+(?:harga\s+|hasil\s+)?yang\s+lebih\s+besar|bernilai\s+lebih|penghidupan\s+(?:yang\s+)?layak"
    r"|(?:better|fair|fairer|higher|good|decent)\s+prices?|more\s+money|take\s+home\s+more"
    r"|(?:bigger|larger|greater|fairer)\s+share|a\s+(?:decent|better)\s+living)(?![\w-])"
)
"""A better price or pay, the words that say what the producers gain."""

_PAID = re.compile(
    r"(?i)" + either(*_PRODUCERS) + r"(?:nya)?(?![\w-])[^.;:!?\"“”]{0,100}?" + _BETTER_PAY
)
"""Producers, then their better price or pay in the same clause: "petani kakao dan nelayan
mendapat harga lebih baik", "a grower who sells roasted beans takes home more"."""

_PAY_FIRST = each(
    "harga better fair fairer higher good decent more bigger larger greater penghidupan bagian"
)
_PAID_TO = re.compile(
    r"(?i)"
    + _BETTER_PAY
    + r"[^.;:!?]{0,40}?\s(?:bagi|untuk|kepada|for|to|agar|supaya|so\s+that)\s+"
    r"(?:the\s+|para\s+|kaum\s+|our\s+|kita\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?" + either(*_PRODUCERS) + r"(?![\w-])"
)
"""A better price or pay, then the producers it goes to or keeps going: "harga yang layak
bagi petani", "more money for the smallholders who grow cane", "harga yang layak penting agar
petani tidak menebang kebunnya"."""

_BOUGHT_FIRST = each(
    "buys buy bought buying comes come came sourced purchased didatangkan dipasok dibeli "
    "imported diimpor"
)
_BOUGHT_ABROAD = re.compile(
    r"(?i)(?:(?:buys|buy|bought|buying|comes|come|came|sourced|purchased)"
    r"(?:,?\s+[\w'’-]+){0,10}?\s+from\s+(?:abroad|overseas|foreign\s+suppliers)"
    r"|(?:didatangkan|dipasok|dibeli)\s+dari\s+(?:luar\s+negeri|negara\s+lain)"
    r"|(?:(?<=\smasih\s)|(?<=\smasih\sbanyak\s)|(?<=\smasih\sjuga\s)|(?<=\smasih\sharus\s))"
    r"(?:didatangkan|dipasok|dibeli|diimpor)\s+dari"
    r"|(?:(?<=\sare\s)|(?<=\sis\s)|(?<=\swere\s)|(?<=\swas\s)|(?<=\sstill\s)|(?<=\smostly\s)"
    r"|(?<=\slargely\s))imported(?!\s+(?:from\s+)?(?:by|into|to)\b)"
    r"|(?:(?<=\smasih\s)|(?<=\sharus\s)|(?<=\sselalu\s)|(?<=\sseluruhnya\s))diimpor)(?![\w-])"
)
"""Goods a country buys abroad, told as the state of things: "buys most of its tractors
from abroad", "almost all dental materials are imported", "bahan bakunya masih
didatangkan dari luar negeri", "sebagian besar kapas masih diimpor", "masih didatangkan dari
Selandia Baru", "masih banyak didatangkan dari Vietnam"). Goods that will be
imported under the deal ("will be imported", "akan diimpor") are trade, not the problem."""

_FUELS = each("petrol diesel fuel gasoline kerosene bbm bensin solar lpg avtur")
_SOLAR_POWER = (
    r"(?!\s+(?:panels?|power|energy|cells?|modules?|farms?|plants?|pv|photovoltaic|water|"
    r"home|lamps?|lights?|pumps?|dryers?|rooftops?)\b)"
)
""""Solar" is diesel in Indonesian ("solar impor"), the sun's power in English."""
_FUEL_IMPORTED = re.compile(
    r"(?i)"
    + either(*(w + _SOLAR_POWER if w == "solar" else w for w in _FUELS))
    + r"(?![\w-])[^.;:!?]{0,40}?"
    r"(?<![\w-])(?:imported|imports?|impor|diimpor|mengimpor)(?![\w-])"
)
"""Fuel a country imports or subsidises from abroad, told as the state of things ("subsidised
petrol, much of it imported", "every litre of diesel the islands do not import", "solar
yang masih diimpor"): the aim of energy security the deal's own fuel or power serves."""

_SWING_FIRST = each("harga harganya prices price volatile")
_PRICES_SWING = re.compile(
    r"(?i)(?:harga(?:nya)?(?:\s+[\w-]+){0,6}?\s+(?:yang\s+)?(?:kerap\s+|sering\s+)?"
    r"(?:naik-turun|naik\s+turun|naik-turunnya|berfluktuasi|bergejolak|melonjak)"
    r"|(?:price|prices)\s+(?:swings?|swing|volatility|fluctuations?|fluctuate)"
    r"|volatile\s+prices)(?![\w-])"
)
"""Prices that swing, told as the state of things ("harga di pasar naik-turun", "harga
minyak goreng kerap melonjak", "less exposed to price swings", "volatile prices"): the aim of
steadier prices. A single fall ("harga jatuh", "anjlok") is an event, not a swing."""

_WATERS = each("sungai rivers river waterways laut danau lakes")
_POLLUTED_FIRST = (*_WATERS, *each("mencemari pollute pollutes polluted polluting"))
_WATERS_POLLUTED = re.compile(
    r"(?i)(?:" + either(*_WATERS) + r"(?:\s+[\w-]+){0,2}?\s+(?:yang\s+)?(?:tercemar|polluted)"
    r"|(?:mencemari|pollute|pollutes|polluted|polluting)\s+(?:the\s+|their\s+|local\s+)?"
    + either(*_WATERS)
    + r")(?![\w-])"
)
"""Rivers, lakes or the sea polluted, told as the state of things ("banyak sungai kita
tercemar", "buangan krom mencemari sungai", "effluent that pollutes the rivers"): the aim of
protecting the environment the deal's waste treatment serves."""

_KEEP_FIRST = each("keep keeps keeping kept")
_KEEP_MORE = re.compile(
    r"(?i)(?:keep|keeps|keeping|kept)\s+more\s+of\s+(?:the|that|this|its|their|our|"
    r"(?:the\s+)?[\w-]+['’]s)\s+(?:[\w'’-]+\s+)?(?:price|value|margin|margins|work|money|earnings|"
    r"profits?|proceeds)(?![\w-])"
)
"""What a product earns kept where it is grown ("keeping more of the price at home", "keep
more of that work in the highlands", "keep more of the crop's value"): the aim of adding value
at home, told as what the producing side keeps. Spending kept at home is not it."""

_SHORT_FIRST = each(
    "cannot can't could couldn't struggle struggles struggling unable sulit kesulitan tidak tak"
)
_SHORT_OF_HANDS = re.compile(
    r"(?i)(?:cannot|can't|could\s+not|couldn't|struggles?\s+to|struggling\s+to|unable\s+to|"
    r"sulit|kesulitan|tidak\s+bisa|tak\s+bisa|tidak\s+dapat)\s+(?:untuk\s+)?"
    r"(?:find|hire|recruit|mencari|mendapatkan|menemukan|mendapat|merekrut)\s+"
    r"(?:enough\s+|a\s+|any\s+|cukup\s+)?(?:skilled\s+|qualified\s+|trained\s+)?"
    r"(?:[\w-]+\s+)?(?:technicians?|workers|engineers?|machinists?|welders?|operators?|"
    r"mechanics?|staff|teknisi|insinyur|operator|pekerja|tenaga\s+(?:kerja|teknik|ahli|terampil)"
    r"|juru\s+las)(?![\w-])"
)
"""Factories that cannot find the hands they need ("still cannot find a technician who can
keep a packaging line running", "kesulitan mencari teknisi"): the aim of a skilled workforce
the deal's training serves."""

_FED_FIRST = each("keep keeps keeping feed feeds feeding enough rice food bread cukup")
_FED = re.compile(
    r"(?i)(?:(?:(?:keep|keeps|keeping)\s+(?=\S+\s+\S+\s+fed\b)|feed|feeds|feeding)\s*"
    r"(?:the|its|their|our)\s+(?:country|nation|people|population|islands?|region|cities)"
    r"(?:\s+fed)?"
    r"|enough\s+to\s+eat|(?:rice|food|bread)\s+on\s+the\s+table"
    r"|cukup\s+makan)(?![\w-])"
)
"""A country kept fed, or people without enough to eat ("machines are needed to keep the
country fed", "half the population does not have enough to eat", "keep rice on the table",
"warga tidak cukup makan"): the aim of food security."""

_JOBS_FIRST = each(
    "keep keeps keeping kept jobs job creates create created creating gives give memberi "
    "butuh membutuhkan need needs"
)
_JOBS_KEPT = re.compile(
    r"(?i)(?:(?:keep|keeps|keeping|kept)\s+(?:(?:their|its|the|our|his|her)\s+)?"
    r"(?:workers|staff|people|employees|crews?)\s+employed"
    r"|(?:keep|keeps|keeping|kept)\s+(?:a\s+|the\s+)?jobs?\s+(?:in|at|here|at\s+home)"
    r"|jobs?\s+(?:that|which)\s+stays?"
    r"|(?:creates|create|created|creating|gives|give)\s+work\s+(?:for|to)"
    r"|memberi\s+pekerjaan\s+(?:bagi|kepada|untuk)"
    r"|(?:butuh|membutuhkan)\s+(?:pekerjaan|lapangan\s+kerja)"
    r"|(?:need|needs)\s+(?:work|jobs))(?![\w-])"
)
"""Work kept or given, or wanted, told as what a plant does or people lack ("to keep their
workers employed", "every bale spun here keeps a job in the Delta", "jobs that stay in the
county", "processing creates work for welders", "anak-anak muda butuh pekerjaan"): the aim of
creating jobs, whatever the cue."""

_POSTED_FIRST = each("bertukar swap swaps swapping exchange ditempatkan seconded posted")
_POSTED = re.compile(
    r"(?i)(?:(?:bertukar|swap|swaps|swapping|exchange)\s+(?:tempat\s+tugas|posts|places|desks)"
    r"|(?:ditempatkan|seconded|posted)\s+(?:di|ke|to|at|with)\s+[^.;:!?]{0,80}?"
    r"(?<![\w-])(?:riset|penelitian|research)(?![\w-]))"
)
"""Staff who swap posts with, or are posted at, a research body to do research ("bertukar
tempat tugas dengan peneliti", "ditempatkan di ERIA enam bulan untuk ikut menggarap riset",
"seconded to the institute to join its research"): an exchange of researchers, told as
what people do. Only in a sentence of the deal's scope."""

_EVEN_FIRST = each(
    "tumbuh pertumbuhan pembangunan industri ekonomi tidak growth grow grows spread spreads"
)
_EVENLY = re.compile(
    r"(?i)(?:(?:tumbuh|pertumbuhan|pembangunan|industri|ekonomi)(?:\s+[\w-]+){0,2}?\s+"
    r"(?:yang\s+)?(?:lebih\s+)?merata"
    r"|tidak\s+(?:lagi\s+|hanya\s+)?menumpuk\s+di\s+(?:Jawa|kota|pusat|satu)"
    r"|(?:growth|grow|grows|spread|spreads)(?:\s+[\w-]+){0,2}?\s+(?:more\s+)?evenly)(?![\w-])"
)
"""Growth or industry spread evenly over the country, not piled up in one place ("membuat
pertumbuhan ekonomi lebih merata di luar Jawa", "industri tumbuh merata, tidak menumpuk di
Jawa", "spread industry more evenly"): the aim of regional development."""

_RESOURCES = each("minyak tambang cadangan oil reserves mines mine")
_RUNNING_OUT = re.compile(
    r"(?i)(?<!harga )(?<!price )(?<!prices )"
    + either(*_RESOURCES)
    + r"(?!\s+(?:goreng|sawit|kelapa|atsiri|zaitun|nabati|makan|palm|cooking|olive|seed|"
    r"prices?|harga))(?:\s+[\w'’-]+){0,3}?\s+(?:(?:is|are|has\s+been|have\s+been|sudah|kian|"
    r"makin|semakin)\s+)?"
    r"(?:terus\s+turun|terus\s+menurun|hampir\s+habis|menipis|running\s+out|run\s+out|"
    r"dwindling|depleted|exhausted|declining|falling|shrinking)(?![\w-])"
)
"""The resource an economy lives on running out ("produksi minyak kami terus turun",
"setelah tambang fosfatnya hampir habis", "oil output is declining", "reserves are running
out"): the aim of diversifying the economy, told as the end of its one leg (see
:data:`.purpose.ONE_LEG`). Edible oils and prices falling are no resource running out."""

SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "paid", _PAID, _PRODUCERS_NYA, "objectives", "better-incomes", True, "better incomes"
    ),
    Situation(
        "paid-to", _PAID_TO, _PAY_FIRST, "objectives", "better-incomes", True, "better incomes"
    ),
    Situation(
        "bought-abroad",
        _BOUGHT_ABROAD,
        _BOUGHT_FIRST,
        "objectives",
        "industrial-self-reliance",
        False,
        "industrial self-reliance and import substitution",
    ),
    Situation(
        "fuel-imported",
        _FUEL_IMPORTED,
        _FUELS,
        "objectives",
        "energy-security",
        False,
        "energy security",
    ),
    Situation(
        "prices-swing",
        _PRICES_SWING,
        _SWING_FIRST,
        "objectives",
        "price-stability",
        True,
        "price stability",
    ),
    Situation(
        "keep-more", _KEEP_MORE, _KEEP_FIRST, "objectives", "downstreaming", True, "value added"
    ),
    Situation(
        "short-of-hands",
        _SHORT_OF_HANDS,
        _SHORT_FIRST,
        "objectives",
        "skilled-workforce",
        True,
        "skilled workforce",
    ),
    Situation("jobs", _JOBS_KEPT, _JOBS_FIRST, "objectives", "job-creation", True, "job creation"),
    Situation(
        "posted",
        _POSTED,
        _POSTED_FIRST,
        "activities",
        "research-centre-exchange",
        True,
        "exchange between research centres",
        scoped=True,
    ),
    Situation(
        "evenly",
        _EVENLY,
        _EVEN_FIRST,
        "objectives",
        "regional-development",
        False,
        "regional development",
    ),
    Situation(
        "running-out",
        _RUNNING_OUT,
        _RESOURCES,
        "objectives",
        "economic-diversification",
        False,
        "economic diversification",
    ),
    Situation("fed", _FED, _FED_FIRST, "objectives", "food-security", False, "food security"),
    Situation(
        "waters-polluted",
        _WATERS_POLLUTED,
        _POLLUTED_FIRST,
        "objectives",
        "environmental-protection",
        True,
        "environmental protection",
    ),
)
"""The clauses, each matched only where one of its first words stands."""


def settled(told: list[Mention]) -> list[Mention]:
    """*told* without goods bought abroad where the goods are fuel: "diesel … is imported" is
    the energy aim, not industry's self-reliance."""
    fuel = [m for m in told if m.targets[0].ref == "energy-security"]
    if not fuel:
        return told
    return [
        m
        for m in told
        if m.targets[0].ref != "industrial-self-reliance"
        or not any(m.start < f.end and f.start < m.end for f in fuel)
    ]

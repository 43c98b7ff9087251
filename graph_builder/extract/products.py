"""Sectors named by what a commodity is turned into, with no industry word written.

An article often names an industry by its work: "turning peanuts into oils, pastes and
snacks", "refine cashew shell liquid into resins", "mengolah kelapa menjadi arang dan serat",
"serbuk gergaji yang diolah menjadi pelet kayu". The commodity before "into"/"menjadi" names
the industry that processes it ("peanut processing", "pengolahan kelapa"); the words from
the commodity to the products are what the article says. Only a verb of processing or
making opens the phrase ("turn a plan into a law" is read, but a determiner, a pronoun or
a general noun is no commodity, so it is dropped), and only in the sentences in scope (the
caller's check).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

_EN_VERBS = (
    r"(?:turn(?:s|ed|ing)?|process(?:es|ed|ing)?|refin(?:e|es|ed|ing)|convert(?:s|ed|ing)?"
    r"|transform(?:s|ed|ing)?|mak(?:e|es|ing)|made)"
)
_ID_ACTIVE = (
    r"(?:mengolah|mengubah|memproses|menyuling|memurnikan|pengolahan|pemrosesan|penyulingan"
    r"|pemurnian)"
)
_ID_PASSIVE = r"(?:diolah|diubah|diproses|disuling|dimurnikan)"
_EN_STOP = (
    r"(?:for|to|at|in|on|with|that|which|before|by|from|worth|than|so|as|while|and then"
    r"|the|a|an|its|their|our|this|these)"
)
_ID_STOP = (
    r"(?:untuk|di|ke|pada|dengan|yang|agar|supaya|sebelum|oleh|dari|bagi|senilai|sehingga"
    r"|para|ini|itu)"
)
_EN_PRODUCTS = (
    rf"[a-z][\w-]*(?:(?:,\s+|\s+)(?:and\s+|or\s+)?(?!(?:{_EN_STOP}|and|or)\b)[a-z][\w-]*){{0,5}}"
)
_ID_PRODUCTS = (
    r"[a-z][\w-]*(?:(?:,\s+|\s+)(?:dan\s+|atau\s+|serta\s+)?"
    rf"(?!(?:{_ID_STOP}|dan|atau|serta)\b)[a-z][\w-]*){{0,5}}"
)
_THING = r"[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2}?"
_PATTERNS = (
    # "turning peanuts and sesame into oils", "refine Bolivian lithium into hydroxide"
    (
        re.compile(
            rf"\b{_EN_VERBS}\s+(?:of\s+)?(?:[A-Z][a-z]+\s+)?(?P<x>{_THING}"
            rf"(?:\s+(?:and|or)\s+[a-z][a-z-]+)?)\s+into\s+(?P<y>{_EN_PRODUCTS})"
        ),
        "en",
    ),
    # "mengolah kelapa menjadi arang", "pengolahan kakao menjadi pasta"
    (
        re.compile(
            rf"\b{_ID_ACTIVE}\s+(?P<x>{_THING}(?:\s+(?:dan|serta)\s+[a-z][a-z-]+)?)\s+"
            rf"(?:lebih\s+lanjut\s+)?menjadi\s+(?P<y>{_ID_PRODUCTS})"
        ),
        "id",
    ),
    # "serbuk gergaji yang diolah menjadi pelet kayu"
    (
        re.compile(
            r"\b(?P<x>[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2}?)\s+(?:yang\s+)?"
            r"(?:(?:akan|bisa|dapat|lalu|kemudian|juga)\s+)?"
            rf"{_ID_PASSIVE}\s+(?:lebih\s+lanjut\s+)?menjadi\s+(?P<y>{_ID_PRODUCTS})"
        ),
        "id",
    ),
)
_PASSIVE = 2
"""The index of the passive pattern, whose commodity is written before the verb."""
_NEEDED = (" into ", " menjadi ")
"""Words a sentence must hold for any pattern to match: most sentences are not scanned."""

_NOT_THING_WORDS = (
    "it them that this these those itself themselves the a an its their our his her part some "
    "more most all each every what something everything anything product products goods "
    "requirements rules standards ideas plans plan asset assets money agreement agreements "
    "deal deals one two three country countries region people workers firms companies "
    "industry industries sector sectors business businesses economy value "
    "ini itu tersebut hal semua ia mereka kita kami produk barang negara perusahaan "
    "industri sektor usaha ekonomi nilai kesepakatan rencana bisa akan dapat lalu kemudian "
    "juga yang dan serta atau harus perlu ingin mau sudah telah belum tidak agar supaya untuk "
    "di ke dari pada dengan oleh bagi masih lagi sebelum setelah hanya"
)
_NOT_THINGS = frozenset(_NOT_THING_WORDS.split())
"""Words of a phrase before "into"/"menjadi" that show it is no commodity: determiners,
pronouns, general nouns (a product, a plan, the economy), modal words."""

Conversion = tuple[int, int, str, str]
"""A commodity's conversion: its start and end in the sentence (from the commodity to its
products), the commodity's words, and the language ("en" or "id")."""


def conversions(sentence: str) -> Iterator[Conversion]:
    """The commodities *sentence* says are turned into products, each once, with the span
    from the commodity to the last product (the words a reviewer checks)."""
    if not any(word in sentence for word in _NEEDED):
        return
    for index, (pattern, lang) in enumerate(_PATTERNS):
        for match in pattern.finditer(sentence):
            written = match.group("x")
            if index == _PASSIVE:  # the words before the verb: only the nearest are the thing
                kept = list(itertools.takewhile(_commodity, reversed(written.split())))
                written = " ".join(reversed(kept))
                if not written:
                    continue
            at = match.end("x") - len(written)
            things = re.split(r"\s+(?:and|or|dan|serta)\s+", written)
            if not all(_commodity(thing) for thing in things):
                continue
            for thing in things:
                start = at + written.index(thing)
                yield start, _cut(sentence, start, match.end("y")), thing, lang


SAYS_WORDS = 8
"""The most words a finding's ``says`` holds: enough to name the concept."""


def _cut(sentence: str, start: int, end: int) -> int:
    """*end*, or the end of the :data:`SAYS_WORDS`-th word from *start* when the span is
    longer: the commodity and its first products name the industry, the rest of a long list
    only makes the reviewer's quote long."""
    words = list(re.finditer(r"\S+", sentence[start:end]))
    if len(words) <= SAYS_WORDS:
        return end
    return start + words[SAYS_WORDS - 1].end()


_EN_PROCESS_WORDS = (
    "processing",
    "refining",
    "canning",
    "milling",
    "smelting",
    "tanning",
    "curing",
    "bottling",
    "shelling",
)
_ID_PROCESS_WORDS = (
    "pengolahan",
    "pemrosesan",
    "penyulingan",
    "pemurnian",
    "pengalengan",
    "pengeringan",
    "pengemasan",
    "penggilingan",
    "penyamakan",
    "pemeraman",
    "pembotolan",
)
_EN_PROCESS_OF = "(?:" + "|".join(_EN_PROCESS_WORDS) + ")"
_ID_PROCESS = "(?:" + "|".join(_ID_PROCESS_WORDS) + ")"
_ITEM = r"[a-z][a-z-]+(?:\s+(?!(?:and|or|dan|serta|atau)\b)[a-z][a-z-]+)?"
_OBJECTS = (
    # "the processing of farmed shrimp", "the canning of tuna, sardines and mackerel"
    (
        re.compile(
            rf"\b{_EN_PROCESS_OF}\s+of\s+(?:the\s+|its\s+|their\s+|local\s+)?"
            rf"(?P<x>{_ITEM}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_ITEM}){{0,3}})"
        ),
        "en",
    ),
    # "pengolahan vanili dan madu", "pengolahan nikel dan rumput laut": each is processed
    (
        re.compile(
            rf"\b{_ID_PROCESS}\s+"
            rf"(?P<x>(?:{_ITEM}\s*,\s*){{0,2}}{_ITEM},?\s+(?:dan|serta)\s+{_ITEM})"
        ),
        "id",
    ),
)
_ENDS_ITEM_WORDS = (
    "into for to at in on with that which by from as than under within across before "
    "after menjadi untuk di ke pada dengan yang oleh dari bagi sebagai agar dalam"
)
_ENDS_ITEM = frozenset(_ENDS_ITEM_WORDS.split())
"""Words that end a processed commodity's name ("peanuts into oils", "madu untuk ekspor")."""
_NOT_PROCESSED_WORDS = (
    "limbah sampah air data informasi dokumen izin perizinan permohonan klaim pesanan "
    "waste water wastewater data information documents applications permits claims "
    "payments orders requests visas"
)
_NOT_PROCESSED = frozenset(_NOT_PROCESSED_WORDS.split())
"""What a process noun takes that is no commodity: waste, water, data, papers and requests."""
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:(?:and|dan|serta)\s+)?|\s+(?:and|dan|serta)\s+")
_NEEDED_EN = tuple(f"{word} of" for word in _EN_PROCESS_WORDS)
_NEEDED_ID = (" dan ", " serta ")


def _worth_reading(sentence: str, lang: str) -> bool:
    """Whether *sentence* holds what the pattern of *lang* cannot match without (most
    sentences hold none, and are not scanned): its process nouns as written."""
    if lang == "en":
        return any(word in sentence for word in _NEEDED_EN)
    return any(word in sentence for word in _NEEDED_ID) and any(
        word in sentence for word in _ID_PROCESS_WORDS
    )


def processed(sentence: str) -> Iterator[tuple[int, int, list[str]]]:
    """The commodities a process noun takes as its objects, each with its span from the
    process noun to the commodity's end and the industry's name: "the processing of farmed
    shrimp" names "farmed shrimp processing"; "pengolahan vanili dan madu" names two,
    "pengolahan vanili" and "pengolahan madu" (the Indonesian process noun kept as written).
    An English list ("the processing of vanilla, cloves and cocoa") is not read: it names one
    group, which articles label by the group (spice processing), not by each commodity. A
    phrase that holds a word no commodity has ends the list there."""
    for pattern, lang in _OBJECTS:
        if not _worth_reading(sentence, lang):
            continue
        for match in pattern.finditer(sentence):
            items = _ITEM_SPLIT.split(match.group("x"))
            if (lang == "en") != (len(items) == 1):
                # English labels a list of commodities as one group ("the processing of
                # vanilla, cloves and cocoa" is spice processing), Indonesian each one
                # ("pengolahan vanili dan madu"); a comma alone ends no Indonesian list
                # ("pengolahan skala kecil, mulai dari …", "…, sedangkan …")
                continue
            at = match.start("x")
            for written in items:
                words = written.split()
                item = " ".join(itertools.takewhile(lambda w: w not in _ENDS_ITEM, words))
                if not item or not _commodity(item) or words[0] in _NOT_PROCESSED:
                    break  # "the processing of it and …": no commodity, the list ends
                at = sentence.index(item, at)
                if lang == "en":
                    name = processing_name(item, lang)
                else:
                    name = [match.group().split()[0].lower(), *item.split()]
                yield match.start(), at + len(item), name
                at += len(item)
                if item != written:
                    break  # "peanuts and sesame into oils": a preposition ends the list


_VERB = re.compile(r"^(?:di[a-z]{4,}|me(?:ng|ny|m|n)[a-z]{3,})$")
"""An Indonesian passive or active verb ("dibuang", "menanam"): what is done, not a thing."""


def _commodity(thing: str) -> bool:
    words = thing.split()
    return bool(words) and not any(word in _NOT_THINGS or _VERB.match(word) for word in words)


def processing_name(thing: str, lang: str) -> list[str]:
    """The industry's name from a commodity's words: "peanut processing" (the English
    plural made singular), "pengolahan kelapa"."""
    if lang == "id":
        return ["pengolahan", *thing.split()]
    *lead, last = thing.split()
    return [*lead, singular(last), "processing"]


def singular(word: str) -> str:
    """An English plural made singular, as a commodity is named before "processing"
    ("peanuts" → "peanut", "berries" → "berry"); a word not plural is kept."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("oes") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "sses")) and len(word) > 3:
        return word[:-1]
    return word


_MAKERS = r"(?:makers|manufacturers|producers|assemblers|factories|plants|mills|workshops|shops)"
_EN_MADE = re.compile(
    r"(?<![\w-])(?P<x>[a-z][a-z-]+(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"[a-z][a-z-]+){0,4})\s+" + _MAKERS + r"\b(?!\s+of\s+[a-z])"
)
"""Products before their makers ("glove, hose and tyre makers"), not when the makers' "of"
follows (then the word before is no product: "met makers of tyres")."""
_EN_MAKERS_OF = re.compile(
    r"\b(?:makers|manufacturers|producers)\s+of\s+(?P<x>[a-z][a-z-]+"
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[a-z][a-z-]+){0,4})"
)
_MAKER_WORDS = tuple(_MAKERS[3:-1].split("|"))
"""The makers' words as written: a sentence without one is not scanned."""
_LIST_SPLIT = re.compile(r"\s*,\s*(?:(?:and|or|dan|serta)\s+)?|\s+(?:and|or|dan|serta)\s+")


def made_by(sentence: str) -> Iterator[tuple[int, int, str, str]]:
    """The products *sentence* names by their makers ("glove, hose and tyre makers", "makers
    of tyres"), each product with its span and language: the industry that makes it is the
    product's ("tyre industry") when a table knows that name (the caller's check; a maker's
    product no table knows is not proposed). A process is no product ("recycling plants").
    Indonesian "pabrik X" / "produsen X" is not read: it names one company's plant far more
    often than an industry ("produsen kabel di Cikarang")."""
    if not any(word in sentence for word in _MAKER_WORDS):
        return
    for pattern, lang in ((_EN_MADE, "en"), (_EN_MAKERS_OF, "en")):
        for match in pattern.finditer(sentence):
            at = match.start("x")
            for item in _LIST_SPLIT.split(match.group("x")):
                if not item or not _commodity(item) or item.endswith("ing"):
                    continue  # no product: a pronoun, a general noun, a process
                start = sentence.index(item, at)
                at = start + len(item)
                yield start, at, item, lang

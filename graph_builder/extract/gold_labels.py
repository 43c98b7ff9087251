"""How a gold label matches a finding: by any name of either, or a fuzzy score.

A gold label may carry several names ("Kementerian Investasi/Badan Koordinasi Penanaman
Modal (BKPM) — Ministry of Investment" has four); a finding's names are its label, the
words the article used, and every label of its concept in both languages. A body written
"name — country" is also "name of country", the way the extractor names a new ministry.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from .extract import Extractor
    from .findings import Finding

FUZZY_THRESHOLD = 90
"""rapidfuzz score (0–100) at which two labels are taken as the same."""


def _norm(text: str) -> str:
    """Words in lower case without their accents: "São Tomé" and "Sao Tome" are one name."""
    text = unicodedata.normalize("NFKD", text.lower())
    return " ".join(re.findall(r"\w+", "".join(c for c in text if not unicodedata.combining(c))))


CONCEPT_CLASSES = ("sectors", "activities", "objectives")
"""The classes whose findings are concepts of a scheme (or proposed outside it)."""


def finding_names(finding: Finding, extractor: Extractor, *, strict: bool = False) -> set[str]:
    """Every name *finding* goes by, normalised.

    *strict*: a known concept goes by its concept's names only, not by the article's words
    it was found in, so that a label counts it only when the concept is the label's."""
    lexicon = extractor.lexicon
    says = "" if strict and finding.known and finding.cls in CONCEPT_CLASSES else finding.says
    names = {finding.label, says, finding.ref.replace("-", " ")}
    names |= set(lexicon.labels.get((finding.cls, finding.ref), {}).values())
    names |= lexicon.names.get((finding.cls, finding.ref), set())
    return {_norm(n) for n in names if n}


_LABEL_PARTS = re.compile(r"\s+[—–]\s+|\s+-\s+|\s*\(|\)\s*|/")
"""A label's names: "Kementerian Investasi/Badan Koordinasi Penanaman Modal (BKPM) — Ministry
of Investment" has four."""


def label_matches(gold: str, names: set[str], cls: str) -> bool:
    """Whether the gold label *gold* of class *cls* names a finding with *names*."""
    sides = [_norm(part) for part in _LABEL_PARTS.split(gold) if part.strip()]
    if cls == "bodies" and len(sides) == 2:
        sides.append(f"{sides[0]} of {sides[1]}")  # "Ministry of Economy — Armenia"
    for side in sides:
        if side in names:
            return True
        for name in names:
            if fuzz.token_sort_ratio(side, name) >= FUZZY_THRESHOLD:
                return True
            # "solar photovoltaic" ⊂ "solar photovoltaic industry" for concepts; bodies and
            # countries need the whole name, or "Ministry of Industry" would match MIIT.
            partial = (
                cls not in ("bodies", "countries")
                and min(len(side.split()), len(name.split())) >= 2
            )
            if partial and fuzz.token_set_ratio(side, name) == 100:
                return True
    return False

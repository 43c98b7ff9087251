"""Kinds of agreement and the words that name them (MoU, framework, joint committee …).

The kinds are listed in their order of precedence: an article that names an MoU and
"cooperation framework" proposes an MoU.
"""

from __future__ import annotations

import re

from .cues import word_pattern

_KIND_WORDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # (kind, entity type suggested for it, pattern)
    (
        "MoU",
        "MemorandumOfUnderstanding",
        (
            r"MoU",
            r"MOU",
            r"memorand(?:um|a) of understanding",
            r"nota kesepahaman",
            r"memorandum saling pengertian",
            r"memorandum kesepahaman",
            r"letter of intent",
            r"LoI",
            r"surat pernyataan kehendak",
        ),
    ),
    (
        "framework",
        "CooperationAgreement",
        (
            r"framework agreement",
            r"framework (?:for|of|on) cooperation",
            r"cooperation framework",
            r"perjanjian kerangka(?: kerja)?",
            r"kerangka kerja sama",
            r"framework",
        ),
    ),
    (
        "joint committee",
        "StrategicCooperation",
        (
            r"joint (?:working )?committee",
            r"komite bersama",
            r"joint working group",
            r"kelompok kerja bersama",
            r"JWG",
            r"JCM",
        ),
    ),
    (
        "programme",
        "StrategicCooperation",
        (r"programme", r"program kerja sama", r"cooperation program", r"partnership program"),
    ),
    (
        "strategic cooperation",
        "StrategicCooperation",
        (
            r"kerja sama strategis",
            r"kemitraan strategis",
            r"strategic (?:cooperation|partnership)",
            r"comprehensive (?:strategic )?partnership",
        ),
    ),
    (
        "agreement",
        "CooperationAgreement",
        (r"agreement", r"perjanjian", r"persetujuan", r"accord", r"pact", r"treaty"),
    ),
)
"""Kinds of agreement in the order of precedence when a text names several, with the
patterns of the words that name them."""

AGREEMENT_KINDS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (kind, entity_type, word_pattern(*items)) for kind, entity_type, items in _KIND_WORDS
)
"""(kind, entity type suggested for it, pattern), in the order of precedence."""

KIND_HINTS: tuple[tuple[str, ...], ...] = tuple(
    tuple(re.split(r"[\\()\[?*+|{.]", item)[0].lower() for item in items)
    for _, _, items in _KIND_WORDS
)
"""Each kind's words up to their first pattern character ("memorand", "framework "): a
sentence holding none of them (lower-cased) cannot name the kind, and is not searched."""

"""English news writes the industry ministry's agencies in the word order of their
Indonesian names ("Industrial Human Resources Development Agency"), not only in the
ministry's own ("Agency for Industrial Human Resources Development"): both name the body."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("name", "ref"),
    [
        ("the Industrial Human Resources Development Agency", "bpsdmi"),
        ("the Agency for Industrial Human Resources Development", "bpsdmi"),
        ("the Industrial Research and Development Agency", "bskji"),
        ("the Industrial Standardization and Services Policy Agency", "bskji"),
    ],
)
def test_an_agency_is_named_in_either_word_order(run, name, ref):
    result = run(
        f"JAKARTA - {name[0].upper()}{name[1:]} of the Ministry of Industry and Japan's "
        "Ministry of Economy, Trade and Industry signed a memorandum on training for "
        "automotive workers.\n"
    )
    assert ref in {f.ref for f in result.of("bodies")}

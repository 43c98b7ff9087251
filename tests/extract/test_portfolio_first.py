"""English news writes a minister as COUNTRY + portfolio + "Minister" ("Singapore Education
Minister"); the portfolios written first are read for more than the economic ministries."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "label", "says"),
    [
        (
            "JAKARTA - Indonesia's Industry Minister and the Singapore Education Minister signed "
            "a memorandum of understanding on vocational training for factory technicians.",
            "Ministry of Education of Singapore",
            "Education Minister",
        ),
        (
            "KUALA LUMPUR - The Malaysian Agriculture Minister and Indonesia's Industry Minister "
            "signed a memorandum on palm oil processing machinery.",
            "Ministry of Agriculture of Malaysia",
            "Agriculture Minister",
        ),
    ],
)
def test_a_country_and_a_portfolio_before_minister_name_that_countrys_ministry(
    run, text, label, says
):
    bodies = {f.label if not f.known else f.ref: f.says for f in run(text).of("bodies")}
    assert bodies.get(label) == says, bodies
    assert bodies["kemenperin"] == "Industry Minister"

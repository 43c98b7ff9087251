"""The eighth round: the names the labels give recurring aims, and more of the clauses
that carry objectives and activities.

Every sentence here was written for this test; none is taken from the development set.
"""

from __future__ import annotations

import pytest

from graph_builder.extract.gold_labels import finding_names, label_matches

from .conftest import after_a_signing, found, refs


@pytest.mark.parametrize(
    ("sentence", "lang", "concept", "label"),
    [
        # the plain noun names the scheme's concept (seven groups write it so)
        (
            "The fund is meant to make small foundries more competitive.",
            "en",
            "global-competitiveness",
            "competitiveness — foundries able to hold their own",
        ),
        (
            "The project should create jobs for school leavers in the district.",
            "en",
            "job-creation",
            "employment — young people in work near home",
        ),
        # better incomes is a concept of the scheme now, "higher incomes" one of its names
        (
            "Program ini bertujuan menaikkan pendapatan nelayan di pesisir.",
            "id",
            "better-incomes",
            "higher incomes — coastal households earn more",
        ),
    ],
)
def test_a_recurring_aim_is_named_as_the_labels_name_it(
    run, extractor, sentence, lang, concept, label
):
    result = after_a_signing(run, sentence, lang)
    assert concept in refs(result, "objectives")  # linked to the scheme, not unresolved
    (finding,) = [f for f in result.of("objectives") if f.ref == concept]
    assert label_matches(label, finding_names(finding, extractor), "objectives")


def test_better_incomes_is_no_longer_proposed_as_unresolved(run):
    result = after_a_signing(run, "They hope household incomes will grow.", "en")
    assert "better-incomes" in found(result, "objectives")
    assert not [f for f in result.unresolved if f.ref == "better-incomes"]

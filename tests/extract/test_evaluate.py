"""Scoring against labelled articles: groups, publication dates, first looks, held-out groups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_builder.cli import main
from graph_builder.errors import SourceError
from graph_builder.extract import load_extractor, read_article
from graph_builder.extract.evaluate import evaluate_gold, load_gold
from graph_builder.extract.gold_labels import label_matches
from graph_builder.extract.holdout import (
    FIRST_LOOK_FILE,
    cross_validate,
    evaluation_report,
    learner_of,
    read_first_looks,
)
from graph_builder.extract.lang import detect_language

GOLD = Path(__file__).parents[1] / "extract_gold"
YESTERDAY = "JAKARTA - Indonesia and Japan signed a memorandum of understanding yesterday."
GOLD_JSON = {"expected": {"countries": ["Indonesia", "Japan"]}}


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def _run(*args: object):
    from click.testing import CliRunner

    return CliRunner().invoke(main, [str(a) for a in args])


def _folder(tmp_path: Path, articles: dict[str, dict], groups: dict[str, list[str]] | None = None):
    for name, gold in articles.items():
        (tmp_path / f"{name}.txt").write_text(YESTERDAY, encoding="utf-8")
        (tmp_path / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    if groups is not None:
        body = {"groups": [{"name": g, "articles": a} for g, a in groups.items()]}
        (tmp_path / "groups.json").write_text(json.dumps(body), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("gold", "found"),
    [
        ({**GOLD_JSON, "published": "2024-05-03", "date": "2024-05-02"}, "2024-05-02"),
        (
            {
                "expected": {**GOLD_JSON["expected"], "date": "2024-05-02"},
                "published": "2024-05-03",
            },
            "2024-05-02",
        ),
    ],
    ids=["top-level-date", "expected-date"],
)
def test_published_anchors_relative_dates_as_a_user_would_run(extractor, tmp_path, gold, found):
    evaluation = evaluate_gold(extractor, _folder(tmp_path, {"a": gold}))
    assert evaluation.articles[0].date == ("2024-05-02", found)
    assert evaluation.date_exact() == 1.0


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ({**GOLD_JSON, "publshed": "2024-05-03"}, "a.json: publshed: unknown key 'publshed'"),
        (
            {**GOLD_JSON, "published": "3 May 2024"},
            "a.json: published: '3 May 2024' is not an ISO date",
        ),
        ({**GOLD_JSON, "date": "2024-02-30"}, "a.json: date: '2024-02-30' is not an ISO date"),
        (
            {"expected": {"date": "2024-05-02"}, "date": "2024-05-03"},
            "a.json: date: differs from expected.date; give the date in one place",
        ),
    ],
    ids=["unknown-key", "published", "impossible-date", "two-dates"],
)
def test_label_file_errors_name_the_field(tmp_path, gold, message):
    _folder(tmp_path, {"a": gold})
    with pytest.raises(SourceError) as caught:
        load_gold(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / message))


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ({"g": ["a"]}, "groups: articles in no group: b"),
        ({"g": ["a", "b"], "h": ["b"]}, "groups[1].articles: 'b' is already in group 'g'"),
        ({"g": ["a", "b", "c"]}, "groups[0].articles: 'c' has no NAME.json beside it"),
    ],
    ids=["ungrouped", "twice", "unknown"],
)
def test_groups_file_errors_name_the_field(tmp_path, groups, message):
    _folder(tmp_path, {"a": GOLD_JSON, "b": GOLD_JSON}, groups)
    with pytest.raises(SourceError) as caught:
        load_gold(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'groups.json'}: {message}"


def test_without_a_groups_file_each_article_is_a_group(tmp_path):
    articles = load_gold(_folder(tmp_path, {"a": GOLD_JSON, "b": GOLD_JSON}))
    assert [(a.name, a.group) for a in articles] == [("a", "a"), ("b", "b")]


def test_first_look_is_recorded_once(tmp_path):
    _folder(tmp_path, {"a": GOLD_JSON, "b": GOLD_JSON}, {"g1": ["a"], "g2": ["b"]})
    first = _run("extract", "--evaluate", tmp_path, "--first-look", "g1")
    assert first.exit_code == 0, first.stderr
    assert "recorded the first look of g1" in first.stderr
    assert "| g1 | 1 | 1.00 (1.00) |" in first.stdout
    assert "| g2 | 1 | 1.00 |" in first.stdout
    look = read_first_looks(tmp_path)["g1"]
    assert look.articles == 1 and look.counts["countries"].recalled == 2
    assert look.commit  # a commit, or says why there is none
    recorded = (tmp_path / FIRST_LOOK_FILE).read_text(encoding="utf-8")
    again = _run("extract", "--evaluate", tmp_path, "--first-look", "g1")
    assert again.exit_code == 2
    assert "group 'g1' already has its first look" in again.stderr
    assert (tmp_path / FIRST_LOOK_FILE).read_text(encoding="utf-8") == recorded


def test_first_look_needs_evaluate():
    result = _run("extract", GOLD / "en01-japan-eip.txt", "--first-look", "g1")
    assert result.exit_code == 2 and "--first-look GROUP goes with --evaluate" in result.stderr


def test_an_extractor_without_fit_is_not_cross_validated(extractor):
    assert learner_of(object()) is None  # type: ignore[arg-type]
    assert learner_of(extractor) is not None  # the shipped one learns a filter
    assert cross_validate(load_gold(GOLD)[:2], None) is None


class _Learner:
    """An extractor that 'learns': it notes what it was fitted on and extracts as before."""

    def __init__(self, inner, trained_on=()):
        self.inner, self.lexicon, self.trained_on = inner, inner.lexicon, list(trained_on)
        self.fits: list[list[str]] = []

    def extract(self, article, **kwargs):
        return self.inner.extract(article, **kwargs)

    def fit(self, articles):
        self.fits.append([a.name for a in articles])
        return _Learner(self.inner, [a.name for a in articles])


def test_leave_one_group_out_never_scores_a_group_it_learned_from(extractor, tmp_path):
    names = {n: GOLD_JSON for n in ("a1", "a2", "b1", "c1")}
    folder = _folder(tmp_path, names, {"A": ["a1", "a2"], "B": ["b1"], "C": ["c1"]})
    learner = _Learner(extractor)
    report = evaluation_report(learner, folder)  # type: ignore[arg-type]
    assert learner.fits == [["b1", "c1"], ["a1", "a2", "c1"], ["a1", "a2", "b1"]]
    assert report.cross_validated is not None
    assert [a.name for a in report.cross_validated.articles] == ["a1", "a2", "b1", "c1"]
    assert "leave-one-group-out (fit without each group, scored on it)" in report.text()
    assert report.as_json()["learned"] is True


@pytest.mark.parametrize(
    ("gold", "names", "matched"),
    [
        ("Kementerian Perindustrian (Kemenperin) — Ministry of Industry", {"kemenperin"}, True),
        (
            "Kementerian Investasi/Badan Koordinasi Penanaman Modal (BKPM)",
            {"badan koordinasi penanaman modal"},
            True,
        ),
        (
            "Ministry of Industry — Kemenperin",
            {"ministry of industry and information technology"},
            False,
        ),
        ("solar photovoltaic", {"solar photovoltaic industry"}, True),
        # "name — country" is the body the extractor calls "name of country"
        ("Ministry of Economy — Armenia", {"ministry of economy of armenia"}, True),
        ("Ministry of Economy — Armenia", {"ministry of economy of georgia"}, False),
    ],
)
def test_a_gold_label_matches_by_any_of_its_names(gold, names, matched):
    cls = "sectors" if "solar" in gold else "bodies"
    assert label_matches(gold, names, cls) is matched


def _evaluation_json(gold: Path) -> dict:
    result = _run("extract", "--evaluate", gold, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["learned"] is True
    assert [r["class"] for r in data["cross_validated"]] == [
        r["class"] for r in data["rules_alone"]
    ]
    assert data["first_look"]["articles"] == sum(
        r["articles"] for r in data["first_look"]["records"]
    )
    return data


def test_evaluate_json_reports_groups_first_looks_and_what_is_learned(tmp_path):
    _folder(
        tmp_path, {"a": GOLD_JSON, "b": GOLD_JSON, "c": GOLD_JSON}, {"g1": ["a", "b"], "g2": ["c"]}
    )
    assert _run("extract", "--evaluate", tmp_path, "--first-look", "g1").exit_code == 0
    data = _evaluation_json(tmp_path)
    assert set(data["groups"]) == {"g1", "g2"}
    assert [r["group"] for r in data["first_look"]["records"]] == ["g1"]
    assert data["first_look"]["articles"] == 2
    assert [a["name"] for a in data["articles"]] == ["a", "b", "c"]


@pytest.mark.slow  # the same command on every gold article; the table's test runs them all
def test_evaluate_json_on_the_development_set_reports_its_groups():
    data = _evaluation_json(GOLD)
    assert set(data["groups"]) >= {"seed", "g1-wire-asia-pacific"}


def test_the_development_set_is_grouped_and_every_later_group_has_a_first_look():
    articles = load_gold(GOLD)
    languages = [detect_language(read_article(a.path).text) for a in articles]
    assert len(articles) >= 108
    assert languages.count("en") >= 54 and languages.count("id") >= 54
    groups = {a.group for a in articles}
    looks = read_first_looks(GOLD)
    assert groups - set(looks) == {"seed"}  # the seed group was tuned on: no first look
    for group, look in looks.items():
        assert look.articles == sum(1 for a in articles if a.group == group)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("groups.json", "{", "groups.json: not a readable JSON file"),
        ("groups.json", '{"groups": [{"name": "g"}]}', "groups.json: expected {'groups'"),
        ("first_look.json", "[{}]", "first_look.json: a record is incomplete or malformed"),
        ("first_look.json", "[", "first_look.json: not a readable JSON file"),
    ],
)
def test_a_broken_groups_or_first_look_file_is_one_line_exit_2(tmp_path, name, content, message):
    _folder(tmp_path, {"a": GOLD_JSON})
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = _run("extract", "--evaluate", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / message}")
    assert result.stderr.count("\n") == 1


def test_a_gold_name_matches_a_finding_written_without_its_accents() -> None:
    from graph_builder.extract.gold_labels import label_matches

    assert label_matches("São Tomé and Príncipe", {"sao tome and principe"}, "countries")
    assert not label_matches("São Tomé and Príncipe", {"saint lucia"}, "countries")


def test_strict_counts_a_known_concept_only_when_it_is_the_labels(tmp_path):
    """The article's words a concept was found in name the label's words, but the label
    glosses another concept: the standard score counts it (a reviewer is shown the right
    words), --strict does not (the reviewer must change the concept)."""
    text = (
        "JAKARTA - Indonesia and Japan signed a memorandum of understanding yesterday that "
        "will open the Great Lakes market to Indonesian fertiliser and create jobs."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    objectives = ["open the Great Lakes market — market access", "create jobs — job creation"]
    gold = {"expected": {"countries": ["Indonesia", "Japan"], "objectives": objectives}}
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    rows = {}
    for flags in ((), ("--strict",)):
        result = _run("extract", "--evaluate", tmp_path, *flags)
        assert result.exit_code == 0, result.stderr
        rows[flags] = next(r for r in result.stdout.splitlines() if r.startswith("| objectives"))
    assert rows[()].startswith("| objectives | 1.00 | 1.00 |")
    assert rows[("--strict",)].startswith("| objectives | 0.50 | 0.50 |")


def test_strict_goes_with_evaluate_and_not_with_a_first_look(tmp_path):
    alone = _run("extract", GOLD / "en01-japan-eip.txt", "--strict")
    assert alone.exit_code == 2 and "--strict goes with --evaluate" in alone.stderr
    _folder(tmp_path, {"a": GOLD_JSON}, {"g1": ["a"]})
    look = _run("extract", "--evaluate", tmp_path, "--first-look", "g1", "--strict")
    assert look.exit_code == 2 and "drop --strict" in look.stderr
    assert not (tmp_path / FIRST_LOOK_FILE).exists()

"""The benchmark evaluation (benchmarks/evaluate.py): metric helpers and the full run.

The helpers are tested on tiny hand-made inputs and run anywhere. The full
test-split evaluation needs ../shared (CI only); it runs once per session and
checks, per row, that reviewkit is not below the plain-VADER baseline measured
in the same run. The issue's targets are reported in the table's "met?"
column, not asserted.
"""

from __future__ import annotations

import dataclasses
import math
import os
from pathlib import Path
from typing import Any

import pytest

import reviewkit
from reviewkit import AspectSentiment
from tests.benchmark_scripts import load_benchmark

SHARED = Path(
    os.environ.get(
        "REVIEWKIT_SHARED", Path(__file__).resolve().parents[1].parent / "shared"
    )
)


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs {path}")
        pytest.skip(f"{path} absent")
    return path


evaluate = load_benchmark("evaluate")
datasets = load_benchmark("datasets")
restaurants = load_benchmark("restaurants")


# -- class mapping --


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0.05, "positive"),
        (0.9, "positive"),
        (0.0499, "neutral"),
        (0.0, "neutral"),
        (-0.0499, "neutral"),
        (-0.05, "negative"),
        (-1.0, "negative"),
    ],
)
def test_polarity_class_uses_vader_thresholds(score: float, expected: str) -> None:
    assert evaluate.polarity_class(score) == expected


def test_polarity_class_band_is_configurable() -> None:
    assert evaluate.polarity_class(0.2, band=0.25) == "neutral"
    assert evaluate.polarity_class(0.0, band=0.0) == "positive"


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (2, "positive"),
        (1, "positive"),
        (0, "neutral"),
        (-1, "negative"),
        (-2, "negative"),
    ],
)
def test_gold_class_is_the_sign(score: int, expected: str) -> None:
    assert evaluate.gold_class(score) == expected


# -- alignment --


def test_normalize_space_keeps_offsets() -> None:
    normal, offsets = evaluate.normalize_space("  Good \n\t film.  ")
    assert normal == "Good film."
    assert len(offsets) == len(normal)
    assert offsets[0] == 2  # "G"
    assert offsets[4] == 6  # the space stands for the run starting at 6
    assert offsets[5] == 10  # "f"


def test_align_sentences_ignores_whitespace_differences() -> None:
    text = "The movie is fantastic.  Firth\nkicks ass.\n\nA comical film."
    spans = evaluate.align_sentences(
        text, ["The movie is fantastic.", "Firth kicks ass.", "A  comical film."]
    )
    assert [text[a:b] for a, b in spans] == [
        "The movie is fantastic.",
        "Firth\nkicks ass.",
        "A comical film.",
    ]


def test_align_sentences_follows_order_for_repeated_sentences() -> None:
    text = "Great. Awful plot. Great."
    spans = evaluate.align_sentences(text, ["Great.", "Awful plot.", "Great."])
    assert spans == [(0, 6), (7, 18), (19, 25)]


def test_align_sentences_reports_missing_and_recovers_out_of_order() -> None:
    text = "One two. Three four."
    spans = evaluate.align_sentences(text, ["Three four.", "One two.", "Five.", "  "])
    assert spans == [(9, 20), (0, 8), None, None]


def test_overlap() -> None:
    assert evaluate.overlap((0, 10), (5, 20)) == 5
    assert evaluate.overlap((0, 10), (10, 20)) == 0
    assert evaluate.overlap((3, 4), (0, 100)) == 1


# -- metrics --


def test_category_accuracy_drops_conflict_labels() -> None:
    gold = ["positive", "conflict", "negative", "neutral"]
    predicted = ["positive", "positive", "positive", "neutral"]
    accuracy, kept = evaluate.category_accuracy(gold, predicted)
    assert kept == 3
    assert accuracy == pytest.approx(2 / 3)
    four_way, kept_all = evaluate.category_accuracy(gold, predicted, drop=())
    assert (four_way, kept_all) == (pytest.approx(0.5), 4)


def test_category_accuracy_edge_cases() -> None:
    accuracy, kept = evaluate.category_accuracy(["conflict"], ["neutral"])
    assert kept == 0
    assert math.isnan(accuracy)
    with pytest.raises(ValueError, match="same length"):
        evaluate.category_accuracy(["positive"], [])


def test_sign_accuracy_counts_decided_and_strict() -> None:
    gold = [2, 1, -1, -2, 0]
    predicted = [0.5, 0.01, -0.3, 0.2, 0.9]  # right, undecided, right, wrong, (gold 0)
    decided, strict, n_decided, n = evaluate.sign_accuracy(gold, predicted)
    assert (n_decided, n) == (3, 4)
    assert decided == pytest.approx(2 / 3)
    assert strict == pytest.approx(2 / 4)


def test_precision_recall() -> None:
    gold = {("r", 0, "plot"), ("r", 1, "acting"), ("r", 2, "overall")}
    predicted = {("r", 0, "plot"), ("r", 2, "plot")}
    precision, recall, hits = evaluate.precision_recall(gold, predicted)
    assert (precision, recall, hits) == (0.5, pytest.approx(1 / 3), 1)
    empty = evaluate.precision_recall(gold, set())
    assert math.isnan(empty[0])
    assert empty[1:] == (0.0, 0)


def test_correlation_is_nan_when_undefined() -> None:
    assert evaluate.correlation("pearson", [1, 2, 3], [2, 4, 7]) > 0.9
    assert evaluate.correlation("spearman", [1, 2, 3], [3, 2, 1]) == pytest.approx(-1)
    assert math.isnan(evaluate.correlation("spearman", [1, 1, 1], [1, 2, 3]))
    assert math.isnan(evaluate.correlation("pearson", [1, 2], [1, 2]))


# -- the category protocol on a real analysis --


@pytest.fixture(scope="module")
def restaurant_review() -> reviewkit.Review:
    nlp = reviewkit.load(aspects=restaurants.semeval_lexicon())
    return reviewkit.analyze("The food was great but the waiter was rude.", nlp=nlp)


def test_predict_category_uses_the_aspect_when_found(
    restaurant_review: reviewkit.Review,
) -> None:
    assert evaluate.predict_category(restaurant_review, "food") == "positive"
    assert evaluate.predict_category(restaurant_review, "service") == "negative"


def test_predict_category_falls_back_to_the_sentence_score(
    restaurant_review: reviewkit.Review,
) -> None:
    assert "price" not in restaurant_review.aspects
    expected = evaluate.polarity_class(evaluate.sentence_score(restaurant_review))
    assert evaluate.predict_category(restaurant_review, "price") == expected
    assert evaluate.predict_category(restaurant_review, None) == expected


def test_predict_category_decides_mixed_by_score(
    restaurant_review: reviewkit.Review,
) -> None:
    mixed = AspectSentiment(
        aspect="food", polarity="mixed", score=-0.3, mentions=2, evidence=()
    )
    review = dataclasses.replace(restaurant_review, aspects={"food": mixed})
    assert evaluate.predict_category(review, "food") == "negative"


def test_sentence_score_is_zero_without_text_sentences() -> None:
    review = reviewkit.analyze("Pizza - delicious")
    if any(s.role == "text" for s in review.sentences):
        pytest.skip("reviewkit no longer reads this line as a title")
    assert evaluate.sentence_score(review) == 0.0


# -- lexicons and loaders (no data needed) --


def test_restaurant_lexicons_have_the_dataset_categories() -> None:
    semeval = restaurants.semeval_lexicon()
    mams = restaurants.mams_lexicon()
    assert set(restaurants.SEMEVAL_CATEGORY_TO_ASPECT.values()) == set(semeval.aspects)
    assert set(restaurants.MAMS_CATEGORY_TO_ASPECT.values()) == set(mams.aspects)
    assert semeval.aspect_of_label("The Waiters") == "service"
    assert mams.aspect_of_label("The Waiters") == "staff"
    assert restaurants.restaurant_lexicon("mams") is mams
    with pytest.raises(ValueError, match="dataset"):
        restaurants.restaurant_lexicon("yelp")


@pytest.mark.parametrize(
    ("loader", "split"),
    [
        ("load_imdb", "dev"),
        ("load_semeval_restaurants", "val"),
        ("load_mams_acsa", "dev"),
        ("load_rescore", "test"),
        ("load_kdrama", "test"),
        ("load_vader_ground_truth", "test"),
    ],
)
def test_loaders_reject_unknown_splits(tmp_path: Path, loader: str, split: str) -> None:
    with pytest.raises(ValueError, match="split"):
        getattr(datasets, loader)(tmp_path, split)


def test_loaders_name_the_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="--shared"):
        datasets.load_kdrama(tmp_path)


# -- report --


def _row(vader: float | None, rk: float | None, target: float | None = None) -> Any:
    return evaluate.Row("g", "data", "measure", vader, rk, target=target)


def test_row_comparison_and_target() -> None:
    assert _row(0.7, 0.69).worse
    assert not _row(0.7, 0.7).worse
    assert not _row(None, 0.1).worse
    assert not _row(0.7, math.nan).worse
    assert _row(0.7, 0.8, 0.8).met == "yes"
    assert _row(0.7, 0.79, 0.8).met == "no"
    assert _row(0.7, 0.79).met == "—"


def test_report_markdown_and_json() -> None:
    rows = [_row(0.7, 0.6, 0.8), _row(None, 0.5)]
    section = evaluate.Section("g", "test", rows, notes=["a note"], seconds=1.5)
    report = evaluate.Report(split="test", sections=[section])
    text = report.to_markdown()
    assert "| data | measure | plain VADER | reviewkit | target | met? |" in text
    assert "| data | measure | 0.700 | 0.600 | — | no |" in text
    assert "- g: a note" in text
    assert report.worse_rows == [rows[0]]
    data = report.to_json()
    assert data["rows"][0]["worse"] is True
    assert data["sections"]["g"]["seconds"] == 1.5


def test_run_evaluation_rejects_unknown_groups() -> None:
    with pytest.raises(ValueError, match="unknown row group"):
        evaluate.run_evaluation(Path("."), "test", only=["yelp"])
    with pytest.raises(ValueError, match="split"):
        evaluate.run_evaluation(Path("."), "train")  # type: ignore[arg-type]


# -- with ../shared --


@pytest.mark.shared
def test_loaders_match_the_readme_counts() -> None:
    root = _shared("data")
    shared = root.parent
    assert len(datasets.load_semeval_restaurants(shared, "test")) == 1025
    assert len(datasets.load_semeval_restaurants(shared, "train")) == 3713
    assert len(datasets.load_mams_acsa(shared, "test")) == 901
    assert len(datasets.load_mams_acsa(shared, "val")) == 888
    assert len(datasets.load_kdrama(shared)) == 166
    assert len(datasets.load_vader_ground_truth(shared, domain="movie")) == 10605
    assert len(datasets.load_vader_ground_truth(shared, domain="tweets")) == 4200
    rescore = datasets.load_rescore(shared)
    assert (len(rescore.reviews), len(rescore.labels)) == (41, 617)
    imdb = datasets.load_imdb(shared, "test")
    assert len(imdb) == 25000
    assert imdb["text"].str.contains("<br />", regex=False).any()


@pytest.fixture(scope="module")
def evaluation_report() -> Any:
    _shared("data")
    report = evaluate.run_evaluation(SHARED, "test", progress=False)
    print()
    print(report.to_markdown())
    return report


@pytest.mark.shared
@pytest.mark.slow
def test_every_row_group_reports_numbers(evaluation_report: Any) -> None:
    groups = {row.group for row in evaluation_report.rows}
    assert groups == set(evaluate.DATASETS)
    for row in evaluation_report.rows:
        assert row.reviewkit is not None, row.measure
        assert not math.isnan(row.reviewkit), row.measure


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("group", evaluate.DATASETS)
def test_reviewkit_is_not_worse_than_plain_vader(
    evaluation_report: Any, group: str
) -> None:
    worse = [
        f"{row.data} / {row.measure}: reviewkit {row.reviewkit:.3f} < VADER {row.vader:.3f}"
        for row in evaluation_report.rows
        if row.group == group and row.worse
    ]
    assert not worse, "\n".join(worse)

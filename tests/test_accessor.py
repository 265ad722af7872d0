"""The df.reviewkit accessor: tables, tests, ranking, evidence; never mutates."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import reviewkit
from reviewkit.errors import ConfigurationError, FrameSchemaError

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "reviews"


@pytest.fixture(scope="module")
def result() -> reviewkit.CorpusResult:
    return reviewkit.score_corpus(SAMPLE, progress=False)


def synthetic() -> pd.DataFrame:
    rows = []
    for i in range(6):
        rows.append(("a", f"a{i}", "acting", 0.6 + 0.05 * i, "positive", 2))
        rows.append(("b", f"b{i}", "acting", -0.5 - 0.05 * i, "negative", 1))
        rows.append(("a", f"a{i}", "plot", 0.1, "positive", 1))
        rows.append(("b", f"b{i}", "plot", 0.1, "positive", 1))
    return pd.DataFrame(
        rows, columns=["show", "review_id", "aspect", "score", "polarity", "mentions"]
    )


def test_table_numbers() -> None:
    table = synthetic().reviewkit.table()
    row = table[(table["show"] == "a") & (table["aspect"] == "acting")].iloc[0]
    assert row["reviews"] == 6
    assert row["mentions"] == 12
    assert row["mean_score"] == pytest.approx(0.725)
    assert row["ci_low"] < row["mean_score"] < row["ci_high"]
    assert row["share_positive"] == 1.0
    assert row["share_negative"] == 0.0


def test_table_wide_and_min_reviews(result: reviewkit.CorpusResult) -> None:
    wide = result.aspects.reviewkit.table(wide=True)
    assert set(wide.index) == set(result.aspects["show"])
    assert "acting" in wide.columns
    narrow = result.aspects.reviewkit.table(min_reviews=3)
    assert (narrow["reviews"] >= 3).all()


def test_compare_finds_the_real_difference() -> None:
    result = synthetic().reviewkit.compare("a", "b")
    acting = result.set_index("aspect").loc["acting"]
    plot = result.set_index("aspect").loc["plot"]
    assert acting["significant"]
    assert acting["difference"] > 1
    assert not plot["significant"]
    assert result.attrs["test"] == "mannwhitney"
    welch = synthetic().reviewkit.compare("a", "b", test="welch")
    assert welch.set_index("aspect").loc["acting", "p_value"] < 0.001


def test_compare_with_too_few_reviews_gives_nan() -> None:
    frame = synthetic().iloc[:2]
    result = frame.reviewkit.compare("a", "b")
    assert math.isnan(result["p_value"].iloc[0])
    assert not result["significant"].iloc[0]


def test_rank(result: reviewkit.CorpusResult) -> None:
    ranked = result.aspects.reviewkit.rank("acting")
    assert ranked["rank"].tolist() == list(range(1, len(ranked) + 1))
    assert ranked["mean_score"].is_monotonic_decreasing
    with pytest.raises(ConfigurationError, match="Aspects in this frame"):
        result.aspects.reviewkit.rank("dragons")


def test_evidence(result: reviewkit.CorpusResult) -> None:
    evidence = result.mentions.reviewkit.evidence(
        aspect="acting", n=2, polarity="positive"
    )
    assert (evidence["aspect"] == "acting").all()
    assert (evidence["score"] > 0).all()
    assert evidence.groupby("show").size().max() <= 2
    from_aspects = result.aspects.reviewkit.evidence(n=1)
    assert {"show", "aspect", "evidence"} <= set(from_aspects.columns)


def test_missing_columns_are_reported(result: reviewkit.CorpusResult) -> None:
    with pytest.raises(FrameSchemaError, match="aspects frame of score_corpus"):
        result.sentences.reviewkit.table()
    with pytest.raises(AttributeError):  # FrameSchemaError is an AttributeError
        pd.DataFrame({"x": [1]}).reviewkit.compare("a", "b")


def test_unknown_groups_and_tests() -> None:
    with pytest.raises(ConfigurationError, match="'zzz'"):
        synthetic().reviewkit.compare("a", "zzz")
    with pytest.raises(ConfigurationError, match="mannwhitney"):
        synthetic().reviewkit.compare("a", "b", test="anova")  # type: ignore[arg-type]


def test_methods_do_not_mutate() -> None:
    frame = synthetic()
    before = frame.copy()
    frame.reviewkit.table()
    frame.reviewkit.compare("a", "b")
    frame.reviewkit.rank("acting")
    frame.reviewkit.evidence() if "evidence" in frame else None
    pd.testing.assert_frame_equal(frame, before)


def test_compare_matches_groups_as_the_column_holds_them() -> None:
    # A command line passes "5"; a column of star ratings holds 5 (or 5.0).
    frame = synthetic()
    for stars in ([5, 1], [5.0, 1.0]):
        rated = frame.assign(
            stars=frame["show"].map(dict(zip("ab", stars, strict=True)))
        )
        by_text = rated.reviewkit.compare("5", "1", by="stars")
        by_number = rated.reviewkit.compare(5, 1, by="stars")
        pd.testing.assert_frame_equal(by_text, by_number, check_like=True)
        assert by_text["n_a"].tolist() == [6, 6]
    named = frame.assign(season=frame["show"].map({"a": "1", "b": "2"}))
    assert named.reviewkit.compare(1, 2, by="season")["n_b"].tolist() == [6, 6]
    with pytest.raises(ConfigurationError, match="'3' are not in the frame"):
        frame.assign(stars=5).reviewkit.compare("5", "3", by="stars")

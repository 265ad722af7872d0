"""reviewkit.sklearn.ReviewFeatures follows scikit-learn's transformer contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.utils import get_tags

import reviewkit
from reviewkit.errors import ConfigurationError, InputError
from reviewkit.sklearn import ASPECT_FEATURES, REVIEW_FEATURES, ReviewFeatures

DATA = Path(__file__).resolve().parents[1] / "data" / "reviews"
TEXTS = [
    "Pros:\nThe acting is superb.\nCons:\nThe plot drags.\nRating: 7/10",
    "A dull, wooden show. The soundtrack is the only good thing. 3/10",
    "Lovely visuals and a moving ending. I recommend it.",
    "",
]


def test_names_follow_the_taxonomy() -> None:
    features = ReviewFeatures().fit(TEXTS)
    names = list(features.get_feature_names_out())
    ids = list(reviewkit.AspectLexicon.load("tv_film_en.v1").ids)
    assert names[: len(ASPECT_FEATURES)] == [f"{ids[0]}_{f}" for f in ASPECT_FEATURES]
    assert names[-len(REVIEW_FEATURES) :] == list(REVIEW_FEATURES)
    assert len(names) == len(ids) * len(ASPECT_FEATURES) + len(REVIEW_FEATURES)


def test_transform_values() -> None:
    features = ReviewFeatures(aspects_only=["acting", "plot"]).set_output(
        transform="pandas"
    )
    frame = features.fit_transform(TEXTS)
    assert isinstance(frame, pd.DataFrame)
    assert frame.shape == (4, 2 * len(ASPECT_FEATURES) + len(REVIEW_FEATURES))
    first = frame.iloc[0]
    assert first["acting_present"] == 1.0
    assert first["acting_score"] > 0
    assert first["acting_positive"] == 1.0
    assert first["plot_negative"] == 1.0
    assert first["plot_score"] < 0
    assert first["rating"] == pytest.approx(2 * 0.7 - 1)
    assert first["has_rating"] == 1.0
    assert first["has_pros"] == 1.0
    assert frame.iloc[2]["verdict_recommend"] == 1.0
    empty = frame.iloc[3]
    assert (empty.drop("log_characters") == 0).all()
    assert np.isfinite(frame.to_numpy()).all()


def test_analysed_reviews_are_accepted_as_they_are() -> None:
    review = reviewkit.analyze(TEXTS[0])
    features = ReviewFeatures().fit([])
    assert np.array_equal(features.transform([review]), features.transform(TEXTS[:1]))


def test_clone_and_params() -> None:
    features = ReviewFeatures(backend="blend", review_level=False)
    copy = clone(features)
    assert copy.get_params()["backend"] == "blend"
    assert not hasattr(copy, "feature_names_out_")


def test_pipeline_predicts_ratings_from_the_sample_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    y = np.array([reviewkit.parse(t).rating or 0.5 for t in texts])
    model = make_pipeline(ReviewFeatures(), Ridge(alpha=1.0))
    predicted = cross_val_predict(model, np.array(texts, dtype=object), y, cv=3)
    assert predicted.shape == y.shape
    assert np.isfinite(predicted).all()


def test_errors_say_what_to_do() -> None:
    with pytest.raises(NotFittedError):
        ReviewFeatures().transform(TEXTS)
    with pytest.raises(ConfigurationError, match="not have: sound"):
        ReviewFeatures(aspects_only=["sound"]).fit([])
    features = ReviewFeatures().fit([])
    with pytest.raises(InputError, match="wrap"):
        features.transform("one review")
    with pytest.raises(InputError, match="Review 1 is missing"):
        features.transform(["fine", None])
    with pytest.raises(InputError, match="Review 0"):
        features.transform([42])


def _small() -> ReviewFeatures:
    return ReviewFeatures(aspects_only=["acting", "plot"], review_level=False)


def test_a_one_column_table_is_its_text_column() -> None:
    expected = _small().fit(TEXTS[:2]).transform(TEXTS[:2])
    frame = pd.DataFrame({"text": TEXTS[:2]})
    features = _small().fit(frame)
    assert features.n_features_in_ == 1
    assert list(features.feature_names_in_) == ["text"]
    assert np.array_equal(features.transform(frame), expected)
    column = np.array(TEXTS[:2], dtype=object).reshape(-1, 1)
    assert np.array_equal(features.transform(column), expected)
    assert np.array_equal(features.transform([[t] for t in TEXTS[:2]]), expected)
    # Fitted again without a DataFrame: no stale column name.
    assert not hasattr(features.fit(TEXTS[:2]), "feature_names_in_")
    assert features.n_features_in_ == 1


def test_a_column_transformer_may_name_the_column_in_a_list() -> None:
    frame = pd.DataFrame({"text": TEXTS[:2], "stars": [7, 3]})
    expected = _small().fit([]).transform(TEXTS[:2])
    for column in ("text", ["text"]):
        ct = ColumnTransformer([("review", _small(), column)])
        assert np.array_equal(ct.fit_transform(frame), expected)


def test_tables_of_several_columns_are_refused() -> None:
    frame = pd.DataFrame({"title": ["A", "B"], "text": TEXTS[:2]})
    with pytest.raises(InputError, match=r"2 columns \('title', 'text'\)"):
        _small().fit(frame)
    with pytest.raises(InputError, match="ColumnTransformer"):
        _small().fit([]).transform(frame)
    with pytest.raises(InputError, match="2 columns"):
        _small().fit([]).transform(np.array([["A", "x"], ["B", "y"]], dtype=object))
    features = _small().fit(frame[["text"]])
    with pytest.raises(InputError, match="fitted on the column 'text'"):
        features.transform(frame[["title"]])


def test_numpy_strings_are_texts() -> None:
    text = "The acting is superb but the plot drags."
    assert reviewkit.analyze(np.str_(text)) == reviewkit.analyze(text)
    features = ReviewFeatures().fit([])
    assert np.array_equal(
        features.transform(np.asarray([text])), features.transform([text])
    )


def test_parsed_reviews_are_analysed() -> None:
    features = ReviewFeatures().fit([])
    parsed = [reviewkit.parse(t) for t in TEXTS[:2]]
    assert np.array_equal(features.transform(parsed), features.transform(TEXTS[:2]))
    with pytest.raises(InputError, match="not one Review"):
        features.transform(parsed[0])


def test_tags_declare_one_column_of_strings() -> None:
    tags = get_tags(ReviewFeatures())
    assert tags.input_tags.string
    assert not tags.input_tags.two_d_array


def test_parameters_and_missing_values_are_checked() -> None:
    with pytest.raises(ConfigurationError, match="'vader', 'model', 'blend'"):
        ReviewFeatures(backend="bogus").fit([])  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"aspects_only=\['acting'\]"):
        ReviewFeatures(aspects_only="acting").fit([])
    with pytest.raises(ConfigurationError, match="more than once: acting"):
        ReviewFeatures(aspects_only=["acting", "plot", "acting"]).fit([])
    features = ReviewFeatures().fit([])
    for missing in (pd.NA, float("nan"), np.float64("nan")):
        with pytest.raises(InputError, match="Review 1 is missing"):
            features.transform(["fine", missing])

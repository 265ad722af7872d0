"""reviewkit.sklearn.ReviewFeatures follows scikit-learn's transformer contract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline

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

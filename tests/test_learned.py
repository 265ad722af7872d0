"""The learned estimators: polarity, pro/con, aspect categories, aspect sentiment."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import cross_val_score

import reviewkit
from reviewkit import (
    AspectCategoryClassifier,
    AspectSentimentClassifier,
    PolarityModel,
    ProConClassifier,
    _learned,
)
from reviewkit._learned import lexicon_training_examples, weak_pro_con_labels
from reviewkit.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data" / "reviews"

POSITIVE = [
    "A gorgeous, moving film with a terrific cast.",
    "Warm, funny and beautifully acted.",
    "The chemistry between the leads is electric.",
    "I loved every minute of it.",
    "A clever, gripping story that sticks the landing.",
    "Smart writing and a lovely score.",
]
NEGATIVE = [
    "A tedious, muddled mess.",
    "The plot drags and the ending is rushed.",
    "Wooden acting and forgettable songs.",
    "I was bored stiff by the second episode.",
    "Clumsy dialogue and a preachy message.",
    "It falls flat in every way.",
]


def test_default_polarity_model_reads_film_language() -> None:
    model = PolarityModel.default()
    scores = model.polarity(POSITIVE + NEGATIVE)
    assert ((scores >= -1) & (scores <= 1)).all()
    right = (scores[: len(POSITIVE)] > 0).sum() + (scores[len(POSITIVE) :] < 0).sum()
    # Alone it misreads short idioms ("the chemistry is electric"): hence the
    # blend with VADER and the domain layer, which reads all twelve.
    assert right >= 10
    blended = [
        reviewkit.analyze(text, backend="blend").sentences[0].sentiment.compound
        for text in POSITIVE + NEGATIVE
    ]
    assert all(c > 0 for c in blended[: len(POSITIVE)])
    assert all(c < 0 for c in blended[len(POSITIVE) :])


def test_polarity_model_fits_and_follows_the_sklearn_contract() -> None:
    texts = POSITIVE + NEGATIVE
    labels = ["positive"] * 6 + ["negative"] * 6
    model = PolarityModel(C=10.0).fit(texts, labels)
    assert list(model.classes_) == ["negative", "positive"]
    assert list(model.predict(["terrific and moving", "tedious mess"])) == [
        "positive",
        "negative",
    ]
    copy = clone(model)
    assert copy.get_params() == {"C": 10.0, "keep": None}
    assert not hasattr(copy, "model_")
    scores = cross_val_score(PolarityModel(), np.array(texts), labels, cv=2)
    assert len(scores) == 2


def test_unfitted_models_say_how_to_fit() -> None:
    with pytest.raises(NotFittedError, match="default"):
        PolarityModel().predict(["x"])
    with pytest.raises(NotFittedError, match="fit"):
        AspectSentimentClassifier().predict([("x", "plot")])


def test_non_text_input_is_refused_clearly() -> None:
    with pytest.raises(InputError, match="Expected texts"):
        PolarityModel.default().predict([1, 2])  # type: ignore[list-item]


def test_weak_labels_come_from_pro_and_con_headings() -> None:
    review = reviewkit.analyze("Pros:\nThe cast is lovely.\nCons:\nThe middle drags.\n")
    texts, labels = weak_pro_con_labels([review])
    assert texts == ["The cast is lovely.", "The middle drags."]
    assert labels == ["pro", "con"]
    with pytest.raises(InputError, match="analysed"):
        weak_pro_con_labels([reviewkit.parse("Pros:\nGood.\n")])


def test_pro_con_classifier_learns_from_a_users_own_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    clf = ProConClassifier().fit(texts)
    assert set(clf.classes_) == {"pro", "con"}
    predicted = clf.predict(["The cast is wonderful.", "The pacing drags badly."])
    assert list(predicted) == ["pro", "con"]


def test_pro_con_classifier_needs_headed_reviews() -> None:
    with pytest.raises(InputError, match="no reviews with both pro and con"):
        ProConClassifier().fit(["Just a paragraph about a show. It was fine."])


def test_default_pro_con_classifier() -> None:
    clf = ProConClassifier.default()
    assert list(clf.predict(["Great chemistry between the leads."])) == ["pro"]
    assert list(clf.predict(["The middle episodes drag."])) == ["con"]


def test_lexicon_examples_mask_the_matched_term() -> None:
    texts, labels = lexicon_training_examples(
        [
            "The soundtrack is gorgeous.",
            "The acting and the plot are fine.",  # two aspects: left out
            "Nothing here.",  # no aspect: left out
        ]
    )
    assert labels == ["soundtrack"]
    assert "soundtrack" not in texts[0]
    assert "gorgeous" in texts[0]


def test_aspect_category_classifier_self_trains_from_the_lexicon() -> None:
    sentences = [
        "The soundtrack swells beautifully.",
        "I loved the music in every scene.",
        "The songs are catchy.",
        "The acting is superb.",
        "The cast shines throughout.",
        "Every performance lands.",
    ] * 3
    clf = AspectCategoryClassifier(threshold=0.0).fit(sentences)
    assert set(clf.classes_) == {"acting", "soundtrack"}
    assert clf.predict_aspects(["It swells beautifully and is catchy."]) == [
        "soundtrack"
    ]


def test_aspect_category_classifier_takes_a_custom_taxonomy() -> None:
    food = reviewkit.AspectLexicon.from_dict(
        {"name": "food", "aspects": {"food": ["pasta", "soup"], "service": ["waiter"]}}
    )
    sentences = ["The pasta was cold.", "Our waiter was rude.", "Lovely soup."] * 4
    clf = AspectCategoryClassifier(aspects=food, threshold=0.0).fit(sentences)
    assert set(clf.classes_) == {"food", "service"}
    assert clone(clf).get_params()["aspects"] == food
    # The old keyword still works, with a warning that names the new one.
    with pytest.warns(FutureWarning, match="aspects="):
        old = AspectCategoryClassifier(lexicon=food, threshold=0.0).fit(sentences)
    assert list(old.classes_) == list(clf.classes_)


def test_aspect_category_threshold_gives_none() -> None:
    clf = AspectCategoryClassifier(threshold=0.99).fit(
        ["catchy tune", "lovely tune", "great actors", "fine actors"],
        ["soundtrack", "soundtrack", "acting", "acting"],
    )
    assert clf.predict_aspects(["something else entirely"]) == [None]
    with pytest.raises(InputError, match="at least two"):
        AspectCategoryClassifier().fit(["a", "b"], ["plot", "plot"])


def test_default_aspect_category_classifier_loads() -> None:
    clf = AspectCategoryClassifier.default()
    proba = clf.predict_proba(["Nothing much happens in it at all."])
    assert proba.shape == (1, len(clf.classes_))
    assert "plot" in clf.classes_


PAIRS = [
    ("The food was great but the waiter was rude.", "food"),
    ("The food was great but the waiter was rude.", "service"),
    ("Lovely staff, bland dishes.", "service"),
    ("Lovely staff, bland dishes.", "food"),
    ("Tasty food and friendly service.", "food"),
    ("Tasty food and friendly service.", "service"),
    ("Awful food, slow service.", "food"),
    ("Awful food, slow service.", "service"),
]
PAIR_LABELS = [
    "positive", "negative", "positive", "negative",
    "positive", "positive", "negative", "negative",
]  # fmt: skip


def _restaurant_lexicon() -> reviewkit.AspectLexicon:
    return reviewkit.AspectLexicon.from_dict(
        {
            "name": "tiny_restaurants",
            "aspects": {
                "food": {"terms": ["food", "dish", "dishes"]},
                "service": {"terms": ["service", "waiter", "staff"]},
            },
        }
    )


def test_aspect_sentiment_classifier_separates_aspects_of_one_sentence() -> None:
    clf = AspectSentimentClassifier(aspects=_restaurant_lexicon(), C=10.0)
    clf.fit(PAIRS, PAIR_LABELS)
    predicted = clf.predict(
        [
            ("Great food but the waiter was rude.", "food"),
            ("Great food but the waiter was rude.", "service"),
        ]
    )
    assert list(predicted) == ["positive", "negative"]
    frame = pd.DataFrame(PAIRS, columns=["text", "aspect"])
    assert (clf.predict(frame) == clf.predict(PAIRS)).all()


def test_aspect_sentiment_classifier_checks_its_input() -> None:
    clf = AspectSentimentClassifier(aspects=_restaurant_lexicon())
    with pytest.raises(InputError, match="pair"):
        clf.fit(["just text"], ["positive"])
    with pytest.raises(InputError, match="two or more"):
        clf.fit(PAIRS[:2], ["positive", "positive"])
    with pytest.raises(InputError, match="'aspect'"):
        clf.fit(pd.DataFrame({"text": ["x"]}), ["positive"])


def test_aspect_sentiment_features_carry_each_aspects_evidence() -> None:
    clf = AspectSentimentClassifier(aspects=_restaurant_lexicon())
    text = "Great food but the waiter was rude."
    matrix = clf._features([(text, "food"), (text, "service"), (text, "price")])
    dense = matrix[:, -(_learned._DENSE + len(_learned._POLARITY_COLUMNS)) :].toarray()
    food, service, price = dense
    # Columns 8 and 9: the lowest and highest score of the aspect's evidence.
    assert min(food[8:10]) > 0
    assert max(service[8:10]) < 0
    # An aspect the text never names has no evidence, but the same sentence.
    assert price[0] == price[8] == price[9] == 0.0
    assert min(price[4:6]) > 0  # "great" and "rude" are both there
    assert (food[4:8] == service[4:8]).all()

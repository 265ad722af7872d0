"""The learned estimators: polarity, pro/con, aspect categories, aspect sentiment."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import cross_val_score
from sklearn.utils import get_tags

import reviewkit
from reviewkit import (
    AspectCategoryClassifier,
    AspectSentimentClassifier,
    PolarityModel,
    ProConClassifier,
    _learned,
)
from reviewkit._blend import ASPECT_THRESHOLD
from reviewkit._learned import lexicon_training_examples, weak_pro_con_labels
from reviewkit.errors import ConfigurationError, InputError

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
    width = _learned._DENSE + len(_learned._POLARITY_COLUMNS)
    dense = matrix[:, -(width + 3) : -3].toarray()
    food, service, price = dense
    # The last three: the polarity model on the text, on the evidence (0
    # without any), and on the evidence or else the text.
    model = matrix[:, -3:].toarray()
    assert model[0, 1] > model[1, 1]  # "Great food" reads better than "rude"
    assert model[0, 0] == model[1, 0] == model[2, 0]
    assert model[2, 1] == 0.0
    assert model[2, 2] == model[2, 0]
    without = AspectSentimentClassifier(
        aspects=_restaurant_lexicon(), polarity_model=False
    )._features([(text, "food")])
    assert without.shape[1] == matrix.shape[1] - 3
    assert (without[:, -width:].toarray() == food).all()
    # Columns 8 and 9: the lowest and highest score of the aspect's evidence.
    assert min(food[8:10]) > 0
    assert max(service[8:10]) < 0
    # An aspect the text never names has no evidence, but the same sentence.
    assert price[0] == price[8] == price[9] == 0.0
    assert min(price[4:6]) > 0  # "great" and "rude" are both there
    assert (food[4:8] == service[4:8]).all()


HEADED = [
    "Pros:\nThe cast is lovely.\nGreat songs.\nCons:\nThe middle drags.\n"
    "A rushed ending.\n",
    "Pros:\nSharp writing.\nCons:\nFlat jokes.\n",
]


@pytest.fixture(scope="module")
def restaurant_clf() -> AspectSentimentClassifier:
    return AspectSentimentClassifier(aspects=_restaurant_lexicon(), C=10.0).fit(
        PAIRS, PAIR_LABELS
    )


def test_one_string_is_refused_with_advice_to_wrap_it() -> None:
    model = PolarityModel.default()
    for method in (model.predict, model.predict_proba, model.polarity):
        with pytest.raises(InputError, match=r"wrap it in a list"):
            method("A gorgeous film.")  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"wrap it in a list: fit\(\[text\]\)"):
        ProConClassifier().fit("abc", ["pro", "con", "pro"])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="wrap it in a list"):
        ProConClassifier().fit(HEADED[0])  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"predict_aspects\(\) expects a list"):
        AspectCategoryClassifier.default().predict_aspects("The songs.")  # type: ignore[arg-type]


def test_text_classifiers_take_one_column_tables() -> None:
    model = PolarityModel.default()
    texts = POSITIVE[:2] + NEGATIVE[:2]
    expected = model.predict_proba(texts)
    frame = pd.DataFrame({"text": texts})
    assert np.array_equal(model.predict_proba(frame), expected)
    assert np.array_equal(model.predict_proba([[t] for t in texts]), expected)
    with pytest.raises(InputError, match="2 columns"):
        model.predict(frame.assign(other=1))


def test_labels_must_be_one_string_per_text() -> None:
    texts = POSITIVE[:2] + NEGATIVE[:2]
    for labels, message in (
        (["positive", None, "negative", "negative"], "Label 1 is missing"),
        (["positive", "positive", float("nan"), "negative"], "Label 2 is missing"),
        (pd.Series(["positive", pd.NA, "negative", "negative"]), "Label 1 is missing"),
        (np.array([["positive"]] * 2 + [["negative"]] * 2), r"1-D y.*\(4, 1\)"),
        ([["positive"]] * 2 + [["negative"]] * 2, "1-D y"),
        ("positive", "one string"),
        ([1, 1, 0, 0], r"Label 0 is 1 \(int\)"),
        ([True, True, False, False], "Label 0 is True"),
    ):
        with pytest.raises(InputError, match=message):
            PolarityModel().fit(texts, labels)
    with pytest.raises(InputError, match="Label 0 is 3"):
        AspectCategoryClassifier().fit(["a", "b"], [3, 4])
    with pytest.raises(InputError, match="Label 1 is missing"):
        ProConClassifier().fit(["good", "bad"], ["pro", None])


def test_score_works_after_fit() -> None:
    texts = POSITIVE + NEGATIVE
    labels = np.array(["positive"] * 6 + ["negative"] * 6)  # np.str_ labels
    model = PolarityModel().fit(np.array(texts), labels)
    assert model.classes_.tolist() == ["negative", "positive"]
    assert model.score(texts, labels) == model.score(texts, list(labels)) > 0.5
    clf = AspectCategoryClassifier(threshold=0.0).fit(
        ["catchy tune", "lovely tune", "great actors", "fine actors"],
        np.array(["soundtrack", "soundtrack", "acting", "acting"]),
    )
    assert clf.score(["catchy tune", "great actors"], ["soundtrack", "acting"]) == 1.0


def test_label_sets_are_checked_at_fit() -> None:
    with pytest.raises(InputError, match=r"'pro' / 'con'; got 'a', 'b'"):
        ProConClassifier().fit(["good", "bad"], ["a", "b"])
    with pytest.raises(InputError, match=r"'positive' / 'negative'; got 'neg', 'pos'"):
        PolarityModel().fit(["good", "bad"], ["pos", "neg"])


def test_pro_con_classifier_takes_parsed_and_analysed_reviews() -> None:
    from_texts = ProConClassifier().fit(HEADED)
    parsed = ProConClassifier().fit([reviewkit.parse(t) for t in HEADED])
    analysed = ProConClassifier().fit([reviewkit.analyze(t) for t in HEADED])
    probe = ["The cast is wonderful.", "The middle drags badly."]
    for clf in (parsed, analysed):
        assert np.array_equal(clf.predict_proba(probe), from_texts.predict_proba(probe))
    with pytest.raises(InputError, match="Review 0 is missing"):
        ProConClassifier().fit([None])
    with pytest.raises(InputError, match=r"Review 1: .*got int"):
        ProConClassifier().fit([HEADED[0], 42])
    # With labels, X holds sentences: a Review is refused with what to pass.
    with pytest.raises(InputError, match=r"element 0 is Review\. Pass review\.text"):
        ProConClassifier().fit([reviewkit.parse("Good.")], ["pro"])


def test_text_classifiers_declare_string_input() -> None:
    for estimator in (PolarityModel(), ProConClassifier(), AspectCategoryClassifier()):
        tags = get_tags(estimator)
        assert tags.input_tags.string
        assert not tags.input_tags.two_d_array
    pairs = get_tags(AspectSentimentClassifier())
    assert pairs.input_tags.string
    assert pairs.input_tags.two_d_array


def test_parameters_are_checked_at_fit() -> None:
    texts, labels = ["good", "bad"], ["pro", "con"]
    for keep in (0, -1, 2.5, True):
        with pytest.raises(
            ConfigurationError, match=r"keep=\.\.\.\) must be a positive"
        ):
            ProConClassifier(keep=keep).fit(texts, labels)  # type: ignore[arg-type]
        with pytest.raises(
            ConfigurationError, match=r"keep=\.\.\.\) must be a positive"
        ):
            PolarityModel(keep=keep).fit(texts, ["positive", "negative"])  # type: ignore[arg-type]
    assert ProConClassifier(keep=5).fit(texts, labels).classes_.tolist() == [
        "con",
        "pro",
    ]
    with pytest.raises(ConfigurationError, match=r"C=\.\.\.\) must be a positive"):
        ProConClassifier(C=0).fit(texts, labels)
    for threshold in (2, -0.1, float("nan")):
        with pytest.raises(ConfigurationError, match=r"probability in \[0, 1\]"):
            AspectCategoryClassifier(threshold=threshold).fit(
                ["a", "b"], ["plot", "acting"]
            )
    with pytest.raises(ConfigurationError, match=r"probability in \[0, 1\]"):
        AspectCategoryClassifier.default(threshold=1.5)


def test_default_aspect_classifier_uses_the_pipelines_threshold() -> None:
    assert AspectCategoryClassifier.default().threshold == ASPECT_THRESHOLD
    assert AspectCategoryClassifier.default(threshold=0.3).threshold == 0.3
    by_name = reviewkit.load(backend="blend")
    by_object = reviewkit.load(
        backend="blend", aspect_model=AspectCategoryClassifier.default()
    )
    texts = [
        "It made me laugh out loud. She was so believable in every scene.",
        "The twist in the last act caught me off guard. I cried at the end.",
        "It drags in the middle. The dialogue feels stilted. The jokes land.",
    ]
    for text in texts:
        assert reviewkit.analyze(text, nlp=by_object) == reviewkit.analyze(
            text, nlp=by_name
        )


def test_aspect_sentiment_classifier_gives_empty_results_for_no_pairs(
    restaurant_clf: AspectSentimentClassifier,
) -> None:
    assert restaurant_clf.predict([]).shape == (0,)
    assert restaurant_clf.predict_proba([]).shape == (0, 2)
    empty = pd.DataFrame({"text": [], "aspect": []})
    assert restaurant_clf.predict_proba(empty).shape == (0, 2)


def test_aspect_sentiment_classifier_takes_rows_of_a_2d_array(
    restaurant_clf: AspectSentimentClassifier,
) -> None:
    rows = np.array(PAIRS[:4], dtype=object)
    assert np.array_equal(
        restaurant_clf.predict_proba(rows), restaurant_clf.predict_proba(PAIRS[:4])
    )
    with pytest.raises(InputError, match=r"shape \(2, 3\)"):
        restaurant_clf.predict(np.array([["a", "food", "x"]] * 2, dtype=object))


def test_aspect_sentiment_classifier_refuses_missing_and_unknown_values(
    restaurant_clf: AspectSentimentClassifier,
) -> None:
    with pytest.raises(InputError, match="Pair 0 has a missing text"):
        restaurant_clf.predict([(None, "food")])
    with pytest.raises(InputError, match="Pair 1 has a missing aspect"):
        restaurant_clf.predict([("Nice.", "food"), ("Nice.", float("nan"))])
    frame = pd.DataFrame({"text": ["Nice.", np.nan], "aspect": ["food", "food"]})
    with pytest.raises(InputError, match="Pair 1 has a missing text"):
        restaurant_clf.predict(frame)
    with pytest.raises(InputError, match="'price' are not in the taxonomy"):
        restaurant_clf.predict([("Cheap.", "price")])
    with pytest.raises(InputError, match="'plot' are not in the taxonomy"):
        AspectSentimentClassifier(aspects=_restaurant_lexicon()).fit(
            [*PAIRS, ("A dull plot.", "plot")], [*PAIR_LABELS, "negative"]
        )
    with pytest.raises(InputError, match="not one pair; wrap it in a list"):
        restaurant_clf.predict(("Nice.", "food"))
    with pytest.raises(InputError, match="Label 0 is missing"):
        AspectSentimentClassifier(aspects=_restaurant_lexicon()).fit(
            PAIRS, [None, *PAIR_LABELS[1:]]
        )

"""Learned models: film/TV polarity, pro/con sentences, aspect categories.

Each wraps a `reviewkit._textmodel.LinearTextModel` and follows scikit-learn's
estimator contract (parameters stored unchanged in ``__init__``, learned state
in attributes ending in ``_``, ``fit`` returns ``self``), so it works with
``clone``, ``Pipeline`` and grid search. ``default()`` returns the model
shipped with reviewkit (trained by ``make train`` on licence-compatible data).

- `PolarityModel`: is a sentence positive? Trained on Rotten Tomatoes
  sentences and Pang & Lee reviews; blended with VADER by
  ``reviewkit.load(backend="blend")``.
- `ProConClassifier`: is a sentence a pro or a con? Weakly supervised (Kim &
  Hovy 2006): reviews whose headings already separate pros from cons label
  their own sentences, so ``fit(reviews)`` learns from a user's corpus.
- `AspectCategoryClassifier`: which aspect does a sentence with no lexicon term
  talk about? Trainable on labels, or self-trained from lexicon matches.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from reviewkit._blend import (
    DEFAULT_ASPECT_MODEL,
    DEFAULT_POLARITY_MODEL,
    DEFAULT_PROCON_MODEL,
)
from reviewkit._lexicon import DEFAULT_LEXICON, AspectLexicon
from reviewkit._textmodel import LinearTextModel, packaged
from reviewkit._types import Review
from reviewkit.errors import InputError

__all__ = [
    "AspectCategoryClassifier",
    "AspectSentimentClassifier",
    "PolarityModel",
    "ProConClassifier",
    "lexicon_training_examples",
    "weak_pro_con_labels",
]


def _texts(values: Iterable[Any]) -> list[str]:
    texts = []
    for value in values:
        if not isinstance(value, str):
            raise InputError(
                f"Expected texts (str); got {type(value).__name__}. Pass sentences "
                "or reviews as strings."
            )
        texts.append(value)
    return texts


class _TextClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Shared prediction methods over a fitted ``model_``."""

    model_: LinearTextModel
    classes_: np.ndarray

    def _set_model(self, model: LinearTextModel) -> None:
        self.model_ = model
        self.classes_ = np.array(model.classes)

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Class probabilities, one row per text (columns follow ``classes_``)."""
        self._check_fitted()
        return self.model_.predict_proba(_texts(X))

    def predict(self, X: Iterable[str]) -> np.ndarray:
        """The most probable class of each text."""
        self._check_fitted()
        return np.array(self.model_.predict(_texts(X)), dtype=object)

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' "
                "with appropriate arguments, or use "
                f"{type(self).__name__}.default() for the shipped model."
            )

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "model_")


class PolarityModel(_TextClassifier):
    """Film/TV sentence polarity: a linear model over hashed n-grams.

    Args:
        C: Inverse regularisation strength.
        keep: Keep only this many largest weights (None keeps all).

    Examples:
        >>> model = PolarityModel.default()
        >>> scores = model.polarity(["A gorgeous, moving film.", "A tedious mess."])
        >>> [bool(s > 0.5) for s in scores], [bool(s < -0.5) for s in scores]
        ([True, False], [False, True])
    """

    def __init__(self, *, C: float = 10.0, keep: int | None = None) -> None:
        self.C = C
        self.keep = keep

    def fit(self, X: Iterable[str], y: Sequence[str]) -> PolarityModel:
        """Learn from texts labelled ``"positive"``/``"negative"``."""
        self._set_model(
            LinearTextModel.fit(
                _texts(X), [str(v) for v in y], C=self.C, keep=self.keep
            )
        )
        return self

    def polarity(self, X: Iterable[str]) -> np.ndarray:
        """Polarity of each text in [-1, 1] (``2 P(positive) - 1``)."""
        self._check_fitted()
        proba = self.model_.predict_proba(_texts(X))
        if not len(proba):
            return np.zeros(0)
        positive = list(self.model_.classes).index("positive")
        result: np.ndarray = 2.0 * proba[:, positive] - 1.0
        return result

    @classmethod
    def default(cls) -> PolarityModel:
        """The shipped model (Rotten Tomatoes + Pang & Lee, CC BY 4.0)."""
        model = cls()
        model._set_model(packaged(DEFAULT_POLARITY_MODEL))
        return model


def weak_pro_con_labels(reviews: Iterable[Review]) -> tuple[list[str], list[str]]:
    """Sentences under pro and con headings, labelled by their heading.

    Args:
        reviews: Analysed reviews (`reviewkit.analyze`).

    Returns:
        Texts and labels (``"pro"``/``"con"``) of the scored sentences of pro
        and con sections.
    """
    texts: list[str] = []
    labels: list[str] = []
    for review in reviews:
        if not review.is_analyzed:
            raise InputError(
                "weak_pro_con_labels() needs analysed reviews; call "
                "reviewkit.analyze() on them first."
            )
        kinds = {s.index: s.kind for s in review.sections}
        for sentence in review.sentences:
            kind = kinds[sentence.section_index]
            if kind in ("pros", "cons") and sentence.role == "text":
                texts.append(sentence.text)
                labels.append("pro" if kind == "pros" else "con")
    return texts, labels


class ProConClassifier(_TextClassifier):
    """Is a sentence a pro or a con? Learns from headings (weak supervision).

    Args:
        C: Inverse regularisation strength.
        keep: Keep only this many largest weights.

    Examples:
        >>> clf = ProConClassifier.default()
        >>> texts = ["Great chemistry between the leads.", "The middle episodes drag."]
        >>> list(clf.predict(texts))
        ['pro', 'con']
    """

    def __init__(self, *, C: float = 3.0, keep: int | None = None) -> None:
        self.C = C
        self.keep = keep

    def fit(
        self, X: Iterable[Review | str], y: Sequence[str] | None = None
    ) -> ProConClassifier:
        """Learn pro/con sentences.

        Args:
            X: Reviews (analysed `Review` objects or raw texts, which are
                analysed) whose pro/con headings label their sentences; or,
                with ``y``, sentences.
            y: ``"pro"``/``"con"`` labels of the sentences in ``X``.

        Returns:
            self

        Raises:
            InputError: If no review has pro and con sections (nothing to learn).
        """
        items = list(X)
        if y is None:
            from reviewkit._api import analyze

            reviews = [
                item if isinstance(item, Review) and item.is_analyzed else analyze(item)  # type: ignore[arg-type]
                for item in items
            ]
            texts, labels = weak_pro_con_labels(reviews)
            if len(set(labels)) < 2:
                raise InputError(
                    "ProConClassifier.fit() found no reviews with both pro and con "
                    "sections to learn from. Pass reviews with headings such as "
                    "'Pros:'/'Cons:', or sentences with labels as y."
                )
        else:
            texts, labels = _texts(items), [str(v) for v in y]
        self._set_model(LinearTextModel.fit(texts, labels, C=self.C, keep=self.keep))
        return self

    @classmethod
    def default(cls) -> ProConClassifier:
        """The shipped model (Liu's Pros and Cons data, CC BY 4.0, and samples)."""
        model = cls()
        model._set_model(packaged(DEFAULT_PROCON_MODEL))
        return model


def lexicon_training_examples(
    sentences: Iterable[str], lexicon: AspectLexicon | str = DEFAULT_LEXICON
) -> tuple[list[str], list[str]]:
    """Label sentences by the lexicon aspect they name, with the terms masked.

    Sentences naming exactly one aspect become examples of it; the matched terms
    are replaced by ``_`` so that a model trained on them learns the context
    ("the twist in the third act") rather than the term itself.

    Args:
        sentences: Sentences.
        lexicon: The aspect lexicon.

    Returns:
        Masked texts and aspect labels.
    """
    pattern = _term_pattern(AspectLexicon.load(lexicon))
    texts: list[str] = []
    labels: list[str] = []
    for sentence in sentences:
        lowered = sentence.lower()
        matches = list(pattern.finditer(lowered))
        aspects = {m.lastgroup for m in matches}
        if len(aspects) != 1:
            continue
        (aspect,) = aspects
        masked = pattern.sub(" _ ", lowered)
        texts.append(masked)
        labels.append(str(aspect))
    return texts, labels


def _term_pattern(lexicon: AspectLexicon) -> re.Pattern[str]:
    groups = []
    for aspect in lexicon.ids:
        forms = sorted(
            {form for a, form, _ in lexicon.iter_patterns() if a == aspect},
            key=len,
            reverse=True,
        )
        if forms:
            alternation = "|".join(re.escape(f) for f in forms)
            groups.append(rf"(?P<{aspect}>(?<![\w-])(?:{alternation})(?![\w-]))")
    return re.compile("|".join(groups))


class AspectCategoryClassifier(_TextClassifier):
    """Which aspect does a sentence talk about, when it names none?

    Args:
        aspects: Aspect lexicon for self-training (`fit` without labels): a
            packaged name, a JSON path or an `AspectLexicon`, as elsewhere.
        C: Inverse regularisation strength.
        threshold: Minimum probability for `predict_aspects` to name an aspect;
            also the threshold a pipeline uses when given this classifier.
        lexicon: Deprecated name of ``aspects`` (a FutureWarning at `fit`).

    Examples:
        >>> clf = AspectCategoryClassifier().fit(
        ...     ["The songs are catchy.", "I hummed the tune all week.",
        ...      "The actors shine.", "She plays him with such warmth."],
        ...     ["soundtrack", "soundtrack", "acting", "acting"],
        ... )
        >>> clf.predict_aspects(["A catchy tune."])
        ['soundtrack']
    """

    def __init__(
        self,
        *,
        aspects: AspectLexicon | str = DEFAULT_LEXICON,
        C: float = 1.0,
        threshold: float = 0.5,
        lexicon: AspectLexicon | str | None = None,
    ) -> None:
        self.aspects = aspects
        self.C = C
        self.threshold = threshold
        self.lexicon = lexicon

    def fit(
        self, X: Iterable[str], y: Sequence[str] | None = None
    ) -> AspectCategoryClassifier:
        """Learn aspect categories from labels, or from the lexicon's matches.

        Args:
            X: Sentences.
            y: Aspect ids, one per sentence; without them each sentence that
                names exactly one aspect of ``lexicon`` is labelled by it (the
                term masked) and the others are left out.

        Returns:
            self

        Raises:
            InputError: If fewer than two aspects have examples.
        """
        texts = _texts(X)
        if y is None:
            taxonomy = self.aspects
            if self.lexicon is not None:
                warnings.warn(
                    "AspectCategoryClassifier(lexicon=...) is deprecated; pass "
                    "aspects=... as everywhere else in reviewkit.",
                    FutureWarning,
                    stacklevel=2,
                )
                taxonomy = self.lexicon
            texts, labels = lexicon_training_examples(texts, taxonomy)
        else:
            labels = [str(v) for v in y]
        if len(set(labels)) < 2:
            raise InputError(
                "AspectCategoryClassifier.fit() needs examples of at least two "
                f"aspects; got {sorted(set(labels)) or 'none'}."
            )
        self._set_model(LinearTextModel.fit(texts, labels, C=self.C, naive_bayes=False))
        return self

    def predict_aspects(self, X: Iterable[str]) -> list[str | None]:
        """The aspect of each sentence, or None below ``threshold``."""
        proba = self.predict_proba(X)
        if not len(proba):
            return []
        best = proba.argmax(axis=1)
        return [
            str(self.classes_[i]) if proba[row, i] >= self.threshold else None
            for row, i in enumerate(best)
        ]

    @classmethod
    def default(cls) -> AspectCategoryClassifier:
        """The shipped model, self-trained from the default lexicon."""
        model = cls()
        model._set_model(packaged(DEFAULT_ASPECT_MODEL))
        return model


_POLARITY_COLUMNS = ("positive", "negative", "mixed", "neutral")
#: Dense feature columns before the one-hot aspect polarity: 0 the aspect was
#: found, 1 its score, 2 the mean compound of the scored sentences, 3 the review
#: score, 4-7 the sentences' highest pos, highest neg, lowest and highest
#: compound, 8-10 the lowest and highest evidence score and log(1 + evidence).
_DENSE = 11


class AspectSentimentClassifier(_TextClassifier):
    """Polarity of a given aspect in a text, learned from labelled pairs.

    For aspect-category sentiment (the SemEval-2014 ACSA task: "The food was
    great but the waiter was rude" is positive for food, negative for
    service). Each (text, aspect) pair is described by reviewkit's own analysis
    (the aspect's rule-based score and polarity, whether it was found, the
    scores of its evidence), the hashed n-grams of the clauses reviewkit
    attributes to the aspect (its evidence), the text's n-grams crossed with
    the aspect id, the VADER extremes of the text's sentences and the polarity
    of the other aspects it names; a logistic regression learns the labels.
    The rule-based analysis does the attribution of opinions to aspects; the
    model learns the domain's polarity words.

    Args:
        aspects: Aspect lexicon of the taxonomy (name, path or `AspectLexicon`).
        sentiment: Domain layer on VADER (name, path, `SentimentLexicon` or
            None).
        C: Inverse regularisation strength.
        n_features: Hashing space size.

    Examples:
        >>> clf = AspectSentimentClassifier().fit(
        ...     [("Great acting.", "acting"), ("Dull plot.", "plot"),
        ...      ("Wooden acting.", "acting"), ("A gripping plot.", "plot")],
        ...     ["positive", "negative", "negative", "positive"],
        ... )
        >>> [str(c) for c in clf.classes_]
        ['negative', 'positive']
    """

    def __init__(
        self,
        *,
        aspects: AspectLexicon | str = DEFAULT_LEXICON,
        sentiment: Any = "tv_film_en.v1",
        C: float = 1.0,
        n_features: int = 2**20,
    ) -> None:
        self.aspects = aspects
        self.sentiment = sentiment
        self.C = C
        self.n_features = n_features

    def fit(self, X: Iterable[tuple[str, str]] | Any, y: Sequence[str]) -> Any:
        """Learn from (text, aspect) pairs and their polarity labels.

        Args:
            X: Pairs ``(text, aspect_id)``, or a DataFrame with ``text`` and
                ``aspect`` columns.
            y: One label per pair (e.g. positive / negative / neutral).

        Returns:
            self

        Raises:
            InputError: If X and y differ in length or there is one class only.
        """
        from sklearn.linear_model import LogisticRegression

        pairs = _pairs(X)
        labels = [str(v) for v in y]
        if len(pairs) != len(labels) or len(set(labels)) < 2:
            raise InputError(
                f"fit() needs one label per (text, aspect) pair and two or more "
                f"classes; got {len(pairs)} pairs, {len(labels)} labels, classes "
                f"{sorted(set(labels))}."
            )
        matrix = self._features(pairs)
        model = LogisticRegression(C=self.C, max_iter=3000)
        model.fit(matrix, labels)
        self.estimator_ = model
        self.classes_ = model.classes_
        return self

    def predict_proba(self, X: Iterable[tuple[str, str]] | Any) -> np.ndarray:
        """Class probabilities per pair (columns follow ``classes_``)."""
        self._check_fitted()
        proba: np.ndarray = self.estimator_.predict_proba(self._features(_pairs(X)))
        return proba

    def predict(self, X: Iterable[tuple[str, str]] | Any) -> np.ndarray:
        """The most probable polarity of each pair."""
        proba = self.predict_proba(X)
        labels: np.ndarray = np.asarray(self.classes_)[proba.argmax(axis=1)]
        return labels

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "estimator_")

    def _check_fitted(self) -> None:
        if not hasattr(self, "estimator_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                "This AspectSentimentClassifier instance is not fitted yet. Call "
                "'fit' with (text, aspect) pairs and labels first."
            )

    def _features(self, pairs: Sequence[tuple[str, str]]) -> Any:
        from scipy import sparse
        from sklearn.feature_extraction import FeatureHasher

        from reviewkit._api import analyze_with
        from reviewkit._pipeline import shared_pipeline
        from reviewkit._textmodel import featurize

        nlp = shared_pipeline(aspects=self.aspects, sentiment=self.sentiment)
        # Per distinct text: its analysis, n-grams and text-level columns 2-7.
        texts: dict[str, tuple[Review, list[str], list[float]]] = {}
        for text, _ in pairs:
            if text not in texts:
                review = analyze_with(nlp, text)
                texts[text] = (review, featurize(text), _text_columns(review))
        tokens: list[list[str]] = []
        dense = np.zeros((len(pairs), _DENSE + len(_POLARITY_COLUMNS)))
        for row, (text, aspect) in enumerate(pairs):
            review, words, text_columns = texts[text]
            result = review.aspects.get(aspect)
            features = [f"s:{w}" for w in words] + [f"{aspect}:{w}" for w in words]
            if result is not None:
                evidence = [e for e in result.evidence if e.kind in ("mention", "item")]
                for w in featurize(" ".join(e.text for e in evidence)):
                    features.append(f"c:{w}")
                    features.append(f"c:{aspect}:{w}")
                dense[row, 0] = 1.0
                dense[row, 1] = result.score
                if evidence:
                    dense[row, 8] = min(e.score for e in evidence)
                    dense[row, 9] = max(e.score for e in evidence)
                    dense[row, 10] = math.log1p(len(evidence))
                dense[row, _DENSE + _POLARITY_COLUMNS.index(result.polarity)] = 1.0
            dense[row, 2:8] = text_columns
            # How the reviewer judged the other aspects (a contrast tells a lot).
            others = {r.polarity for a, r in review.aspects.items() if a != aspect}
            if others:
                features.append(
                    "other:" + (others.pop() if len(others) == 1 else "mixed")
                )
            tokens.append(features)
        hasher = FeatureHasher(
            n_features=self.n_features, input_type="string", alternate_sign=False
        )
        hashed = hasher.transform(tokens).tocsr()
        hashed.data[:] = 1.0
        norms = np.sqrt(np.asarray(hashed.multiply(hashed).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        hashed = sparse.diags(1.0 / norms) @ hashed
        return sparse.hstack([hashed, sparse.csr_matrix(dense)]).tocsr()


def _text_columns(review: Review) -> list[float]:
    """Dense columns 2-7 of a text's pairs (`_DENSE`).

    The mean compound of its scored sentences, the review score, and the
    sentences' highest pos, highest neg, lowest and highest compound (zeros
    without scored sentences).
    """
    opinion = [s.sentiment for s in review.sentences if s.scored]
    score = review.score or 0.0
    if not opinion:
        return [0.0, score, 0.0, 0.0, 0.0, 0.0]
    compounds = [s.compound for s in opinion]
    return [
        sum(compounds) / len(compounds),
        score,
        max(s.pos for s in opinion),
        max(s.neg for s in opinion),
        min(compounds),
        max(compounds),
    ]


def _pairs(X: Any) -> list[tuple[str, str]]:
    """(text, aspect) pairs from pairs or a DataFrame with text/aspect columns."""
    columns = getattr(X, "columns", None)
    if columns is not None:
        missing = [c for c in ("text", "aspect") if c not in columns]
        if missing:
            raise InputError(
                f"The DataFrame lacks column(s) {', '.join(missing)}; "
                "AspectSentimentClassifier expects 'text' and 'aspect'."
            )
        return [(str(t), str(a)) for t, a in zip(X["text"], X["aspect"], strict=True)]
    pairs = []
    for position, pair in enumerate(X):
        if (
            not isinstance(pair, tuple | list)
            or len(pair) != 2
            or not all(isinstance(v, str) for v in pair)
        ):
            raise InputError(
                f"Item {position} is not a (text, aspect) pair of strings: "
                f"{pair!r:.80}."
            )
        pairs.append((pair[0], pair[1]))
    return pairs

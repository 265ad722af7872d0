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
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, NoReturn

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from reviewkit._blend import (
    ASPECT_THRESHOLD,
    DEFAULT_ASPECT_MODEL,
    DEFAULT_POLARITY_MODEL,
    DEFAULT_PROCON_MODEL,
)
from reviewkit._lexicon import DEFAULT_LEXICON, AspectLexicon
from reviewkit._textmodel import LinearTextModel, packaged
from reviewkit._types import Review
from reviewkit.errors import ConfigurationError, InputError

__all__ = [
    "AspectCategoryClassifier",
    "AspectSentimentClassifier",
    "PolarityModel",
    "ProConClassifier",
    "lexicon_training_examples",
    "weak_pro_con_labels",
]


def _is_missing(value: object) -> bool:
    """Whether a value marks a missing entry (None, NaN, pandas NA or NaT)."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    # Only pandas makes pd.NA and pd.NaT: without it imported, neither occurs.
    pandas = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def _is_row(value: object) -> bool:
    """Whether a value is a row of 2-D input (a list, tuple or 1-D array)."""
    return isinstance(value, list | tuple) or (
        isinstance(value, np.ndarray) and value.ndim == 1
    )


def _too_many_columns(owner: str, width: object, names: list[Any] | None) -> NoReturn:
    named = f" ({', '.join(map(repr, names))})" if names else ""
    raise InputError(
        f"{owner}() takes one column of texts; got 2-D input with {width} "
        f"columns{named}. Select the text column: X['text'] or X[['text']]; in a "
        "ColumnTransformer, name the one column, as a string ('text') or a "
        "one-element list (['text'])."
    )


def _column(X: Any, owner: str) -> tuple[list[Any], np.ndarray | None]:
    """The elements of 1-D input, or of the only column of 2-D input.

    Args:
        X: Texts (a list, Series or 1-D array), or a table of one column (a
            one-column DataFrame, a 2-D array or a list of one-element rows).
        owner: The method, for messages (``"ReviewFeatures.transform"``).

    Returns:
        The elements, and the column's name as an array (scikit-learn's
        ``feature_names_in_``) for a DataFrame whose column name is a str,
        else None.

    Raises:
        InputError: For one string, or a table of more than one column.
    """
    if isinstance(X, str | bytes):
        raise InputError(
            f"{owner}() expects a list of texts, not one string; wrap it in a "
            f"list: {owner.rpartition('.')[2]}([text])."
        )
    if isinstance(X, Review):
        raise InputError(
            f"{owner}() expects a list of reviews, not one Review; wrap it in a "
            f"list: {owner.rpartition('.')[2]}([review])."
        )
    columns = getattr(X, "columns", None)
    if columns is not None and not callable(columns):  # a DataFrame
        names = list(columns)
        if len(names) != 1:
            _too_many_columns(owner, len(names), names)
        values = list(X[names[0]])
        if isinstance(names[0], str):
            return values, np.asarray(names, dtype=object)
        return values, None
    ndim = getattr(X, "ndim", None)
    if isinstance(ndim, int) and ndim != 1:
        shape = tuple(getattr(X, "shape", ()))
        if ndim != 2:
            raise InputError(
                f"{owner}() expects texts as a 1-D sequence or one column; got "
                f"an array of shape {shape}. Pass a list of strings."
            )
        if shape[1] != 1:
            _too_many_columns(owner, shape[1], None)
        return list(np.asarray(X, dtype=object)[:, 0]), None
    try:
        items = list(X)
    except TypeError:
        raise InputError(
            f"{owner}() expects a list of texts; got {type(X).__name__}."
        ) from None
    if items and all(_is_row(item) for item in items):  # a list of rows
        widths = sorted({len(item) for item in items})
        if widths != [1]:
            _too_many_columns(owner, widths[-1], None)
        items = [item[0] for item in items]
    return items, None


def _texts(values: Any, owner: str) -> list[str]:
    """Plain ``str`` texts, checked; ``owner`` names the method in messages."""
    items, _ = _column(values, owner)
    texts = []
    for position, value in enumerate(items):
        if isinstance(value, str):
            texts.append(str(value))  # np.str_ and other subclasses made plain
            continue
        if _is_missing(value):
            raise InputError(
                f"Text {position} is missing (None/NaN); {owner}() needs a str for "
                "every element. Drop or fill missing texts first, e.g. "
                "texts.fillna('')."
            )
        hint = (
            "Pass review.text, the review's text"
            if isinstance(value, Review)
            else "Pass sentences or reviews as strings"
        )
        raise InputError(
            f"Expected texts (str); element {position} is {type(value).__name__}. "
            f"{hint}."
        )
    return texts


def _labels(y: Any, owner: str, allowed: Sequence[str] | None = None) -> list[str]:
    """Plain ``str`` labels of a 1-D ``y``, checked against ``allowed``.

    Raises:
        InputError: For one string, a 2-D ``y``, a missing or non-str label, or
            a label outside ``allowed``.
    """
    expected = (
        f"labels such as {' / '.join(map(repr, allowed))}" if allowed else "str labels"
    )
    if isinstance(y, str | bytes):
        raise InputError(
            f"{owner}() needs one label per text as a list; got one string "
            f"{y!r:.40}. Pass y=[label, ...] with {expected}."
        )
    ndim = getattr(y, "ndim", None)
    if isinstance(ndim, int) and ndim != 1:
        raise InputError(
            f"{owner}() needs a 1-D y (one label per text); got shape "
            f"{tuple(getattr(y, 'shape', ()))}. Pass one column, e.g. "
            "frame['label'] or y.ravel()."
        )
    labels = []
    for position, value in enumerate(y):
        if isinstance(value, str):
            labels.append(str(value))
            continue
        if _is_missing(value):
            raise InputError(
                f"Label {position} is missing (None/NaN); {owner}() needs a label "
                "for every text. Drop the unlabelled texts first."
            )
        if _is_row(value):
            raise InputError(
                f"{owner}() needs a 1-D y (one label per text); label {position} "
                f"is a {type(value).__name__}. Pass one column, e.g. "
                "frame['label'] or y.ravel()."
            )
        example = (
            f"[{allowed[0]!r} if v else {allowed[1]!r} for v in y]"
            if allowed
            else "[str(v) for v in y]"
        )
        raise InputError(
            f"Label {position} is {value!r:.40} ({type(value).__name__}); "
            f"{owner}() takes {expected}. Map the labels to strings first, e.g. "
            f"y = {example}."
        )
    if allowed is not None:
        unexpected = sorted(set(labels) - set(allowed))
        if unexpected:
            raise InputError(
                f"{owner}() takes {expected}; got "
                f"{', '.join(map(repr, unexpected[:5]))}. Rename the labels "
                f"to {' / '.join(map(repr, allowed))}."
            )
    return labels


def _check_positive(owner: str, name: str, value: Any, *, integer: bool) -> None:
    """Raise ConfigurationError unless ``value`` is a positive (int) number."""
    kinds = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    if (
        isinstance(value, bool)
        or not isinstance(value, kinds)
        or not math.isfinite(value)
        or value <= 0
    ):
        kind = "a positive int" if integer else "a positive number"
        raise ConfigurationError(
            f"{owner}({name}=...) must be {kind}; got {value!r}."
            + (" Use None to keep every weight." if name == "keep" else "")
        )


def _check_keep(owner: str, keep: Any) -> None:
    """Raise ConfigurationError unless ``keep`` is None or a positive int."""
    if keep is not None:
        _check_positive(owner, "keep", keep, integer=True)


def _analysed(items: Iterable[Any], analyse: Callable[..., Review]) -> list[Review]:
    """Analysed reviews from texts, bytes, paths or `Review` objects.

    Analysed reviews are kept as they are; parsed ones (`reviewkit.parse`)
    are analysed from their text (or HTML source) with their format, id and
    metadata.

    Args:
        items: The reviews.
        analyse: Called as ``analyse(source, format=...)`` (and with
            ``metadata`` and ``review_id`` for parsed reviews).

    Raises:
        InputError: If an element is missing or not a review (the message
            names its position).
    """
    reviews = []
    for position, item in enumerate(items):
        if isinstance(item, Review):
            if item.is_analyzed:
                reviews.append(item)
            else:
                html = item.format == "html" and item.source is not None
                reviews.append(
                    analyse(
                        item.source if html else item.text,
                        format=item.format,
                        metadata=item.metadata,
                        review_id=item.review_id,
                    )
                )
            continue
        if _is_missing(item):
            raise InputError(
                f"Review {position} is missing (None/NaN). Drop or fill missing "
                "texts first, e.g. texts.fillna('')."
            )
        try:
            reviews.append(analyse(item))
        except TypeError as exc:
            raise InputError(f"Review {position}: {exc}") from None
    return reviews


def _string_input_tags(tags: Any) -> Any:
    """scikit-learn tags of an estimator taking a 1-D sequence of strings."""
    tags.input_tags.string = True
    tags.input_tags.two_d_array = False
    return tags


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
        return self.model_.predict_proba(_texts(X, self._owner("predict_proba")))

    def predict(self, X: Iterable[str]) -> np.ndarray:
        """The most probable class of each text."""
        self._check_fitted()
        return np.array(
            self.model_.predict(_texts(X, self._owner("predict"))), dtype=object
        )

    def _owner(self, method: str) -> str:
        return f"{type(self).__name__}.{method}"

    def __sklearn_tags__(self) -> Any:
        return _string_input_tags(super().__sklearn_tags__())

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn < 1.6
        return {"X_types": ["string"]}

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
        C: Inverse regularisation strength (positive).
        keep: Keep only this many largest weights (a positive int; None keeps
            all).

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
        """Learn from texts labelled ``"positive"``/``"negative"``.

        Args:
            X: Texts (str).
            y: Their labels, ``"positive"`` or ``"negative"``.

        Returns:
            self

        Raises:
            ConfigurationError: If ``C`` or ``keep`` is not a positive number.
            InputError: If a text is not a str, or a label missing or not
                ``"positive"``/``"negative"``.
        """
        _check_positive("PolarityModel", "C", self.C, integer=False)
        _check_keep("PolarityModel", self.keep)
        texts = _texts(X, "PolarityModel.fit")
        labels = _labels(y, "PolarityModel.fit", ("positive", "negative"))
        self._set_model(LinearTextModel.fit(texts, labels, C=self.C, keep=self.keep))
        return self

    def polarity(self, X: Iterable[str]) -> np.ndarray:
        """Polarity of each text in [-1, 1] (``2 P(positive) - 1``)."""
        self._check_fitted()
        proba = self.model_.predict_proba(_texts(X, "PolarityModel.polarity"))
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
        C: Inverse regularisation strength (positive).
        keep: Keep only this many largest weights (a positive int; None keeps
            all).

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
            X: Reviews whose pro/con headings label their sentences: `Review`
                objects (analysed ones as they are, parsed ones are analysed)
                or texts, bytes or paths, which are analysed; or, with ``y``,
                sentences (str).
            y: ``"pro"``/``"con"`` labels of the sentences in ``X``.

        Returns:
            self

        Raises:
            ConfigurationError: If ``C`` or ``keep`` is not a positive number.
            InputError: If no review has pro and con sections (nothing to
                learn), an element is missing or not a review, or a label is
                missing or not ``"pro"``/``"con"``.
        """
        _check_positive("ProConClassifier", "C", self.C, integer=False)
        _check_keep("ProConClassifier", self.keep)
        if y is None:
            from reviewkit._api import analyze

            items, _ = _column(X, "ProConClassifier.fit")
            texts, labels = weak_pro_con_labels(_analysed(items, analyze))
            if len(set(labels)) < 2:
                raise InputError(
                    "ProConClassifier.fit() found no reviews with both pro and con "
                    "sections to learn from. Pass reviews with headings such as "
                    "'Pros:'/'Cons:', or sentences with labels as y."
                )
        else:
            texts = _texts(X, "ProConClassifier.fit")
            labels = _labels(y, "ProConClassifier.fit", ("pro", "con"))
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
        threshold: Minimum probability for `predict_aspects` to name an aspect,
            in [0, 1]; also the threshold a pipeline uses when given this
            classifier. `default` uses 0.6, the pipeline's threshold for the
            shipped model.
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
            ConfigurationError: If ``C`` is not positive or ``threshold`` not
                in [0, 1].
            InputError: If fewer than two aspects have examples, a text is not
                a str, or a label is missing or not a str.
        """
        _check_positive("AspectCategoryClassifier", "C", self.C, integer=False)
        _check_threshold(self.threshold)
        texts = _texts(X, "AspectCategoryClassifier.fit")
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
            labels = _labels(y, "AspectCategoryClassifier.fit")
        if len(set(labels)) < 2:
            raise InputError(
                "AspectCategoryClassifier.fit() needs examples of at least two "
                f"aspects; got {sorted(set(labels)) or 'none'}."
            )
        self._set_model(LinearTextModel.fit(texts, labels, C=self.C, naive_bayes=False))
        return self

    def predict_aspects(self, X: Iterable[str]) -> list[str | None]:
        """The aspect of each sentence, or None below ``threshold``."""
        proba = self.predict_proba(_texts(X, self._owner("predict_aspects")))
        if not len(proba):
            return []
        best = proba.argmax(axis=1)
        return [
            str(self.classes_[i]) if proba[row, i] >= self.threshold else None
            for row, i in enumerate(best)
        ]

    @classmethod
    def default(cls, *, threshold: float | None = None) -> AspectCategoryClassifier:
        """The shipped model, self-trained from the default lexicon.

        Args:
            threshold: Minimum probability to name an aspect; by default
                ``ASPECT_THRESHOLD`` (0.6), the threshold ``reviewkit.load``
                uses for the shipped model, so that passing this classifier
                gives the same results as ``aspect_model="default"``.

        Raises:
            ConfigurationError: If ``threshold`` is not in [0, 1].
        """
        chosen = ASPECT_THRESHOLD if threshold is None else threshold
        _check_threshold(chosen)
        model = cls(threshold=chosen)
        model._set_model(packaged(DEFAULT_ASPECT_MODEL))
        return model


def _check_threshold(threshold: Any) -> None:
    """Raise ConfigurationError unless ``threshold`` is a probability."""
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float | np.integer | np.floating)
        or not 0.0 <= threshold <= 1.0
    ):
        raise ConfigurationError(
            "AspectCategoryClassifier(threshold=...) must be a probability in "
            f"[0, 1]; got {threshold!r}. The shipped model uses "
            f"{ASPECT_THRESHOLD}."
        )


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
    the aspect id, the VADER extremes of the text's sentences, the polarity
    of the other aspects it names and, with ``polarity_model``, what the
    shipped film/TV sentence-polarity model (`PolarityModel.default`) reads
    in the text and in the evidence; a logistic regression learns the labels.
    The rule-based analysis does the attribution of opinions to aspects; the
    model learns the domain's polarity words.

    Args:
        aspects: Aspect lexicon of the taxonomy (name, path or `AspectLexicon`);
            the pairs' aspects must be its ids.
        sentiment: Domain layer on VADER (name, path, `SentimentLexicon` or
            None).
        C: Inverse regularisation strength (positive).
        n_features: Hashing space size (a positive int).
        polarity_model: Whether the features include the sentence-polarity
            model's reading of the text and of the aspect's evidence (it adds
            about 0.5 points of accuracy in cross-validation on SemEval-2014
            restaurants train; see docs/benchmarks.md).

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
        polarity_model: bool = True,
    ) -> None:
        self.aspects = aspects
        self.sentiment = sentiment
        self.C = C
        self.n_features = n_features
        self.polarity_model = polarity_model

    def fit(self, X: Iterable[tuple[str, str]] | Any, y: Sequence[str]) -> Any:
        """Learn from (text, aspect) pairs and their polarity labels.

        Args:
            X: Pairs ``(text, aspect_id)`` (tuples, lists or the rows of a
                2-D array), or a DataFrame with ``text`` and ``aspect``
                columns. The aspect ids must be those of ``aspects``.
            y: One str label per pair (e.g. positive / negative / neutral).

        Returns:
            self

        Raises:
            ConfigurationError: If ``C`` or ``n_features`` is not positive.
            InputError: If X and y differ in length, there is one class only,
                a text, aspect or label is missing or not a str, or an aspect
                is not in the taxonomy.
        """
        from sklearn.linear_model import LogisticRegression

        owner = "AspectSentimentClassifier"
        _check_positive(owner, "C", self.C, integer=False)
        _check_positive(owner, "n_features", self.n_features, integer=True)
        pairs = self._checked_pairs(X, f"{owner}.fit")
        labels = _labels(y, f"{owner}.fit")
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
        """Class probabilities per pair (columns follow ``classes_``).

        Raises:
            InputError: If a pair is not two strings, has a missing value, or
                names an aspect outside the taxonomy.
        """
        self._check_fitted()
        pairs = self._checked_pairs(X, "AspectSentimentClassifier.predict")
        if not pairs:
            return np.zeros((0, len(self.classes_)))
        proba: np.ndarray = self.estimator_.predict_proba(self._features(pairs))
        return proba

    def predict(self, X: Iterable[tuple[str, str]] | Any) -> np.ndarray:
        """The most probable polarity of each pair."""
        proba = self.predict_proba(X)
        labels: np.ndarray = np.asarray(self.classes_)[proba.argmax(axis=1)]
        return labels

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "estimator_")

    def __sklearn_tags__(self) -> Any:
        # (text, aspect) pairs: string input, two columns.
        tags = super(_TextClassifier, self).__sklearn_tags__()
        tags.input_tags.string = True
        return tags

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn < 1.6
        return {"X_types": ["2darray", "string"]}

    def _checked_pairs(self, X: Any, owner: str) -> list[tuple[str, str]]:
        """`_pairs`, with every aspect checked against the taxonomy."""
        pairs = _pairs(X, owner)
        lexicon = AspectLexicon.load(self.aspects)
        known = set(lexicon.ids)
        unknown = sorted({aspect for _, aspect in pairs if aspect not in known})
        if unknown:
            raise InputError(
                f"{owner}(): aspect(s) {', '.join(map(repr, unknown[:5]))} are not "
                f"in the taxonomy {lexicon.name!r}, whose aspects are "
                f"{', '.join(lexicon.ids)}. Map your categories to these ids, or "
                "pass aspects= a lexicon that has them."
            )
        return pairs

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
        # The aspect's evidence, where it has any.
        read: list[str | None] = []
        for row, (text, aspect) in enumerate(pairs):
            review, words, text_columns = texts[text]
            result = review.aspects.get(aspect)
            features = [f"s:{w}" for w in words] + [f"{aspect}:{w}" for w in words]
            read.append(None)
            if result is not None:
                evidence = [e for e in result.evidence if e.kind in ("mention", "item")]
                joined = " ".join(e.text for e in evidence)
                if evidence:
                    read[row] = joined
                for w in featurize(joined):
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
        blocks = [hashed, sparse.csr_matrix(dense)]
        if self.polarity_model:
            blocks.append(sparse.csr_matrix(_model_columns(pairs, read)))
        return sparse.hstack(blocks).tocsr()


def _model_columns(
    pairs: Sequence[tuple[str, str]], evidence: list[str | None]
) -> np.ndarray:
    """The sentence-polarity model's reading of each pair, three columns.

    The text's polarity, the evidence's polarity (0 without evidence), and
    the evidence's or else the text's polarity.
    """
    texts = [t for t, _ in pairs]
    distinct = list(dict.fromkeys(texts + [e for e in evidence if e is not None]))
    scores = _default_polarity_model().polarity(distinct).tolist()
    polarity = dict(zip(distinct, scores, strict=True))
    return np.array(
        [
            [polarity[t], 0.0 if e is None else polarity[e], polarity[e or t]]
            for t, e in zip(texts, evidence, strict=True)
        ]
    ).reshape(len(pairs), 3)


@cache
def _default_polarity_model() -> PolarityModel:
    return PolarityModel.default()


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


def _pairs(X: Any, owner: str = "AspectSentimentClassifier") -> list[tuple[str, str]]:
    """(text, aspect) pairs from pairs, 2-D rows or a DataFrame.

    A DataFrame's ``text`` and ``aspect`` values are turned into str; other
    pairs must hold two str.

    Raises:
        InputError: If an item is not a pair, a value is missing (None/NaN), or
            a DataFrame lacks the columns.
    """
    if isinstance(X, str | bytes) or (
        isinstance(X, tuple) and len(X) == 2 and all(isinstance(v, str) for v in X)
    ):
        raise InputError(
            f"{owner}() expects a list of (text, aspect) pairs, not one "
            f"{'pair' if isinstance(X, tuple) else 'string'}; wrap it in a list: "
            f"[(text, aspect)]."
        )
    columns = getattr(X, "columns", None)
    if columns is not None and not callable(columns):
        missing = [c for c in ("text", "aspect") if c not in columns]
        if missing:
            raise InputError(
                f"The DataFrame lacks column(s) {', '.join(missing)}; "
                "AspectSentimentClassifier expects 'text' and 'aspect'."
            )
        rows: list[Any] = list(zip(X["text"], X["aspect"], strict=True))
        frame = True
    else:
        ndim = getattr(X, "ndim", None)
        shape = tuple(getattr(X, "shape", ()))
        if isinstance(ndim, int) and ndim != 1 and (ndim != 2 or shape[1] != 2):
            raise InputError(
                f"{owner}() expects (text, aspect) pairs: a sequence of pairs or "
                f"an array of two columns; got an array of shape {shape}."
            )
        rows = list(X)
        frame = False
    pairs = []
    for position, pair in enumerate(rows):
        is_pair = isinstance(pair, tuple | list) or (
            isinstance(pair, np.ndarray) and pair.ndim == 1
        )
        if not is_pair or len(pair) != 2:
            raise InputError(
                f"Item {position} is not a (text, aspect) pair of strings: "
                f"{pair!r:.80}."
            )
        for name, value in zip(("text", "aspect"), pair, strict=True):
            if _is_missing(value):
                raise InputError(
                    f"Pair {position} has a missing {name} (None/NaN). Drop or "
                    "fill such pairs first, e.g. frame.dropna(subset=['text', "
                    "'aspect'])."
                )
        text, aspect = pair
        if frame:
            text, aspect = str(text), str(aspect)
        if not (isinstance(text, str) and isinstance(aspect, str)):
            raise InputError(
                f"Item {position} is not a (text, aspect) pair of strings: "
                f"{tuple(pair)!r:.80}."
            )
        pairs.append((str(text), str(aspect)))
    return pairs

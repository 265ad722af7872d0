"""scikit-learn integration: review texts in, per-aspect features out.

`ReviewFeatures` follows scikit-learn's transformer contract (``fit`` /
``transform``, ``get_feature_names_out``, ``set_output``, `clone`, `Pipeline`),
so reviewkit's structure and aspect sentiment can feed a user's own model, for
example one predicting a reviewer's rating::

    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from reviewkit.sklearn import ReviewFeatures

    model = make_pipeline(ReviewFeatures(), Ridge()).fit(texts, ratings)

Examples:
    >>> features = ReviewFeatures(aspects_only=("acting", "plot")).fit([])
    >>> list(features.get_feature_names_out())[:4]
    ['acting_score', 'acting_mentions', 'acting_positive', 'acting_negative']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from reviewkit._blend import BACKENDS, Backend
from reviewkit._learned import _analysed, _column, _string_input_tags
from reviewkit._lexicon import DEFAULT_LEXICON, AspectLexicon
from reviewkit._sentiment import DEFAULT_SENTIMENT, SentimentLexicon
from reviewkit._types import Review
from reviewkit.errors import ConfigurationError, InputError

__all__ = ["ReviewFeatures"]

#: Per-aspect columns, in order.
ASPECT_FEATURES: tuple[str, ...] = (
    "score",
    "mentions",
    "positive",
    "negative",
    "mixed",
    "present",
)
#: Review-level columns, in order.
REVIEW_FEATURES: tuple[str, ...] = (
    "review_score",
    "mean_compound",
    "share_positive_sentences",
    "share_negative_sentences",
    "share_pro_sentences",
    "share_con_sentences",
    "has_pros",
    "has_cons",
    "verdict_recommend",
    "verdict_not_recommend",
    "verdict_mixed",
    "rating",
    "has_rating",
    "spoilers",
    "log_characters",
)


class ReviewFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Turn review texts into numeric per-aspect and review-level features.

    Each review is analysed with `reviewkit.analyze`; for every aspect of the
    taxonomy the transformer gives its score (0 when not mentioned), the
    number of mentions (log1p), positive / negative / mixed indicators and a
    ``present`` flag, then review-level columns: the overall score, sentence
    sentiment shares, pro/con shares, the verdict, the reviewer's own rating
    (mapped to [-1, 1], 0 with ``has_rating`` = 0 when absent), spoilers and
    length. Every value is finite, so any scikit-learn model takes them.

    Args:
        aspects: Aspect lexicon (packaged name, JSON path or `AspectLexicon`).
        sentiment: Domain layer on VADER (name, path, `SentimentLexicon`, or
            None for plain VADER).
        backend: ``"vader"``, ``"model"`` or ``"blend"`` (see `reviewkit.load`).
        aspects_only: Restrict the per-aspect columns to these aspect ids (a
            list or tuple of distinct ids; one id still goes in a list,
            ``["acting"]``).
        review_level: Include the review-level columns.

    The input is one column of texts: a list, Series or 1-D array, or a
    one-column DataFrame, 2-D array or list of one-element rows (so a
    ColumnTransformer may name the column as ``"text"`` or ``["text"]``).

    Attributes:
        aspect_ids_: Aspect ids with columns, in order (set by ``fit``).
        feature_names_out_: Column names (set by ``fit``).
        n_features_in_: Input columns, always 1 (set by ``fit``).
        feature_names_in_: The input column's name, when ``fit`` was given a
            DataFrame with a str column name.
    """

    def __init__(
        self,
        *,
        aspects: str | Path | AspectLexicon = DEFAULT_LEXICON,
        sentiment: str | Path | SentimentLexicon | None = DEFAULT_SENTIMENT,
        backend: Backend = "vader",
        aspects_only: Sequence[str] | None = None,
        review_level: bool = True,
    ) -> None:
        self.aspects = aspects
        self.sentiment = sentiment
        self.backend = backend
        self.aspects_only = aspects_only
        self.review_level = review_level

    def fit(self, X: Iterable[Any], y: Any = None) -> ReviewFeatures:
        """Fix the columns (from the taxonomy; the texts are not analysed).

        Args:
            X: Review texts (only their shape is checked: the columns come
                from the lexicon).
            y: Ignored.

        Returns:
            self

        Raises:
            ConfigurationError: If ``backend`` is unknown, or ``aspects_only``
                is a bare string, repeats an id or names an unknown aspect.
            InputError: If ``X`` is one string or has more than one column.
        """
        del y
        if self.backend not in BACKENDS:
            raise ConfigurationError(
                f"ReviewFeatures(backend=...) must be one of "
                f"{', '.join(map(repr, BACKENDS))}; got {self.backend!r}."
            )
        _, names_in = _column(X, "ReviewFeatures.fit")
        lexicon = AspectLexicon.load(self.aspects)
        ids = list(lexicon.ids)
        if self.aspects_only is not None:
            if isinstance(self.aspects_only, str):
                raise ConfigurationError(
                    "ReviewFeatures(aspects_only=...) takes a list of aspect ids; "
                    f"got the string {self.aspects_only!r}. For one aspect pass "
                    f"aspects_only=[{self.aspects_only!r}]."
                )
            repeated = sorted(
                {a for a in self.aspects_only if list(self.aspects_only).count(a) > 1}
            )
            if repeated:
                raise ConfigurationError(
                    "ReviewFeatures(aspects_only=...) names aspects more than once: "
                    f"{', '.join(map(str, repeated))}. List each aspect once."
                )
            unknown = [a for a in self.aspects_only if a not in ids]
            if unknown:
                raise ConfigurationError(
                    f"aspects_only names aspects the lexicon {lexicon.name!r} does "
                    f"not have: {', '.join(map(str, unknown))}. Known: "
                    f"{', '.join(ids)}."
                )
            ids = list(self.aspects_only)
        self.aspect_ids_ = tuple(ids)
        names = [f"{a}_{f}" for a in ids for f in ASPECT_FEATURES]
        if self.review_level:
            names += list(REVIEW_FEATURES)
        self.feature_names_out_ = np.array(names, dtype=object)
        self.n_features_in_ = 1
        if names_in is not None:
            self.feature_names_in_ = names_in
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        return self

    def transform(self, X: Iterable[Any]) -> np.ndarray:
        """Analyse each review and return its features.

        Args:
            X: Review texts (str, bytes or paths, as `reviewkit.analyze`
                takes), or `Review` objects (analysed ones are used as they
                are, parsed ones are analysed); one column of them (see the
                class).

        Returns:
            A float array, one row per review, columns as
            `get_feature_names_out`.

        Raises:
            InputError: If an element is missing or not a review (the message
                names its position), or ``X`` is one string or has more than
                one column.
        """
        check_is_fitted(self, "feature_names_out_")
        reviews = self._analyse(X)
        matrix = np.zeros((len(reviews), len(self.feature_names_out_)))
        for row, review in enumerate(reviews):
            matrix[row] = self._row(review)
        return matrix

    def __sklearn_tags__(self) -> Any:
        return _string_input_tags(super().__sklearn_tags__())

    def _more_tags(self) -> dict[str, Any]:  # scikit-learn < 1.6
        return {"X_types": ["string"]}

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Column names of `transform`'s output."""
        del input_features
        check_is_fitted(self, "feature_names_out_")
        names: np.ndarray = self.feature_names_out_.copy()
        return names

    # -- internals --

    def _analyse(self, X: Iterable[Any]) -> list[Review]:
        from reviewkit._api import analyze_with
        from reviewkit._pipeline import shared_pipeline

        items, names_in = _column(X, "ReviewFeatures.transform")
        fitted_names = getattr(self, "feature_names_in_", None)
        if (
            names_in is not None
            and fitted_names is not None
            and list(names_in) != list(fitted_names)
        ):
            raise InputError(
                f"ReviewFeatures was fitted on the column {fitted_names[0]!r}; "
                f"transform() got the column {names_in[0]!r}. Pass the same "
                "column, or fit again."
            )
        nlp = None

        def analyse(source: Any, **options: Any) -> Review:
            nonlocal nlp
            if nlp is None:
                nlp = shared_pipeline(
                    aspects=self.aspects, sentiment=self.sentiment, backend=self.backend
                )
            return analyze_with(nlp, source, **options)

        return _analysed(items, analyse)

    def _row(self, review: Review) -> list[float]:
        values: list[float] = []
        for aspect in self.aspect_ids_:
            result = review.aspects.get(aspect)
            if result is None:
                values += [0.0] * len(ASPECT_FEATURES)
                continue
            values += [
                result.score,
                math.log1p(result.mentions),
                float(result.polarity == "positive"),
                float(result.polarity == "negative"),
                float(result.polarity == "mixed"),
                1.0,
            ]
        if not self.review_level:
            return values
        opinion = [s for s in review.sentences if s.scored and s.role == "text"]
        n = max(1, len(opinion))
        compounds = [s.sentiment.compound for s in opinion]
        kinds = {s.kind for s in review.sections}
        values += [
            review.score or 0.0,
            sum(compounds) / n,
            sum(c >= 0.05 for c in compounds) / n,
            sum(c <= -0.05 for c in compounds) / n,
            sum(s.stance == "pro" for s in opinion) / n,
            sum(s.stance == "con" for s in opinion) / n,
            float("pros" in kinds),
            float("cons" in kinds),
            float(review.verdict == "recommend"),
            float(review.verdict == "not_recommend"),
            float(review.verdict == "mixed"),
            2.0 * review.rating - 1.0 if review.rating is not None else 0.0,
            float(review.rating is not None),
            float(bool(review.spoilers)),
            math.log1p(len(review.text)),
        ]
        return values

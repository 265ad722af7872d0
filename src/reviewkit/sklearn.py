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

from reviewkit._blend import Backend
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
        aspects_only: Restrict the per-aspect columns to these aspect ids.
        review_level: Include the review-level columns.

    Attributes:
        aspect_ids_: Aspect ids with columns, in order (set by ``fit``).
        feature_names_out_: Column names (set by ``fit``).
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
        """Fix the columns (from the taxonomy; the texts are not needed).

        Args:
            X: Review texts (ignored: the columns come from the lexicon).
            y: Ignored.

        Returns:
            self

        Raises:
            ConfigurationError: If ``aspects_only`` names an unknown aspect.
        """
        del X, y
        lexicon = AspectLexicon.load(self.aspects)
        ids = list(lexicon.ids)
        if self.aspects_only is not None:
            unknown = [a for a in self.aspects_only if a not in ids]
            if unknown:
                raise ConfigurationError(
                    f"aspects_only names aspects the lexicon {lexicon.name!r} does "
                    f"not have: {', '.join(unknown)}. Known: {', '.join(ids)}."
                )
            ids = list(self.aspects_only)
        self.aspect_ids_ = tuple(ids)
        names = [f"{a}_{f}" for a in ids for f in ASPECT_FEATURES]
        if self.review_level:
            names += list(REVIEW_FEATURES)
        self.feature_names_out_ = np.array(names, dtype=object)
        return self

    def transform(self, X: Iterable[Any]) -> np.ndarray:
        """Analyse each review and return its features.

        Args:
            X: Review texts (str, bytes or paths, as `reviewkit.analyze`
                takes), or already analysed `Review` objects.

        Returns:
            A float array, one row per review, columns as
            `get_feature_names_out`.

        Raises:
            InputError: If an element is not a review (the message names its
                position).
        """
        check_is_fitted(self, "feature_names_out_")
        reviews = self._analyse(X)
        matrix = np.zeros((len(reviews), len(self.feature_names_out_)))
        for row, review in enumerate(reviews):
            matrix[row] = self._row(review)
        return matrix

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

        if isinstance(X, str | bytes):
            raise InputError(
                "ReviewFeatures expects a list of reviews, not one string; wrap "
                "it in a list: transform([text])."
            )
        nlp = None
        reviews = []
        for position, item in enumerate(X):
            if isinstance(item, Review) and item.is_analyzed:
                reviews.append(item)
                continue
            if item is None or (isinstance(item, float) and math.isnan(item)):
                raise InputError(
                    f"Review {position} is missing (None/NaN). Drop or fill missing "
                    "texts before transforming, e.g. texts.fillna('')."
                )
            if nlp is None:
                nlp = shared_pipeline(
                    aspects=self.aspects, sentiment=self.sentiment, backend=self.backend
                )
            try:
                reviews.append(analyze_with(nlp, item))
            except TypeError as exc:
                raise InputError(f"Review {position}: {exc}") from None
        return reviews

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

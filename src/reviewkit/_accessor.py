"""The ``df.reviewkit`` accessor: comparisons across shows on tidy frames.

One namespace on DataFrames (registered on import of reviewkit), working on the
frames of `reviewkit.score_corpus`:

- ``aspects.reviewkit.table(by="show")``: group x aspect means, mentions,
  reviews, shares of positive/negative reviews, 95% confidence intervals;
- ``aspects.reviewkit.compare("Show A", "Show B")``: a test per aspect;
- ``aspects.reviewkit.rank("acting")``: groups ranked by one aspect;
- ``mentions.reviewkit.evidence(aspect="plot")``: the strongest sentences.

Every method checks the columns it needs (raising `FrameSchemaError`, an
``AttributeError`` as pandas accessors do) and never modifies the frame.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from reviewkit.errors import ConfigurationError, FrameSchemaError

__all__ = ["ReviewkitAccessor"]

_LEVEL_HINT = {
    "aspects": "the aspects frame of score_corpus() (result.aspects)",
    "mentions": "the mentions frame of score_corpus() (result.mentions)",
}


def _holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values (NaN stays NaN)."""
    indexed = sorted((p, i) for i, p in enumerate(p_values) if not math.isnan(p))
    adjusted = [math.nan] * len(p_values)
    running = 0.0
    m = len(indexed)
    for rank, (p, i) in enumerate(indexed):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def _interval(values: np.ndarray, confidence: float) -> tuple[float, float]:
    n = len(values)
    if n < 2:
        return math.nan, math.nan
    mean = float(values.mean())
    sem = float(values.std(ddof=1)) / math.sqrt(n)
    if sem == 0:
        return mean, mean
    half = float(stats.t.ppf((1 + confidence) / 2, n - 1)) * sem
    return max(-1.0, mean - half), min(1.0, mean + half)


def _as_present(value: Any, present: set[Any]) -> Any:
    """``value`` as the grouping column holds it: ``"2"`` names the group ``2``.

    Values typed on a command line are text, while a column of star ratings
    read from Parquet holds numbers; each is matched by its text or numeric
    value. A value matching nothing is returned unchanged.
    """
    if value in present:
        return value
    matches = [p for p in present if str(p) == str(value)]
    if not matches:
        try:
            number = float(value)
        except (TypeError, ValueError):
            return value
        matches = [
            p
            for p in present
            if isinstance(p, int | float | np.number)
            and not isinstance(p, bool)
            and float(p) == number
        ]
    return matches[0] if len(matches) == 1 else value


@pd.api.extensions.register_dataframe_accessor("reviewkit")
class ReviewkitAccessor:
    """Comparisons across shows on reviewkit's tidy frames (``df.reviewkit``)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def _require(self, method: str, level: str, *columns: str) -> pd.DataFrame:
        missing = [c for c in columns if c not in self._frame.columns]
        if missing:
            raise FrameSchemaError(
                f"df.reviewkit.{method}() needs the column(s) {', '.join(missing)}, "
                f"which this frame lacks. It expects {_LEVEL_HINT[level]}; this "
                f"frame has {', '.join(map(str, self._frame.columns)) or 'no columns'}."
            )
        return self._frame

    # -- tables --

    def table(
        self,
        by: str | Sequence[str] = "show",
        *,
        min_reviews: int = 1,
        confidence: float = 0.95,
        wide: bool = False,
    ) -> pd.DataFrame:
        """Group x aspect summary of review-level aspect scores.

        Args:
            by: Column(s) to group by (``show``, ``reviewer``...).
            min_reviews: Drop groups with fewer reviews for an aspect.
            confidence: Level of the confidence interval of the mean.
            wide: Return the mean score as a group x aspect matrix instead.

        Returns:
            One row per group and aspect: ``reviews``, ``mentions``,
            ``mean_score``, ``ci_low``, ``ci_high``, ``share_positive``,
            ``share_negative``, ``share_mixed`` (shares of reviews).
        """
        keys = [by] if isinstance(by, str) else list(by)
        frame = self._require(
            "table",
            "aspects",
            *keys,
            "aspect",
            "score",
            "polarity",
            "mentions",
            "review_id",
        )
        columns = [
            *keys, "aspect", "reviews", "mentions", "mean_score", "ci_low", "ci_high",
            "share_positive", "share_negative", "share_mixed",
        ]  # fmt: skip
        rows = []
        for group, part in frame.groupby(
            [*keys, "aspect"], observed=True, sort=True, dropna=False
        ):
            scores = part["score"].to_numpy(dtype=float)
            reviews = part["review_id"].nunique()
            if reviews < min_reviews:
                continue
            low, high = _interval(scores, confidence)
            polarity = part["polarity"].astype(str)
            rows.append(
                (
                    *(group if isinstance(group, tuple) else (group,)),
                    reviews,
                    int(part["mentions"].sum()),
                    float(scores.mean()),
                    low,
                    high,
                    float((polarity == "positive").mean()),
                    float((polarity == "negative").mean()),
                    float((polarity == "mixed").mean()),
                )
            )
        result = pd.DataFrame(rows, columns=columns)
        result = result.astype(
            {"reviews": "int64", "mentions": "int64", "mean_score": "float64"}
        )
        if wide:
            pivot: pd.DataFrame = result.pivot_table(
                index=keys, columns="aspect", values="mean_score", observed=True
            )
            return pivot
        typed: pd.DataFrame = result
        return typed

    def rank(
        self,
        aspect: str,
        *,
        by: str = "show",
        min_reviews: int = 1,
        ascending: bool = False,
    ) -> pd.DataFrame:
        """Groups ranked by their mean score on one aspect.

        Args:
            aspect: The aspect id, e.g. ``"acting"``.
            by: The grouping column.
            min_reviews: Leave out groups with fewer reviews of that aspect.
            ascending: Worst first instead of best first.

        Returns:
            The `table` rows of that aspect, ranked, with a ``rank`` column.
        """
        frame = self._require("rank", "aspects", by, "aspect")
        known = set(frame["aspect"].dropna().astype(str))
        if aspect not in known:
            raise ConfigurationError(
                f"No reviews mention aspect {aspect!r}. Aspects in this frame: "
                f"{', '.join(sorted(known)) or '(none)'}."
            )
        table = frame.reviewkit.table(by=by, min_reviews=min_reviews)
        table = table[table["aspect"] == aspect].sort_values(
            "mean_score", ascending=ascending, kind="stable"
        )
        table.insert(0, "rank", range(1, len(table) + 1))
        ranked: pd.DataFrame = table.reset_index(drop=True)
        return ranked

    # -- tests --

    def compare(
        self,
        a: Any,
        b: Any,
        *,
        by: str = "show",
        test: Literal["mannwhitney", "welch"] = "mannwhitney",
        alpha: float = 0.05,
    ) -> pd.DataFrame:
        """Compare two groups aspect by aspect, with a significance test each.

        Args:
            a: A value of ``by`` (a show) or a list of values (a group of shows).
            b: The other value or values.
            by: The grouping column.
            test: ``"mannwhitney"`` (Mann-Whitney U, no normality assumed) or
                ``"welch"`` (Welch's t-test), on review-level aspect scores.
            alpha: Significance level, applied to Holm-adjusted p-values.

        Returns:
            One row per aspect: ``n_a``, ``n_b``, ``mean_a``, ``mean_b``,
            ``difference``, ``statistic``, ``p_value``, ``p_adjusted``,
            ``significant``. Aspects with fewer than two reviews on a side get
            NaN statistics, as do Welch tests of two groups without variance.
        """
        if test not in ("mannwhitney", "welch"):
            raise ConfigurationError(
                f"test must be 'mannwhitney' or 'welch'; got {test!r}."
            )
        frame = self._require("compare", "aspects", by, "aspect", "score")
        group_a = [a] if isinstance(a, str) or not isinstance(a, Sequence) else list(a)
        group_b = [b] if isinstance(b, str) or not isinstance(b, Sequence) else list(b)
        present = set(frame[by].dropna())
        group_a = [_as_present(g, present) for g in group_a]
        group_b = [_as_present(g, present) for g in group_b]
        absent = [g for g in (*group_a, *group_b) if g not in present]
        if absent:
            raise ConfigurationError(
                f"{by} value(s) {', '.join(map(repr, absent))} are not in the frame. "
                f"Known: {', '.join(map(str, sorted(map(str, present))))}."
            )
        side_a = frame[frame[by].isin(group_a)]
        side_b = frame[frame[by].isin(group_b)]
        aspects = sorted(
            set(side_a["aspect"].dropna()) | set(side_b["aspect"].dropna())
        )
        rows = []
        for aspect in aspects:
            x = side_a.loc[side_a["aspect"] == aspect, "score"].to_numpy(dtype=float)
            y = side_b.loc[side_b["aspect"] == aspect, "score"].to_numpy(dtype=float)
            statistic = p_value = math.nan
            degenerate = bool(len(x) and len(y)) and np.ptp(x) == 0 == np.ptp(y)
            if len(x) >= 2 and len(y) >= 2 and not (degenerate and test == "welch"):
                if test == "welch":
                    result = stats.ttest_ind(x, y, equal_var=False)
                else:
                    result = stats.mannwhitneyu(x, y, alternative="two-sided")
                statistic, p_value = float(result.statistic), float(result.pvalue)
            mean_a = float(x.mean()) if len(x) else math.nan
            mean_b = float(y.mean()) if len(y) else math.nan
            rows.append(
                (
                    aspect,
                    len(x),
                    len(y),
                    mean_a,
                    mean_b,
                    mean_a - mean_b,
                    statistic,
                    p_value,
                )
            )
        result_frame = pd.DataFrame(
            rows,
            columns=[
                "aspect", "n_a", "n_b", "mean_a", "mean_b", "difference",
                "statistic", "p_value",
            ],
        )  # fmt: skip
        result_frame["p_adjusted"] = _holm(result_frame["p_value"].tolist())
        result_frame["significant"] = result_frame["p_adjusted"] < alpha
        result_frame.attrs["test"] = test
        result_frame.attrs["groups"] = (group_a, group_b)
        compared: pd.DataFrame = result_frame
        return compared

    # -- evidence --

    def evidence(
        self,
        *,
        by: str = "show",
        aspect: str | None = None,
        n: int = 3,
        polarity: Literal["positive", "negative"] | None = None,
    ) -> pd.DataFrame:
        """The strongest evidence per group and aspect.

        Works on the mentions frame (scored mentions, strongest clauses by
        absolute score) or the aspects frame (each review's top evidence).

        Args:
            by: The grouping column.
            aspect: Only this aspect.
            n: How many per group and aspect.
            polarity: Only positive or only negative evidence.

        Returns:
            Rows with the group, aspect, score and the evidence text.
        """
        frame = self._frame
        if "clause" in frame.columns:
            frame = self._require(
                "evidence", "mentions", by, "aspect", "clause", "compound"
            )
            if "scored" in frame.columns:
                frame = frame[frame["scored"]]
            frame = frame.assign(score=frame["compound"], evidence=frame["clause"])
        else:
            frame = self._require(
                "evidence", "aspects", by, "aspect", "evidence", "score"
            )
            if "evidence_score" in frame.columns:
                # Rank by the evidence's own score, not the review's aspect score.
                frame = frame.assign(score=frame["evidence_score"])
        if aspect is not None:
            frame = frame[frame["aspect"] == aspect]
        if polarity == "positive":
            frame = frame[frame["score"] > 0]
        elif polarity == "negative":
            frame = frame[frame["score"] < 0]
        frame = frame.assign(strength=frame["score"].abs()).sort_values(
            [by, "aspect", "strength"], ascending=[True, True, False], kind="stable"
        )
        keep = [
            c
            for c in (by, "aspect", "review_id", "score", "evidence")
            if c in frame.columns
        ]
        top = frame.groupby([by, "aspect"], observed=True, sort=False).head(n)
        found: pd.DataFrame = (
            top[keep]
            .drop_duplicates(subset=[by, "aspect", "evidence"])
            .reset_index(drop=True)
        )
        return found

"""Plots of aspect sentiment across shows (optional extra ``viz``: matplotlib).

Every function takes the aspects frame of `reviewkit.score_corpus` as it comes
(``result.aspects``, or ``pd.read_parquet("out/scores.parquet")``), draws on
the matplotlib Axes you pass (or on a new figure) and returns that Axes; the
figure is ``ax.figure``. Nothing is shown or saved: call ``fig.savefig(...)``
yourself, so they work headless (the Agg backend) as well as in notebooks.

- `heatmap`: group x aspect mean scores, centred at 0, mention counts in the
  cells, aspects a group never mentions hatched;
- `aspect_bars`: aspect means per group with confidence intervals;
- `distribution`: the review-level scores of one aspect per group.

Colours follow `reviewkit._style`: green is positive, red negative, as in the
terminal and HTML views.

Examples:
    >>> import reviewkit
    >>> from reviewkit import viz
    >>> result = reviewkit.score_corpus("data/reviews")  # doctest: +SKIP
    >>> ax = viz.heatmap(result.aspects)  # doctest: +SKIP
    >>> ax.figure.savefig("heatmap.png", dpi=150)  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reviewkit import _accessor as _accessor  # registers df.reviewkit
from reviewkit._style import POLARITY_COLOURS, score_colour
from reviewkit.errors import ConfigurationError, FrameSchemaError, missing_dependency

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap

__all__ = ["aspect_bars", "distribution", "heatmap", "score_colormap"]

#: Cells of the heatmap for aspects a group never mentions.
NOT_MENTIONED = "#eaeef2"
_HATCH_EDGE = "#afb8c1"
_TEXT = "#1f2328"
_WHITE_TEXT_ABOVE = 0.55  # |score| from which cell labels are white


def _pyplot() -> Any:
    """Import pyplot, or say which extra installs matplotlib."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise missing_dependency("plotting", "matplotlib", "viz") from exc
    return plt


def _require(frame: Any, function: str, *columns: str) -> pd.DataFrame:
    """Check that ``frame`` is an aspects frame with ``columns``."""
    expects = (
        "the aspects frame of score_corpus() (result.aspects, or the OUT.parquet "
        "file `reviewkit score` writes: one row per review and aspect)"
    )
    if not isinstance(frame, pd.DataFrame):
        raise FrameSchemaError(
            f"reviewkit.viz.{function}() needs a pandas DataFrame: {expects}; got "
            f"{type(frame).__name__}."
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        hint = ""
        if "clause" in frame.columns:
            hint = " This looks like the mentions frame; pass result.aspects instead."
        elif "status" in frame.columns:
            hint = " This looks like the reviews frame; pass result.aspects instead."
        raise FrameSchemaError(
            f"reviewkit.viz.{function}() needs the column(s) {', '.join(missing)}, "
            f"which this frame lacks. It expects {expects}; this frame has "
            f"{', '.join(map(str, frame.columns)) or 'no columns'}.{hint}"
        )
    return frame


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    plt = _pyplot()
    if ax is not None:
        return ax
    _, created = plt.subplots(figsize=size, layout="constrained")
    axes: Axes = created
    return axes


def score_colormap() -> Colormap:
    """The diverging colormap of aspect scores: red (-1), white (0), green (+1).

    Returns:
        A matplotlib colormap whose ends are the terminal and HTML views'
        negative and positive colours; masked (NaN) values are drawn grey.
    """
    _pyplot()
    from matplotlib.colors import LinearSegmentedColormap

    cmap = LinearSegmentedColormap.from_list(
        "reviewkit",
        [POLARITY_COLOURS["negative"], "#fbfbfc", POLARITY_COLOURS["positive"]],
    )
    return cmap.with_extremes(bad=NOT_MENTIONED)


def _order_aspects(table: pd.DataFrame, order: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(table["aspect"].astype(str)))
    if order is None:
        reviews = table.groupby("aspect", observed=True)["reviews"].sum()
        return sorted(present, key=lambda a: (-int(reviews[a]), a))
    unknown = [a for a in order if a not in present]
    if unknown:
        raise ConfigurationError(
            f"Aspect(s) {', '.join(map(repr, unknown))} have no scores here. "
            f"Aspects in this frame: {', '.join(sorted(present)) or '(none)'}."
        )
    return list(order)


def heatmap(
    frame: pd.DataFrame,
    by: str = "show",
    ax: Axes | None = None,
    min_reviews: int = 1,
    *,
    aspects: Sequence[str] | None = None,
    annotate: bool = True,
    colorbar: bool = True,
) -> Axes:
    """Draw a group x aspect heatmap of mean aspect scores.

    Each cell is the mean of the review-level scores of one aspect over the
    group's reviews, on a diverging scale centred at 0 (red -1, white 0,
    green +1). Cells are annotated with the mean and, below it, the number of
    mentions; aspects a group never mentions are grey and hatched, not 0.

    Args:
        frame: The aspects frame of `reviewkit.score_corpus`.
        by: The grouping column (``show``, ``reviewer``, ``platform``...).
        ax: Axes to draw on; a new figure is made when None.
        min_reviews: Leave a cell empty when fewer reviews mention the aspect.
        aspects: Aspects to show, in this order (default: all, most reviewed
            first).
        annotate: Write the mean and the mention count in each cell.
        colorbar: Add a colour bar next to the axes.

    Returns:
        The Axes (``ax.figure`` is the figure).

    Raises:
        FrameSchemaError: If ``frame`` is not an aspects frame.
        ConfigurationError: If nothing is left to plot.

    Examples:
        >>> import reviewkit
        >>> from reviewkit import viz
        >>> result = reviewkit.score_corpus("data/reviews")  # doctest: +SKIP
        >>> ax = viz.heatmap(result.aspects, by="show")  # doctest: +SKIP
        >>> ax.figure.savefig("shows.png")  # doctest: +SKIP
    """
    _require(
        frame, "heatmap", by, "aspect", "score", "polarity", "mentions", "review_id"
    )
    _pyplot()
    from matplotlib.colors import TwoSlopeNorm
    from matplotlib.patches import Rectangle

    table = frame.reviewkit.table(by=by, min_reviews=min_reviews)
    if table.empty:
        raise ConfigurationError(
            f"Nothing to plot: no {by} has an aspect mentioned in at least "
            f"{min_reviews} review(s) (the frame has {len(frame)} rows)."
        )
    columns = _order_aspects(table, aspects)
    table = table[table["aspect"].isin(columns)]
    groups = sorted(table[by].astype(str).unique())
    keyed = table.assign(_group=table[by].astype(str), aspect=table["aspect"])
    means = (
        keyed.pivot(index="_group", columns="aspect", values="mean_score")
        .reindex(index=groups, columns=columns)
        .to_numpy(dtype=float)
    )
    counts = (
        keyed.pivot(index="_group", columns="aspect", values="mentions")
        .reindex(index=groups, columns=columns)
        .to_numpy(dtype=float)
    )
    axes = _new_axes(
        ax, (max(6.0, 0.8 * len(columns) + 3.0), max(2.6, 0.55 * len(groups) + 2.0))
    )
    image = axes.imshow(
        np.ma.masked_invalid(means),
        cmap=score_colormap(),
        norm=TwoSlopeNorm(vmin=-1.0, vcenter=0.0, vmax=1.0),
        aspect="auto",
        interpolation="nearest",
    )
    for row, column in zip(*np.nonzero(np.isnan(means)), strict=True):
        axes.add_patch(
            Rectangle(
                (column - 0.5, row - 0.5),
                1,
                1,
                fill=False,
                hatch="///",
                edgecolor=_HATCH_EDGE,
                linewidth=0,
                gid="not-mentioned",
            )
        )
    if annotate:
        for row in range(len(groups)):
            for column in range(len(columns)):
                value = means[row, column]
                if math.isnan(value):
                    continue
                colour = "white" if abs(value) >= _WHITE_TEXT_ABOVE else _TEXT
                axes.text(
                    column,
                    row,
                    f"{value:+.2f}\n{int(counts[row, column])}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=colour,
                    linespacing=1.15,
                )
    axes.set_xticks(range(len(columns)), columns, rotation=40, ha="right")
    axes.set_yticks(range(len(groups)), groups)
    axes.set_xticks(np.arange(-0.5, len(columns), 1), minor=True)
    axes.set_yticks(np.arange(-0.5, len(groups), 1), minor=True)
    axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="minor", length=0)
    axes.tick_params(which="major", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(f"Mean aspect score by {by}", fontsize=10, loc="left")
    axes.set_xlabel(
        "cell: mean score and mentions · hatched: not mentioned",
        fontsize=8,
        color="#57606a",
    )
    if colorbar:
        bar = axes.figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
        bar.set_label("mean score")
        bar.set_ticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    return axes


def _as_list(value: Any) -> list[Any] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        return [value]
    return list(value)


def aspect_bars(
    frame: pd.DataFrame,
    show: Any = None,
    by: str = "show",
    ax: Axes | None = None,
    *,
    aspects: Sequence[str] | None = None,
    min_reviews: int = 1,
    confidence: float = 0.95,
) -> Axes:
    """Draw mean aspect scores per group as bars with confidence intervals.

    The means and intervals are those of ``frame.reviewkit.table`` (a
    t-interval of the review-level scores; groups with one review of an aspect
    have no interval). Each bar is labelled with its number of reviews.

    Args:
        frame: The aspects frame of `reviewkit.score_corpus`.
        show: A value of ``by`` (one show), a list of values, or None for all.
        by: The grouping column.
        ax: Axes to draw on; a new figure is made when None.
        aspects: Aspects to show, in this order (default: all the selected
            groups mention, best mean first).
        min_reviews: Leave out bars with fewer reviews.
        confidence: Level of the intervals (0.95 for 95%).

    Returns:
        The Axes.

    Raises:
        FrameSchemaError: If ``frame`` is not an aspects frame.
        ConfigurationError: If a show or aspect is not in the frame.

    Examples:
        >>> from reviewkit import viz
        >>> ax = viz.aspect_bars(result.aspects, "Harrowgate Marsh")  # doctest: +SKIP
        >>> ax = viz.aspect_bars(  # doctest: +SKIP
        ...     result.aspects,
        ...     show=["Harrowgate Marsh", "Emberfall Station"],
        ...     aspects=["acting", "plot", "ending"],
        ... )
    """
    _require(
        frame,
        "aspect_bars",
        by,
        "aspect",
        "score",
        "polarity",
        "mentions",
        "review_id",
    )
    table = frame.reviewkit.table(by=by, min_reviews=min_reviews, confidence=confidence)
    known = sorted(table[by].dropna().astype(str).unique())
    chosen = _as_list(show)
    if chosen is None:
        chosen = known
    else:
        absent = [g for g in chosen if str(g) not in known]
        if absent:
            raise ConfigurationError(
                f"{by} value(s) {', '.join(map(repr, absent))} have no aspect scores "
                f"here. Known: {', '.join(known) or '(none)'}."
            )
        chosen = [str(g) for g in chosen]
    table = table[table[by].astype(str).isin(chosen)]
    if table.empty:
        raise ConfigurationError(f"Nothing to plot: no aspect scores for {by}.")
    if aspects is None:
        means = table.groupby("aspect", observed=True)["mean_score"].mean()
        columns = sorted(means.index.astype(str), key=lambda a: (-means[a], a))
    else:
        columns = _order_aspects(table, aspects)
    axes = _new_axes(
        ax, (min(13.0, max(6.0, 0.45 * len(columns) * len(chosen) + 2.5)), 4.2)
    )
    width = 0.8 / len(chosen)
    positions = np.arange(len(columns), dtype=float)
    single = len(chosen) == 1
    palette = [f"C{i}" for i in range(10)]
    for index, group in enumerate(chosen):
        part = table[table[by].astype(str) == group].set_index("aspect")
        part = part.reindex(columns)
        mean = part["mean_score"].to_numpy(dtype=float)
        low = np.nan_to_num(mean - part["ci_low"].to_numpy(dtype=float))
        high = np.nan_to_num(part["ci_high"].to_numpy(dtype=float) - mean)
        x = positions - 0.4 + width * (index + 0.5)
        heights = np.nan_to_num(mean)
        colours: Any = (
            [score_colour(v) for v in heights]
            if single
            else palette[index % len(palette)]
        )
        bars = axes.bar(x, heights, width=width * 0.92, color=colours, label=group)
        finite = ~np.isnan(part["ci_low"].to_numpy(dtype=float))
        if finite.any():
            axes.errorbar(
                x[finite],
                heights[finite],
                yerr=np.vstack([low[finite], high[finite]]),
                fmt="none",
                ecolor="#424a53",
                elinewidth=1,
                capsize=3 if width > 0.15 else 1.5,
            )
        reviews = part["reviews"].to_numpy(dtype=float)
        for bar, value, n, up, down in zip(bars, mean, reviews, high, low, strict=True):
            if math.isnan(value):
                continue
            above = value >= 0
            y = value + up + 0.03 if above else value - down - 0.03
            axes.text(
                bar.get_x() + bar.get_width() / 2,
                y,
                f"n={int(n)}",
                ha="center",
                va="bottom" if above else "top",
                fontsize=7,
                color="#57606a",
            )
    axes.axhline(0, color="#57606a", linewidth=0.8)
    axes.set_xticks(positions, columns, rotation=30, ha="right")
    axes.set_ylim(-1.15, 1.15)
    axes.set_ylabel(f"mean score ({confidence:.0%} CI)")
    axes.spines[["top", "right"]].set_visible(False)
    if single:
        axes.set_title(f"Aspect scores: {chosen[0]}", loc="left", fontsize=11)
    else:
        axes.set_title(f"Aspect scores by {by}", loc="left", fontsize=11)
        axes.legend(frameon=False, fontsize=8, ncols=min(len(chosen), 3))
    return axes


def distribution(
    frame: pd.DataFrame,
    aspect: str,
    by: str = "show",
    ax: Axes | None = None,
    *,
    order: Sequence[str] | None = None,
    seed: int = 0,
) -> Axes:
    """Draw the review-level scores of one aspect per group (box and points).

    Each point is one review's score for the aspect, coloured by its polarity
    (jittered sideways so that equal scores stay visible); the box shows the
    quartiles and the median. Groups whose reviews never mention the aspect
    are left out.

    Args:
        frame: The aspects frame of `reviewkit.score_corpus`.
        aspect: The aspect id, e.g. ``"acting"``.
        by: The grouping column.
        ax: Axes to draw on; a new figure is made when None.
        order: Groups to show, in this order (default: all, alphabetical).
        seed: Seed of the sideways jitter (the plot is reproducible).

    Returns:
        The Axes.

    Raises:
        FrameSchemaError: If ``frame`` is not an aspects frame.
        ConfigurationError: If no review mentions the aspect.

    Examples:
        >>> from reviewkit import viz
        >>> ax = viz.distribution(result.aspects, "ending")  # doctest: +SKIP
    """
    _require(frame, "distribution", by, "aspect", "score", "polarity")
    rows = frame[frame["aspect"] == aspect]
    rows = rows[rows[by].notna()]
    if rows.empty:
        known = sorted(frame["aspect"].dropna().astype(str).unique())
        raise ConfigurationError(
            f"No reviews mention aspect {aspect!r}. Aspects in this frame: "
            f"{', '.join(known) or '(none)'}."
        )
    groups = sorted(rows[by].astype(str).unique()) if order is None else list(order)
    axes = _new_axes(ax, (max(5.0, 1.3 * len(groups) + 2.0), 4.0))
    data = [
        rows.loc[rows[by].astype(str) == g, "score"].to_numpy(dtype=float)
        for g in groups
    ]
    positions = np.arange(1, len(groups) + 1, dtype=float)
    filled = [(p, d) for p, d in zip(positions, data, strict=True) if len(d)]
    if filled:
        axes.boxplot(
            [d for _, d in filled],
            positions=[p for p, _ in filled],
            widths=0.5,
            showfliers=False,
            patch_artist=True,
            boxprops={"facecolor": "#f6f8fa", "edgecolor": "#8c959f"},
            medianprops={"color": _TEXT, "linewidth": 1.5},
            whiskerprops={"color": "#8c959f"},
            capprops={"color": "#8c959f"},
        )
    rng = np.random.default_rng(seed)
    for position, group in zip(positions, groups, strict=True):
        part = rows[rows[by].astype(str) == group]
        scores = part["score"].to_numpy(dtype=float)
        colours = [POLARITY_COLOURS[str(p)] for p in part["polarity"]]
        jitter = rng.uniform(-0.12, 0.12, size=len(scores))
        axes.scatter(
            position + jitter,
            scores,
            s=30,
            c=colours,
            edgecolors="white",
            linewidths=0.6,
            zorder=3,
        )
    axes.axhline(0, color="#57606a", linewidth=0.8, linestyle="--")
    labels = [f"{g}\n(n={len(d)})" for g, d in zip(groups, data, strict=True)]
    axes.set_xticks(positions, labels, fontsize=8)
    axes.set_xlim(0.4, len(groups) + 0.6)
    axes.set_ylim(-1.05, 1.05)
    axes.set_ylabel(f"{aspect} score per review")
    axes.set_title(f"{aspect}: review-level scores by {by}", loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return axes

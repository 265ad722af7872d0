"""reviewkit.viz: headless plots of the aspects frame."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reviewkit
from reviewkit._style import POLARITY_COLOURS
from reviewkit.errors import (
    ConfigurationError,
    FrameSchemaError,
    MissingDependencyError,
)

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import TwoSlopeNorm, to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from reviewkit import viz  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "reviews"


@pytest.fixture(scope="module")
def result() -> reviewkit.CorpusResult:
    return reviewkit.score_corpus(SAMPLE, progress=False)


@pytest.fixture(scope="module")
def aspects(result: reviewkit.CorpusResult) -> pd.DataFrame:
    return result.aspects


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_heatmap_cells_and_annotations(aspects: pd.DataFrame) -> None:
    ax = viz.heatmap(aspects)
    assert isinstance(ax, Axes)
    assert isinstance(ax.figure, Figure)
    table = aspects.reviewkit.table(by="show")
    groups = [t.get_text() for t in ax.get_yticklabels()]
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert groups == sorted(aspects["show"].unique())
    assert sorted(columns) == sorted(aspects["aspect"].unique())
    image = ax.images[0]
    norm = image.norm
    assert isinstance(norm, TwoSlopeNorm)
    assert (norm.vmin, norm.vcenter, norm.vmax) == (-1.0, 0.0, 1.0)
    values = image.get_array()
    assert values is not None
    assert values.shape == (len(groups), len(columns))
    # One annotation per mentioned cell: the mean and the mention count.
    annotations = texts(ax)
    assert len(annotations) == len(table)
    row = table[(table["show"] == groups[0]) & (table["aspect"] == columns[0])].iloc[0]
    assert f"{row['mean_score']:+.2f}\n{row['mentions']}" in annotations
    for text in annotations:
        mean, count = text.split("\n")
        assert -1 <= float(mean) <= 1
        assert int(count) >= 1


def test_heatmap_not_mentioned_cells_are_masked_and_hatched(
    aspects: pd.DataFrame,
) -> None:
    ax = viz.heatmap(aspects)
    values = ax.images[0].get_array()
    assert values is not None
    mask = np.ma.getmaskarray(values)
    table = aspects.reviewkit.table(by="show")
    groups = [t.get_text() for t in ax.get_yticklabels()]
    columns = [t.get_text() for t in ax.get_xticklabels()]
    expected = len(groups) * len(columns) - len(table)
    assert expected > 0  # the sample has aspects some shows never mention
    assert int(mask.sum()) == expected
    hatched = [p for p in ax.patches if p.get_gid() == "not-mentioned"]
    assert len(hatched) == expected
    # Masked cells are not drawn as 0 (white): the colormap's "bad" colour.
    cmap = ax.images[0].get_cmap()
    assert to_hex(cmap.get_bad()) != to_hex(cmap(0.5))


def test_heatmap_with_nan_scores_and_min_reviews() -> None:
    frame = pd.DataFrame(
        {
            "review_id": ["a", "b", "c", "d"],
            "show": ["X", "X", "Y", "Y"],
            "aspect": ["plot", "plot", "plot", "acting"],
            "score": [0.5, -0.1, -0.8, 0.9],
            "polarity": ["positive", "negative", "negative", "positive"],
            "mentions": [2, 1, 3, 1],
        }
    )
    ax = viz.heatmap(frame, colorbar=False)
    assert sorted(texts(ax)) == sorted(["+0.20\n3", "-0.80\n3", "+0.90\n1"])
    ax = viz.heatmap(frame, min_reviews=2, colorbar=False)
    assert texts(ax) == ["+0.20\n3"]
    with pytest.raises(ConfigurationError, match="Nothing to plot"):
        viz.heatmap(frame, min_reviews=5)


def test_heatmap_on_given_axes_and_other_groups(aspects: pd.DataFrame) -> None:
    _, (left, right) = plt.subplots(1, 2)
    returned = viz.heatmap(aspects, by="reviewer", ax=right, aspects=["acting", "plot"])
    assert returned is right
    assert [t.get_text() for t in right.get_xticklabels()] == ["acting", "plot"]
    assert not left.images
    with pytest.raises(ConfigurationError, match="no scores"):
        viz.heatmap(aspects, aspects=["sandwiches"])


def test_aspect_bars_one_show_with_intervals(aspects: pd.DataFrame) -> None:
    ax = viz.aspect_bars(aspects, show="Harrowgate Marsh")
    table = aspects.reviewkit.table(by="show")
    rows = table[table["show"] == "Harrowgate Marsh"]
    bars = ax.containers[0]
    assert len(bars) == len(rows)
    heights = sorted(b.get_height() for b in bars)
    assert heights == pytest.approx(sorted(rows["mean_score"]), abs=1e-9)
    # Green bars for positive means, red for negative ones (the shared colours).
    for bar in bars:
        if bar.get_height() >= 0.05:
            assert to_hex(bar.get_facecolor()) == POLARITY_COLOURS["positive"]
        elif bar.get_height() <= -0.05:
            assert to_hex(bar.get_facecolor()) == POLARITY_COLOURS["negative"]
    # Error bars for the aspects with at least two reviews.
    with_interval = int(rows["ci_low"].notna().sum())
    errorbars = [c for c in ax.containers if c not in (bars,)]
    assert with_interval > 0
    assert sum(len(c.lines[2][0].get_segments()) for c in errorbars) == with_interval
    assert any(t.startswith("n=") for t in texts(ax))
    assert "95% CI" in ax.get_ylabel()


def test_aspect_bars_several_shows(aspects: pd.DataFrame) -> None:
    shows = ["Harrowgate Marsh", "Emberfall Station"]
    ax = viz.aspect_bars(aspects, show=shows, aspects=["acting", "plot", "ending"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["acting", "plot", "ending"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == shows
    with pytest.raises(ConfigurationError, match="Known"):
        viz.aspect_bars(aspects, show="Not A Show")


def test_distribution_points_and_boxes(aspects: pd.DataFrame) -> None:
    ax = viz.distribution(aspects, "ending")
    rows = aspects[aspects["aspect"] == "ending"]
    points = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
    assert sorted(points.round(6)) == sorted(rows["score"].round(6))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(labels) == rows["show"].nunique()
    assert all("(n=" in label for label in labels)
    with pytest.raises(ConfigurationError, match="No reviews mention"):
        viz.distribution(aspects, "sandwiches")


def test_plots_save_headless(aspects: pd.DataFrame, tmp_path: Path) -> None:
    assert matplotlib.get_backend().lower() == "agg"
    for draw in (
        lambda: viz.heatmap(aspects),
        lambda: viz.aspect_bars(aspects),
        lambda: viz.distribution(aspects, "acting"),
    ):
        ax = draw()
        target = tmp_path / f"{len(list(tmp_path.iterdir()))}.png"
        ax.figure.savefig(target)
        assert target.stat().st_size > 1000


def test_frames_read_back_from_parquet(
    result: reviewkit.CorpusResult, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    paths = result.to_parquet(tmp_path / "scores.parquet")
    frame = pd.read_parquet(paths["aspects"])
    ax = viz.heatmap(frame)
    assert len(texts(ax)) == len(frame.reviewkit.table(by="show"))


@pytest.mark.parametrize("function", ["heatmap", "aspect_bars", "distribution"])
def test_bad_frames_raise_frame_schema_error(
    function: str, result: reviewkit.CorpusResult
) -> None:
    draw = getattr(viz, function)
    extra = ("acting",) if function == "distribution" else ()
    with pytest.raises(
        FrameSchemaError, match=r"aspects frame of score_corpus"
    ) as info:
        draw(result.mentions, *extra)
    assert "mentions frame" in str(info.value)
    assert f"reviewkit.viz.{function}()" in str(info.value)
    with pytest.raises(FrameSchemaError, match="reviews frame"):
        draw(result.reviews, *extra)
    with pytest.raises(FrameSchemaError, match="needs a pandas DataFrame"):
        draw([1, 2, 3], *extra)
    with pytest.raises(FrameSchemaError, match="platfrom"):
        draw(result.aspects, *extra, by="platfrom")


def test_missing_matplotlib_names_the_extra(
    aspects: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(MissingDependencyError, match=r"reviewkit\[viz\]"):
        viz.heatmap(aspects)


def test_score_colormap_ends_match_the_views() -> None:
    cmap = viz.score_colormap()
    assert to_hex(cmap(0.0)) == POLARITY_COLOURS["negative"]
    assert to_hex(cmap(1.0)) == POLARITY_COLOURS["positive"]
    assert math.isclose(sum(cmap(0.5)[:3]) / 3, 0.98, abs_tol=0.02)

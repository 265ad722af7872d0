"""Scale out on Dask: score a Dask DataFrame partition by partition.

Requires the ``dask`` extra (``pip install 'reviewkit[dask]'``). Each partition
is analysed once by `reviewkit.score_partition`, the same function the local
path uses, on whatever scheduler is active (threads, processes, or a
``distributed`` cluster); the five levels are Dask DataFrames built from those
shared tasks, so computing several levels together analyses each review once.

Examples:
    >>> import dask.dataframe as dd
    >>> from reviewkit.dask import score_dask
    >>> reviews = dd.read_parquet("reviews/")  # doctest: +SKIP
    >>> scored = score_dask(reviews, id_col="review_id")  # doctest: +SKIP
    >>> scored.to_parquet("out/")  # doctest: +SKIP
"""

from __future__ import annotations

import operator
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewkit._blend import Backend
from reviewkit._corpus import CorpusResult, CorpusStats, plan_frame, score_partition
from reviewkit._frames import LEVELS, empty_frame
from reviewkit._lexicon import AspectLexicon
from reviewkit._sentiment import DEFAULT_SENTIMENT, SentimentLexicon
from reviewkit._vocab import HeadingVocabulary
from reviewkit.errors import missing_dependency

__all__ = ["DaskCorpus", "score_dask"]

try:
    import dask.dataframe as dd
    from dask.base import compute
    from dask.delayed import delayed
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise missing_dependency("reviewkit.dask", "dask", "dask") from exc


@dataclass(frozen=True)
class DaskCorpus:
    """The five tidy frames of a corpus as lazy Dask DataFrames.

    Attributes:
        levels: Level name -> Dask DataFrame (same schemas as `score_corpus`).
        meta: Metadata column names.
    """

    levels: dict[str, dd.DataFrame]
    meta: tuple[str, ...]

    def __getattr__(self, name: str) -> dd.DataFrame:
        if name in LEVELS:
            return self.levels[name]
        raise AttributeError(name)

    def compute(self, **kwargs: Any) -> CorpusResult:
        """Compute all levels in one graph (each review analysed once).

        Args:
            **kwargs: Passed to `dask.compute` (``scheduler=...``).

        Returns:
            A `CorpusResult` in memory.
        """
        started = time.perf_counter()
        computed = compute(*(self.levels[level] for level in LEVELS), **kwargs)
        frames = {
            level: frame.reset_index(drop=True)
            for level, frame in zip(LEVELS, computed, strict=True)
        }
        reviews = frames["reviews"]
        failed = int((reviews["status"] == "error").sum())
        stats = CorpusStats(
            records=len(reviews),
            analysed=len(reviews) - failed,
            failed=failed,
            seconds=time.perf_counter() - started,
        )
        return CorpusResult(meta=self.meta, stats=stats, _frames=frames)

    def to_parquet(self, folder: str | Path, **kwargs: Any) -> dict[str, Path]:
        """Write each level as a Parquet dataset folder, in one computation.

        Args:
            folder: Output folder; each level goes to ``folder/<level>/``.
            **kwargs: Passed to `dask.compute`.

        Returns:
            The folder of each level.
        """
        root = Path(folder)
        writes = [
            self.levels[level].to_parquet(
                root / level, write_index=False, compute=False
            )
            for level in LEVELS
        ]
        compute(*writes, **kwargs)
        return {level: root / level for level in LEVELS}


def score_dask(
    frame: dd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | None = None,
    aspects: str | Path | AspectLexicon | None = None,
    headings: str | Path | HeadingVocabulary | None = None,
    sentiment: str | Path | SentimentLexicon | None = DEFAULT_SENTIMENT,
    model: str = "blank:en",
    format: str = "auto",
    backend: Backend = "vader",
) -> DaskCorpus:
    """Score a Dask DataFrame of reviews, lazily.

    Args:
        frame: One row per review.
        text_col: The text column.
        id_col: Unique review ids; without it rows are numbered per partition
            (``"p3-17"``). Duplicate ids across partitions are not checked.
        meta_cols: Metadata columns to carry (default: all others).
        aspects: Aspect lexicon (objects are sent to workers as plain data).
        headings: Heading vocabulary.
        sentiment: Domain layer on VADER (None for plain VADER).
        model: spaCy model name for the workers' pipelines.
        format: Input format of the texts.
        backend: ``"vader"``, ``"model"`` or ``"blend"`` (see `reviewkit.load`).

    Returns:
        A `DaskCorpus`; call ``.compute()`` or ``.to_parquet()``.
    """
    columns, names, dtypes = plan_frame(
        frame._meta, text_col=text_col, id_col=id_col, meta_cols=meta_cols
    )
    options = {
        "text_col": text_col,
        "id_col": id_col,
        "meta_cols": [c for c in columns if c is not None],
        "aspects": aspects.to_dict() if isinstance(aspects, AspectLexicon) else aspects,
        "headings": headings.to_dict()
        if isinstance(headings, HeadingVocabulary)
        else headings,
        "sentiment": sentiment.to_dict()
        if isinstance(sentiment, SentimentLexicon)
        else sentiment,
        "model": model,
        "format": format,
        "backend": backend,
    }
    parts = frame.to_delayed()
    scored = [
        delayed(_score)(part, index, options, dask_key_name=f"reviewkit-score-{index}")
        for index, part in enumerate(parts)
    ]
    levels = {
        level: dd.from_delayed(
            [delayed(operator.getitem)(s, level) for s in scored],
            meta=empty_frame(level, names, dtypes),
            verify_meta=False,
        )
        for level in LEVELS
    }
    return DaskCorpus(levels=levels, meta=tuple(names))


def _score(part: Any, index: int, options: dict[str, Any]) -> dict[str, Any]:
    options = dict(options)
    for key, kind in (
        ("aspects", AspectLexicon),
        ("headings", HeadingVocabulary),
        ("sentiment", SentimentLexicon),
    ):
        if isinstance(options[key], dict):
            options[key] = kind.from_dict(options[key])
    frames: dict[str, Any] = score_partition(part, partition=index, **options)
    return frames

"""Choose the weights of the overall review score on development data only.

`reviewkit._analysis.overall_score` combines the opinion sentences (weighted by
position, verdict sections and sign), the verdict and the reviewer's rating, then
subtracts a bias. This script analyses the IMDB *train* split once, then searches
a small grid of those weights for the best document-polarity accuracy, so the
constants in ``_analysis.py`` are reproducible. The test split is never read.

Usage::

    python benchmarks/tune_overall.py --shared ../shared            # 25,000 reviews
    python benchmarks/tune_overall.py --limit 5000                  # quicker
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

import reviewkit

ROOT = Path(__file__).resolve().parents[1]


def features(texts: Sequence[str]) -> list[dict[str, object]]:
    """Per review: opinion-sentence compounds, positions, verdict, rating."""
    nlp = reviewkit.load()
    rows = []
    for text in tqdm(texts, desc="analyse", file=sys.stderr, mininterval=10):
        review = reviewkit.analyze(text, nlp=nlp)
        kinds = [s.kind for s in review.sections]
        scored = [s for s in review.sentences if s.scored and s.role == "text"]
        rows.append(
            {
                "compound": np.array([s.sentiment.compound for s in scored]),
                "verdict_section": np.array(
                    [kinds[s.section_index] == "verdict" for s in scored]
                ),
                "verdict": review.verdict,
                "rating": review.rating,
            }
        )
    return rows


def score(
    row: dict[str, object],
    late: float,
    negative: float,
    shift: float,
    rating_share: float,
    bias: float,
) -> float:
    """The overall score for one review under the given weights."""
    compound = row["compound"]
    assert isinstance(compound, np.ndarray)
    n = len(compound)
    if n:
        weight = 1.0 + late * np.arange(n) / max(1, n - 1)
        weight = np.where(row["verdict_section"], weight * 2.0, weight)
        weight = np.where(compound < 0, weight * negative, weight)
        text = float((weight * compound).sum() / weight.sum())
    else:
        text = 0.0
    value = text - bias
    verdict = row["verdict"]
    if verdict == "recommend":
        value += shift
    elif verdict == "not_recommend":
        value -= shift
    rating = row["rating"]
    if rating is not None:
        assert isinstance(rating, float)
        value = (1 - rating_share) * value + rating_share * (2 * rating - 1)
    return math.tanh(2.0 * value)


def main(argv: Sequence[str] | None = None) -> int:
    """Grid-search the weights on IMDB train and print the best."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    frame = pd.read_csv(args.shared / "data" / "imdb-large-movie-review" / "train.csv")
    if args.limit:
        frame = frame.sample(n=args.limit, random_state=0)
    rows = features(frame["text"].tolist())
    gold = (frame["label"] == "pos").to_numpy()
    grid = itertools.product(
        [0.0, 0.5, 1.0, 2.0],  # late boost
        [1.0, 1.2, 1.4, 1.7, 2.0],  # negative weight
        [0.0, 0.2, 0.35, 0.5],  # verdict shift
        [0.4, 0.6, 0.8],  # rating share
        [0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2],  # bias
    )
    results = []
    for params in grid:
        predicted = np.array([score(r, *params) > 0 for r in rows])
        results.append((float((predicted == gold).mean()), params))
    results.sort(reverse=True)
    print("| accuracy | late | negative | verdict shift | rating share | bias |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for accuracy, params in results[:10]:
        print(f"| {accuracy:.4f} | " + " | ".join(f"{p:g}" for p in params) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Choose the blend constants of the learned backends on development data only.

Two constants decide how ``backend="blend"`` mixes the film/TV polarity model
with the rules:

- ``BLEND_WEIGHT`` (`reviewkit._blend`): the model's share in each clause's
  compound. Each candidate re-analyses the sample.
- ``OverallWeights.model_share`` / ``model_bias`` (`reviewkit._analysis`): how
  the model's score of the whole opinion text enters the overall score.

The script analyses a sample of the IMDB *train* split with the blend backend,
records what `overall_score` receives, and grid-searches the overall weights
for document-polarity accuracy; it prints one table per clause weight. Aspect
accuracy for the clause weight is checked on rescore-film-aspects (development
data) with ``benchmarks/evaluate.py --split dev --only rescore --backend
blend``. The test splits are never read.

Usage::

    python benchmarks/tune_blend.py --shared ../shared --limit 6000
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

import reviewkit
from reviewkit import _analysis

ROOT = Path(__file__).resolve().parents[1]


def captured_inputs(
    texts: Sequence[str], clause_weight: float
) -> list[tuple[Any, ...]]:
    """The arguments `overall_score` receives for each text under blend."""
    nlp = reviewkit.load(backend="blend")
    nlp.get_pipe("reviewkit_sentiment").learned.blend_weight = clause_weight
    calls: list[tuple[Any, ...]] = []
    original = _analysis.overall_score

    def spy(*args: Any, **kwargs: Any) -> float:
        calls.append(args)
        return original(*args, **kwargs)

    _analysis.overall_score = spy  # type: ignore[assignment]
    try:
        for text in tqdm(
            texts, desc=f"w={clause_weight}", file=sys.stderr, mininterval=10
        ):
            reviewkit.analyze(text, nlp=nlp)
    finally:
        _analysis.overall_score = original
    return calls


def main(argv: Sequence[str] | None = None) -> int:
    """Grid-search the blend constants on IMDB train and print the best."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=6000)
    parser.add_argument(
        "--clause-weights", type=float, nargs="+", default=[0.3, 0.5, 0.7]
    )
    args = parser.parse_args(argv)
    frame = pd.read_csv(args.shared / "data" / "imdb-large-movie-review" / "train.csv")
    if args.limit and args.limit < len(frame):
        frame = frame.sample(n=args.limit, random_state=0)
    gold = (frame["label"] == "pos").to_numpy()
    base = _analysis.MODEL_WEIGHTS
    grid = list(
        itertools.product(
            [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0],  # model share
            [-0.4, -0.3, -0.2, -0.1, 0.0, 0.1],  # model bias
            [0.04, 0.08, 0.12, 0.16],  # rule bias
        )
    )
    for clause_weight in args.clause_weights:
        calls = captured_inputs(frame["text"].tolist(), clause_weight)
        results = []
        for share, model_bias, bias in grid:
            weights = dataclasses.replace(
                base, model_share=share, model_bias=model_bias, bias=bias
            )
            predicted = np.array(
                [_analysis.overall_score(*call, weights=weights) > 0 for call in calls]
            )
            results.append((float((predicted == gold).mean()), share, model_bias, bias))
        results.sort(reverse=True)
        print(f"\nClause blend weight {clause_weight} ({len(calls):,} reviews)\n")
        print("| accuracy | model share | model bias | rule bias |")
        print("| ---: | ---: | ---: | ---: |")
        for accuracy, share, model_bias, bias in results[:8]:
            print(f"| {accuracy:.4f} | {share:g} | {model_bias:g} | {bias:g} |")
        rules_only = max(r for r in results if r[1] == 0.0)
        print(f"\nModel share 0 (clause blend only): {rules_only[0]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

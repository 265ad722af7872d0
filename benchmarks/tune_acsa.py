"""Choose the regularisation of `reviewkit.AspectSentimentClassifier` on train data.

For SemEval-2014 restaurants and MAMS (ACSA, gold ``conflict`` dropped), the
pairs of each *train* split are featurized once, then a grouped 5-fold
cross-validation (all pairs of one sentence in the same fold) scores a grid of
``C`` values for the logistic regression. The test splits are never read.
Slow: about 40 minutes for SemEval on 2 cores (25 fits on 2**20 hashed
features); MAMS, twice the size, takes longer.

Usage::

    python benchmarks/tune_acsa.py --shared ../shared --only semeval
    python benchmarks/tune_acsa.py --only semeval --grid 10 30 100 --jobs 2
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_score

import reviewkit

HERE = Path(__file__).resolve().parent
GRID = (0.1, 0.3, 1.0, 3.0, 10.0)


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate C on each train split and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--only", choices=["semeval", "mams"], action="append")
    parser.add_argument(
        "--grid",
        type=float,
        nargs="+",
        default=list(GRID),
        help="C values to try (extend the grid when the best is at its edge)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="folds fitted at once")
    args = parser.parse_args(argv)
    grid = tuple(args.grid)
    # Run as a script, benchmarks/ is on sys.path.
    import datasets as ds
    import restaurants

    setups = {
        "semeval": (
            lambda: ds.load_semeval_restaurants(args.shared, "train"),
            restaurants.semeval_lexicon,
            restaurants.SEMEVAL_CATEGORY_TO_ASPECT,
        ),
        "mams": (
            lambda: ds.load_mams_acsa(args.shared, "train"),
            restaurants.mams_lexicon,
            restaurants.MAMS_CATEGORY_TO_ASPECT,
        ),
    }
    print("| data | pairs | " + " | ".join(f"C={c:g}" for c in grid) + " |")
    print("|---|---:|" + "---:|" * len(grid), flush=True)
    for name in args.only or list(setups):
        load, lexicon, mapping = setups[name]
        to_aspect = dict(mapping)
        train = load()
        train = train.loc[train["polarity"] != "conflict"]
        pairs = [
            (str(t), to_aspect[c])
            for t, c in zip(train["text"], train["category"], strict=True)
        ]
        clf = reviewkit.AspectSentimentClassifier(
            aspects=lexicon(), sentiment=restaurants.restaurant_sentiment()
        )
        matrix = clf._features(pairs)
        labels = train["polarity"].to_numpy()
        groups = train["text"].factorize()[0]
        cells = []
        for c in grid:
            scores = cross_val_score(
                LogisticRegression(C=c, max_iter=3000),
                matrix,
                labels,
                groups=groups,
                cv=GroupKFold(n_splits=5),
                n_jobs=args.jobs,
            )
            cells.append(f"{np.mean(scores):.3f}")
        row = f"| {name} train | {len(pairs):,} | " + " | ".join(cells) + " |"
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

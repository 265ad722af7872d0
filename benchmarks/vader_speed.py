"""Time vaderSentiment against reviewkit's VaderScorer on the VADER movie snippets.

Both scorers run in the same process on the same texts; each is timed
``--repeat`` times (alternating, so background noise hits both; garbage
collection paused as in :mod:`timeit`) and the best run counts. The script
checks that every output is identical before printing the table. Run it from
anywhere::

    .venv/bin/python benchmarks/vader_speed.py --repeat 7
"""

from __future__ import annotations

import argparse
import csv
import gc
import time
from collections.abc import Callable
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from reviewkit._vader import VaderScorer

REPO_ROOT = Path(__file__).resolve().parents[1]
MOVIES = Path("data", "vader-ground-truth", "movieReviewSnippets_GroundTruth.txt")


def load_snippets(shared: Path) -> list[str]:
    path = shared / MOVIES
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            row[2] for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def time_once(score: Callable[[str], object], texts: list[str]) -> float:
    # Like timeit: collect first and keep the garbage collector out of the
    # timed loop, so one scorer's garbage is not collected on the other's time.
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for text in texts:
            score(text)
        return time.perf_counter() - start
    finally:
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO_ROOT.parent / "shared",
        help="the shared folder (default: ../shared next to the repository)",
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs per scorer (best counts)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    texts = load_snippets(args.shared)
    reference = SentimentIntensityAnalyzer()
    scorer = VaderScorer()

    expected = [reference.polarity_scores(text) for text in texts]
    got = [scorer.polarity_scores(text) for text in texts]
    mismatches = [
        i for i, (a, b) in enumerate(zip(expected, got, strict=True)) if a != b
    ]
    assert not mismatches, f"{len(mismatches)} outputs differ, first at {mismatches[0]}"

    candidates: dict[str, Callable[[str], object]] = {
        "vaderSentiment polarity_scores": reference.polarity_scores,
        "VaderScorer.polarity_scores": scorer.polarity_scores,
        "VaderScorer.scores": scorer.scores,
    }
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(args.repeat):
        for name, score in candidates.items():
            best[name] = min(best[name], time_once(score, texts))

    n = len(texts)
    baseline = best["vaderSentiment polarity_scores"]
    print(f"{n} movie snippets, best of {args.repeat} runs, outputs identical")
    print(f"{'scorer':32} {'snippets/s':>12} {'us/snippet':>11} {'speed-up':>9}")
    for name, seconds in best.items():
        print(
            f"{name:32} {n / seconds:12,.0f} {seconds / n * 1e6:11.2f} "
            f"{baseline / seconds:8.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

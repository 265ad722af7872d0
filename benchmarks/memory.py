"""Peak memory of streaming a corpus to Parquet: 5k vs 50k reviews.

Each measurement runs in a fresh Python process (``resource.getrusage`` peak
resident set size of that process), so the numbers are not polluted by earlier
runs. Targets: at most 1 GB for 50,000 reviews, and within 1.25x of the peak for
5,000 (memory must not grow with the corpus).

Usage::

    python benchmarks/memory.py --shared ../shared
    python benchmarks/memory.py --sizes 1000 5000      # quicker
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    import reviewkit

    shared, size, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    folder = shared / "data" / "imdb-large-movie-review"
    import pandas as pd

    def rows():
        seen = 0
        for name in ("train.csv", "test.csv"):
            for chunk in pd.read_csv(folder / name, dtype=str, chunksize=1000):
                for record in chunk.to_dict("records"):
                    if seen >= size:
                        return
                    seen += 1
                    yield record

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = reviewkit.score_corpus(
        rows(), id_col="review_id", meta_cols=["imdb_title_id"], progress=False,
        output=out / "scores.parquet", batch_size=256,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"size": size, "records": result.stats.records,
                      "peak_mb": peak / 1024, "after_import_mb": before / 1024,
                      "seconds": seconds}))
    """
)


def measure(shared: Path, size: int) -> dict[str, float]:
    """Peak RSS of a fresh process streaming ``size`` reviews to Parquet."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(shared), str(size), folder],
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Measure each size and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    args = parser.parse_args(argv)
    results = [measure(args.shared, size) for size in args.sizes]
    smallest = results[0]["peak_mb"]
    print(
        "| reviews streamed to Parquet | peak RSS (MB) | ratio to smallest | seconds |"
    )
    print("| ---: | ---: | ---: | ---: |")
    for row in results:
        print(
            f"| {int(row['records']):,} | {row['peak_mb']:.0f} | "
            f"{row['peak_mb'] / smallest:.2f} | {row['seconds']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

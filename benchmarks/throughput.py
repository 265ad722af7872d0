"""Throughput of reviewkit against a bare baseline, measured in the same run.

Baseline: ``spacy.blank("en")`` + sentencizer over the texts (``nlp.pipe``), then
vaderSentiment's ``polarity_scores`` on every sentence: the least a VADER-per-
sentence analysis costs. Contenders, on the same texts in the same process:

- ``analyze``: `reviewkit.analyze` per review (structure, clauses, aspects,
  verdicts, domain layer, value objects);
- ``score_corpus``: full corpus scoring into the five tidy frames, in memory;
- ``score_corpus -> parquet``: the same, streamed to Parquet on disk.

The machine is shared and noisy, so the baseline and each contender run in
alternating rounds on slices of the corpus and the totals are compared; the
ratio (contender reviews/s divided by baseline reviews/s) is what is reported.

``--stages`` prints instead where the time of one ``analyze`` call goes, stage
by stage (reading, parsing the structure, spaCy's tokenizer, each pipeline
component, assembling the `Review`), beside the baseline's total on the same
reviews.

Usage::

    python benchmarks/throughput.py --shared ../shared            # 50k IMDB reviews
    python benchmarks/throughput.py --limit 5000 --rounds 5       # quicker
    python benchmarks/throughput.py --stages --limit 3000         # where time goes
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def load_imdb(shared: Path, limit: int | None) -> pd.DataFrame:
    """IMDB train and test (50,000 reviews), in file order, optionally cut."""
    folder = shared / "data" / "imdb-large-movie-review"
    frames = [
        pd.read_csv(folder / name, dtype=str) for name in ("train.csv", "test.csv")
    ]
    frame = pd.concat(frames, ignore_index=True)
    return frame.iloc[:limit] if limit else frame


def baseline(texts: Sequence[str]) -> None:
    """Blank spaCy pipeline + sentencizer, then vaderSentiment per sentence."""
    import spacy
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    nlp = _BASELINE.get("nlp")
    if nlp is None:
        nlp = _BASELINE["nlp"] = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        _BASELINE["sia"] = SentimentIntensityAnalyzer()
    sia = _BASELINE["sia"]
    for doc in nlp.pipe(texts, batch_size=256):
        for sentence in doc.sents:
            sia.polarity_scores(sentence.text)


_BASELINE: dict[str, object] = {}


def analyze_each(texts: Sequence[str]) -> None:
    """reviewkit.analyze on every review."""
    import reviewkit

    nlp = reviewkit.load()
    for text in texts:
        reviewkit.analyze(text, nlp=nlp)


def corpus_in_memory(frame: pd.DataFrame) -> None:
    """score_corpus to in-memory frames."""
    import reviewkit

    reviewkit.score_corpus(
        frame, id_col="review_id", meta_cols=["imdb_title_id"], progress=False
    )


def corpus_to_parquet(frame: pd.DataFrame) -> None:
    """score_corpus streamed to Parquet."""
    import reviewkit

    with tempfile.TemporaryDirectory() as folder:
        reviewkit.score_corpus(
            frame,
            id_col="review_id",
            meta_cols=["imdb_title_id"],
            progress=False,
            output=Path(folder) / "scores.parquet",
        )


def analyze_in_stages(text: str, nlp: Any, clock: dict[str, float]) -> Any:
    """`reviewkit.analyze` in stages, adding each one's seconds to ``clock``.

    The same steps as ``reviewkit._api.analyze_with`` (tests check that the
    result is the same review).
    """
    from reviewkit._analysis import review_from_doc
    from reviewkit._pipeline import TEXT_KEY
    from reviewkit._plain import structure_to_plain
    from reviewkit._readers import read
    from reviewkit._sentiment import text_polarity
    from reviewkit._structure import build_review, sentence_breaks

    structure = nlp.get_pipe("reviewkit_structure")
    now = time.perf_counter
    t0 = now()
    document = read(text)
    t1 = now()
    review = build_review(
        document,
        vocabulary=structure.headings,
        lexicon=structure.lexicon,
        polarity=text_polarity,
    )
    t2 = now()
    doc = nlp.make_doc(document.text)
    t3 = now()
    doc.user_data[TEXT_KEY] = document.text
    doc._.rk_structure = structure_to_plain(review, sentence_breaks(document, review))
    t4 = now()
    for stage, seconds in (
        ("read", t1 - t0),
        ("structure (parse)", t2 - t1),
        ("spaCy tokenizer", t3 - t2),
        ("structure (to plain data)", t4 - t3),
    ):
        clock[stage] = clock.get(stage, 0.0) + seconds
    for name, component in nlp.pipeline:
        start = now()
        doc = component(doc)
        clock[name] = clock.get(name, 0.0) + now() - start
    start = now()
    result = review_from_doc(doc, base=review)
    clock["Review assembly"] = clock.get("Review assembly", 0.0) + now() - start
    return result


def stages(texts: Sequence[str], rounds: int) -> tuple[dict[str, float], float]:
    """Milliseconds per review of each stage of analyze, and of the baseline.

    Both run on the same texts in alternating rounds, after a warm-up on the
    first 10% of them (excluded from the timings).
    """
    import reviewkit

    nlp = reviewkit.load()
    warm = max(1, len(texts) // 10)
    baseline(texts[:warm])
    for text in texts[:warm]:
        analyze_in_stages(text, nlp, {})
    measured = texts[warm:]
    clock: dict[str, float] = {}
    base = 0.0
    bounds = [len(measured) * i // rounds for i in range(rounds + 1)]
    for first, last in itertools.pairwise(bounds):
        base += timed(functools.partial(baseline, measured[first:last]))
        gc.collect()
        for text in measured[first:last]:
            analyze_in_stages(text, nlp, clock)
    size = max(1, len(measured))
    return {k: 1000 * v / size for k, v in clock.items()}, 1000 * base / size


def print_stages(texts: Sequence[str], rounds: int) -> None:
    """Print the per-stage table of `stages`."""
    per_stage, base = stages(texts, rounds)
    total = sum(per_stage.values())
    print(f"\n{len(texts):,} IMDB reviews (10% warm-up), {rounds} alternating rounds\n")
    print("| stage of reviewkit.analyze | ms per review | share |")
    print("| --- | ---: | ---: |")
    for name, value in per_stage.items():
        print(f"| {name} | {value:.3f} | {value / total:.0%} |")
    print(f"| **total** | **{total:.3f}** | 100% |")
    print(
        f"\nBaseline (blank + sentencizer + vaderSentiment per sentence): "
        f"{base:.3f} ms per review; ratio {base / total:.2f}."
    )


def timed(function: Callable[[], None]) -> float:
    """Seconds one call takes (garbage collected beforehand)."""
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="first N reviews")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    parser.add_argument(
        "--only", choices=["analyze", "score_corpus", "parquet"], action="append"
    )
    parser.add_argument(
        "--stages", action="store_true", help="time analyze stage by stage instead"
    )
    args = parser.parse_args(argv)
    frame = load_imdb(args.shared, args.limit)
    texts = frame["text"].tolist()
    if args.stages:
        print_stages(texts, args.rounds)
        return 0
    warm = frame.iloc[:200]
    baseline(warm["text"].tolist())  # build pipelines outside the timings
    analyze_each(warm["text"].tolist())
    contenders: dict[str, Callable[[pd.DataFrame], None]] = {
        "analyze": lambda f: analyze_each(f["text"].tolist()),
        "score_corpus": corpus_in_memory,
        "parquet": corpus_to_parquet,
    }
    chosen = args.only or list(contenders)
    size = len(frame)
    bounds = [size * i // args.rounds for i in range(args.rounds + 1)]
    totals = {"baseline": 0.0, **dict.fromkeys(chosen, 0.0)}
    for first, last in itertools.pairwise(bounds):
        part = frame.iloc[first:last]
        part_texts = texts[first:last]
        totals["baseline"] += timed(functools.partial(baseline, part_texts))
        for name in chosen:
            totals[name] += timed(functools.partial(contenders[name], part))
        print(f"  round up to {last} reviews done", file=sys.stderr)
    base_rate = size / totals["baseline"]
    print(f"\n{size:,} IMDB reviews, {args.rounds} alternating rounds\n")
    print("| path | seconds | reviews/s | ratio to baseline |")
    print("| --- | ---: | ---: | ---: |")
    print(
        f"| baseline: blank + sentencizer + vaderSentiment per sentence | "
        f"{totals['baseline']:.1f} | {base_rate:.0f} | 1.00 |"
    )
    labels = {
        "analyze": "reviewkit.analyze per review",
        "score_corpus": "score_corpus, five frames in memory",
        "parquet": "score_corpus streamed to Parquet",
    }
    for name in chosen:
        rate = size / totals[name]
        ratio = rate / base_rate
        print(f"| {labels[name]} | {totals[name]:.1f} | {rate:.0f} | {ratio:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

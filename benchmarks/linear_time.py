"""Linear time: per-character cost of parse and analyze from 10 KB to 1 MB (10 MB).

Builds review-like texts of about 10 KB, 100 KB and 1 MB (and 10 MB with
``--huge``) from a seeded random generator over a small vocabulary of invented
sentences, headings, item labels and rating lines, so a text is a varied
sequence of sections, labelled items, list entries, paragraphs and ratings,
not one paragraph repeated. Each text is timed with `reviewkit.parse` and
`reviewkit.analyze` (best of N runs, fewer runs for bigger texts), and the
table gives microseconds per character and the ratio of the 1 MB per-character
time to the 10 KB one (linear time means a ratio near 1; the target is at most
2).

It also reports the longest text handed to a single VADER call while the 1 MB
text is analysed: `reviewkit._vader.VaderScorer.scores` and ``.explain`` (the
calls behind the scorer `reviewkit._sentiment.get_scorer` gives the sentiment
component) are wrapped in-process for one extra, untimed run. The scorer cuts
spans longer than `reviewkit._sentiment.MAX_SPAN` characters, which is what
keeps VADER's cost linear; the longest span *before* that cut (the longest
sentence or clause handed to the scorer) is shown too.

Usage::

    python benchmarks/linear_time.py              # 10 KB, 100 KB, 1 MB
    python benchmarks/linear_time.py --huge       # and 10 MB
    python benchmarks/linear_time.py --runs 3     # at most 3 runs per size
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

KB = 1_000
SIZES = {"10 KB": 10 * KB, "100 KB": 100 * KB, "1 MB": 1_000 * KB}
HUGE = {"10 MB": 10_000 * KB}

TITLES = [
    "Review: The Lantern Keepers",
    "Harbour Lights (2024) - a long look back",
    "My thoughts on Seven Quiet Winters",
]
HEADINGS = [
    ["The Good:", "## What worked", "PROS", "The Sweet:", "**Highlights**"],
    ["The Bad:", "## What didn't", "CONS", "The Sour:", "**Letdowns**"],
    ["Summary:", "## The story so far", "Synopsis:"],
    ["Verdict:", "## Final thoughts", "Bottom line:"],
]
LABELS = [
    "The Acting",
    "Music",
    "The Villain",
    "Pacing",
    "Cinematography",
    "The Ending",
    "Chemistry",
    "Dialogue",
    "The Sets",
    "Side characters",
]
SENTENCES = [
    "The lead carries every scene with a quiet, stubborn warmth.",
    "I did not expect the fishing village to feel so alive.",
    "Episode four drags badly and nothing of note happens in it.",
    "The soundtrack is gentle, and it never tells you how to feel.",
    "Honestly, the villain was more annoying than frightening.",
    "Every wide shot of the coast looks like an oil painting.",
    "The romance moves slowly, but the payoff is worth it.",
    "Some of the dialogue is stiff, especially in the office scenes.",
    "The second couple made me laugh out loud more than once!",
    "I wanted to like the brother. I really did.",
    "Was the finale rushed? Yes, and the last twist fell flat.",
    "The costumes are lovely, if a little too clean for a poor family.",
    "Nobody in this cast gives a bad performance.",
    "The mystery is clever for a while and then it simply gives up.",
    "It is not perfect, but it is sincere, and that counts for a lot.",
    "The middle episodes wander off into a subplot about a bakery.",
    "Her grandmother steals every single scene she is in.",
    "The pacing picks up again after the wedding episode.",
    "I would happily rewatch the first half on a rainy weekend.",
    "The editing is choppy and a few scenes end mid-sentence.",
    "There is a dog, and the dog is the best actor in the show.",
    "The writers clearly knew where the story was going.",
    "I found the flashbacks confusing rather than moving.",
    "The theme song is stuck in my head, in a good way.",
]
RATING_LINES = [
    "Story: {a}/10 | Acting/Cast: {b}/10 | Music: {c}/10",
    "Rating: {a}.5/10",
    "Overall: {a}/10",
    "Rewatch value: {b}/10",
]


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6)))


def _rant(rng: random.Random) -> str:
    """A run-on paragraph without sentence breaks (1-3 KB), as rants are."""
    pieces = [rng.choice(SENTENCES).rstrip(".!?") for _ in range(rng.randint(20, 45))]
    return " and ".join(pieces).lower()


def _section(rng: random.Random) -> str:
    """One section: a heading, then items, list entries, prose and ratings."""
    heading = rng.choice(rng.choice(HEADINGS))
    parts = [heading]
    for _ in range(rng.randint(2, 6)):
        roll = rng.random()
        if roll < 0.4:
            parts.append(f"{rng.choice(LABELS)}- {_paragraph(rng)}")
        elif roll < 0.55:
            parts.append(f"- {rng.choice(SENTENCES)}\n- {rng.choice(SENTENCES)}")
        elif roll < 0.88:
            parts.append(_paragraph(rng))
        elif roll < 0.9:
            parts.append(_rant(rng))
        else:
            values = {k: rng.randint(3, 9) for k in "abc"}
            parts.append(rng.choice(RATING_LINES).format(**values))
    return "\n\n".join(parts)


def build_review(size: int, seed: int = 0) -> str:
    """Build a review-like text of about ``size`` characters.

    Args:
        size: Target length in characters (the text stops at the first section
            boundary past it).
        seed: Seed of the random generator.

    Returns:
        The text: a title, many varied sections and a sign-off.
    """
    rng = random.Random(seed)
    parts = [rng.choice(TITLES)]
    length = len(parts[0])
    while length < size:
        section = _section(rng)
        parts.append(section)
        length += len(section) + 2
    parts.append("That's all for now, see you next week!\nCheers, Ana")
    return "\n\n".join(parts)


def best_of(function: Callable[[], Any], runs: int) -> float:
    """Best wall-clock seconds of ``runs`` calls (garbage collected beforehand)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def runs_for(size: int, cap: int) -> int:
    """Runs per size: many for small texts, one for 10 MB."""
    if size <= 20 * KB:
        wanted = 15
    elif size <= 200 * KB:
        wanted = 7
    elif size <= 2_000 * KB:
        wanted = 3
    else:
        wanted = 1
    return max(1, min(wanted, cap))


@contextlib.contextmanager
def longest_spans() -> Iterator[dict[str, int]]:
    """Record the longest text passed to VADER and to the reviewkit scorer.

    Wraps ``scores`` and ``explain`` of `reviewkit._vader.VaderScorer` (one
    call each is one VADER call) and of `reviewkit._sentiment.Scorer` (which
    cuts long texts before VADER sees them), restoring them on exit.

    Yields:
        ``{"vader": longest VADER input, "scorer": longest scorer input,
        "vader_calls": number of VADER calls}``, filled as calls happen.
    """
    from reviewkit._sentiment import Scorer
    from reviewkit._vader import VaderScorer

    seen = {"vader": 0, "scorer": 0, "vader_calls": 0}
    originals: list[tuple[type, str, Any]] = []

    def wrap(cls: type, name: str, key: str) -> None:
        original = getattr(cls, name)
        originals.append((cls, name, original))

        def wrapper(self: Any, text: str) -> Any:
            seen[key] = max(seen[key], len(text))
            if key == "vader":
                seen["vader_calls"] += 1
            return original(self, text)

        setattr(cls, name, wrapper)

    for name in ("scores", "explain"):
        wrap(VaderScorer, name, "vader")
        wrap(Scorer, name, "scorer")
    try:
        yield seen
    finally:
        for cls, name, original in reversed(originals):
            setattr(cls, name, original)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge", action="store_true", help="also time 10 MB")
    parser.add_argument("--runs", type=int, default=15, help="at most N runs per size")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)

    import reviewkit
    from reviewkit._sentiment import MAX_SPAN

    sizes = {**SIZES, **(HUGE if args.huge else {})}
    texts = {label: build_review(size, args.seed) for label, size in sizes.items()}
    reviewkit.analyze(texts["10 KB"])  # build the shared pipeline outside timings

    rows = []
    per_char: dict[tuple[str, str], float] = {}
    for label, text in texts.items():
        runs = runs_for(len(text), args.runs)
        parse = best_of(functools.partial(reviewkit.parse, text), runs)
        analyze = best_of(functools.partial(reviewkit.analyze, text), runs)
        per_char[label, "parse"] = parse * 1e6 / len(text)
        per_char[label, "analyze"] = analyze * 1e6 / len(text)
        rows.append((label, len(text), runs, parse, analyze))
        print(f"  {label} done", file=sys.stderr)

    with longest_spans() as spans:
        review = reviewkit.analyze(texts["1 MB"])

    print(f"\nreviewkit {reviewkit.__version__}, seed {args.seed}\n")
    print(
        "| text | characters | runs | parse s | parse µs/char | analyze s "
        "| analyze µs/char |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, size, runs, parse, analyze in rows:
        print(
            f"| {label} | {size:,} | {runs} | {parse:.4f} | "
            f"{per_char[label, 'parse']:.3f} | {analyze:.3f} | "
            f"{per_char[label, 'analyze']:.3f} |"
        )
    print()
    print("| step | 1 MB µs/char ÷ 10 KB µs/char | target |")
    print("| --- | ---: | --- |")
    for step in ("parse", "analyze"):
        ratio = per_char["1 MB", step] / per_char["10 KB", step]
        verdict = "ok" if ratio <= 2.0 else "OVER"
        print(f"| {step} | {ratio:.2f} | ≤ 2 ({verdict}) |")
    print()
    print(
        f"1 MB analysis: {len(review.sentences):,} sentences, "
        f"{spans['vader_calls']:,} VADER calls; longest text in one VADER call: "
        f"{spans['vader']:,} characters (MAX_SPAN = {MAX_SPAN:,}); longest text "
        f"given to the scorer before cutting: {spans['scorer']:,} characters."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

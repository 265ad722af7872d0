"""The throughput benchmark's stage timing (benchmarks/throughput.py --stages)."""

from __future__ import annotations

from pathlib import Path

import pytest

import reviewkit
from tests.benchmark_scripts import load_benchmark

throughput = load_benchmark("throughput")
SAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "reviews").iterdir())


@pytest.mark.parametrize("path", SAMPLES[:6], ids=lambda p: p.name)
def test_stages_give_the_review_analyze_gives(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    nlp = reviewkit.load()
    clock: dict[str, float] = {}
    staged = throughput.analyze_in_stages(text, nlp, clock)
    assert staged.to_dict() == reviewkit.analyze(text, nlp=nlp).to_dict()
    # Every stage and every pipeline component is on the clock.
    expected = {
        "read",
        "structure (parse)",
        "spaCy tokenizer",
        "structure (to plain data)",
        "Review assembly",
        *nlp.pipe_names,
    }
    assert set(clock) == expected
    assert all(seconds >= 0 for seconds in clock.values())


def test_stages_time_the_reviews_after_the_warm_up() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES[:4]] * 5
    per_stage, base = throughput.stages(texts, rounds=2)
    assert base > 0
    assert per_stage["spaCy tokenizer"] > 0
    assert sum(per_stage.values()) > 0

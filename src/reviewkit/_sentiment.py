"""Sentiment scoring (temporary: plain VADER until the scorer lands)."""

from __future__ import annotations

import re
from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@cache
def _sia() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def text_polarity(text: str) -> float:
    """Mean compound score of a text's sentences."""
    scores = [
        _sia().polarity_scores(m.group())["compound"]
        for m in _SENTENCE.finditer(text[:20000])
        if m.group().strip()
    ]
    return sum(scores) / len(scores) if scores else 0.0

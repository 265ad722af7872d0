"""Colours and wording shared by the terminal and HTML views.

One place, so ``reviewkit analyze`` in a terminal and ``Review.to_html()`` in a
notebook say the same things in the same colours.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "POLARITY_COLOURS",
    "SECTION_LABELS",
    "SECTION_TINTS",
    "VERDICT_COLOURS",
    "VERDICT_LABELS",
    "score_colour",
]

#: Text colour per polarity (WCAG AA on white).
POLARITY_COLOURS = MappingProxyType(
    {
        "positive": "#1a7f37",
        "negative": "#cf222e",
        "mixed": "#9a6700",
        "neutral": "#57606a",
    }
)
#: Background tint of pro and con sections.
SECTION_TINTS = MappingProxyType(
    {"pros": "#e6f4ea", "cons": "#fdecea", "verdict": "#eef2ff", "summary": "#f6f8fa"}
)
SECTION_LABELS = MappingProxyType(
    {
        "intro": "Intro",
        "summary": "Synopsis (not scored)",
        "pros": "Pros",
        "cons": "Cons",
        "verdict": "Verdict",
        "ratings": "Ratings",
        "signoff": "Sign-off (not scored)",
        "body": "Body",
    }
)
VERDICT_LABELS = MappingProxyType(
    {
        "recommend": "Recommended",
        "not_recommend": "Not recommended",
        "mixed": "Mixed recommendation",
        None: "No verdict",
    }
)
VERDICT_COLOURS = MappingProxyType(
    {
        "recommend": POLARITY_COLOURS["positive"],
        "not_recommend": POLARITY_COLOURS["negative"],
        "mixed": POLARITY_COLOURS["mixed"],
        None: POLARITY_COLOURS["neutral"],
    }
)


def score_colour(score: float) -> str:
    """Colour of a score: green above 0.05, red below -0.05, grey between."""
    if score >= 0.05:
        return POLARITY_COLOURS["positive"]
    if score <= -0.05:
        return POLARITY_COLOURS["negative"]
    return POLARITY_COLOURS["neutral"]

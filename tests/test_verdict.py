"""Verdicts: recommendation cues, negation, conditions, mixed advice."""

from __future__ import annotations

import re

import pytest

import reviewkit


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "The acting was lovely. But, I can't say that this is a recommended watch.",
            "not_recommend",
        ),
        ("Would I recommend it? Absolutely.", "recommend"),
        ("I'd recommend it for a rainy weekend.", "recommend"),
        ("Watch it, but lower your expectations.", "mixed"),
        ("I won't be rewatching it.", "not_recommend"),
        ("Would I recommend it? No.", "not_recommend"),
        ("I would not recommend this to anyone.", "not_recommend"),
        ("It was a complete waste of time.", "not_recommend"),
        ("A must-watch for anyone who loves a slow burn.", "recommend"),
        ("Go if you love pretty things; skip it if you need a plot.", "mixed"),
        (
            "If you like your sci-fi dense and you don't mind the work, start it tonight.",
            "recommend",
        ),
        ("I can't honestly call this one a recommendation.", "not_recommend"),
        ("I'm glad I saw it once, but I won't be going back for a rewatch.", "mixed"),
        ("The sets were gorgeous and the music was loud.", None),
    ],
)
def test_verdict_sentences(text: str, verdict: str | None) -> None:
    assert reviewkit.analyze(text).verdict == verdict


def test_evidence_is_the_sentence_and_slices_the_text() -> None:
    text = "I liked the cast.\n\nWould I recommend it? Absolutely.\n"
    review = reviewkit.analyze(text)
    (evidence,) = review.verdict_evidence
    assert evidence.text == "Would I recommend it? Absolutely."
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.verdict == "recommend"


def test_a_rating_alone_is_not_a_verdict() -> None:
    review = reviewkit.analyze("The lighting is lovely.\n\nRating: 9/10\n")
    assert review.rating == 0.9
    assert review.verdict is None


def test_a_rating_weighs_in_beside_weak_cues() -> None:
    text = "I won't be going back for a rewatch.\n\n3 out of 5 stars\n"
    assert reviewkit.analyze(text).verdict == "mixed"


def test_a_verdict_section_without_advice_has_a_tone() -> None:
    text = "## The Good\n- lovely OST\n\n## TL;DR\nPretty, loud, a bit hollow. 6/10.\n"
    review = reviewkit.analyze(text)
    assert review.verdict == "mixed"
    assert review.verdict_evidence[0].cue == "tone of the verdict section"


def test_synopsis_sentences_are_not_advice() -> None:
    text = (
        "Synopsis: A critic refuses to recommend anything.\n\nThe Good:\n- great cast\n"
    )
    assert reviewkit.analyze(text).verdict is None


@pytest.mark.parametrize(
    ("text", "verdict", "cue"),
    [
        # ASCII: the cue patterns run on the lower-cased sentence.
        ("I HIGHLY RECOMMEND this drama.", "recommend", "HIGHLY RECOMMEND"),
        # Curly apostrophes are read as straight ones.
        ("I won\u2019t be rewatching it.", "not_recommend", "won\u2019t be rewatching"),
        # Not ASCII: the case-insensitive patterns run on the sentence itself.
        (
            "Caf\u00e9 scenes aside, I Highly Recommend it.",
            "recommend",
            "Highly Recommend",
        ),
        ("\u00c9norme: a MUST-SEE.", "recommend", "MUST-SEE"),
    ],
)
def test_cues_ignore_case_and_curly_apostrophes(
    text: str, verdict: str, cue: str
) -> None:
    review = reviewkit.analyze(text)
    assert review.verdict == verdict
    assert [e.cue for e in review.verdict_evidence] == [cue]


def test_cue_patterns_are_lower_case() -> None:
    # ASCII sentences are matched lower-cased with the case-sensitive copies
    # of the patterns, which is only the same as IGNORECASE on the original
    # if no pattern holds an upper-case letter.
    from reviewkit._verdict import _CUES

    for cue in _CUES:
        literal = re.sub(r"\\.", "", cue.pattern.pattern)  # escapes such as \s
        assert literal == literal.lower(), cue.pattern.pattern
        assert cue.folded.pattern == cue.pattern.pattern
        assert not cue.folded.flags & re.IGNORECASE

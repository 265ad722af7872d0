"""The representative review (../shared/seeds/soundtrack-1-review.txt).

What it must yield is specified in ../shared/spec/aspects.md. These tests run in
CI (where ../shared exists) and skip elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import reviewkit
from reviewkit import Review


@pytest.fixture(scope="module")
def parsed(seed_review_path: Path) -> Review:
    return reviewkit.parse(seed_review_path)


def test_title_show_and_spoilers(parsed: Review) -> None:
    assert parsed.show == "Soundtrack #1"
    assert parsed.title == "International Dramas: ‘Soundtrack #1’"
    assert parsed.spoilers is True


def test_sections(parsed: Review) -> None:
    assert [s.kind for s in parsed.sections] == [
        "intro", "summary", "pros", "cons", "verdict", "signoff",
    ]  # fmt: skip
    summary = parsed.sections_of("summary")[0]
    assert summary.heading == "Summary:"
    assert summary.body.startswith("Eunsu and Seonwoo have been friends")
    assert [s.heading for s in parsed.sections_of("pros", "cons")] == [
        "The Soft:",
        "The Scratchy:",
    ]


def test_pro_items(parsed: Review) -> None:
    (pros,) = parsed.sections_of("pros")
    assert [(i.label, i.aspect) for i in pros.items] == [
        ("The Acting", "acting"),
        ("The Aesthetic", "visuals"),
        ("The Soundtrack", "soundtrack"),
    ]


def test_con_items(parsed: Review) -> None:
    (cons,) = parsed.sections_of("cons")
    assert [(i.label, i.aspect) for i in cons.items] == [
        ("The Plot", "plot"),
        ("Boring", "pacing"),
        ("The Characters", "characters"),
        ("The Message", "message"),
    ]
    assert cons.items[2].body.startswith("I wanted to like these characters.")


def test_signoff(parsed: Review) -> None:
    signoff = parsed.sections[-1]
    assert signoff.kind == "signoff"
    assert signoff.text.split() == [
        "See",
        "you",
        "across",
        "the",
        "pond!",
        "Sincerely,",
        "Annie",
    ]


def test_every_character_is_covered(parsed: Review) -> None:
    assert "".join(s.text for s in parsed.sections) == parsed.text


@pytest.fixture(scope="module")
def analyzed(seed_review_path: Path) -> Review:
    return reviewkit.analyze(seed_review_path)


def test_aspect_polarities(analyzed: Review) -> None:
    expected = {
        "acting": "positive",
        "visuals": "positive",
        "soundtrack": "positive",
        "plot": "negative",
        "pacing": "negative",
        "characters": "negative",
        "message": "negative",
    }
    got = {a: analyzed.aspects[a].polarity for a in expected}
    assert got == expected


def test_characters_hedge_stays_negative(analyzed: Review) -> None:
    characters = analyzed.aspects["characters"]
    assert characters.score < 0
    item = next(e for e in characters.evidence if e.kind == "item")
    assert item.text.startswith("The Characters- I wanted to like these characters.")


def test_verdict_with_evidence(analyzed: Review) -> None:
    assert analyzed.verdict == "not_recommend"
    texts = [e.text for e in analyzed.verdict_evidence]
    assert "But, I can’t say that this is a recommended watch." in texts
    assert any("I wouldn’t watch it again" in t for t in texts)
    for evidence in analyzed.verdict_evidence:
        assert analyzed.text[evidence.start : evidence.end] == evidence.text


def test_synopsis_and_signoff_are_not_opinion(analyzed: Review) -> None:
    kinds = {s.index: s.kind for s in analyzed.sections}
    summary = [s for s in analyzed.sentences if kinds[s.section_index] == "summary"]
    signoff = [s for s in analyzed.sentences if kinds[s.section_index] == "signoff"]
    assert summary
    assert signoff
    assert not any(s.scored for s in summary + signoff)
    assert analyzed.score is not None
    assert analyzed.score < 0

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
    assert summary.body.startswith(" Eunsu and Seonwoo have been friends")
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

"""Properties of parse() that hold for every input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewkit
from reviewkit import Review
from tests.strategies import reviews

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def check_invariants(review: Review) -> None:
    text = review.text
    assert review.sections, "at least one section"
    assert review.sections[0].start == 0
    assert review.sections[-1].end == len(text)
    for before, after in zip(review.sections, review.sections[1:], strict=False):
        assert before.end == after.start, "contiguous, no overlap"
    for index, section in enumerate(review.sections):
        assert section.index == index
        assert section.text == text[section.start : section.end]
        if section.heading is not None:
            assert section.heading_start is not None
            assert section.heading_end is not None
            assert section.heading == text[section.heading_start : section.heading_end]
            assert section.start <= section.heading_start <= section.heading_end
            assert section.heading_end <= section.end
        for item in section.items:
            assert section.start <= item.start <= item.end <= section.end
            assert item.text == text[item.start : item.end]
            if item.label is not None and item.label_start is not None:
                assert item.label == text[item.label_start : item.label_end]
        for first, second in zip(section.items, section.items[1:], strict=False):
            assert first.end <= second.start
    for rating in review.ratings:
        assert rating.text == text[rating.start : rating.end]
        assert 0.0 <= rating.value <= 1.0
    covered = "".join(s.text for s in review.sections)
    assert covered == text, "every character belongs to exactly one section"


@SETTINGS
@given(st.text(max_size=300))
def test_any_string_parses_and_is_covered(text: str) -> None:
    check_invariants(reviewkit.parse(text))


@SETTINGS
@given(reviews())
def test_review_like_documents_keep_the_invariants(text: str) -> None:
    check_invariants(reviewkit.parse(text))


@SETTINGS
@given(reviews(), st.sampled_from(["text", "markdown", "html"]))
def test_every_format_keeps_the_invariants(text: str, fmt: str) -> None:
    review = reviewkit.parse(text, format=fmt)
    check_invariants(review)
    if fmt == "html" and review.source_map is not None:
        smap = review.source_map
        for start, source, length in zip(
            smap.text_starts, smap.source_starts, smap.lengths, strict=True
        ):
            piece = review.text[start : start + length]
            if (
                review.source is not None
                and review.source[source : source + length] != piece
            ):
                # Only decoded character references (&amp; -> &) may differ.
                assert review.source[source] == "&"


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_parse(data: bytes) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", reviewkit.errors.DecodingWarning)
        check_invariants(reviewkit.parse(data))


@SETTINGS
@given(reviews())
def test_parse_is_deterministic(text: str) -> None:
    assert reviewkit.parse(text) == reviewkit.parse(text)

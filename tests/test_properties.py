"""Properties of parse(), analyze() and score_corpus() for every input (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewkit
from reviewkit import Review
from reviewkit._frames import LEVELS, empty_frame
from reviewkit._types import POLARITIES, SECTION_KINDS, VERDICTS
from tests.strategies import reviews

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# analyze() runs the spaCy pipeline: fewer examples keep the file fast.
ANALYSIS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
CORPUS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Any review: arbitrary Unicode (st.text() draws no surrogates) or review-like.
any_review = st.one_of(st.text(max_size=300), reviews())


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


# -- analyze() ------------------------------------------------------------------------


def in_unit(value: float) -> bool:
    return math.isfinite(value) and 0.0 <= value <= 1.0


def signed(value: float) -> bool:
    return math.isfinite(value) and -1.0 <= value <= 1.0


def check_analysis(review: Review) -> None:
    """Offsets slice the text, every score is in range, labels are known."""
    check_invariants(review)
    text = review.text
    assert review.score is not None
    assert signed(review.score)
    assert review.verdict is None or review.verdict in VERDICTS
    assert review.rating is None or in_unit(review.rating)
    assert all(in_unit(value) for value in review.aspect_ratings.values())
    assert all(s.kind in SECTION_KINDS for s in review.sections)
    previous_end = 0
    for index, sentence in enumerate(review.sentences):
        assert sentence.index == index
        assert previous_end <= sentence.start < sentence.end <= len(text)
        previous_end = sentence.end
        assert sentence.text == text[sentence.start : sentence.end]
        section = review.sections[sentence.section_index]
        assert section.start <= sentence.start
        assert sentence.end <= section.end
        scores = sentence.sentiment
        assert in_unit(scores.neg)
        assert in_unit(scores.neu)
        assert in_unit(scores.pos)
        assert signed(scores.compound)
        for clause in sentence.clauses:
            assert clause.text == text[clause.start : clause.end]
            assert sentence.start <= clause.start <= clause.end <= sentence.end
            assert signed(clause.sentiment.compound)
    for mention in review.mentions:
        assert mention.text == text[mention.start : mention.end]
        assert mention.aspect in review.aspects or not mention.scored
        clause = mention.clause
        assert clause.text == text[clause.start : clause.end]
        assert 0 <= mention.sentence_index < len(review.sentences)
        assert in_unit(mention.sentiment.neg)
        assert in_unit(mention.sentiment.pos)
        assert signed(mention.sentiment.compound)
    for aspect, result in review.aspects.items():
        assert result.aspect == aspect
        assert result.polarity in POLARITIES
        assert signed(result.score)
        assert result.mentions >= 1
        assert result.evidence
        for evidence in result.evidence:
            assert evidence.text == text[evidence.start : evidence.end]
            assert signed(evidence.score)
            assert evidence.weight > 0
    for item in review.verdict_evidence:
        assert item.verdict in VERDICTS
        assert item.text == text[item.start : item.end]


@ANALYSIS
@given(any_review, st.sampled_from(["auto", "text", "markdown", "html"]))
def test_analyze_never_raises_and_keeps_every_invariant(text: str, fmt: str) -> None:
    review = reviewkit.analyze(text, format=fmt)
    check_analysis(review)
    parsed = reviewkit.parse(text, format=fmt)
    assert review.sections == parsed.sections, "analysis keeps the parsed structure"
    assert (review.title, review.show, review.ratings) == (
        parsed.title,
        parsed.show,
        parsed.ratings,
    )


@ANALYSIS
@given(any_review)
def test_analyze_is_deterministic(text: str) -> None:
    first, second = reviewkit.analyze(text), reviewkit.analyze(text)
    assert first.score == second.score
    assert first.verdict == second.verdict
    assert dict(first.aspects) == dict(second.aspects)
    assert [s.sentiment.compound for s in first.sentences] == [
        s.sentiment.compound for s in second.sentences
    ]
    assert first == second


@ANALYSIS
@given(any_review, st.sampled_from(["auto", "text", "markdown", "html"]))
def test_only_opinion_text_is_scored(text: str, fmt: str) -> None:
    """Headings and labels (with their markup: "##", "- ", "1.") are never scored."""
    review = reviewkit.analyze(text, format=fmt)
    for sentence in review.sentences:
        section = review.sections[sentence.section_index]
        if sentence.scored:
            assert sentence.role == "text"
        if sentence.role == "heading":
            assert section.heading_end is not None
            assert section.start <= sentence.start < section.heading_end
        elif sentence.role == "label":
            assert sentence.item_index is not None
            item = section.items[sentence.item_index]
            assert item.start <= sentence.start
            assert sentence.end <= item.body_start


# -- decoding ---------------------------------------------------------------------------

# Text whose UTF-8/UTF-16 bytes mean the same text: no NUL (alternating NUL bytes
# read as BOM-less UTF-16) and no leading byte-order mark (which is dropped).
plain_text = st.text(max_size=200).filter(
    lambda t: "\x00" not in t and not t.startswith("\ufeff")
)


@SETTINGS
@given(plain_text)
def test_utf8_bytes_read_exactly_like_the_text(text: str) -> None:
    assert reviewkit.parse(text.encode("utf-8")) == reviewkit.parse(text)


@SETTINGS
@given(plain_text, st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]))
def test_bytes_with_a_byte_order_mark_read_like_the_text(text: str, codec: str) -> None:
    assert reviewkit.parse(text.encode(codec)) == reviewkit.parse(text)


# -- HTML -----------------------------------------------------------------------------------

# Text with no markup of its own ("<" and "&" would make tags and references).
words = st.text(
    alphabet=st.characters(blacklist_characters="<&", blacklist_categories=["Cs"]),
    max_size=80,
)


@SETTINGS
@given(words, words, words)
def test_scripts_and_styles_never_reach_the_text(
    visible: str, script: str, style: str
) -> None:
    page = (
        f"<html><head><style>{style}</style></head><body><p>{visible}</p>"
        f"<script>{script}</script><style>{style}</style></body></html>"
    )
    review = reviewkit.parse(page)
    assert review.format == "html"
    assert review.text.strip() == " ".join(visible.split())


# -- corpora ----------------------------------------------------------------------------------


@CORPUS
@given(st.lists(st.one_of(any_review, st.none()), max_size=6))
def test_frame_schemas_never_change(texts: list[str | None]) -> None:
    result = reviewkit.score_corpus(texts, progress=False, batch_size=4)
    for level in LEVELS:
        frame, empty = result.frame(level), empty_frame(level)
        assert list(frame.columns) == list(empty.columns), level
        assert frame.dtypes.to_dict() == empty.dtypes.to_dict(), level
    reviews = result.reviews
    assert reviews["review_id"].tolist() == [str(i) for i in range(len(texts))]
    assert reviews["status"].tolist() == [
        "error" if text is None else "ok" for text in texts
    ]

r"""Coverage-guided fuzzing of `reviewkit.parse` and `reviewkit.analyze` (atheris).

Every input is a review followed by one control byte (the last byte):

========  ===============================================================
bits 0-1  ``format``: 0 ``"auto"``, 1 ``"text"``, 2 ``"markdown"``, 3 ``"html"``
bit 2     pass the review as ``bytes`` (else as a decoded ``str``)
bit 3     also run `reviewkit.analyze` (else `reviewkit.parse` only)
bit 4     decode the ``str`` as Latin-1 (every byte a code point, controls
          included) instead of UTF-8 with replacement characters
========  ===============================================================

What counts as a crash (read from ``reviewkit/errors.py`` and the docstrings
of ``parse``/``analyze``): any exception except `reviewkit.errors.ReviewkitError`
and its subclasses. ``TypeError`` is documented only for a source that is not
text, bytes or a path, and this harness always passes text or bytes, so a
``TypeError`` is a crash too. Warnings other than reviewkit's own
(`reviewkit.errors.ReviewkitWarning`: bytes that are not UTF-8) and the
documented "this text is also the path of a file" ``UserWarning`` are turned
into errors, as the test suite does.

Invariants checked on every result:

- sections: at least one, indexed in order, contiguous, the first starting at
  0 and the last ending at ``len(review.text)``, their texts joining to the
  text exactly; headings, items, labels and ratings slice the text and lie in
  their section;
- HTML: the source map's runs are ascending, in range, and copy the source
  (except decoded character references);
- after `analyze`: the same sections as `parse`; sentences, clauses, mentions,
  evidence and verdict evidence slice the text; every score is finite and in
  range (VADER proportions in [0, 1], compound, aspect, evidence and review
  scores in [-1, 1]); the review serialises to JSON.

Install (not a CI dependency)::

    .venv/bin/pip install atheris

Run (new inputs go to the first folder; the seeds stay untouched)::

    mkdir -p out/fuzz/corpus out/fuzz/artifacts
    .venv/bin/python benchmarks/fuzz/fuzz_reviewkit.py out/fuzz/corpus \
        benchmarks/fuzz/corpus -max_total_time=660 -max_len=4096 -timeout=30 \
        -artifact_prefix=out/fuzz/artifacts/

Reproduce one input: pass the file instead of folders,
``.venv/bin/python benchmarks/fuzz/fuzz_reviewkit.py crash-...``.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from typing import Any

import atheris

with atheris.instrument_imports(include=["reviewkit", "markdown_it"]):
    import reviewkit
    import reviewkit._analysis
    import reviewkit._pipeline
    import reviewkit._plain
    import reviewkit._serialize
    from reviewkit import Review
    from reviewkit.errors import ReviewkitError, ReviewkitWarning

    # Build the shared pipeline and run every reader once, so modules imported
    # lazily on first use are imported (and instrumented) here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _warm in ("# A\n\n- **b:** c", "<p>d</p><p>e</p>", "f\n\ng- h"):
            reviewkit.analyze(_warm).to_dict()

FORMATS = ("auto", "text", "markdown", "html")
PATH_WARNING = r".*is also the path of an existing file"


def _span(text: str, what: str, start: int, end: int, piece: str) -> None:
    assert 0 <= start <= end <= len(text), f"{what}: [{start}, {end}) out of range"
    assert text[start:end] == piece, f"{what}: text != text[{start}:{end}]"


def _unit(value: float, what: str) -> None:
    assert math.isfinite(value), f"{what} = {value!r}"
    assert 0.0 <= value <= 1.0, f"{what} = {value!r}"


def _signed(value: float, what: str) -> None:
    assert math.isfinite(value), f"{what} = {value!r}"
    assert -1.0 <= value <= 1.0, f"{what} = {value!r}"


def check_structure(review: Review) -> None:
    """Assert the invariants of a parsed review (sections, items, ratings).

    Args:
        review: The result of `reviewkit.parse` or `reviewkit.analyze`.
    """
    text = review.text
    sections = review.sections
    assert sections, "no sections"
    assert sections[0].start == 0, "first section does not start at 0"
    assert sections[-1].end == len(text), "last section does not end at len(text)"
    for index, section in enumerate(sections):
        assert section.index == index, "section indices out of order"
        if index:
            assert sections[index - 1].end == section.start, "sections not contiguous"
        _span(text, f"section {index}", section.start, section.end, section.text)
        if section.heading is not None:
            assert section.heading_start is not None, "heading without start"
            assert section.heading_end is not None, "heading without end"
            _span(
                text,
                f"heading {index}",
                section.heading_start,
                section.heading_end,
                section.heading,
            )
            assert section.start <= section.heading_start, "heading before section"
            assert section.heading_end <= section.end, "heading past section"
        previous_end = section.start
        for item in section.items:
            _span(text, "item", item.start, item.end, item.text)
            assert previous_end <= item.start, "items overlap or leave the section"
            assert item.end <= section.end, "item past its section"
            assert item.start <= item.body_start <= item.end, "item body outside"
            previous_end = item.end
            if item.label is not None and item.label_start is not None:
                assert item.label_end is not None, "label without end"
                _span(text, "label", item.label_start, item.label_end, item.label)
    assert "".join(s.text for s in sections) == text, "sections do not cover text"
    for rating in review.ratings:
        _span(text, "rating", rating.start, rating.end, rating.text)
        _unit(rating.value, "rating.value")
    if review.rating is not None:
        _unit(review.rating, "review.rating")
    for aspect, value in review.aspect_ratings.items():
        _unit(value, f"aspect_ratings[{aspect!r}]")
    smap = review.source_map
    if smap is not None:
        source = review.source or ""
        last_end = 0
        for start, origin, length in zip(
            smap.text_starts, smap.source_starts, smap.lengths, strict=True
        ):
            assert start >= last_end, "source map runs overlap or go backwards"
            last_end = start + length
            assert start + length <= len(text), "source map run past the text"
            assert 0 <= origin < len(source) or length == 0, "run outside source"
            copied = source[origin : origin + length]
            if copied != text[start : start + length]:
                assert source[origin] == "&", "run is neither copied nor a charref"


def check_analysis(review: Review, parsed: Review) -> None:
    """Assert the invariants of an analysed review.

    Args:
        review: The result of `reviewkit.analyze`.
        parsed: The result of `reviewkit.parse` on the same input.
    """
    check_structure(review)
    assert review.text == parsed.text, "analyze and parse read different texts"
    assert review.sections == parsed.sections, "analyze and parse disagree"
    text = review.text
    previous_end = 0
    for index, sentence in enumerate(review.sentences):
        assert sentence.index == index, "sentence indices out of order"
        _span(text, "sentence", sentence.start, sentence.end, sentence.text)
        assert previous_end <= sentence.start, "sentences overlap"
        previous_end = sentence.end
        assert 0 <= sentence.section_index < len(review.sections), "bad section"
        section = review.sections[sentence.section_index]
        assert section.start <= sentence.start < section.end, "sentence outside"
        if sentence.item_index is not None:
            assert 0 <= sentence.item_index < len(section.items), "bad item index"
        _sentiment(sentence.sentiment, "sentence")
        for clause in sentence.clauses:
            _span(text, "clause", clause.start, clause.end, clause.text)
            assert sentence.start <= clause.start <= clause.end <= sentence.end
            _sentiment(clause.sentiment, "clause")
    for mention in review.mentions:
        _span(text, "mention", mention.start, mention.end, mention.text)
        clause = mention.clause
        _span(text, "mention clause", clause.start, clause.end, clause.text)
        assert 0 <= mention.sentence_index < len(review.sentences), "bad sentence"
        _sentiment(mention.sentiment, "mention")
    for aspect, result in review.aspects.items():
        assert result.aspect == aspect, "aspect key mismatch"
        _signed(result.score, f"aspects[{aspect!r}].score")
        assert result.mentions >= 1, "an aspect without evidence"
        for evidence in result.evidence:
            _span(text, "evidence", evidence.start, evidence.end, evidence.text)
            _signed(evidence.score, "evidence.score")
            assert math.isfinite(evidence.weight), "evidence weight not finite"
            assert evidence.weight >= 0, "negative evidence weight"
    for item in review.verdict_evidence:
        _span(text, "verdict evidence", item.start, item.end, item.text)
        assert math.isfinite(item.weight), "verdict weight not finite"
    assert review.score is not None, "analyze left the score empty"
    _signed(review.score, "review.score")
    json.dumps(review.to_dict(), allow_nan=False)


def _sentiment(sentiment: Any, what: str) -> None:
    for name in ("neg", "neu", "pos"):
        _unit(getattr(sentiment, name), f"{what}.{name}")
    _signed(sentiment.compound, f"{what}.compound")


def split_input(data: bytes) -> tuple[str | bytes, str, bool]:
    """Turn fuzzer bytes into (source, format, analyze) by the control byte.

    Args:
        data: The fuzzer's input; its last byte is the control byte.

    Returns:
        The source to pass (bytes or str), the format, and whether to analyze.
    """
    control = data[-1] if data else 0
    payload = data[:-1]
    fmt = FORMATS[control & 3]
    source: str | bytes
    if control & 4:
        source = payload
    elif control & 16:
        source = payload.decode("latin-1")
    else:
        source = payload.decode("utf-8", errors="replace")
    return source, fmt, bool(control & 8)


def test_one_input(data: bytes) -> None:
    """Run one input through parse (and maybe analyze) and check the results.

    Args:
        data: The fuzzer's input.
    """
    source, fmt, deep = split_input(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", ReviewkitWarning)
        warnings.filterwarnings("ignore", PATH_WARNING, UserWarning)
        try:
            parsed = reviewkit.parse(source, format=fmt)
        except ReviewkitError:
            return
        check_structure(parsed)
        if deep:
            try:
                analysed = reviewkit.analyze(source, format=fmt)
            except ReviewkitError:
                return
            check_analysis(analysed, parsed)


def main() -> None:
    """Start libFuzzer with the command-line arguments."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

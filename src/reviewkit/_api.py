"""The top-level entry points: `parse` (structure) and `analyze` (sentiment)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from spacy.language import Language

from reviewkit._blend import Backend
from reviewkit._lexicon import AspectLexicon
from reviewkit._readers import read
from reviewkit._sentiment import DEFAULT_SENTIMENT, SentimentLexicon, text_polarity
from reviewkit._structure import build_review, sentence_breaks
from reviewkit._types import Review
from reviewkit._vocab import HeadingVocabulary
from reviewkit.errors import ConfigurationError, InputError, PipelineError

__all__ = ["analyze", "parse"]

Source = str | bytes | Path


def parse(
    source: Source,
    *,
    format: str = "auto",
    headings: str | Path | HeadingVocabulary = "blog_en.v1",
    aspects: str | Path | AspectLexicon = "tv_film_en.v1",
) -> Review:
    r"""Parse a review into its structure.

    Args:
        source: The review as text (``str``), bytes (UTF-8 preferred; other
            encodings are decoded with a warning) or a `pathlib.Path` to a
            ``.txt``, ``.md`` or ``.html`` file.
        format: ``"auto"``, ``"text"``, ``"markdown"`` or ``"html"``.
        headings: Heading vocabulary: a packaged name, a JSON path, or a
            `HeadingVocabulary`.
        aspects: Aspect lexicon used to map item labels to aspects: a packaged
            name, a JSON path, or an `AspectLexicon`.

    Returns:
        A frozen `Review` with title, show, sections, items, ratings, spoiler
        flag. Its sentiment fields stay empty; use `reviewkit.analyze` for them.

    Raises:
        TypeError: If ``source`` is not text, bytes or a path.
        ConfigurationError: If ``format`` or a vocabulary name is unknown.
        InputError: If a path cannot be read.

    Examples:
        >>> review = parse("Pros:\n- Great cast\nCons:\n- The finale drags")
        >>> [s.kind for s in review.sections]
        ['pros', 'cons']
    """
    doc = read(source, format=format)
    return build_review(
        doc,
        vocabulary=HeadingVocabulary.load(headings),
        lexicon=AspectLexicon.load(aspects),
        polarity=text_polarity,
    )


def analyze(
    source: Source,
    *,
    format: str = "auto",
    nlp: Language | None = None,
    aspects: str | Path | AspectLexicon | None = None,
    metadata: Mapping[str, Any] | None = None,
    review_id: str | None = None,
    sentiment: str | Path | SentimentLexicon | None = DEFAULT_SENTIMENT,
    backend: Backend = "vader",
) -> Review:
    r"""Parse a review and score the sentiment of its aspects.

    Args:
        source: The review as text, bytes or a `pathlib.Path` (as for `parse`).
        format: ``"auto"``, ``"text"``, ``"markdown"`` or ``"html"``.
        nlp: A pipeline from `reviewkit.load` (for example with a trained spaCy
            model). By default a blank English pipeline, built once per process.
        aspects: An aspect lexicon of your own (packaged name, JSON path or
            `AspectLexicon`), for the default pipeline. To use it with your own
            ``nlp``, pass it to `reviewkit.load` instead.
        metadata: Metadata to keep with the review (show, reviewer, date...).
        review_id: An identifier to keep with the review.
        sentiment: The domain layer on VADER (packaged name, JSON path,
            `SentimentLexicon`, or None for plain VADER), for the default
            pipeline.
        backend: ``"vader"`` (rules only, the fastest), ``"model"`` or
            ``"blend"`` (adds reviewkit's learned film/TV models; see
            `reviewkit.load`), for the default pipeline.

    Returns:
        The `Review` from `parse`, with sentences, clauses, aspect mentions,
        per-aspect sentiment (``review.aspects``), the verdict with its evidence
        and an overall score.

    Raises:
        TypeError: If ``source`` is not text, bytes or a path.
        ConfigurationError: If both ``nlp`` and ``aspects`` are given, or a name
            is unknown.
        PipelineError: If ``nlp`` lacks reviewkit's components.

    Examples:
        >>> text = "The Good:\nThe Acting- superb.\nThe Bad:\nBoring- it drags."
        >>> review = analyze(text)
        >>> {a: r.polarity for a, r in review.aspects.items()}
        {'acting': 'positive', 'pacing': 'negative'}
    """
    from reviewkit._pipeline import shared_pipeline

    if nlp is None:
        nlp = shared_pipeline(aspects=aspects, sentiment=sentiment, backend=backend)
    elif aspects is not None or backend != "vader":
        raise ConfigurationError(
            "analyze() got both 'nlp' and 'aspects' or 'backend'. Build the pipeline "
            "with them instead: nlp = reviewkit.load(aspects=..., backend=...)."
        )
    return analyze_with(
        nlp, source, format=format, metadata=metadata, review_id=review_id
    )


def analyze_with(
    nlp: Language,
    source: Source,
    *,
    format: str = "auto",
    metadata: Mapping[str, Any] | None = None,
    review_id: str | None = None,
) -> Review:
    """Analyse one review with a given pipeline (the shared core of all paths)."""
    from reviewkit._analysis import review_from_doc
    from reviewkit._pipeline import SHOW_KEY, TEXT_KEY, StructureComponent
    from reviewkit._plain import structure_to_plain

    structure = (
        nlp.get_pipe("reviewkit_structure")
        if nlp.has_pipe("reviewkit_structure")
        else None
    )
    if not isinstance(structure, StructureComponent):
        raise PipelineError(
            "The pipeline has no 'reviewkit_structure' component. Build it with "
            "reviewkit.load(), or pass an existing Language to reviewkit.load(nlp) "
            "to add reviewkit's components."
        )
    document = read(source, format=format)
    review = build_review(
        document,
        vocabulary=structure.headings,
        lexicon=structure.lexicon,
        polarity=text_polarity,
    )
    if len(document.text) > nlp.max_length:
        raise InputError(
            f"The review is {len(document.text):,} characters long, more than this "
            f"pipeline's max_length ({nlp.max_length:,}), which spaCy sets for "
            "trained pipelines to bound parser memory. Split the review, or raise "
            "nlp.max_length if you have the memory; the default blank pipeline "
            "accepts much longer reviews."
        )
    doc = nlp.make_doc(document.text)
    doc.user_data[TEXT_KEY] = document.text
    show = (metadata or {}).get("show")
    if isinstance(show, str) and show.strip():
        doc.user_data[SHOW_KEY] = show  # its words are no opinion
    doc._.rk_structure = structure_to_plain(review, sentence_breaks(document, review))
    for _, component in nlp.pipeline:
        doc = component(doc)
    return review_from_doc(doc, base=review, review_id=review_id, metadata=metadata)

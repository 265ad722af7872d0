"""Frozen value objects: what `parse` and `analyze` return.

These hold plain data (text, offsets, floats), never spaCy objects, so they pickle,
cross process boundaries and compare by value. Every ``start``/``end`` pair is a
character offset into ``Review.text`` and ``text`` fields are exact slices of it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal, get_args

__all__ = [
    "POLARITIES",
    "SECTION_KINDS",
    "VERDICTS",
    "AspectMention",
    "AspectSentiment",
    "Clause",
    "Evidence",
    "Format",
    "Item",
    "MentionSource",
    "Polarity",
    "Rating",
    "Review",
    "Section",
    "SectionKind",
    "Sentence",
    "SentenceRole",
    "Sentiment",
    "SourceMap",
    "Stance",
    "VerdictEvidence",
    "VerdictLabel",
]

SectionKind = Literal[
    "intro", "summary", "pros", "cons", "verdict", "ratings", "signoff", "body"
]
SECTION_KINDS: tuple[SectionKind, ...] = get_args(SectionKind)
Polarity = Literal["positive", "negative", "neutral", "mixed"]
POLARITIES: tuple[Polarity, ...] = get_args(Polarity)
VerdictLabel = Literal["recommend", "not_recommend", "mixed"]
VERDICTS: tuple[VerdictLabel, ...] = get_args(VerdictLabel)
Format = Literal["text", "markdown", "html"]
SentenceRole = Literal["heading", "label", "text"]
EvidenceKind = Literal["mention", "item", "rating", "verdict"]
Stance = Literal["pro", "con"]
MentionSource = Literal["lexicon", "model"]

#: VADER's documented thresholds for calling a compound score positive/negative.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _empty_mapping() -> Mapping[str, Any]:
    return _EMPTY


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if not value:
        return _EMPTY
    if isinstance(value, MappingProxyType):
        return value
    return MappingProxyType(dict(value))


def heading_body_start(text: str, heading_end: int, end: int) -> int:
    """Where the text after a heading starts: past its closing marks and spacing.

    A heading's offsets cover the heading as written ("The Good:" of
    "**The Good:** text", "Good" of "**Good**: text"); the closing emphasis
    marks after it, a separator right after those, and spaces or tabs on the
    same line belong to neither the heading nor the text.

    Args:
        text: The text the offsets point into.
        heading_end: Offset just past the heading.
        end: Offset not to go past (the section's end).

    Returns:
        The offset of the first character after the heading that is text.
    """
    i = heading_end
    while i < end and text[i] in "*_":
        i += 1
    separators = " \t:-–—~" if i > heading_end else " \t"
    while i < end and text[i] in separators:
        i += 1
    return i


def _check_span(owner: str, start: int, end: int, text: str) -> None:
    if start < 0 or end < start:
        raise ValueError(
            f"{owner} offsets must satisfy 0 <= start <= end; got start={start}, "
            f"end={end}."
        )
    if end - start != len(text):
        raise ValueError(
            f"{owner}.text must be the slice text[start:end] ({end - start} "
            f"characters); got {len(text)} characters."
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentiment:
    """VADER-style sentiment scores of one span of text.

    Attributes:
        neg: Share of negative valence, 0..1.
        neu: Share of neutral valence, 0..1.
        pos: Share of positive valence, 0..1.
        compound: Normalised overall score, -1..1.
    """

    neg: float = 0.0
    neu: float = 0.0
    pos: float = 0.0
    compound: float = 0.0

    def __post_init__(self) -> None:
        if not -1.0 <= self.compound <= 1.0:
            raise ValueError(
                f"Sentiment.compound must lie in [-1, 1]; got {self.compound!r}."
            )

    @property
    def label(self) -> Literal["positive", "negative", "neutral"]:
        """The polarity under VADER's usual thresholds (±0.05)."""
        if self.compound >= POSITIVE_THRESHOLD:
            return "positive"
        if self.compound <= NEGATIVE_THRESHOLD:
            return "negative"
        return "neutral"


NEUTRAL = Sentiment(neu=1.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """A labelled paragraph or list entry, such as ``"The Acting- I love..."``.

    Attributes:
        label: The label as written (``"The Acting"``), or None for an
            unlabelled list entry.
        aspect: Canonical aspect id the label (or, for unlabelled entries, the
            text) maps to, or None when nothing fits.
        text: The whole entry, label included: ``review.text[start:end]``.
        start: Offset of the entry's first character.
        end: Offset just past the entry's last character.
        body_start: Offset where the text after the label and its separator
            begins (equal to ``start`` when there is no label).
        label_start: Offset of the label, or None.
        label_end: Offset just past the label, or None.
    """

    label: str | None
    aspect: str | None
    text: str
    start: int
    end: int
    body_start: int
    label_start: int | None = None
    label_end: int | None = None

    def __post_init__(self) -> None:
        _check_span("Item", self.start, self.end, self.text)
        if not self.start <= self.body_start <= self.end:
            raise ValueError(
                f"Item.body_start must lie in [start, end] = [{self.start}, "
                f"{self.end}]; got {self.body_start}."
            )

    @property
    def body(self) -> str:
        """The entry's text after its label and separator."""
        return self.text[self.body_start - self.start :]


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A contiguous part of a review.

    Sections cover the review without gaps or overlaps: the first starts at 0,
    each starts where the previous one ends, and the last ends at
    ``len(review.text)``.

    Attributes:
        index: Position among the review's sections.
        kind: One of ``intro``, ``summary``, ``pros``, ``cons``, ``verdict``,
            ``ratings``, ``signoff``, ``body``.
        heading: The heading as written (``"The Soft:"``), or None.
        text: ``review.text[start:end]``.
        start: Offset of the first character.
        end: Offset just past the last character.
        heading_start: Offset of the heading, or None.
        heading_end: Offset just past the heading, or None.
        items: Labelled paragraphs and list entries inside the section.
        resolved_by: How ``kind`` was decided: ``"vocabulary"`` (a known heading),
            ``"pair"`` (an unknown pair of contrasting headings, by order and
            content polarity), ``"position"`` (where the text sits: intro,
            closing verdict, sign-off), ``"pattern"`` (rating lines) or None for
            plain body text.
    """

    index: int
    kind: SectionKind
    heading: str | None
    text: str
    start: int
    end: int
    heading_start: int | None = None
    heading_end: int | None = None
    items: tuple[Item, ...] = ()
    resolved_by: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in SECTION_KINDS:
            raise ValueError(
                f"Section.kind must be one of {', '.join(SECTION_KINDS)}; "
                f"got {self.kind!r}."
            )
        _check_span("Section", self.start, self.end, self.text)

    @property
    def body(self) -> str:
        """The section's text after its heading (all of it when there is none).

        The heading's closing marks and the spacing after it are left out:
        the body of "**Good**: great cast" is "great cast".
        """
        if self.heading_end is None:
            return self.text
        start = heading_body_start(
            self.text, self.heading_end - self.start, len(self.text)
        )
        return self.text[start:]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rating:
    """A score the reviewer wrote down, such as ``"7.5/10"`` or ``"★★★☆☆"``.

    Attributes:
        value: The score normalised to 0..1.
        score: The score as written (7.5).
        scale: The maximum of its scale (10).
        label: What was rated as written (``"Acting/Cast"``), None if overall.
        aspect: The aspect id the label maps to, ``"overall"``, or None when
            the label maps to nothing known.
        text: The rating as written.
        start: Offset of the rating's first character.
        end: Offset just past its last character.
    """

    value: float
    score: float
    scale: float
    label: str | None
    aspect: str | None
    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0.0 <= self.value <= 1.0:
            raise ValueError(f"Rating.value must lie in [0, 1]; got {self.value!r}.")
        _check_span("Rating", self.start, self.end, self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Clause:
    """A clause of a sentence, split on contrast ("but", "though", ";"...).

    Attributes:
        text: ``review.text[start:end]``.
        start: Offset of the first character.
        end: Offset just past the last character.
        sentiment: Scores of the raw clause text, with the domain layer.
    """

    text: str
    start: int
    end: int
    sentiment: Sentiment


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence with its scores.

    Attributes:
        index: Position among the review's sentences.
        section_index: Index of the section holding it.
        item_index: Index of the item (within its section) holding it, or None.
        role: ``"heading"`` for section headings, ``"label"`` for item labels,
            ``"text"`` for everything else.
        scored: Whether it counts as the reviewer's opinion. Headings, labels,
            sign-offs and (by default) synopsis sections do not.
        text: ``review.text[start:end]``.
        start: Offset of the first character.
        end: Offset just past the last character.
        sentiment: Scores of the whole sentence.
        clauses: Its clauses, in order.
        stance: ``"pro"`` or ``"con"`` when the sentence argues for or against
            the show: from its pro/con heading, or, for opinion sentences
            elsewhere, from the pro/con classifier when the pipeline has one
            (``backend="blend"``); None otherwise.
    """

    index: int
    section_index: int
    item_index: int | None
    role: SentenceRole
    scored: bool
    text: str
    start: int
    end: int
    sentiment: Sentiment
    clauses: tuple[Clause, ...] = ()
    stance: Stance | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AspectMention:
    """One mention of an aspect in the text, with the clause that scores it.

    Attributes:
        aspect: Canonical aspect id (``"acting"``).
        term: The lexicon term that matched (``"performance"``).
        text: The words as written (``"performances"``).
        start: Offset of the mention.
        end: Offset just past the mention.
        sentence_index: Index of the sentence holding it.
        clause: The clause whose score is attributed to the aspect.
        sentiment: The attributed score.
        negated: Whether an opinion word in the scored clause was negated.
        opinion_words: Words of the clause that carry sentiment, lower-cased.
        scored: Whether the mention counts toward the aspect's polarity (False
            in synopses, headings and sign-offs).
        source: ``"lexicon"`` when a lexicon term matched; ``"model"`` when the
            aspect classifier assigned an opinion sentence that names no term
            to the aspect (then ``term`` is empty and the mention spans the
            sentence).
    """

    aspect: str
    term: str
    text: str
    start: int
    end: int
    sentence_index: int
    clause: Clause
    sentiment: Sentiment
    negated: bool = False
    opinion_words: tuple[str, ...] = ()
    scored: bool = True
    source: MentionSource = "lexicon"


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A piece of text that supports an aspect's score.

    Attributes:
        kind: ``"mention"`` (a clause naming the aspect), ``"item"`` (a labelled
            entry under a pro or con heading), ``"rating"`` (a written score)
            or ``"verdict"`` (a recommendation, evidence for ``overall``).
        text: The clause, item or rating text.
        start: Offset of the text.
        end: Offset just past the text.
        score: Its signed score, -1..1.
        weight: How much it counts in the aspect's score.
    """

    kind: EvidenceKind
    text: str
    start: int
    end: int
    score: float
    weight: float


@dataclass(frozen=True, slots=True, kw_only=True)
class AspectSentiment:
    """The reviewer's sentiment toward one aspect across a review.

    Aspects a review never mentions are absent from ``Review.aspects``: "not
    mentioned" is not "neutral".

    Attributes:
        aspect: Canonical aspect id.
        polarity: ``positive``, ``negative``, ``neutral`` or ``mixed``.
        score: Weighted score, -1..1.
        mentions: Number of scored mentions and items.
        evidence: The clauses, items and ratings behind the score, strongest
            first.
    """

    aspect: str
    polarity: Polarity
    score: float
    mentions: int
    evidence: tuple[Evidence, ...]

    def __post_init__(self) -> None:
        if self.polarity not in POLARITIES:
            raise ValueError(
                f"AspectSentiment.polarity must be one of {', '.join(POLARITIES)}; "
                f"got {self.polarity!r}."
            )
        if not -1.0 <= self.score <= 1.0:
            raise ValueError(
                f"AspectSentiment.score must lie in [-1, 1]; got {self.score!r}."
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class VerdictEvidence:
    """A sentence that says whether the reviewer recommends the show.

    Attributes:
        verdict: What the sentence says: ``recommend``, ``not_recommend`` or
            ``mixed``.
        cue: The words that triggered it.
        text: The sentence.
        start: Offset of the sentence.
        end: Offset just past the sentence.
        weight: How strongly it counts.
    """

    verdict: VerdictLabel
    cue: str
    text: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Maps offsets in the text view of a markup document back to its source.

    HTML is read into plain text (``Review.text``); runs of characters that were
    copied verbatim are recorded so that every offset of the text view can be
    located in the original markup.

    Attributes:
        text_starts: Start of each run in the text view, ascending.
        source_starts: Start of the same run in the source.
        lengths: Length of each run in the text view.
    """

    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    lengths: tuple[int, ...]

    def to_source(self, offset: int) -> int:
        """Return the source offset of a text-view offset.

        Offsets inside a verbatim run map exactly; offsets in text that reviewkit
        inserted (line breaks between blocks) map to the end of the previous run.

        Args:
            offset: A character offset into ``Review.text``.

        Returns:
            The matching character offset into ``Review.source``.
        """
        i = bisect.bisect_right(self.text_starts, offset) - 1
        if i < 0:
            return self.source_starts[0] if self.source_starts else 0
        delta = offset - self.text_starts[i]
        return self.source_starts[i] + min(delta, self.lengths[i])


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """A review's structure and, after `reviewkit.analyze`, its sentiment.

    Attributes:
        text: The review as text. For plain text and Markdown this is the input
            itself; for HTML it is the text the markup displays, and ``source``
            holds the markup.
        format: ``"text"``, ``"markdown"`` or ``"html"``.
        title: The title line, or None.
        show: The show or film the title names, or None.
        sections: Contiguous sections covering ``text``.
        rating: The overall rating normalised to 0..1, or None.
        aspect_ratings: Per-aspect ratings (0..1) keyed by aspect id.
        ratings: Every rating found, with offsets.
        spoilers: True for a spoiler warning, False for "spoiler-free", None
            when the review says neither.
        source: The original markup for HTML input, else None.
        source_map: Maps offsets of ``text`` into ``source`` (HTML only).
        review_id: An identifier given by the caller, or None.
        metadata: Caller-supplied metadata (show, reviewer, date...), read-only.
        sentences: Sentences with scores (after `analyze`).
        mentions: Aspect mentions (after `analyze`).
        aspects: Sentiment per mentioned aspect id (after `analyze`).
        verdict: ``recommend``, ``not_recommend``, ``mixed`` or None.
        verdict_evidence: The sentences behind the verdict.
        score: Overall review score, -1..1 (after `analyze`; None before).
    """

    text: str
    format: Format
    sections: tuple[Section, ...]
    title: str | None = None
    show: str | None = None
    rating: float | None = None
    aspect_ratings: Mapping[str, float] = field(
        default_factory=_empty_mapping, hash=False
    )
    ratings: tuple[Rating, ...] = ()
    spoilers: bool | None = None
    source: str | None = field(default=None, repr=False)
    source_map: SourceMap | None = field(default=None, repr=False, compare=False)
    review_id: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=_empty_mapping, hash=False)
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    mentions: tuple[AspectMention, ...] = field(default=(), repr=False)
    aspects: Mapping[str, AspectSentiment] = field(
        default_factory=_empty_mapping, hash=False
    )
    verdict: VerdictLabel | None = None
    verdict_evidence: tuple[VerdictEvidence, ...] = field(default=(), repr=False)
    score: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "metadata", _frozen_mapping(self.metadata))
        object.__setattr__(self, "aspects", _frozen_mapping(self.aspects))
        object.__setattr__(self, "aspect_ratings", _frozen_mapping(self.aspect_ratings))
        if not self.sections:
            raise ValueError("Review.sections must hold at least one section.")
        position = 0
        for section in self.sections:
            if section.start != position:
                raise ValueError(
                    "Review.sections must be contiguous and cover the text; section "
                    f"{section.index} starts at {section.start}, expected {position}."
                )
            position = section.end
        if position != len(self.text):
            raise ValueError(
                f"Review.sections must end at len(text) = {len(self.text)}; "
                f"they end at {position}."
            )
        if self.rating is not None and not 0.0 <= self.rating <= 1.0:
            raise ValueError(f"Review.rating must lie in [0, 1]; got {self.rating!r}.")
        if self.score is not None and not -1.0 <= self.score <= 1.0:
            raise ValueError(f"Review.score must lie in [-1, 1]; got {self.score!r}.")

    # -- navigation --

    @property
    def is_analyzed(self) -> bool:
        """Whether sentiment has been computed (`analyze` rather than `parse`)."""
        return self.score is not None

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every section, in document order."""
        return tuple(item for section in self.sections for item in section.items)

    def sections_of(self, *kinds: SectionKind) -> tuple[Section, ...]:
        """Return the sections of the given kinds, in document order.

        Args:
            *kinds: Section kinds, e.g. ``"pros", "cons"``.

        Returns:
            The matching sections.

        Raises:
            ValueError: If a kind is not one of `SECTION_KINDS`.
        """
        for kind in kinds:
            if kind not in SECTION_KINDS:
                raise ValueError(
                    f"kinds must be among {', '.join(SECTION_KINDS)}; got {kind!r}."
                )
        return tuple(s for s in self.sections if s.kind in kinds)

    def section_at(self, offset: int) -> Section:
        """Return the section holding a character offset.

        Args:
            offset: A character offset into ``text`` (``len(text)`` maps to the
                last section).

        Returns:
            The section whose span holds the offset.

        Raises:
            IndexError: If the offset lies outside the text.
        """
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset must lie in [0, {len(self.text)}]; got {offset}.")
        starts = [s.start for s in self.sections]
        return self.sections[max(0, bisect.bisect_right(starts, offset) - 1)]

    def iter_evidence(self) -> Iterator[tuple[str, Evidence]]:
        """Yield ``(aspect, evidence)`` pairs over all analysed aspects."""
        for aspect, result in self.aspects.items():
            for evidence in result.evidence:
                yield aspect, evidence

    # -- conversion --

    def to_dict(self) -> dict[str, Any]:
        """Return the review as JSON-ready plain data (lists, dicts, scalars)."""
        from reviewkit._serialize import review_to_dict

        return review_to_dict(self)

    def to_html(self, *, full_page: bool = False) -> str:
        """Return the highlighted view of the review as self-contained HTML.

        Pro and con sections are shaded, aspect mentions are coloured by
        polarity (hover for the score), and the verdict and an aspect table sit
        on top. Parsed-only reviews show their structure alone.

        Args:
            full_page: Return a complete HTML document (to write to a file)
                instead of a fragment.

        Returns:
            The HTML: inline CSS, no scripts, all text escaped.
        """
        from reviewkit._html import review_to_html

        return review_to_html(self, full_page=full_page)

    def _repr_html_(self) -> str:
        """The highlighted view, shown by Jupyter for a review."""
        return self.to_html()


def trusted_builder(cls: type[Any]) -> Any:
    """A positional constructor of a value class that skips validation.

    For reviewkit's own decoding of data it produced (``doc._`` rows), which
    builds tens of thousands of objects per second: a frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__`` and then runs
    ``__post_init__``; this sets the slots directly, about three times faster.
    The result equals the object ``cls(**fields)`` would give.

    Args:
        cls: A frozen, slotted dataclass of this module.

    Returns:
        A function taking every field positionally, in declaration order.
    """
    names = [f.name for f in fields(cls)]
    setters = {f"_set_{name}": getattr(cls, name).__set__ for name in names}
    body = "".join(f"    _set_{name}(obj, {name})\n" for name in names)
    source = (
        f"def build({', '.join(names)}):\n    obj = _new(_cls)\n{body}    return obj\n"
    )
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, namespace)  # generated from the field names only
    build = namespace["build"]
    build.__qualname__ = f"trusted_builder.<{cls.__name__}>"
    return build

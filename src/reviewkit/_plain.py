"""The plain-data layout of reviewkit's Doc extensions.

spaCy ships ``doc._`` values between processes (``nlp.pipe(n_process=2)``) and
through ``DocBin`` as msgpack, so only lists, dicts, strings and numbers may be
stored there. This module owns that layout and the conversions between it and
the value objects; nothing else reads or writes the raw lists.

``doc._.rk_structure`` (set by the ``reviewkit_blocks`` component)::

    {"v": 1, "format": str, "title": str|None, "show": str|None,
     "spoilers": bool|None, "rating": float|None,
     "aspect_ratings": {aspect: float},
     "sections": [[kind, start, end, heading_start|-1, heading_end|-1,
                   resolved_by|None, [[label|None, aspect|None, start, end,
                                       body_start, label_start|-1,
                                       label_end|-1], ...]], ...],
     "ratings": [[value, score, scale, label|None, aspect|None, start, end], ...],
     "breaks": [offset, ...]}   # forced sentence starts

``doc._.rk_sentiment`` (set by the ``reviewkit_sentiment`` component)::

    {"v": 1, "backend": str, "aspects": [aspect ids of the lexicon],
     "sentences": [[start, end, section, item|-1, role, scored,
                    neg, neu, pos, compound, first_clause, n_clauses,
                    stance], ...],
     "clauses": [[start, end, neg, neu, pos, compound], ...],
     "mentions": [[aspect, term, start, end, sentence, scope_start, scope_end,
                   neg, neu, pos, compound, negated, opinion_words, scored,
                   source], ...],
     "model_score": float|None}

A mention's scope is the clause it sits in, or, with a dependency parser, the
words attached to it; ``opinion_words`` are joined with "|". ``stance`` is 0
(none), 1 (pro) or 2 (con); ``source`` is 0 (lexicon) or 1 (aspect model).
``model_score`` is the polarity model's score of the opinion text as a whole
(None with the rules-only backend).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reviewkit._types import (
    AspectMention,
    Clause,
    Item,
    MentionSource,
    Rating,
    Review,
    Section,
    Sentence,
    SentenceRole,
    Sentiment,
    SourceMap,
    Stance,
    trusted_builder,
)

__all__ = [
    "ROLES",
    "VERSION",
    "mentions_from_plain",
    "review_from_structure",
    "sentences_from_plain",
    "structure_to_plain",
]

#: Layout of the plain data in ``doc._``; bumped whenever a row changes shape
#: (2: sentence stance, mention source).
VERSION = 2
ROLES: tuple[SentenceRole, ...] = ("heading", "label", "text")


def _opt(value: int | None) -> int:
    return -1 if value is None else value


def _unopt(value: int) -> int | None:
    return None if value < 0 else value


def structure_to_plain(review: Review, breaks: Sequence[int]) -> dict[str, Any]:
    """Encode a parsed review's structure for ``doc._.rk_structure``."""
    return {
        "v": VERSION,
        "format": review.format,
        "title": review.title,
        "show": review.show,
        "spoilers": review.spoilers,
        "rating": review.rating,
        "aspect_ratings": dict(review.aspect_ratings),
        "sections": [
            [
                s.kind,
                s.start,
                s.end,
                _opt(s.heading_start),
                _opt(s.heading_end),
                s.resolved_by,
                [
                    [
                        i.label,
                        i.aspect,
                        i.start,
                        i.end,
                        i.body_start,
                        _opt(i.label_start),
                        _opt(i.label_end),
                    ]
                    for i in s.items
                ],
            ]
            for s in review.sections
        ],
        "ratings": [
            [r.value, r.score, r.scale, r.label, r.aspect, r.start, r.end]
            for r in review.ratings
        ],
        "breaks": list(breaks),
    }


def review_from_structure(
    text: str,
    data: dict[str, Any],
    *,
    source: str | None = None,
    source_map: SourceMap | None = None,
) -> Review:
    """Decode ``doc._.rk_structure`` into a parsed `Review` (no sentiment)."""
    sections = []
    for index, (kind, start, end, h_start, h_end, resolved, items) in enumerate(
        data["sections"]
    ):
        heading_start, heading_end = _unopt(h_start), _unopt(h_end)
        heading = None
        if heading_start is not None and heading_end is not None:
            heading = text[heading_start:heading_end]
        sections.append(
            Section(
                index=index,
                kind=kind,
                heading=heading,
                text=text[start:end],
                start=start,
                end=end,
                heading_start=heading_start,
                heading_end=heading_end,
                resolved_by=resolved,
                items=tuple(
                    Item(
                        label=label,
                        aspect=aspect,
                        text=text[i_start:i_end],
                        start=i_start,
                        end=i_end,
                        body_start=body,
                        label_start=_unopt(l_start),
                        label_end=_unopt(l_end),
                    )
                    for label, aspect, i_start, i_end, body, l_start, l_end in items
                ),
            )
        )
    return Review(
        text=text,
        format=data["format"],
        title=data["title"],
        show=data["show"],
        sections=tuple(sections),
        rating=data["rating"],
        aspect_ratings=data["aspect_ratings"],
        ratings=tuple(
            Rating(
                value=value,
                score=score,
                scale=scale,
                label=label,
                aspect=aspect,
                text=text[start:end],
                start=start,
                end=end,
            )
            for value, score, scale, label, aspect, start, end in data["ratings"]
        ),
        spoilers=data["spoilers"],
        source=source,
        source_map=source_map,
    )


STANCES: tuple[Stance | None, ...] = (None, "pro", "con")
SOURCES: tuple[MentionSource, ...] = ("lexicon", "model")


_new_sentiment = trusted_builder(Sentiment)
_new_clause = trusted_builder(Clause)
_new_sentence = trusted_builder(Sentence)
_new_mention = trusted_builder(AspectMention)


def sentences_from_plain(text: str, data: dict[str, Any]) -> tuple[Sentence, ...]:
    """Decode the sentences (with their clauses) of ``doc._.rk_sentiment``."""
    clauses = [
        _new_clause(
            text[start:end], start, end, _new_sentiment(neg, neu, pos, compound)
        )
        for start, end, neg, neu, pos, compound in data["clauses"]
    ]
    return tuple(
        _new_sentence(
            index,
            section,
            _unopt(item),
            ROLES[role],
            bool(scored),
            text[start:end],
            start,
            end,
            _new_sentiment(neg, neu, pos, compound),
            tuple(clauses[first : first + count]),
            STANCES[stance],
        )
        for index, (
            start,
            end,
            section,
            item,
            role,
            scored,
            neg,
            neu,
            pos,
            compound,
            first,
            count,
            stance,
        ) in enumerate(data["sentences"])
    )


def mentions_from_plain(text: str, data: dict[str, Any]) -> tuple[AspectMention, ...]:
    """Decode the aspect mentions of ``doc._.rk_sentiment``."""
    mentions = []
    for (
        aspect,
        term,
        start,
        end,
        sentence,
        scope_start,
        scope_end,
        neg,
        neu,
        pos,
        compound,
        negated,
        words,
        scored,
        source,
    ) in data["mentions"]:
        sentiment = _new_sentiment(neg, neu, pos, compound)
        mentions.append(
            _new_mention(
                aspect,
                term,
                text[start:end],
                start,
                end,
                sentence,
                _new_clause(
                    text[scope_start:scope_end], scope_start, scope_end, sentiment
                ),
                sentiment,
                bool(negated),
                tuple(words.split("|")) if words else (),
                bool(scored),
                SOURCES[source],
            )
        )
    return tuple(mentions)

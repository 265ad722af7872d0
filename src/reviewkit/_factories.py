"""Every reviewkit spaCy factory, registered in one place.

spaCy itself moved its registrations into one module (``spacy/pipeline/
factories.py``) to avoid import cycles; reviewkit does the same. The factories are
also exposed through the ``spacy_factories`` entry point, so
``spacy.blank("en").add_pipe("reviewkit_structure")`` works without importing
reviewkit first.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from reviewkit._pipeline import (
    ASPECTS_KEY,
    SECTIONS_KEY,
    AspectComponent,
    SentimentComponent,
    StructureComponent,
)

__all__ = ["make_aspects", "make_sentiment", "make_structure"]

Config = str | dict[str, Any]


def make_structure(
    nlp: Language,
    name: str,
    headings: Config,
    aspects: Config,
    spans_key: str,
    split_sentences: bool,
) -> StructureComponent:
    """Build the ``reviewkit_structure`` component (see `StructureComponent`)."""
    return StructureComponent(
        nlp,
        name,
        headings=headings,
        aspects=aspects,
        spans_key=spans_key,
        split_sentences=split_sentences,
    )


def make_aspects(
    nlp: Language, name: str, aspects: Config, spans_key: str
) -> AspectComponent:
    """Build the ``reviewkit_aspects`` component (see `AspectComponent`)."""
    return AspectComponent(nlp, name, aspects=aspects, spans_key=spans_key)


def make_sentiment(
    nlp: Language,
    name: str,
    sentiment: Config,
    aspects: Config,
    score_summary: bool,
    sections_key: str,
    aspects_key: str,
    backend: str = "vader",
    polarity_model: str = "default",
    procon_model: str = "none",
    aspect_model: str = "none",
) -> SentimentComponent:
    """Build the ``reviewkit_sentiment`` component (see `SentimentComponent`)."""
    return SentimentComponent(
        nlp,
        name,
        sentiment=sentiment,
        aspects=aspects,
        score_summary=score_summary,
        sections_key=sections_key,
        aspects_key=aspects_key,
        backend=backend,  # type: ignore[arg-type]  # validated by the component
        polarity_model=polarity_model,
        procon_model=procon_model,
        aspect_model=aspect_model,
    )


def register_factories() -> None:
    """Register the three factories with spaCy (idempotent)."""
    specs: tuple[tuple[str, Any, list[str], list[str], dict[str, Any]], ...] = (
        (
            "reviewkit_structure",
            make_structure,
            ["doc.spans", "token.is_sent_start", "doc.sents", "doc._.rk_structure"],
            [],
            {
                "headings": "blog_en.v1",
                "aspects": "tv_film_en.v1",
                "spans_key": SECTIONS_KEY,
                "split_sentences": False,
            },
        ),
        (
            "reviewkit_aspects",
            make_aspects,
            ["doc.spans"],
            [],
            {"aspects": "tv_film_en.v1", "spans_key": ASPECTS_KEY},
        ),
        (
            "reviewkit_sentiment",
            make_sentiment,
            ["doc._.rk_sentiment"],
            ["doc.sents", "doc._.rk_structure"],
            {
                "sentiment": "tv_film_en.v1",
                "aspects": "tv_film_en.v1",
                "score_summary": False,
                "sections_key": SECTIONS_KEY,
                "aspects_key": ASPECTS_KEY,
                "backend": "vader",
                "polarity_model": "default",
                "procon_model": "none",
                "aspect_model": "none",
            },
        ),
    )
    for name, func, assigns, requires, config in specs:
        try:
            Language.get_factory_meta(name)
            continue  # registered already (this module imported twice)
        except ValueError:
            # Unknown, or known only through the entry point without its meta.
            Language.factory(
                name,
                func=func,
                assigns=assigns,
                requires=requires,
                default_config=config,
            )


register_factories()

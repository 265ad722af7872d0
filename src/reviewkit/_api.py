"""The top-level entry points: `parse` (structure only)."""

from __future__ import annotations

from pathlib import Path

from reviewkit._lexicon import AspectLexicon
from reviewkit._readers import read
from reviewkit._structure import build_review
from reviewkit._types import Review
from reviewkit._vocab import HeadingVocabulary

__all__ = ["parse"]


def parse(
    source: str | bytes | Path,
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
        >>> review = parse("Pros:\\n- Great cast\\nCons:\\n- The finale drags")
        >>> [s.kind for s in review.sections]
        ['pros', 'cons']
    """
    from reviewkit._sentiment import text_polarity

    doc = read(source, format=format)
    return build_review(
        doc,
        vocabulary=HeadingVocabulary.load(headings),
        lexicon=AspectLexicon.load(aspects),
        polarity=text_polarity,
    )

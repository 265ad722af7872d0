"""Tidy frames: pinned schemas and the rows of each level.

Five levels, one row per observation:

========== =============================================================
level      one row per
========== =============================================================
reviews    input record (errors included: ``status`` says which)
sections   section of a review
sentences  sentence of a review (headings and labels included, flagged)
mentions   aspect mention
aspects    review x aspect the review mentions
========== =============================================================

Every level starts with the key ``review_id`` and then the caller's metadata
columns (``show``, ``reviewer``, ``date``...), in the order given; ``show`` is
always present, taken from the review's title where the metadata has none. The
remaining columns and their dtypes are pinned below; categorical columns have
fixed categories so that frames from different chunks, processes or runs
concatenate without changing dtype. Cells hold scalars only: lists (the opinion
words of a mention) are joined with ``"|"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from reviewkit._types import POLARITIES, SECTION_KINDS, VERDICTS, Review

__all__ = [
    "KEY",
    "LEVELS",
    "SCHEMAS",
    "Rows",
    "empty_frame",
    "error_rows",
    "is_missing",
    "meta_dtype",
    "misfit",
    "review_frames",
    "review_rows",
    "rows_to_frame",
    "widen",
]

KEY = "review_id"
LEVELS: tuple[str, ...] = ("reviews", "sections", "sentences", "mentions", "aspects")

_SENTIMENT_LABELS = ("negative", "neutral", "positive")
STRING = pd.StringDtype()
SCHEMAS: Mapping[str, Mapping[str, Any]] = {
    "reviews": {
        "status": pd.CategoricalDtype(["ok", "error"]),
        "error": STRING,
        "title": STRING,
        "format": pd.CategoricalDtype(["text", "markdown", "html"]),
        "n_sections": "Int32",
        "n_sentences": "Int32",
        "n_mentions": "Int32",
        "n_aspects": "Int32",
        "spoilers": "boolean",
        "rating": "Float64",
        "verdict": pd.CategoricalDtype(list(VERDICTS)),
        "score": "Float64",
        "mean_compound": "Float64",
        "characters": "Int64",
    },
    "sections": {
        "section_index": "int32",
        "kind": pd.CategoricalDtype(list(SECTION_KINDS)),
        "heading": STRING,
        "resolved_by": STRING,
        "start": "int64",
        "end": "int64",
        "n_items": "int32",
        "n_sentences": "int32",
        "mean_compound": "float64",
    },
    "sentences": {
        "sentence_index": "int32",
        "section_index": "int32",
        "section_kind": pd.CategoricalDtype(list(SECTION_KINDS)),
        "item_index": "Int32",
        "role": pd.CategoricalDtype(["heading", "label", "text"]),
        "scored": "bool",
        "start": "int64",
        "end": "int64",
        "text": STRING,
        "n_clauses": "int32",
        "neg": "float64",
        "neu": "float64",
        "pos": "float64",
        "compound": "float64",
        "polarity": pd.CategoricalDtype(list(_SENTIMENT_LABELS)),
        "stance": pd.CategoricalDtype(["pro", "con"]),
    },
    "mentions": {
        "mention_index": "int32",
        "sentence_index": "int32",
        "section_kind": pd.CategoricalDtype(list(SECTION_KINDS)),
        "aspect": STRING,
        "term": STRING,
        "text": STRING,
        "start": "int64",
        "end": "int64",
        "clause": STRING,
        "clause_start": "int64",
        "clause_end": "int64",
        "neg": "float64",
        "neu": "float64",
        "pos": "float64",
        "compound": "float64",
        "polarity": pd.CategoricalDtype(list(_SENTIMENT_LABELS)),
        "negated": "bool",
        "opinion_words": STRING,
        "scored": "bool",
        "source": pd.CategoricalDtype(["lexicon", "model"]),
    },
    "aspects": {
        "aspect": STRING,
        "polarity": pd.CategoricalDtype(list(POLARITIES)),
        "score": "float64",
        "mentions": "int32",
        "n_evidence": "int32",
        "evidence_kind": pd.CategoricalDtype(["mention", "item", "rating", "verdict"]),
        "evidence_score": "float64",
        "evidence": STRING,
        "evidence_start": "int64",
        "evidence_end": "int64",
    },
}
#: Column names reviewkit owns; metadata columns may not reuse them.
RESERVED = frozenset({KEY, "show"} | {c for s in SCHEMAS.values() for c in s})


@dataclass(slots=True)
class Rows:
    """Row tuples per level, in schema column order (without key and metadata)."""

    keys: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {level: [] for level in LEVELS}
    )
    data: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {level: [] for level in LEVELS}
    )

    def extend(self, other: Rows) -> None:
        """Append another batch's rows."""
        for level in LEVELS:
            self.keys[level].extend(other.keys[level])
            self.data[level].extend(other.data[level])

    def __len__(self) -> int:
        return len(self.data["reviews"])


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def review_rows(review: Review, key: tuple[Any, ...], rows: Rows) -> None:
    """Append the rows of one analysed review to ``rows``.

    Args:
        review: An analysed review.
        key: ``(review_id, *metadata values)`` in column order, with ``show``
            already filled.
        rows: The batch to append to.
    """
    sentences = review.sentences
    kinds = [s.kind for s in review.sections]
    scored = [s.sentiment.compound for s in sentences if s.scored]
    rows.keys["reviews"].append(key)
    rows.data["reviews"].append(
        (
            "ok",
            None,
            review.title,
            review.format,
            len(review.sections),
            len(sentences),
            len(review.mentions),
            len(review.aspects),
            review.spoilers,
            review.rating,
            review.verdict,
            review.score,
            _mean(scored),
            len(review.text),
        )
    )
    per_section: dict[int, list[float]] = {}
    counts: dict[int, int] = {}
    for sentence in sentences:
        counts[sentence.section_index] = counts.get(sentence.section_index, 0) + 1
        if sentence.scored:
            per_section.setdefault(sentence.section_index, []).append(
                sentence.sentiment.compound
            )
    for section in review.sections:
        rows.keys["sections"].append(key)
        rows.data["sections"].append(
            (
                section.index,
                section.kind,
                section.heading,
                section.resolved_by,
                section.start,
                section.end,
                len(section.items),
                counts.get(section.index, 0),
                _mean(per_section.get(section.index, ())),
            )
        )
    for sentence in sentences:
        s = sentence.sentiment
        rows.keys["sentences"].append(key)
        rows.data["sentences"].append(
            (
                sentence.index,
                sentence.section_index,
                kinds[sentence.section_index],
                sentence.item_index,
                sentence.role,
                sentence.scored,
                sentence.start,
                sentence.end,
                sentence.text,
                len(sentence.clauses),
                s.neg,
                s.neu,
                s.pos,
                s.compound,
                s.label,
                sentence.stance,
            )
        )
    for index, mention in enumerate(review.mentions):
        s = mention.sentiment
        section_index = sentences[mention.sentence_index].section_index
        rows.keys["mentions"].append(key)
        rows.data["mentions"].append(
            (
                index,
                mention.sentence_index,
                kinds[section_index],
                mention.aspect,
                mention.term or None,
                mention.text,
                mention.start,
                mention.end,
                mention.clause.text,
                mention.clause.start,
                mention.clause.end,
                s.neg,
                s.neu,
                s.pos,
                s.compound,
                s.label,
                mention.negated,
                "|".join(mention.opinion_words),
                mention.scored,
                mention.source,
            )
        )
    for aspect, result in review.aspects.items():
        top = result.evidence[0]
        rows.keys["aspects"].append(key)
        rows.data["aspects"].append(
            (
                aspect,
                result.polarity,
                result.score,
                result.mentions,
                len(result.evidence),
                top.kind,
                top.score,
                top.text,
                top.start,
                top.end,
            )
        )


def error_rows(key: tuple[Any, ...], message: str, rows: Rows) -> None:
    """Append the review-level row of a record that could not be analysed."""
    rows.keys["reviews"].append(key)
    rows.data["reviews"].append(("error", message, *([None] * 12)))


def meta_dtype(values: Iterable[Any]) -> Any:
    """Choose one dtype for a metadata column from its values.

    Numbers, booleans and strings keep a nullable pandas dtype; anything mixed
    or unrecognised becomes text, so cells never hold Python objects. An empty
    column (a Dask frame's schema, say) is judged by its dtype instead.
    """
    if isinstance(values, pd.Series) and len(values) == 0:
        return _dtype_of_empty(values.dtype)
    array = pd.array([None if is_missing(v) else v for v in values])
    if (
        isinstance(array.dtype, pd.api.extensions.ExtensionDtype)
        and array.dtype.kind in "biufM"
    ):
        return array.dtype
    if isinstance(array.dtype, pd.StringDtype):
        return STRING
    if array.dtype.kind in "biufM":
        return array.dtype
    return STRING


def _dtype_of_empty(dtype: Any) -> Any:
    if pd.api.types.is_bool_dtype(dtype):
        return pd.BooleanDtype()
    if pd.api.types.is_integer_dtype(dtype):
        return pd.Int64Dtype()
    if pd.api.types.is_float_dtype(dtype):
        return pd.Float64Dtype()
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return dtype
    return STRING


def is_missing(value: Any) -> bool:
    """None, NaN, pd.NA or NaT (False for lists and other non-scalars)."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_text(values: Sequence[Any]) -> list[Any]:
    return [v if v is None or isinstance(v, str) else str(v) for v in values]


def _coerce(values: Sequence[Any], dtype: Any) -> Any:
    cleaned = [None if is_missing(v) else v for v in values]
    if dtype == STRING:
        return pd.array(_as_text(cleaned), dtype=STRING)
    try:
        return pd.array(cleaned, dtype=dtype)
    except (TypeError, ValueError):
        # A value the column's dtype cannot hold ("five" among star ratings):
        # the column becomes text rather than the batch crashing. `score_corpus`
        # settles dtypes first (see `misfit`), so this is a last resort.
        return pd.array(_as_text(cleaned), dtype=STRING)


def misfit(values: Sequence[Any], dtype: Any) -> tuple[bool, Any]:
    """Find a metadata value that a column of ``dtype`` cannot hold.

    Args:
        values: The column's values (missing ones always fit).
        dtype: The dtype chosen for the column (see `meta_dtype`).

    Returns:
        ``(False, None)`` when every value fits, else ``(True, value)`` with
        the first value that does not (a bool among numbers counts as one).
    """
    if dtype == STRING:
        return False, None
    cleaned = [v for v in values if not is_missing(v)]
    numeric = pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(
        dtype
    )
    if numeric:
        for value in cleaned:
            if isinstance(value, bool):
                return True, value
    try:
        pd.array(cleaned, dtype=dtype)
    except (TypeError, ValueError):
        for value in cleaned:
            try:
                pd.array([value], dtype=dtype)
            except (TypeError, ValueError):
                return True, value
        return True, cleaned[0] if cleaned else None
    return False, None


def widen(values: Sequence[Any], dtype: Any) -> Any:
    """The dtype a metadata column falls back to when `misfit` finds a value.

    Whole numbers joined by fractions become ``Float64``; anything else
    becomes text (``string``), which holds every value.
    """
    if pd.api.types.is_integer_dtype(dtype):
        floats = pd.Float64Dtype()
        if not misfit(values, floats)[0]:
            return floats
    return STRING


def empty_frame(
    level: str,
    meta: Sequence[str] = ("show",),
    meta_dtypes: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """An empty frame with the full schema of a level.

    Args:
        level: One of `LEVELS`.
        meta: Metadata column names (``show`` included).
        meta_dtypes: Their dtypes (text by default).

    Returns:
        A frame with no rows and every column typed.
    """
    return rows_to_frame(level, [], [], meta, meta_dtypes or {})


def rows_to_frame(
    level: str,
    keys: Sequence[tuple[Any, ...]],
    data: Sequence[tuple[Any, ...]],
    meta: Sequence[str],
    meta_dtypes: Mapping[str, Any],
) -> pd.DataFrame:
    """Build one level's frame from key and data tuples, with pinned dtypes.

    Args:
        level: One of `LEVELS`.
        keys: ``(review_id, *metadata)`` per row.
        data: The level's columns per row, in schema order.
        meta: Metadata column names, in order.
        meta_dtypes: Dtype per metadata column (missing ones are text). Decide
            them once per corpus (see `meta_dtype`) so every chunk agrees.

    Returns:
        The frame: key, metadata, then the level's columns.
    """
    schema = SCHEMAS[level]
    key_columns = [KEY, *meta]
    key_values = list(zip(*keys, strict=True)) if keys else [()] * len(key_columns)
    data_values = list(zip(*data, strict=True)) if data else [()] * len(schema)
    columns: dict[str, Any] = {}
    for name, values in zip(key_columns, key_values, strict=True):
        dtype = STRING if name == KEY else meta_dtypes.get(name, STRING)
        columns[name] = _coerce(values, dtype)
    for (name, dtype), values in zip(schema.items(), data_values, strict=True):
        columns[name] = pd.array(list(values), dtype=dtype)
    frame: pd.DataFrame = pd.DataFrame(columns)
    return frame


def review_frames(reviews: Iterable[Review], level: str = "aspects") -> pd.DataFrame:
    """One level's frame for analysed reviews already in memory.

    Args:
        reviews: Analysed reviews (their ``review_id`` and ``metadata`` become
            the key and metadata columns).
        level: One of `LEVELS`.

    Returns:
        The frame.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}.")
    listed = list(reviews)
    meta: list[str] = ["show"]
    for review in listed:
        for name in review.metadata:
            if name not in meta:
                meta.append(name)
    rows = Rows()
    for position, review in enumerate(listed):
        values = dict(review.metadata)
        if values.get("show") is None:
            values["show"] = review.show
        key = (
            review.review_id if review.review_id is not None else str(position),
            *(values.get(name) for name in meta),
        )
        review_rows(review, key, rows)
    keys = rows.keys[level]
    dtypes = {
        name: meta_dtype(key[index + 1] for key in rows.keys["reviews"])
        for index, name in enumerate(meta)
    }
    return rows_to_frame(level, keys, rows.data[level], meta, dtypes)

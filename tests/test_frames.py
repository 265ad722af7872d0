"""Frame schemas: names, order and dtypes are pinned; empty input keeps them."""

from __future__ import annotations

import pandas as pd
import pytest

import reviewkit
from reviewkit._frames import (
    LEVELS,
    SCHEMAS,
    STRING,
    Rows,
    empty_frame,
    error_rows,
    misfit,
    review_frames,
    rows_to_frame,
    widen,
)

EXPECTED_COLUMNS = {
    "reviews": [
        "review_id", "show", "status", "error", "title", "format", "n_sections",
        "n_sentences", "n_mentions", "n_aspects", "spoilers", "rating", "verdict",
        "score", "mean_compound", "characters",
    ],
    "sections": [
        "review_id", "show", "section_index", "kind", "heading", "resolved_by",
        "start", "end", "n_items", "n_sentences", "mean_compound",
    ],
    "sentences": [
        "review_id", "show", "sentence_index", "section_index", "section_kind",
        "item_index", "role", "scored", "start", "end", "text", "n_clauses", "neg",
        "neu", "pos", "compound", "polarity", "stance",
    ],
    "mentions": [
        "review_id", "show", "mention_index", "sentence_index", "section_kind",
        "aspect", "term", "text", "start", "end", "clause", "clause_start",
        "clause_end", "neg", "neu", "pos", "compound", "polarity", "negated",
        "opinion_words", "scored", "source",
    ],
    "aspects": [
        "review_id", "show", "aspect", "polarity", "score", "mentions", "n_evidence",
        "evidence_kind", "evidence_score", "evidence", "evidence_start", "evidence_end",
    ],
}  # fmt: skip


@pytest.mark.parametrize("level", LEVELS)
def test_empty_frames_have_the_full_schema(level: str) -> None:
    frame = empty_frame(level)
    assert list(frame.columns) == EXPECTED_COLUMNS[level]
    assert len(frame) == 0
    for column, dtype in SCHEMAS[level].items():
        assert frame[column].dtype == dtype, column


@pytest.mark.parametrize("level", LEVELS)
def test_frames_of_reviews_keep_the_schema(level: str) -> None:
    reviews = [
        reviewkit.analyze(
            "Review: Tidewater\n\nPros:\n- The OST slaps\n\nCons:\nBoring- it drags.",
            review_id="a",
            metadata={"reviewer": "Mina", "year": 2025},
        ),
        reviewkit.analyze("", review_id="b", metadata={"reviewer": None, "year": None}),
    ]
    frame = review_frames(reviews, level=level)
    assert list(frame.columns) == [
        *EXPECTED_COLUMNS[level][:2],
        "reviewer",
        "year",
        *EXPECTED_COLUMNS[level][2:],
    ]
    for column, dtype in SCHEMAS[level].items():
        assert frame[column].dtype == dtype, column
    assert frame["review_id"].dtype == pd.StringDtype()
    assert frame["year"].dtype == "Int64"
    for column in frame.columns:
        assert frame[column].dtype != object, column
    if level == "reviews":
        assert (
            frame["show"].tolist() == ["Tidewater", None]
            or frame["show"].isna().iloc[1]
        )


def test_cells_hold_no_lists() -> None:
    review = reviewkit.analyze(
        "The acting was not good at all, but the music was great."
    )
    mentions = review_frames([review], level="mentions")
    assert all(isinstance(v, str) for v in mentions["opinion_words"])
    assert "good" in mentions["opinion_words"].iloc[0].split("|")


def test_unknown_level() -> None:
    with pytest.raises(ValueError, match="level"):
        review_frames([], level="tokens")


def test_a_value_a_metadata_dtype_cannot_hold_is_found_and_widened() -> None:
    assert misfit([1, None, 3], pd.Int64Dtype()) == (False, None)
    assert misfit([1, "five"], pd.Int64Dtype()) == (True, "five")
    assert misfit([1, True], pd.Int64Dtype()) == (True, True)  # not silently 1
    assert misfit([1, 2.5], pd.Int64Dtype()) == (True, 2.5)
    assert misfit(["x", 1], STRING) == (False, None)
    assert widen([1, 2.5], pd.Int64Dtype()) == pd.Float64Dtype()
    assert widen([1, "five"], pd.Int64Dtype()) == STRING
    assert widen([True, "x"], pd.BooleanDtype()) == STRING


def test_rows_with_a_misfit_metadata_value_still_make_a_frame() -> None:
    rows = Rows()
    error_rows(("a", "Show", 1), "broken", rows)
    error_rows(("b", "Show", "five"), "broken", rows)
    frame = rows_to_frame(
        "reviews",
        rows.keys["reviews"],
        rows.data["reviews"],
        ["show", "stars"],
        {"stars": pd.Int64Dtype()},
    )
    assert frame["stars"].tolist() == ["1", "five"]
    assert frame["stars"].dtype == STRING

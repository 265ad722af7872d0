"""Bad input: every odd review, table and folder gets its documented answer.

Each case here has a line in docs/bad-input.md. The answer is either a correct
result or one of reviewkit's own errors (plus TypeError for a non-text argument)
whose message says what was wrong and how to fix it; in a corpus, a bad record is
an error row and never stops the run.

The last section holds regression tests for bugs this suite found in the
analysis pipeline (quadratic time and memory on pathological text, sentence roles).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner, Result

import reviewkit
from reviewkit import Review
from reviewkit.cli import app
from reviewkit.errors import (
    ColumnError,
    DecodingWarning,
    InputError,
    ReviewkitError,
    ReviewkitWarning,
)

runner = CliRunner()
WIDE = {"COLUMNS": "2000"}  # no wrapping of long paths in messages
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
GOOD = "The Good:\n\nThe Acting- superb.\n\nThe Bad:\n\nBoring- it drags."


def check_offsets(review: Review) -> None:
    """Sections cover the text; every offset of the review slices it exactly."""
    text = review.text
    assert "".join(s.text for s in review.sections) == text
    assert review.sections[0].start == 0
    assert review.sections[-1].end == len(text)
    for section in review.sections:
        assert text[section.start : section.end] == section.text
        for item in section.items:
            assert text[item.start : item.end] == item.text
    for sentence in review.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for clause in sentence.clauses:
            assert text[clause.start : clause.end] == clause.text
    for mention in review.mentions:
        assert text[mention.start : mention.end] == mention.text
    for _, evidence in review.iter_evidence():
        assert text[evidence.start : evidence.end] == evidence.text


def kinds(review: Review) -> list[str]:
    return [s.kind for s in review.sections]


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args), env=WIDE)


# -- arguments that are not text -----------------------------------------------


@pytest.mark.parametrize("function", [reviewkit.parse, reviewkit.analyze])
@pytest.mark.parametrize("bad", [None, 42, 3.5, ["a review"]])
def test_non_text_is_a_type_error_that_says_what_to_pass(
    function: Callable[..., Review], bad: object
) -> None:
    with pytest.raises(TypeError) as caught:
        function(bad)
    message = str(caught.value)
    assert f"got {type(bad).__name__}" in message
    assert "str (the text), bytes, or a path" in message


# -- empty, blank, emoji-only and non-English text ------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \r\n"])
def test_empty_and_blank_text_is_one_body_section_and_undecided(text: str) -> None:
    parsed = reviewkit.parse(text)
    assert kinds(parsed) == ["body"]
    assert parsed.sections[0].text == text
    assert (parsed.title, parsed.items, parsed.ratings) == (None, (), ())
    review = reviewkit.analyze(text)
    assert review.sentences == ()
    assert dict(review.aspects) == {}
    assert review.verdict is None
    assert review.score == 0.0


def test_cli_analyze_of_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = invoke("analyze", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert '"kind": "body"' in result.stdout


@pytest.mark.parametrize(
    ("text", "sign"), [("😀😍🔥👏", 1), ("💔😭", -1), ("😀😍🔥👏\n\n💔😭\n", 0)]
)
def test_emoji_only_text_is_scored_from_the_emoji(text: str, sign: int) -> None:
    review = reviewkit.analyze(text)
    check_offsets(review)
    assert kinds(review) == ["body"]
    assert dict(review.aspects) == {}
    assert review.score is not None
    if sign:
        assert review.score * sign > 0.2  # VADER reads emoji by their names


NON_ENGLISH = {
    "korean": "장점:\n- 연기가 훌륭했다.\n\n단점:\n- 결말이 너무 지루했다.\n",
    "spanish": "Lo bueno:\nLa actuación es excelente.\n\nLo malo:\nEl final es aburrido.",
    "arabic": "الإيجابيات:\nالتمثيل رائع.\n\nالسلبيات:\nالنهاية مملة.",
}


@pytest.mark.parametrize("language", list(NON_ENGLISH))
def test_non_english_text_keeps_its_text_but_gets_no_aspects(language: str) -> None:
    text = NON_ENGLISH[language]
    review = reviewkit.analyze(text)
    check_offsets(review)
    assert review.text == text  # right-to-left and Hangul text untouched
    assert dict(review.aspects) == {}  # the lexicons are English
    assert review.score is not None
    assert -1.0 <= review.score <= 1.0
    assert all(item.aspect is None for item in review.items)


# -- bytes in other encodings, NUL bytes ------------------------------------------


def test_utf16_with_a_bom_is_decoded_silently() -> None:
    text = "Pros:\n- The acting is great, café ★\n"
    parsed = reviewkit.parse(text.encode("utf-16"))
    assert parsed.text == text
    assert parsed == reviewkit.parse(text)
    assert reviewkit.analyze(text.encode("utf-16")).aspects["acting"].score > 0


def test_latin1_is_decoded_as_cp1252_with_a_warning_on_the_callers_line() -> None:
    data = "Pros:\n- Café scenes, the acting is great.".encode("latin-1")
    with pytest.warns(DecodingWarning, match=r"not valid UTF-8.*cp1252") as caught:
        review = reviewkit.analyze(data)
    assert review.text == "Pros:\n- Café scenes, the acting is great."
    assert review.aspects["acting"].polarity == "positive"
    assert caught[0].filename == __file__  # the user's line, not reviewkit's


def test_latin1_bytes_cp1252_lacks_become_replacement_characters() -> None:
    with pytest.warns(DecodingWarning, match=r"U\+FFFD"):
        review = reviewkit.parse(b"Caf\xe9 \x81 scenes")
    assert review.text == "Café \ufffd scenes"


def test_invalid_utf8_is_replaced_and_the_rest_kept() -> None:
    data = "Pros:\n- The acting ★ is great ".encode() + b"\xff\xfe\xc3 end"
    with pytest.warns(DecodingWarning, match=r"first bad byte at \d+.*U\+FFFD"):
        review = reviewkit.parse(data)
    assert review.text.startswith("Pros:\n- The acting ★ is great ")
    assert review.text.endswith("\ufffd end")
    check_offsets(review)


def test_truncated_utf16_after_a_bom_warns() -> None:
    data = "Great cast ★".encode("utf-16")[:-1]
    with pytest.warns(DecodingWarning, match="not valid UTF-16"):
        review = reviewkit.parse(data)
    assert review.text == "Great cast \ufffd"


def test_cli_names_the_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Pros:\n- Café scenes, the acting is great.".encode("latin-1"))
    result = invoke("analyze", str(path))
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr
    assert "latin.txt" in result.stderr
    assert "cp1252" in result.stderr
    assert "acting" in result.stdout


@pytest.mark.parametrize("as_bytes", [False, True])
def test_nul_bytes_are_kept_and_offsets_stay_exact(as_bytes: bool) -> None:
    text = "Pros:\n\nThe Acting- superb\x00.\n\n\x00Cons:\n\nBoring- it \x00drags."
    review = reviewkit.analyze(text.encode() if as_bytes else text)
    assert review.text == text
    check_offsets(review)
    assert kinds(review) == ["pros", "cons"]
    assert [i.label for i in review.items] == ["The Acting", "Boring"]
    assert review.aspects["acting"].polarity == "positive"
    assert review.aspects["pacing"].polarity == "negative"


# -- size ------------------------------------------------------------------------------


def test_a_ten_megabyte_review_parses_and_is_covered() -> None:
    paragraph = (
        "The Good:\n\nThe acting is wonderful and the soundtrack is lovely.\n\n"
        "The Bad:\n\nBoring- the middle episodes drag.\n\n"
        "Some plain thoughts with no heading at all, just words and more words.\n\n"
    )
    text = paragraph * (10_000_000 // len(paragraph) + 1)
    assert len(text) >= 10_000_000
    review = reviewkit.parse(text)
    assert review.sections[0].start == 0
    assert review.sections[-1].end == len(text)
    ends = [s.end for s in review.sections]
    assert [s.start for s in review.sections[1:]] == ends[:-1]
    assert sum(len(s.text) for s in review.sections) == len(text)
    copies = len(text) // len(paragraph)
    assert len(review.sections) == 2 * copies
    assert kinds(review)[:4] == ["pros", "cons", "pros", "cons"]


def test_a_hundred_thousand_character_sentence() -> None:
    words = "we watched it again and loved every minute of it "
    text = (words * (100_000 // len(words) + 1))[:100_000].strip()
    parsed = reviewkit.parse(text)
    assert kinds(parsed) == ["body"]
    assert parsed.sections[0].text == text
    review = reviewkit.analyze(text)
    check_offsets(review)
    assert len(review.sentences) == 1
    assert review.sentences[0].text == text
    assert review.score is not None
    assert review.score > 0
    with_aspects = (("the acting was great " * 5_000)[:100_000]).strip()
    assert reviewkit.parse(with_aspects).sections[0].text == with_aspects


# -- HTML ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 10_000 + "The acting was great." + "</div>" * 10_000,
        "<b>" * 10_000 + "The acting was great." + "</b>" * 10_000,
        "<div><b>" * 5_000 + "The acting was great.",  # never closed
        "<ul><li>" * 10_000 + "The acting was great.",
    ],
    ids=["div", "b", "unclosed", "lists"],
)
def test_ten_thousand_levels_of_nesting(page: str) -> None:
    review = reviewkit.analyze(page)
    assert review.format == "html"
    assert review.text.strip() == "The acting was great."
    assert review.aspects["acting"].polarity == "positive"
    check_offsets(review)


SCRIPTS = (
    "<!DOCTYPE html><html><head><title>My blog</title>"
    "<style>body { color: red } .SECRETSTYLE { }</style>"
    "<script>var SECRETSCRIPT = '<p>not text</p>'; if (a < b && c > d) {}</script>"
    "<SCRIPT type='module'>import SECRETUPPER from './x.js'</SCRIPT>"
    "</head><body>"
    + "<script>document.write('</div>SECRETLOOP');</script><style>p.SECRETLOOP{}</style>"
    * 300
    + "<noscript>SECRETNOSCRIPT</noscript><template><p>SECRETTEMPLATE</p></template>"
    "<p>The acting was wonderful.</p><script>var x = 'SECRETTAIL'</script>"
    "</body></html>"
)


@pytest.mark.parametrize(
    "page",
    [
        SCRIPTS,
        # an unclosed <head>, as HTML allows
        SCRIPTS.replace("</head><body>", ""),
        # malformed character references used to expose the rest of the page
        SCRIPTS.replace("<p>The", "<p>&#; &#; The"),
    ],
    ids=["page", "unclosed-head", "bad-references"],
)
def test_script_and_style_content_is_never_review_text(page: str) -> None:
    review = reviewkit.analyze(page)
    assert "SECRET" not in review.text
    assert "The acting was wonderful." in review.text
    assert not any("SECRET" in s.text for s in review.sentences)
    assert review.aspects["acting"].polarity == "positive"
    assert review.title is None or "SECRET" not in review.title
    assert review.source == page
    check_offsets(review)


def test_an_svg_title_is_not_the_page_title() -> None:
    body = "<p>Loved it.</p><p>Great cast.</p>"
    icon = reviewkit.parse(f"<svg><title>Review: Tidewater</title></svg>{body}")
    assert (icon.title, icon.show) == (None, None)
    assert icon.text == "Loved it.\n\nGreat cast.\n\n"
    page = reviewkit.parse(f"<head><title>Review: Tidewater</title></head>{body}")
    assert (page.title, page.show) == ("Review: Tidewater", "Tidewater")


def test_unterminated_markup_is_read_in_linear_time() -> None:
    page = "<p>The acting was great.</p>" + "x <a" * 20_000
    started = time.perf_counter()
    review = reviewkit.parse(page)
    assert time.perf_counter() - started < 5.0  # it took 30 s for 16,000 before
    assert review.text.startswith("The acting was great.\n\nx <ax <a")


def test_entities_keep_their_text() -> None:
    review = reviewkit.parse("<p>AT&T rocks &amp; so does R&D &copy 2024 &#169;</p>")
    assert review.text.strip() == "AT&T rocks & so does R&D © 2024 ©"


# -- headings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pros:\n\nCons:\n\nVerdict:\n",
        "## Pros\n\n## Cons\n\n## Verdict\n",
        "<h2>Pros</h2><h2>Cons</h2><h2>Verdict</h2>",
    ],
    ids=["text", "markdown", "html"],
)
def test_headings_with_nothing_under_them(text: str) -> None:
    review = reviewkit.analyze(text)
    assert kinds(review) == ["pros", "cons", "verdict"]
    colon = ":" if ":" in text else ""
    assert [s.heading for s in review.sections] == [
        f"{name}{colon}" for name in ("Pros", "Cons", "Verdict")
    ]
    assert review.items == ()
    assert dict(review.aspects) == {}
    assert not any(s.scored for s in review.sentences)
    assert review.score == 0.0
    check_offsets(review)


def test_repeated_headings_make_two_sections_whose_items_all_count() -> None:
    text = (
        "Pros:\n\nThe Acting- superb.\n\nCons:\n\nBoring- it drags.\n\n"
        "Pros:\n\nMusic- a lovely score.\n"
    )
    review = reviewkit.analyze(text)
    assert kinds(review) == ["pros", "cons", "pros"]
    assert [[i.aspect for i in s.items] for s in review.sections] == [
        ["acting"],
        ["pacing"],
        ["soundtrack"],
    ]
    assert {a: r.polarity for a, r in review.aspects.items()} == {
        "acting": "positive",
        "pacing": "negative",
        "soundtrack": "positive",
    }


# -- corpora: columns -------------------------------------------------------------------


def _write(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True)
    return path


@pytest.mark.parametrize("kind", ["frame", ".csv", ".jsonl"])
def test_missing_text_column_names_the_columns(kind: str, tmp_path: Path) -> None:
    frame = pd.DataFrame({"body": ["Great cast."], "show": ["A"]})
    source = frame if kind == "frame" else _write(frame, tmp_path / f"r{kind}")
    with pytest.raises(ColumnError, match=r"'text'.*Columns are: body, show") as e:
        reviewkit.score_corpus(source, progress=False)
    assert "text_col=" in str(e.value)  # how to fix it
    assert isinstance(e.value, KeyError)  # what pandas raises for a column
    assert isinstance(e.value, ValueError)


def test_duplicate_column_names_are_a_column_error() -> None:
    frame = pd.DataFrame([["Great cast.", "b"]], columns=["text", "text"])
    with pytest.raises(ColumnError, match="more than one column named 'text'"):
        reviewkit.score_corpus(frame, progress=False)


MIXED = [
    GOOD,
    float("nan"),
    None,
    7,
    2.5,
    ["a", "list"],
    {"a": "dict"},
    True,
    b"The acting was great.",
    "Honestly the finale was rushed.",
]
MIXED_ERRORS = {
    1: "is missing (NaN/None)",
    2: "is missing (NaN/None)",
    3: "is of type int; expected a str",
    4: "is of type float; expected a str",
    5: "is of type list; expected a str",
    6: "is of type dict; expected a str",
    7: "is of type bool; expected a str",
}


def _check_mixed(
    result: reviewkit.CorpusResult, n: int, expected: dict[int, str]
) -> None:
    reviews = result.reviews
    assert len(reviews) == n  # one review-level row per input row
    assert reviews["review_id"].tolist() == [str(i) for i in range(n)]
    for index, status, error in zip(
        range(n), reviews["status"], reviews["error"], strict=True
    ):
        if index in expected:
            assert status == "error", index
            assert expected[index] in error
            assert "column 'text'" in error
        else:
            assert status == "ok", (index, error)
    assert result.stats.failed == len(expected)
    analysed = {str(i) for i in range(n) if i not in expected}
    assert set(result.sections["review_id"]) == analysed
    assert set(result.aspects["review_id"]) <= analysed


def test_mixed_types_in_a_dataframe_give_error_rows() -> None:
    frame = pd.DataFrame({"text": pd.Series(MIXED, dtype=object), "n": range(10)})
    result = reviewkit.score_corpus(frame, progress=False, batch_size=3)
    _check_mixed(result, len(MIXED), MIXED_ERRORS)
    by_id = result.aspects.set_index(["review_id", "aspect"])["polarity"]
    assert by_id[("8", "acting")] == "positive"  # bytes are decoded, as by analyze()
    assert by_id[("9", "ending")] == "negative"


def test_mixed_types_in_a_list_give_error_rows() -> None:
    values = [("a", "tuple") if isinstance(v, dict) else v for v in MIXED]
    expected = {**MIXED_ERRORS, 6: "is of type tuple; expected a str"}
    result = reviewkit.score_corpus(values, progress=False, batch_size=4)
    _check_mixed(result, len(values), expected)


def test_mixed_types_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    values = [v for v in MIXED if not isinstance(v, bytes | float)]
    pd.DataFrame({"text": pd.Series(values, dtype=object)}).to_json(
        path, orient="records", lines=True
    )
    result = reviewkit.score_corpus(path, progress=False)
    assert result.reviews["status"].tolist() == [
        "ok", "error", "error", "error", "error", "error", "ok"
    ]  # fmt: skip
    assert "of type int" in result.reviews["error"].iloc[2]


def test_csv_values_are_all_text(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("text,n\nThe acting was great.,1\n7,2\n,3\n2.5,4\n")
    result = reviewkit.score_corpus(path, progress=False)
    assert result.reviews["status"].tolist() == ["ok", "ok", "error", "ok"]
    characters = result.reviews["characters"]
    assert characters.isna().tolist() == [False, False, True, False]
    assert characters.dropna().tolist() == [21, 1, 3]
    assert "is missing" in result.reviews["error"].iloc[2]


# -- corpora: ids ----------------------------------------------------------------------------


def test_duplicate_ids_in_a_table_are_error_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    pd.DataFrame(
        {"rid": ["a", "b", "a", 1, "1"], "text": [GOOD, GOOD, GOOD, GOOD, GOOD]}
    ).to_json(path, orient="records", lines=True)
    result = reviewkit.score_corpus(path, id_col="rid", progress=False)
    reviews = result.reviews
    assert reviews["review_id"].tolist() == ["a", "b", "a", "1", "1"]
    assert reviews["status"].tolist() == ["ok", "ok", "error", "ok", "error"]
    assert "Duplicate review_id 'a' (first seen in record 0)" in reviews["error"][2]
    assert "ids must be unique" in reviews["error"][4]
    assert (result.sections["review_id"] == "a").sum() == 2  # the first one only


def test_duplicate_ids_in_a_folder_sidecar(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,review_id,show\none.txt,r1,A\ntwo.txt,r1,B\n", encoding="utf-8"
    )
    result = reviewkit.score_corpus(tmp_path, progress=False)
    assert result.reviews["review_id"].tolist() == ["r1", "r1"]
    assert result.reviews["status"].tolist() == ["ok", "error"]
    assert result.reviews["show"].tolist() == ["A", "B"]


# -- corpora: unreadable files ---------------------------------------------------------


def _bad_folder(folder: Path) -> Path:
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "broken.txt").symlink_to(folder / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub.txt").mkdir()  # a folder named like a review is a subfolder
    (folder / "sub.txt" / "inner.md").write_text("## Pros\n- great cast\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    return folder


def test_unreadable_files_in_a_folder_are_error_rows(tmp_path: Path) -> None:
    with pytest.warns(DecodingWarning, match=r"binary\.txt") as caught:
        result = reviewkit.score_corpus(_bad_folder(tmp_path), progress=False)
    assert len(caught) == 1
    ids = result.reviews["review_id"]
    statuses = dict(zip(ids, result.reviews["status"], strict=True))
    assert statuses == {
        "binary.txt": "ok",  # decoded with a warning that names the file
        "broken.txt": "error",
        "good.txt": "ok",
        "loop.txt": "error",
        "sub.txt/inner.md": "ok",
    }
    errors = dict(zip(ids, result.reviews["error"], strict=True))
    assert "symbolic link to" in errors["broken.txt"]
    assert "gone.txt" in errors["broken.txt"]
    assert "Cannot read the review file" in errors["loop.txt"]
    assert result.stats.failed == 2


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission_is_an_error_row(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        result = reviewkit.score_corpus(tmp_path, progress=False)
    finally:
        locked.chmod(0o600)
    assert result.reviews["status"].tolist() == ["ok", "error"]
    assert "Permission denied" in result.reviews["error"].iloc[1]


def test_cli_score_of_a_folder_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "reviews").mkdir()
    folder = _bad_folder(tmp_path / "reviews")
    output = tmp_path / "out" / "scores.csv"
    result = invoke("score", str(folder), "-o", str(output), "--no-progress")
    # Documented: 1 = the run finished, but some reviews are error rows.
    assert result.exit_code == 1, result.output
    assert "2 review(s) could not be analysed" in result.stderr
    assert "warning:" in result.stderr
    assert "binary.txt" in result.stderr
    reviews = pd.read_csv(tmp_path / "out" / "scores.reviews.csv")
    assert len(reviews) == 5
    assert sorted(reviews["status"]) == ["error", "error", "ok", "ok", "ok"]
    assert output.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "EmptyDataError"),
        ("quote.csv", b'text\n"never closed\n', "ParserError"),
        ("latin.csv", "text\nCafé\n".encode("latin-1"), "not UTF-8 text"),
        ("broken.jsonl", b'{"text": "ok"}\n{"text": \n', "ValueError"),
        ("fake.parquet", b"not parquet at all", "ArrowInvalid"),
    ],
)
def test_malformed_tables_are_input_errors(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught:
        reviewkit.score_corpus(path, progress=False)
    assert repr(str(path)) in str(caught.value)
    assert "pass the DataFrame" in str(caught.value)
    cli = invoke("score", str(path), "-o", str(tmp_path / "o.csv"))
    assert cli.exit_code == 2
    assert "Cannot read the table" in cli.stderr


def test_a_table_broken_part_way_keeps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    good = '{"text": "The acting was great."}\n'
    path.write_text(good * 5 + '{"text": \n', encoding="utf-8")
    output = tmp_path / "scores.parquet"
    with pytest.raises(InputError, match=r"r\.jsonl.*ValueError"):
        reviewkit.score_corpus(path, batch_size=2, output=output, progress=False)
    path.write_text(good * 6, encoding="utf-8")  # fixed: run again
    result = reviewkit.score_corpus(path, batch_size=2, output=output, progress=False)
    assert (result.stats.skipped, result.stats.analysed) == (4, 2)
    assert sorted(result.reviews["review_id"]) == [str(i) for i in range(6)]


def test_a_malformed_sidecar_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(b'file,show\n"a.txt,never closed\n')
    with pytest.raises(InputError, match=r"metadata\.csv.*ParserError"):
        reviewkit.score_corpus(tmp_path, progress=False)


@pytest.mark.parametrize(
    ("name", "codec"),
    [("r.csv", "utf-16"), ("r.tsv", "utf-32"), ("r.jsonl", "utf-8-sig")],
)
def test_tables_with_a_byte_order_mark_are_read(
    tmp_path: Path, name: str, codec: str
) -> None:
    frame = pd.DataFrame({"text": ["The acting was great."], "show": ["Tidewater"]})
    if name.endswith(".jsonl"):
        content = frame.to_json(orient="records", lines=True)
    else:
        content = frame.to_csv(index=False, sep="\t" if name.endswith(".tsv") else ",")
    path = tmp_path / name
    path.write_bytes(content.encode(codec))
    result = reviewkit.score_corpus(path, progress=False)
    assert result.reviews["show"].tolist() == ["Tidewater"]
    assert result.aspects["aspect"].tolist() == ["acting"]


def test_cli_analyze_of_bad_paths(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")
    folder = invoke("analyze", str(tmp_path / "dir.txt"))
    assert folder.exit_code == 2
    assert "is a folder, not a review file" in folder.stderr
    assert "score_corpus" in folder.stderr
    broken = invoke("analyze", str(tmp_path / "broken.txt"))
    assert broken.exit_code == 2
    assert "no such file or folder" in broken.stderr


def test_errors_are_reviewkit_errors() -> None:
    assert issubclass(ColumnError, ReviewkitError)
    assert issubclass(InputError, ReviewkitError)
    assert issubclass(DecodingWarning, UserWarning)


# -- the analysis of pathological text (regressions) -------------------------------------
# Each of these was a bug in the pipeline found by this suite: quadratic time,
# quadratic memory, or a wrong sentence role. The time limits are generous: the
# quadratic versions took 30 s to minutes.


def _seconds(text: str) -> float:
    started = time.perf_counter()
    reviewkit.analyze(text)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    "run", ["!" * 16_000, "**" * 8_000, "😀" * 16_000], ids=["!", "**", "emoji"]
)
def test_a_long_run_without_spaces_is_analysed_in_linear_time(run: str) -> None:
    # spaCy's tokenizer is quadratic on such a chunk (explosion/spaCy#4362):
    # 16,000 "*" took about 40 s before the pipeline cut long runs.
    assert _seconds("Great show " + run) < 4.0


def test_many_contrast_markers_are_split_in_linear_time() -> None:
    # split_clauses once counted the words to the sentence's end at every marker.
    assert _seconds("great but " * 16_000) < 6.0


def test_mention_scopes_stay_bounded_in_an_unpunctuated_sentence() -> None:
    # A mention's scope was its whole clause: 100,000 characters without
    # punctuation took 32 s and 5.9 GB, copying the clause for every mention.
    text = ("the acting was great and the romance dragged on " * 2_100)[:100_000]
    assert _seconds(text) < 10.0
    review = reviewkit.analyze(text[:5_000])
    assert len(review.mentions) > 100
    assert max(len(m.clause.text) for m in review.mentions) <= 1_000
    copied = sum(len(m.clause.text) + len(m.opinion_words) for m in review.mentions)
    assert copied <= 100 * 5_000
    check_offsets(review)


def test_unlabelled_list_items_are_scored_sentences() -> None:
    # Sentences of list entries without a label were once given role "label".
    review = reviewkit.analyze("Pros:\n- The acting was great.\n- The OST is lovely.\n")
    assert [
        (s.role, s.scored) for s in review.sentences if s.item_index is not None
    ] == [
        ("text", True),
        ("text", True),
    ]
    assert review.score is not None
    assert review.score > 0


def test_markdown_heading_marks_are_not_scored_sentences() -> None:
    # The "##" of a heading was once a sentence of its own, scored as neutral text.
    body = "\n\nThe acting was great.\n\n{}\n\nThe ending was awful.\n"
    markdown = reviewkit.analyze("## Pros" + body.format("## Cons"))
    plain = reviewkit.analyze("Pros:" + body.format("Cons:"))
    assert [s.text for s in markdown.sentences if s.scored] == [
        "The acting was great.",
        "The ending was awful.",
    ]
    assert markdown.score == plain.score


def test_nul_between_sentences_is_read_as_a_space() -> None:
    # A NUL glued to a full stop once hid the sentence end from the tokenizer.
    review = reviewkit.analyze("The acting was great.\x00 The plot dragged badly.")
    assert review.text == "The acting was great.\x00 The plot dragged badly."
    assert len(review.sentences) == 2
    assert review.aspects["acting"].polarity == "positive"
    assert review.aspects["plot"].polarity == "negative"


def test_text_glued_to_a_heading_is_not_swallowed_by_it() -> None:
    review = reviewkit.analyze('Verdict:"Not good at all."', format="text")
    assert [s.text for s in review.sentences] == ["Verdict:", '"Not good at all."']
    assert review.verdict == "not_recommend"


# -- corpora: sidecar problems and repeated csv headers --------------------------------


def _sidecar_folder(folder: Path, sidecar: str) -> Path:
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(GOOD, encoding="utf-8")
    (folder / "metadata.csv").write_text(sidecar, encoding="utf-8")
    return folder


def test_sidecar_rows_that_match_no_file_are_reported(tmp_path: Path) -> None:
    folder = _sidecar_folder(
        tmp_path,
        "file,review_id,show\na.txt,ra,A\nghost.txt,rg,G\n,rz,Z\nb.txt,rb,B\n",
    )
    with pytest.warns(ReviewkitWarning, match=r"'ghost\.txt'.*empty 'file' cell"):
        result = reviewkit.score_corpus(folder, progress=False)
    reviews = result.reviews
    assert reviews["review_id"].tolist() == ["ra", "rb", "c.txt"]
    assert reviews["show"].tolist()[:2] == ["A", "B"]


def test_an_empty_sidecar_id_falls_back_to_the_path(tmp_path: Path) -> None:
    folder = _sidecar_folder(tmp_path, "file,review_id,show\na.txt,,A\nb.txt,rb,B\n")
    with pytest.warns(ReviewkitWarning, match=r"no 'review_id' for 1 file.*'a\.txt'"):
        result = reviewkit.score_corpus(folder, progress=False)
    assert result.reviews["review_id"].tolist() == ["a.txt", "rb", "c.txt"]
    assert "nan" not in result.reviews["review_id"].tolist()


def test_a_sidecar_without_a_file_column_is_reported(tmp_path: Path) -> None:
    folder = _sidecar_folder(tmp_path, "name,show\na.txt,A\n")
    with pytest.warns(ReviewkitWarning, match="no 'file' \\(or 'path'\\) column"):
        result = reviewkit.score_corpus(folder, progress=False)
    assert result.meta == ("show",)
    assert len(result.reviews) == 3


def test_a_repeated_csv_header_is_a_column_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,text,text\n1,Great cast.,Wooden acting.\n", encoding="utf-8")
    with pytest.raises(ColumnError, match="more than one column named 'text'"):
        reviewkit.score_corpus(path, progress=False)
    cli = invoke("score", str(path), "-o", str(tmp_path / "o.csv"))
    assert cli.exit_code == 2

"""Readers: decoding, format detection, blocks and offsets for text/Markdown/HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reviewkit
from reviewkit import _readers
from reviewkit._readers import Document, decode_bytes, detect_format, read
from reviewkit.errors import ConfigurationError, DecodingWarning, InputError


def block_texts(source: str | bytes | Path, **kwargs: str) -> list[tuple[str, str]]:
    doc = read(source, **kwargs)
    return [(b.kind, doc.text[b.content_start : b.end]) for b in doc.blocks]


def assert_source_map(
    doc: Document, page: str, decoded: frozenset[str] | set[str] = frozenset()
) -> None:
    """Every copied run of the text is the markup at its source offset."""
    smap = doc.source_map
    assert smap is not None
    for start, src, length in zip(
        smap.text_starts, smap.source_starts, smap.lengths, strict=True
    ):
        piece = doc.text[start : start + length]
        if piece not in decoded:  # character references are decoded
            assert page[src : src + length] == piece


# -- decoding ------------------------------------------------------------------------


class TestDecode:
    def test_utf8_is_decoded_silently(self) -> None:
        assert decode_bytes("Café ★".encode()) == "Café ★"

    @pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
    def test_byte_order_marks_choose_the_codec(self, codec: str) -> None:
        assert decode_bytes("Drama ★ review".encode(codec)) == "Drama ★ review"

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_utf16_without_bom_is_recognised(self, codec: str) -> None:
        with pytest.warns(DecodingWarning, match=codec):
            assert decode_bytes("The acting was great.".encode(codec)) == (
                "The acting was great."
            )

    def test_latin1_falls_back_to_cp1252_with_a_warning(self) -> None:
        data = "Café scenes were “gorgeous”".encode("cp1252")
        with pytest.warns(DecodingWarning, match="cp1252"):
            assert decode_bytes(data) == "Café scenes were “gorgeous”"

    def test_corrupt_utf8_is_replaced_with_a_warning(self) -> None:
        data = "Café ".encode() + b"\xff\xfe broken " + "★".encode()
        with pytest.warns(DecodingWarning, match="U\\+FFFD"):
            text = decode_bytes(data)
        assert text.startswith("Café ")
        assert "\ufffd" in text
        assert text.endswith("★")

    def test_nul_bytes_in_utf8_are_kept(self) -> None:
        assert decode_bytes(b"a\x00b") == "a\x00b"


# -- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Just a review. I loved it.", "text"),
        ("Pros:\n- great cast\n- lovely OST", "text"),
        ("## The Good\nGreat cast.", "markdown"),
        ("- **Acting:** superb", "markdown"),
        ("See [the trailer](https://example.org).", "markdown"),
        ("<p>Great</p>", "html"),
        ("  <!DOCTYPE html><html><body>x</body></html>", "html"),
        ("Loved it.<br /><br />The acting was great.", "html"),
        ("I <3 this show, a < b", "text"),
    ],
)
def test_detect_format(text: str, expected: str) -> None:
    assert detect_format(text) == expected


# -- read(): input types and errors ------------------------------------------------------------


class TestRead:
    def test_str_bytes_and_path_give_the_same_text(self, tmp_path: Path) -> None:
        review = "The Good:\nThe Acting- great.\n"
        path = tmp_path / "review.txt"
        path.write_text(review, encoding="utf-8")
        assert read(review).text == read(review.encode()).text == read(path).text

    def test_extension_chooses_the_format(self, tmp_path: Path) -> None:
        path = tmp_path / "review.md"
        path.write_text("Plain words only.", encoding="utf-8")
        assert read(path).format == "markdown"
        html = tmp_path / "review.html"
        html.write_text("Plain words only.", encoding="utf-8")
        assert read(html).format == "html"

    def test_format_can_be_forced(self) -> None:
        assert read("<p>x</p>", format="text").format == "text"
        assert read("plain", format="html").text == "plain"

    @pytest.mark.parametrize("bad", [None, 42, 3.5, ["a"], {"text": "x"}, object()])
    def test_non_text_raises_type_error_naming_the_type(self, bad: object) -> None:
        with pytest.raises(TypeError, match=type(bad).__name__):
            read(bad)

    def test_unknown_format_is_a_configuration_error(self) -> None:
        with pytest.raises(ConfigurationError, match=r"'format'.*'markdown'"):
            read("x", format="docx")

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="No review file"):
            read(tmp_path / "nope.txt")

    def test_folder_is_not_a_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="score_corpus"):
            read(tmp_path)

    def test_a_string_that_is_a_path_warns(self, tmp_path: Path) -> None:
        path = tmp_path / "review.txt"
        path.write_text("x", encoding="utf-8")
        with pytest.warns(UserWarning, match=r"pathlib\.Path"):
            doc = read(str(path))
        assert doc.text == str(path)


# -- plain text --------------------------------------------------------------------------------


class TestPlainText:
    def test_lines_become_blocks_and_blank_lines_start_paragraphs(self) -> None:
        doc = read("Title\n\nFirst line\nwrapped line\n\nSecond para\n")
        assert [doc.text[b.start : b.end] for b in doc.blocks] == [
            "Title",
            "First line",
            "wrapped line",
            "Second para",
        ]
        assert [b.para_start for b in doc.blocks] == [True, True, False, True]

    def test_list_markers_and_crlf(self) -> None:
        doc = read("Pros\r\n- great cast\r\n2) lovely OST\r\n• fine sets\r\n")
        assert block_texts(doc.text) == [
            ("line", "Pros"),
            ("list_item", "great cast"),
            ("list_item", "lovely OST"),
            ("list_item", "fine sets"),
        ]
        assert [b.ordered for b in doc.blocks] == [False, False, True, False]

    def test_leading_bold_run(self) -> None:
        doc = read("**Acting:** superb\n**Verdict**", format="text")
        first, second = doc.blocks
        assert doc.text[first.content_start : first.lead_bold_end] == "**Acting:**"
        assert not first.bold
        assert second.bold


# -- Markdown ----------------------------------------------------------------------------------


class TestMarkdown:
    SOURCE = (
        "# Review: Harbour Lights\n\n"
        "Intro line one\nline two\n\n"
        "## The Good ##\n"
        "- **Acting:** superb\n  and more\n"
        "- plain item\n\n"
        "1. first\n\n"
        "**Cons**\n\n"
        "Setext heading\n==============\n\n"
        "```\nCODE: not a heading\n```\n"
    )

    def test_blocks_follow_the_markdown_structure(self) -> None:
        assert block_texts(self.SOURCE, format="markdown") == [
            ("heading", "Review: Harbour Lights"),
            ("line", "Intro line one"),
            ("line", "line two"),
            ("heading", "The Good"),
            ("list_item", "**Acting:** superb"),
            ("line", "and more"),
            ("list_item", "plain item"),
            ("list_item", "first"),
            ("line", "**Cons**"),
            ("heading", "Setext heading"),
            ("line", "```"),
            ("line", "CODE: not a heading"),
            ("line", "```"),
        ]

    def test_bold_and_verbatim_flags(self) -> None:
        doc = read(self.SOURCE, format="markdown")
        by_text = {doc.text[b.content_start : b.end]: b for b in doc.blocks}
        assert by_text["**Cons**"].bold
        assert by_text["**Acting:** superb"].lead_bold_end is not None
        assert not by_text["**Acting:** superb"].bold
        assert by_text["CODE: not a heading"].verbatim
        assert by_text["1. first".removeprefix("1. ")].ordered

    def test_offsets_point_into_the_source(self) -> None:
        doc = read(self.SOURCE, format="markdown")
        assert doc.text is self.SOURCE or doc.text == self.SOURCE
        for block in doc.blocks:
            assert doc.text[block.start : block.end].endswith(
                doc.text[block.content_start : block.end]
            )


# -- HTML ----------------------------------------------------------------------------------------


class TestHTML:
    def test_scripts_styles_and_page_chrome_are_ignored(self) -> None:
        page = (
            "<html><head><title>T</title><style>p{}</style></head><body>"
            "<nav>Home</nav><script>var s='<p>hidden</p>';</script>"
            "<p>Visible <b>text</b>.</p><footer>(c) blog</footer></body></html>"
        )
        doc = read(page)
        assert doc.text.strip() == "Visible text."
        assert doc.title_hint == "T"

    def test_entities_whitespace_and_source_map(self) -> None:
        page = "<p>Tom &amp; Jerry\n      were   great&nbsp;fun</p>"
        doc = read(page)
        assert doc.text.strip() == "Tom & Jerry were great fun"
        assert_source_map(doc, page, decoded={"&"})

    def test_headings_lists_and_bold_labels(self) -> None:
        page = (
            "<h1>Title</h1><h3>The Good</h3>"
            "<p><strong>Costumes and sets:</strong> lush</p>"
            "<ol><li>first</li><li>second</li></ol><p><b>Cons</b></p>"
        )
        doc = read(page)
        kinds = [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.blocks]
        assert kinds == [
            ("heading", 1, "Title"),
            ("heading", 3, "The Good"),
            ("line", 0, "Costumes and sets: lush"),
            ("list_item", 0, "first"),
            ("list_item", 0, "second"),
            ("line", 0, "Cons"),
        ]
        label = doc.blocks[2]
        assert doc.text[label.start : label.lead_bold_end] == "Costumes and sets:"
        assert doc.blocks[5].bold
        assert not label.bold
        assert doc.blocks[3].ordered

    def test_line_breaks_end_lines_and_double_breaks_paragraphs(self) -> None:
        doc = read("One.<br /><br />Two.<br />still two.")
        assert doc.text == "One.\n\nTwo.\nstill two."
        assert [doc.text[b.start : b.end] for b in doc.blocks] == [
            "One.",
            "Two.",
            "still two.",
        ]
        # As plain text lines: a single break continues the paragraph.
        assert [b.para_start for b in doc.blocks] == [True, True, False]

    def test_line_breaks_keep_the_source_map_exact(self) -> None:
        page = "<p>The Acting- superb.<br>\n  The Music-  lovely.<br/>- OST</p>"
        doc = read(page)
        assert doc.text.strip() == "The Acting- superb.\nThe Music- lovely.\n- OST"
        assert_source_map(doc, page)

    def test_list_markers_after_line_breaks_make_list_items(self) -> None:
        page = (
            "<p>Pros:<br>- Great acting<br>* Beautiful OST<br>2) Short<br>"
            "&bull; Sets<br>-no space<br>1.5 hours</p><p>10. Ten</p>"
        )
        doc = read(page)
        assert [(b.kind, doc.text[b.content_start : b.end]) for b in doc.blocks] == [
            ("line", "Pros:"),
            ("list_item", "Great acting"),
            ("list_item", "Beautiful OST"),
            ("list_item", "Short"),
            ("list_item", "Sets"),
            ("line", "-no space"),
            ("line", "1.5 hours"),
            ("list_item", "Ten"),
        ]
        assert [b.ordered for b in doc.blocks] == [
            False, False, False, True, False, False, False, True,
        ]  # fmt: skip
        # A list entry begins a paragraph, as in plain text; lines do not.
        assert [b.para_start for b in doc.blocks] == [
            True, True, True, True, True, False, False, True,
        ]  # fmt: skip

    def test_a_marker_before_a_tag_or_spaces_still_starts_an_entry(self) -> None:
        page = (
            "<p>The Good<br>- <b>Acting:</b> superb<br>1.&nbsp; <b>Music</b>"
            "<br><b>-</b>  plain<br>-<b>x</b> text<br>-</p>"
        )
        doc = read(page)
        blocks = doc.blocks
        assert [(b.kind, doc.text[b.content_start : b.end]) for b in blocks] == [
            ("line", "The Good"),
            ("list_item", "Acting: superb"),
            ("list_item", "Music"),
            ("list_item", "plain"),
            ("line", "-x text"),
            ("line", "-"),
        ]
        # The marker is not content: bold is measured from the entry's text.
        acting, music, plain = blocks[1:4]
        assert acting.lead_bold_end is not None
        assert doc.text[acting.content_start : acting.lead_bold_end] == "Acting:"
        assert not acting.bold
        assert music.bold
        assert music.ordered
        assert plain.lead_bold_end is None
        assert not plain.bold

    def test_bold_labels_on_separate_lines(self) -> None:
        doc = read(
            "<p><strong>Label:</strong> text<br><strong>Other:</strong> more</p>"
        )
        assert [
            (doc.text[b.start : b.end], doc.text[b.content_start : b.lead_bold_end])
            for b in doc.blocks
            if b.lead_bold_end is not None
        ] == [("Label: text", "Label:"), ("Other: more", "Other:")]
        assert [b.para_start for b in doc.blocks] == [True, False]

    def test_line_breaks_in_list_entries_and_headings_stay_inside(self) -> None:
        doc = read("<h2>The<br>Good</h2><ul><li>Acting<br>- superb</li></ul>")
        assert [(b.kind, doc.text[b.content_start : b.end]) for b in doc.blocks] == [
            ("heading", "The\nGood"),
            ("list_item", "Acting\n- superb"),
        ]

    @pytest.mark.parametrize(
        ("page", "expected"),
        [
            (
                "<h2>The Soft</h2><p>The Acting- Both leads shine.<br>"
                "The Music- Gorgeous OST.</p>",
                [
                    (
                        "pros",
                        "The Soft",
                        [("The Acting", "acting"), ("The Music", "soundtrack")],
                    )
                ],
            ),
            (
                "<p>Pros:<br>- Great acting<br>- Beautiful OST</p>"
                "<p>Cons:<br>- Too long</p>",
                [
                    ("pros", "Pros:", [(None, "acting"), (None, "soundtrack")]),
                    ("cons", "Cons:", [(None, "pacing")]),
                ],
            ),
            (
                "<p><strong>Acting:</strong> superb<br>"
                "<strong>Music:</strong> lovely</p>",
                [("body", None, [("Acting", "acting"), ("Music", "soundtrack")])],
            ),
        ],
    )
    def test_blogger_posts_with_line_breaks_keep_their_structure(
        self, page: str, expected: list[tuple[str, str | None, list[object]]]
    ) -> None:
        review = reviewkit.parse(page)
        assert [
            (s.kind, s.heading, [(i.label, i.aspect) for i in s.items])
            for s in review.sections
        ] == expected
        # As the same text written as plain lines gives.
        plain = re.sub(r"<br>", "\n", re.sub(r"</p>|</h2>", "\n\n", page))
        plain = re.sub(r"<[^>]*>", "", plain)
        assert [
            (s.kind, s.heading, [(i.label, i.aspect) for i in s.items])
            for s in reviewkit.parse(plain, format="text").sections
        ] == expected

    @given(
        st.lists(
            st.sampled_from(
                ["<br />", "<br>", "<BR/>", "<br/>", "Loved it.", "the  cast", " ",
                 "\n", "\t", "\r\n", "\xa0", "é!", "**Plot:**", "-", "x", "- ",
                 "1. ", "• "]
            ),
            max_size=30,
        )
    )  # fmt: skip
    def test_line_break_only_text_reads_as_the_parser_would(
        self, pieces: list[str]
    ) -> None:
        source = "".join(pieces)
        parser = _readers._HTMLTextParser(source)
        assert parser._run_line_breaks_only()
        fed = _readers._HTMLTextParser(source)
        fed.feed(source)
        fed.close()
        for p in (parser, fed):
            p._close_block("")
        assert (parser.parts, parser.blocks) == (fed.parts, fed.blocks)
        assert (parser.map_text, parser.map_source, parser.map_length) == (
            fed.map_text,
            fed.map_source,
            fed.map_length,
        )

    @pytest.mark.parametrize(
        "source",
        ["A &amp; B<br />C", "<b>Bold</b><br />text", "a < b<br />c", "<br><p>x</p>"],
    )
    def test_other_markup_goes_through_the_parser(self, source: str) -> None:
        assert not _readers._HTMLTextParser(source)._run_line_breaks_only()

    def test_malformed_html_still_yields_its_text(self) -> None:
        doc = read("<p>Open <b>bold <i>never closed<p>next</div></span> & < > done")
        assert "Open bold never closed" in doc.text
        assert "done" in doc.text

    def test_ten_thousand_levels_of_nesting(self) -> None:
        page = "<div>" * 10_000 + "<p>deep text</p>" + "</div>" * 10_000
        assert read(page).text.strip() == "deep text"

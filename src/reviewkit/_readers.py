"""Readers: decode input, detect its format, and turn it into text blocks.

A reader never scores and never guesses at meaning. It returns a `Document`: the
text that offsets point into, and the blocks the markup (or, for plain text, the
line layout) shows: headings, paragraph lines, list entries, with the extent of
any leading bold run. `reviewkit._structure` decides what the blocks mean.

- Plain text: one block per non-blank line; ``para_start`` marks lines that follow
  a blank line, so the structure step can join wrapped paragraph lines again.
- Markdown: block structure from markdown-it-py (a CommonMark parser); the text is
  the Markdown source itself, so offsets point into the original.
- HTML: the standard library's streaming ``html.parser`` (no recursion, so 10,000
  nested tags are fine, and it tolerates malformed markup). The text is what the
  page displays, scripts and styles dropped; a `SourceMap` locates every copied
  run of characters in the markup. A ``<br>`` ends a line as a line end does in
  plain text (two start a paragraph), and a line opening with a list marker
  ("- ", "1. ") is a list entry, as in plain text.
"""

from __future__ import annotations

import codecs
import html
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from reviewkit._types import Format, SourceMap
from reviewkit.errors import (
    ConfigurationError,
    DecodingWarning,
    InputError,
    ReviewkitWarning,
    warn,
)

__all__ = ["FORMATS", "Block", "Document", "decode_bytes", "detect_format", "read"]

FORMATS: tuple[str, ...] = ("auto", "text", "markdown", "html")
BlockKind = Literal["heading", "line", "list_item"]

_EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
}


@dataclass(frozen=True, slots=True)
class Block:
    """A line-level unit of a document, with offsets into `Document.text`.

    Attributes:
        kind: ``"heading"`` (Markdown ``#``/setext or HTML ``h1``–``h6``),
            ``"list_item"`` (the first line of a list entry) or ``"line"``.
        start: Offset of the block's first character (markup included).
        end: Offset just past its last non-space character.
        content_start: Offset where the content begins, after markup such as
            ``"## "``, ``"- "`` or ``"1. "``.
        level: Heading level (1–6), or 0.
        para_start: Whether the block begins a paragraph (a blank line, a block
            tag or the start of a list item precedes it).
        bold: Whether the whole content is bold/strong.
        lead_bold_end: Offset just past a leading bold run (``**Acting:**``),
            or None when the content does not start in bold.
        ordered: Whether it is an entry of a numbered list.
        verbatim: Whether it is code or raw markup, never a heading or an item.
    """

    kind: BlockKind
    start: int
    end: int
    content_start: int
    level: int = 0
    para_start: bool = True
    bold: bool = False
    lead_bold_end: int | None = None
    ordered: bool = False
    verbatim: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded review and its blocks.

    Attributes:
        text: The text every offset points into.
        format: The format it was read as.
        blocks: Its blocks in order; blank lines belong to no block.
        source: The original markup when ``text`` is derived from it (HTML).
        source_map: Offsets from ``text`` into ``source`` (HTML only).
        title_hint: The HTML ``<title>``, if any.
    """

    text: str
    format: Format
    blocks: tuple[Block, ...]
    source: str | None = None
    source_map: SourceMap | None = None
    title_hint: str | None = None


# -- decoding --

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def bom_encoding(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``head`` names, or None.

    UTF-32 marks are tested before UTF-16 ones, which they begin with.
    """
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def _utf16_without_bom(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when NUL bytes alternate like UTF-16 text."""
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str | None = None) -> str:
    """Decode review bytes: UTF-8, or a fallback with a `DecodingWarning`.

    Byte-order marks choose UTF-8/16/32. Otherwise UTF-8 is tried strictly; text
    that is not UTF-8 is read as UTF-16 when its NUL bytes say so, as UTF-8 with
    replacement characters when it holds valid multi-byte sequences (a few
    corrupt bytes), and as Windows-1252 otherwise (the usual legacy encoding of
    Western web pages). Decoding never fails.

    Args:
        data: The raw bytes.
        name: The file they came from, named in the warning (in a folder of
            reviews, the warning must say which file it is about).

    Returns:
        The decoded text.
    """
    marked = bom_encoding(data)
    if marked is not None:
        try:
            return data.decode(marked).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:  # truncated or corrupt after the BOM
            encoding, position = marked, exc.start
    elif (guess := _utf16_without_bom(data)) is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            position = exc.start
        encoding = "utf-8" if _UTF8_MULTIBYTE.search(data) else "cp1252"
    else:
        encoding, position = guess, 0
    text = data.decode(encoding, errors="replace").removeprefix("\ufeff")
    replaced = text.count("\ufffd")
    expected = "UTF-8" if marked is None else marked.upper().removesuffix("-SIG")
    detail = f"; {replaced} undecodable byte(s) became U+FFFD" if replaced else ""
    if name is None:
        what = "The review's bytes are"
        fix = "Pass a str, or decode the bytes yourself if you know their encoding."
    else:
        what = f"The file {name!r} is"
        fix = "Save it as UTF-8, or read and decode it yourself and pass a str."
    warn(
        f"{what} not valid {expected} (first bad byte at {position}); decoded as "
        f"{encoding}{detail}. {fix}",
        DecodingWarning,
    )
    return text


# -- format detection --

_HTML_TAG = re.compile(
    r"<(?:!doctype\s|/?(?:html|head|body|p|div|br|h[1-6]|ul|ol|li|table|tr|td|"
    r"article|section|span|strong|em|b|i|a|blockquote|img|script|style|meta)"
    r"(?:\s[^<>]{0,500})?/?>)",
    re.IGNORECASE,
)
# Markdown signals, each keyed by a character it cannot do without: one combined
# alternation would defeat the regex engine's literal-prefix search.
_MD_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("#", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.MULTILINE)),  # ATX heading
    ("*", re.compile(r"\*\*[^*\n]{1,200}\*\*")),  # strong
    ("_", re.compile(r"(?<!\w)__[^_\n]{1,200}__(?!\w)")),
    ("[", re.compile(r"\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)")),  # link
    ("`", re.compile(r"^[ \t]{0,3}```", re.MULTILINE)),  # fenced code
    (">", re.compile(r"^[ \t]{0,3}>[ \t]", re.MULTILINE)),  # block quote
)


def detect_format(text: str) -> Format:
    """Guess whether a text is HTML, Markdown or plain text.

    Args:
        text: The review.

    Returns:
        ``"html"`` when it starts with a tag or holds two or more common HTML
        tags, ``"markdown"`` when it has Markdown headings, emphasis, links,
        fences or quotes, else ``"text"``.
    """
    head = text[:200_000]
    if "<" in head:
        stripped = head.lstrip()
        if stripped.startswith("<") and _HTML_TAG.match(stripped):
            return "html"
        tags = _HTML_TAG.finditer(head)
        if next(tags, None) is not None and next(tags, None) is not None:
            return "html"
    for char, pattern in _MD_SIGNALS:
        if char in head and pattern.search(head):
            return "markdown"
    return "text"


# -- plain text --

_LINE = re.compile(r"[^\r\n]*")
_LIST_MARKER = re.compile(r"[ \t]*(?:([-*+•·▪●◦‣])|(\d{1,3})[.)])[ \t]+(?=\S)")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(?=\S)")


def _iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each line, line breaks excluded."""
    position, size = 0, len(text)
    while position <= size:
        match = _LINE.match(text, position)
        assert match is not None  # the pattern matches the empty string
        yield match.start(), match.end()
        position = match.end()
        if position >= size:
            break
        position += 2 if text.startswith("\r\n", position) else 1


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lead_bold(text: str, start: int, end: int) -> tuple[int | None, bool]:
    """Find a leading ``**bold**``/``__bold__`` run in one line of plain text.

    Returns:
        The offset just past the closing marker (or None), and whether the bold
        run is the whole line apart from trailing punctuation.
    """
    marker = text[start : start + 2]
    if marker not in ("**", "__"):
        return None, False
    close = text.find(marker, start + 3, end)
    if close < 0:
        return None, False
    stop = close + 2
    rest = text[stop:end].strip(" \t:.-–—")
    return stop, not rest


def _read_text(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    blank_before = True
    for start, end in _iter_lines(text):
        end = _rstrip_end(text, start, end)
        content = start
        while content < end and text[content] in " \t":
            content += 1
        if content >= end:
            blank_before = True
            continue
        kind: BlockKind = "line"
        level = 0
        ordered = False
        para_start = blank_before
        if (atx := _ATX.match(text, start, end)) is not None:
            kind, level, content = "heading", len(atx.group(1)), atx.end()
            para_start = True
        elif (marker := _LIST_MARKER.match(text, start, end)) is not None:
            kind, ordered, content = (
                "list_item",
                marker.group(2) is not None,
                marker.end(),
            )
            para_start = True
        lead_end, whole = _lead_bold(text, content, end)
        blocks.append(
            Block(
                kind,
                start,
                end,
                content,
                level=level,
                para_start=para_start,
                bold=whole,
                lead_bold_end=lead_end,
                ordered=ordered,
            )
        )
        blank_before = False
    return tuple(blocks)


# -- Markdown --

_LineInfo = tuple[BlockKind, int, bool, bool]  # kind, level, para_start, ordered


def _read_markdown(text: str) -> tuple[Block, ...]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    lines = list(_iter_lines(text))
    info: dict[int, _LineInfo] = {}
    verbatim: set[int] = set()  # code and raw HTML lines: never headings or items
    underlines: set[int] = set()  # setext heading underlines belong to the heading
    strong_lines: dict[int, tuple[bool, bool]] = {}  # line -> (leads bold, all bold)
    ordered_stack: list[bool] = []
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered_stack.append(token.type == "ordered_list_open")
        elif (
            token.type in ("bullet_list_close", "ordered_list_close") and ordered_stack
        ):
            ordered_stack.pop()
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "heading_open":
            level = int(token.tag[1])
            info[first] = ("heading", level, True, False)
            for underline in range(first + 1, last):  # setext underline
                underlines.add(underline)
        elif token.type == "list_item_open":
            ordered = bool(ordered_stack and ordered_stack[-1])
            info.setdefault(first, ("list_item", 0, True, ordered))
        elif token.type == "paragraph_open":
            info.setdefault(first, ("line", 0, True, False))
            inline = tokens[index + 1] if index + 1 < len(tokens) else None
            if inline is not None and inline.type == "inline" and inline.children:
                _mark_strong_lines(inline.children, first, strong_lines)
        elif token.type in ("fence", "code_block", "html_block", "hr"):
            verbatim.update(range(first, last))
    blocks: list[Block] = []
    for number, (start, end) in enumerate(lines):
        end = _rstrip_end(text, start, end)
        content = start
        while content < end and text[content] in " \t>":
            content += 1
        if content >= end or number in underlines:
            continue
        is_verbatim = number in verbatim and number not in info
        kind, level, para_start, ordered = info.get(
            number, ("line", 0, is_verbatim, False)
        )
        if kind == "heading":
            atx = _ATX.match(text, start, end)
            if atx is not None:
                content = atx.end()
                # An ATX heading may close with a run of "#".
                end = _rstrip_end(text, content, end)
                while end > content and text[end - 1] == "#":
                    end -= 1
                end = _rstrip_end(text, content, end)
        elif kind == "list_item":
            marker = _LIST_MARKER.match(text, start, end)
            if marker is not None:
                content = marker.end()
        lead_end: int | None = None
        whole = False
        leads, all_bold = strong_lines.get(number, (False, False))
        if is_verbatim:
            leads = False
        if leads:
            lead_end, whole = _lead_bold(text, content, end)
            whole = whole and all_bold
        blocks.append(
            Block(
                kind,
                start,
                end,
                content,
                level=level,
                para_start=para_start,
                bold=whole,
                lead_bold_end=lead_end,
                ordered=ordered,
                verbatim=is_verbatim,
            )
        )
    return tuple(blocks)


def _mark_strong_lines(
    children: Sequence[object], first_line: int, out: dict[int, tuple[bool, bool]]
) -> None:
    """Record, per line of a paragraph, whether it starts and is all in bold.

    Works on markdown-it's inline tokens, split at soft and hard breaks.
    """
    line = first_line
    seen: list[str] = []
    for child in [*children, None]:
        kind = getattr(child, "type", "softbreak")
        if kind in ("softbreak", "hardbreak"):
            if seen and seen[0] == "strong_open":
                depth, all_bold = 0, True
                for item in seen:
                    if item == "strong_open":
                        depth += 1
                    elif item == "strong_close":
                        depth -= 1
                    elif depth == 0:
                        all_bold = False
                out[line] = (True, all_bold)
            line += 1
            seen = []
            continue
        if kind == "text":
            content = getattr(child, "content", "")
            if not content.strip(" \t:.-–—"):
                continue
            kind = "text+"
        seen.append(kind)


# -- HTML --

# Not review text: code, styling, embedded documents and page chrome (site
# navigation, footers, forms, sidebars).
_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "head", "iframe",
        "object", "canvas", "nav", "footer", "form", "button", "select", "aside",
    }
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col"})
# What may stand inside <head>; any other tag (or visible text) starts the body,
# and browsers close an unclosed <head> there (HTML's "in head" insertion mode).
_HEAD_TAGS = frozenset(
    {
        "base", "basefont", "bgsound", "link", "meta", "title", "noscript",
        "noframes", "style", "script", "template", "head",
    }
)  # fmt: skip
_BOLD_TAGS = frozenset({"b", "strong"})
_WORD_RUN = re.compile(r"\S+(?: \S+)*")
# A character reference as browsers read it, ";" optional (legacy "&copy 2024").
_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,20};?|#[xX][0-9a-fA-F]{1,20};?|[a-zA-Z][a-zA-Z0-9]{0,40};?)"
)
_TAG_OPEN = re.compile("<")
# A line break tag as scraped user reviews write them ("<br />", "<br>").
_LINE_BREAK_TAG = re.compile(r"<[bB][rR] ?/?>")
# The list markers `_LIST_MARKER` knows, as they begin a text piece: followed by
# a space and the entry ("- Great acting"), or the whole piece ("-" before a tag
# or a run of spaces), when the next piece decides.
_PIECE_MARKER = re.compile(r"(?:([-*+•·▪●◦‣])|(\d{1,3})[.)])(?: (?=\S)|$)")


class _HTMLTextParser(HTMLParser):
    """Streams HTML into text blocks; keeps counters, never a tree."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        self.line_starts.extend(m.end() for m in re.finditer("\n", source))
        self.parts: list[str] = []
        self.size = 0
        self.map_text: list[int] = []
        self.map_source: list[int] = []
        self.map_length: list[int] = []
        self.blocks: list[Block] = []
        # Open tags whose content is not review text (script, style, head...).
        self.skipping: list[str] = []
        self.in_title = False
        self._close_source: str | None = None
        self._last_close = -1
        self.title: list[str] = []
        self.list_stack: list[bool] = []
        self.bold_depth = 0
        self._new_block("line", 0)

    # text-view helpers

    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _append(self, piece: str, source_start: int | None) -> None:
        if source_start is not None:
            self.map_text.append(self.size)
            self.map_source.append(source_start)
            self.map_length.append(len(piece))
        self.parts.append(piece)
        self.size += len(piece)

    def _new_block(
        self,
        kind: BlockKind,
        level: int,
        ordered: bool = False,
        para_start: bool = True,
    ) -> None:
        # The kind the markup gives; a "line" may yet read as a list entry
        # ("- Great acting"), which `marker_item` records.
        self.kind: BlockKind = kind
        self.level = level
        self.ordered = ordered
        self.para_start = para_start
        self.marker_item = False
        self.marker_ordered = False
        # A lone marker piece ("-", "1.") waits for the entry's first word.
        self.marker_pending = False
        self.marker_pending_ordered = False
        self.block_start = self.size
        self.content_start = self.size
        self.has_content = False
        self.bold_only = True
        self.lead_bold_open = self.bold_depth > 0
        self.lead_bold_end: int | None = None
        self.pending_break = False
        self.pending_space = False

    def _close_block(self, separator: str = "\n\n") -> None:
        if self.has_content:
            if self.lead_bold_open and self.lead_bold_end is None:
                self.lead_bold_end = self.size
            self.blocks.append(
                Block(
                    "list_item" if self.marker_item else self.kind,
                    self.block_start,
                    self.size,
                    self.content_start,
                    level=self.level,
                    # A list entry begins a paragraph, as in plain text.
                    para_start=self.para_start or self.marker_item,
                    bold=self.bold_only and self.lead_bold_end is not None,
                    lead_bold_end=self.lead_bold_end,
                    ordered=self.ordered or self.marker_ordered,
                )
            )
            self._append(separator, None)

    # parser callbacks

    def _leave_head(self) -> None:
        """Close an unclosed ``<head>`` where the body evidently begins."""
        if self.skipping == ["head"]:
            self.skipping.pop()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HEAD_TAGS:
            self._leave_head()
        if tag == "title" and all(t == "head" for t in self.skipping):
            self.in_title = True  # not an <svg> icon's <title>
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "br":
            if self.has_content:
                if self.pending_break:
                    self._close_block()
                    self._new_block("line", 0)
                else:
                    self.pending_break = True
            return
        if tag in _BOLD_TAGS:
            self.bold_depth += 1
            if not self.has_content:
                self.lead_bold_open = True
            return
        if tag in ("ul", "ol"):
            self.list_stack.append(tag == "ol")
        if tag in _BLOCK_TAGS:
            self._close_block("\n" if self.kind == "list_item" else "\n\n")
            if tag[0] == "h" and tag[1:].isdigit():
                self._new_block("heading", int(tag[1:]))
            elif tag == "li":
                ordered = bool(self.list_stack and self.list_stack[-1])
                self._new_block("list_item", 0, ordered)
            else:
                self._new_block("line", 0)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS or tag in _BLOCK_TAGS:
            self.handle_starttag(tag, attrs)
        # Self-closed non-void tags (<b/>, <div/>) open nothing.

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS:
            if tag in self.skipping:
                # Close it, and whatever was left open inside it.
                del self.skipping[
                    len(self.skipping) - 1 - self.skipping[::-1].index(tag) :
                ]
            return
        if tag in ("body", "html", "br"):
            self._leave_head()
        if self.skipping:
            return
        if tag in _BOLD_TAGS:
            self.bold_depth = max(0, self.bold_depth - 1)
            if (
                self.bold_depth == 0
                and self.lead_bold_open
                and self.lead_bold_end is None
            ):
                self.lead_bold_end = self.size
            return
        if tag in ("ul", "ol") and self.list_stack:
            self.list_stack.pop()
        if tag in _BLOCK_TAGS:
            self._close_block("\n" if self.kind == "list_item" else "\n\n")
            self._new_block("line", 0)

    def _begin_piece(self, leading_space: bool) -> bool:
        """Insert the separator a new piece of text needs, and open the block.

        Returns:
            Whether the piece is the first of its block.
        """
        if self.has_content and self.pending_break and self.kind == "line":
            # A <br> ends a line of a paragraph as a line end does in plain
            # text: the next line is a block of its own, not a paragraph start.
            # In headings and list entries it stays a break inside the block.
            self._close_block("\n")
            self._new_block("line", 0, para_start=False)
        if self.has_content:
            if self.pending_break:
                self._append("\n", None)
            elif leading_space or self.pending_space:
                self._append(" ", None)
                if self.marker_pending:
                    self._start_entry(self.size, self.marker_pending_ordered)
            self.marker_pending = False  # with no space after it, "-" is text
            first = False
        else:
            self.has_content = first = True
            self.block_start = self.content_start = self.size
        self.pending_break = False
        self.pending_space = False
        if self.bold_depth == 0 and self.lead_bold_open and self.lead_bold_end is None:
            self.lead_bold_end = self.size
        return first

    def _start_entry(self, content_start: int, ordered: bool) -> None:
        """Make the block a list entry whose content starts past its marker.

        The marker is not content: the bold state is taken afresh, so that
        "- <b>Acting:</b> superb" leads with a bold label as "<b>Acting:</b>
        superb" does.
        """
        self.marker_item = True
        self.marker_ordered = ordered
        self.content_start = content_start
        self.lead_bold_open = self.bold_depth > 0
        self.lead_bold_end = None
        self.bold_only = True

    def _check_marker(self, piece: str) -> None:
        """Recognise a list marker ("- ", "1. ") opening a line block.

        Called with the block's first piece, before it is appended. List
        entries (``<li>``) and headings keep their markup's kind.
        """
        if self.kind != "line":
            return
        match = _PIECE_MARKER.match(piece)
        if match is None:
            return
        ordered = match.group(2) is not None
        if match.end() < len(piece):
            self._start_entry(self.size + match.end(), ordered)
        else:
            self.marker_pending = True
            self.marker_pending_ordered = ordered

    def _add_text(self, data: str, source_start: int) -> None:
        for match in _WORD_RUN.finditer(data):
            piece = match.group()
            if self._begin_piece(match.start() > 0):
                self._check_marker(piece)
            if self.bold_depth == 0 and piece.strip(":.-–—"):
                self.bold_only = False
            self._append(piece, source_start + match.start())
        if data[-1:].isspace() and self.has_content:
            self.pending_space = True

    # Character references are decoded here, in the text between tags, rather
    # than by the standard parser: it stops at a malformed one ("&#;") and, at
    # a second, emits the rest of the page as text, tags and scripts included.

    def reset(self) -> None:
        super().reset()
        self.interesting = _TAG_OPEN  # only "<" interrupts text

    def clear_cdata_mode(self) -> None:
        super().clear_cdata_mode()
        self.interesting = _TAG_OPEN

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(html.unescape(data))
            return
        if not data.isspace():
            self._leave_head()  # visible text: the body has begun
        if self.skipping or not data:
            return
        start = self._position()
        done = 0
        for match in _REFERENCE.finditer(data):
            raw = match.group()
            decoded = html.unescape(raw)
            if decoded == raw:
                continue  # "AT&T", "&unknown;": text as written
            if match.start() > done:
                self._add_text(data[done : match.start()], start + done)
            self._add_decoded(decoded, start + match.start())
            done = match.end()
        if done < len(data):
            self._add_text(data[done:], start + done)

    def _add_decoded(self, decoded: str, source_start: int) -> None:
        if decoded.isspace():  # &nbsp;
            if self.has_content:
                self.pending_space = True
            return
        if self._begin_piece(False):
            self._check_marker(decoded)  # "&bull; ..."
        if self.bold_depth == 0:
            self.bold_only = False
        self._append(decoded, source_start)

    def _add_reference(self, prefix: str, name: str) -> None:
        # Only reached if a Python version reports references separately.
        start = self._position()
        end = start + len(prefix) + len(name)
        if self.source.startswith(";", end):
            end += 1
        decoded = html.unescape(self.source[start:end])
        if self.in_title:
            self.title.append(decoded)
        elif not self.skipping:
            self._add_decoded(decoded, start)

    def handle_entityref(self, name: str) -> None:  # pragma: no cover
        self._add_reference("&", name)

    def handle_charref(self, name: str) -> None:  # pragma: no cover
        self._add_reference("&#", name)

    # Linear time on unterminated markup. Every construct below needs a ">" to
    # end; with none left in the buffer, the standard parser (before CPython's
    # fix for CVE-2025-6069) rescans the rest of the page for each "<", which is
    # quadratic ("x <a" repeated 16,000 times took 30 s). Failing fast gives the
    # same text: the parser then keeps such a "<" as text, as it did before.

    def _unclosed(self, i: int) -> bool:
        raw = self.rawdata
        if raw is not self._close_source:
            self._close_source = raw
            self._last_close = raw.rfind(">")
        return i > self._last_close

    def parse_starttag(self, i: int) -> int:
        return -1 if self._unclosed(i) else super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        return -1 if self._unclosed(i) else super().parse_endtag(i)

    def parse_comment(self, i: int, report: bool = True) -> int:
        return -1 if self._unclosed(i) else super().parse_comment(i, report)

    def parse_pi(self, i: int) -> int:
        return -1 if self._unclosed(i) else super().parse_pi(i)

    def parse_html_declaration(self, i: int) -> int:
        return -1 if self._unclosed(i) else super().parse_html_declaration(i)

    def run(self) -> None:
        """Feed the whole page and flush it."""
        if not self._run_line_breaks_only():
            self.feed(self.source)
            self.close()

    def _run_line_breaks_only(self) -> bool:
        """Read text whose only markup is ``<br>`` tags, if it is such a text.

        Scraped user reviews are often plain text with line break tags
        ("Loved it.<br /><br />The acting..."). For them the callbacks the
        tokenizer would make are known: the text between tags, then a ``br``
        start tag. Making them directly gives the same document without the
        tokenizer. Texts with any other "<" or any "&" go through `feed`.

        Returns:
            Whether the text was read.
        """
        source = self.source
        if "&" in source:
            return False
        tags = [(m.start(), m.end()) for m in _LINE_BREAK_TAG.finditer(source)]
        if len(tags) != source.count("<"):
            return False
        done = 0
        for start, end in tags:
            if start > done:
                self._add_text(source[done:start], done)
            self.handle_starttag("br", [])
            done = end
        if done < len(source):
            self._add_text(source[done:], done)
        return True


def _read_html(source: str) -> Document:
    parser = _HTMLTextParser(source)
    parser.run()
    parser._close_block("")
    text = "".join(parser.parts)
    title = " ".join("".join(parser.title).split()) or None
    source_map = SourceMap(
        tuple(parser.map_text), tuple(parser.map_source), tuple(parser.map_length)
    )
    blocks = tuple(_trim_block(text, block) for block in parser.blocks)
    return Document(
        text=text,
        format="html",
        blocks=tuple(b for b in blocks if b.end > b.start),
        source=source,
        source_map=source_map,
        title_hint=title,
    )


def _trim_block(text: str, block: Block) -> Block:
    end = _rstrip_end(text, block.start, block.end)
    if end == block.end:
        return block
    lead = block.lead_bold_end
    return Block(
        block.kind,
        block.start,
        end,
        block.content_start,
        level=block.level,
        para_start=block.para_start,
        bold=block.bold,
        lead_bold_end=None if lead is None else min(lead, end),
        ordered=block.ordered,
    )


# -- entry point --


def _looks_like_path(text: str) -> bool:
    if len(text) > 1024 or "\n" in text or not text.strip():
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):
        return False


def read(source: object, *, format: str = "auto") -> Document:
    """Read a review from a str, bytes or a path.

    Args:
        source: The review text (``str``), its bytes (``bytes``/``bytearray``,
            UTF-8 preferred), or a path (`pathlib.Path` or another
            ``os.PathLike``). A ``str`` is always treated as the review itself.
        format: ``"auto"`` (detect from the file extension, then the content),
            ``"text"``, ``"markdown"`` or ``"html"``.

    Returns:
        The decoded document with its blocks.

    Raises:
        TypeError: If ``source`` is not str, bytes or a path.
        ConfigurationError: If ``format`` is not a known format.
        InputError: If a path cannot be read.
    """
    if format not in FORMATS:
        raise ConfigurationError(
            f"The 'format' argument must be one of {', '.join(map(repr, FORMATS))}; "
            f"got {format!r}. Leave it as 'auto' to detect the format."
        )
    chosen: str = format
    if isinstance(source, str):
        text = str(source)  # a plain str (np.str_ and other subclasses)
        if _looks_like_path(text):
            warn(
                f"The review text {text!r} is also the path of an existing file; it "
                "is analysed as text. To read the file, pass pathlib.Path(...).",
                ReviewkitWarning,
            )
    elif isinstance(source, bytes | bytearray | memoryview):
        text = decode_bytes(bytes(source))
    elif isinstance(source, os.PathLike):
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            if path.is_symlink():
                raise InputError(
                    f"No review file at {str(path)!r}: it is a symbolic link to "
                    f"{os.readlink(path)!r}, which does not exist. Fix or remove "
                    "the link."
                ) from None
            raise InputError(
                f"No review file at {str(path)!r}. Check the path, or pass the "
                "review's text as a str."
            ) from None
        except IsADirectoryError:
            raise InputError(
                f"{str(path)!r} is a folder, not a review file. To score every "
                "review in a folder use reviewkit.score_corpus()."
            ) from None
        except OSError as exc:
            raise InputError(
                f"Cannot read the review file {str(path)!r}: {exc.strerror or exc}."
            ) from None
        text = decode_bytes(data, name=str(path))
        if chosen == "auto":
            chosen = _EXTENSIONS.get(path.suffix.lower(), "auto")
    else:
        raise TypeError(
            "reviewkit reads a review from str (the text), bytes, or a path "
            f"(pathlib.Path); got {type(source).__name__}."
        )
    if chosen == "auto":
        chosen = detect_format(text)
    if chosen == "html":
        return _read_html(text)
    if chosen == "markdown":
        return Document(text=text, format="markdown", blocks=_read_markdown(text))
    return Document(text=text, format="text", blocks=_read_text(text))

"""The highlighted HTML view: Review.to_html() and Review._repr_html_()."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

import reviewkit
from reviewkit import AspectMention, Clause, Review, Sentiment
from reviewkit._style import (
    POLARITY_COLOURS,
    SECTION_LABELS,
    SECTION_TINTS,
    VERDICT_LABELS,
)
from reviewkit.cli import render_review

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "reviews"
MINA = SAMPLE / "our-borrowed-winter--mina.txt"
ROSA = SAMPLE / "emberfall-station--rosa-reel.html"
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr"}


class Tree(HTMLParser):
    """Collects elements, checks that tags nest, and gathers the review text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.marks: list[dict[str, Any]] = []
        self.sections: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.head_text: list[str] = []

    def _classes(self, attrs: dict[str, str]) -> set[str]:
        return set(attrs.get("class", "").split())

    def _inside(self, cls: str) -> bool:
        return any(cls in self._classes(a) for _, a in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        if tag in VOID:
            return
        self.stack.append((tag, values))
        classes = self._classes(values)
        if tag == "mark" and self._inside("rk-text"):
            self.marks.append({"attrs": values, "text": ""})
        if "rk-sec" in classes:
            self.sections.append({"attrs": values, "text": ""})

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unbalanced </{tag}> at {self.getpos()}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._inside("rk-head"):
            self.head_text.append(data)
        if not self._inside("rk-body") or self._inside("rk-chip"):
            return
        self.sections[-1]["text"] += data
        if self.stack and self.stack[-1][0] == "mark" and self._inside("rk-text"):
            self.marks[-1]["text"] += data


def parse_html(markup: str) -> Tree:
    tree = Tree()
    tree.feed(markup)
    tree.close()
    assert not tree.errors, tree.errors[:5]
    assert not tree.stack, [t for t, _ in tree.stack]
    return tree


@pytest.fixture(scope="module")
def mina() -> Review:
    return reviewkit.analyze(
        MINA.read_text(encoding="utf-8"), metadata={"reviewer": "Mina"}
    )


@pytest.fixture(scope="module")
def mina_tree(mina: Review) -> Tree:
    return parse_html(mina.to_html())


def test_sections_in_order_with_their_text(mina: Review, mina_tree: Tree) -> None:
    kinds = [s["attrs"]["data-kind"] for s in mina_tree.sections]
    assert kinds == [s.kind for s in mina.sections]
    # The text inside each box is the section's text (edge whitespace aside),
    # so nothing is lost, duplicated or reordered.
    for box, section in zip(mina_tree.sections, mina.sections, strict=True):
        assert box["text"] == section.text.strip()


def test_synopsis_and_signoff_are_not_scored(mina_tree: Tree) -> None:
    unscored = [
        s["attrs"]["data-kind"]
        for s in mina_tree.sections
        if "rk-unscored" in s["attrs"]["class"].split()
    ]
    assert unscored == ["summary", "signoff"]


def test_labels_use_the_shared_wording(mina: Review) -> None:
    markup = mina.to_html()
    for section in mina.sections:
        assert SECTION_LABELS[section.kind] in markup
    assert "Synopsis (not scored)" in markup
    assert "Sign-off (not scored)" in markup


def test_pros_and_cons_are_shaded(mina_tree: Tree) -> None:
    styles = {s["attrs"]["data-kind"]: s["attrs"]["style"] for s in mina_tree.sections}
    assert SECTION_TINTS["pros"] in styles["pros"]
    assert SECTION_TINTS["cons"] in styles["cons"]
    assert SECTION_TINTS["summary"] in styles["summary"]
    assert "background" not in styles["intro"]


def test_every_mention_is_marked_in_its_polarity_colour(
    mina: Review, mina_tree: Tree
) -> None:
    mentions = sorted(mina.mentions, key=lambda m: m.start)
    assert len(mentions) > 20
    assert len(mina_tree.marks) == len(mentions)
    for mark, mention in zip(mina_tree.marks, mentions, strict=True):
        attrs = mark["attrs"]
        assert mark["text"] == mention.text
        assert attrs["data-aspect"] == mention.aspect
        if mention.scored:
            label = mention.sentiment.label
            assert attrs["data-polarity"] == label
            assert POLARITY_COLOURS[label] in attrs["style"]
        else:
            assert attrs["data-polarity"] == "not-scored"
        title = attrs["title"]
        assert f"aspect: {mention.aspect}" in title
        assert f"term: {mention.term}" in title
        assert f"score: {mention.sentiment.compound:+.2f}" in title
        assert f"polarity: {mention.sentiment.label}" in title
        assert "opinion words: " in title
        for word in mention.opinion_words:
            assert word in title


def test_verdict_and_evidence_on_top(mina: Review, mina_tree: Tree) -> None:
    head = " ".join(mina_tree.head_text)
    assert VERDICT_LABELS["mixed"] in head
    assert "Verdict evidence" in head
    assert "keep your expectations" in head
    assert "Our Borrowed Winter" in head
    assert "rating 75%" in head
    assert "spoilers" in head
    assert "Mina" in head
    badge = next(
        a for _, a in mina_tree.elements if "rk-verdict" in a.get("class", "").split()
    )
    assert badge["data-verdict"] == "mixed"
    verdict_spans = [a for _, a in mina_tree.elements if a.get("class") == "rk-ve"]
    assert len(verdict_spans) == len(mina.verdict_evidence)


def test_aspect_table(mina: Review, mina_tree: Tree) -> None:
    rows = [a["data-aspect"] for t, a in mina_tree.elements if t == "tr" and a]
    assert sorted(rows) == sorted(mina.aspects)
    assert rows[0] == max(mina.aspects, key=lambda a: abs(mina.aspects[a].score))


def test_headings_labels_and_ratings_are_styled(mina: Review) -> None:
    markup = mina.to_html()
    assert '<span class="rk-heading"' in markup
    assert markup.count('<span class="rk-label"') == len(mina.items)
    assert markup.count('<span class="rk-rating"') == len(mina.ratings)
    assert re.search(r'class="rk-chip"[^>]*>acting<', markup)


def test_text_is_escaped() -> None:
    text = (
        "The Good:\nThe Acting- <script>alert('x')</script> superb & \"great\".\n"
        "The Bad:\nBoring- it <b>drags</b>."
    )
    review = reviewkit.analyze(text, format="text")
    markup = review.to_html()
    assert "<script" not in markup.lower()
    assert "<b>" not in markup
    assert "&lt;" in markup
    tree = parse_html(markup)
    shown = "".join(s["text"] for s in tree.sections)
    assert "<script>alert('x')</script> superb & \"great\"." in shown
    assert "it <b>drags</b>." in shown


def test_escaped_markup_in_html_input_stays_text() -> None:
    source = (
        "<h1>Review: Tidewater</h1><p><strong>The Good:</strong></p>"
        "<p>The acting is superb &lt;script&gt;alert(1)&lt;/script&gt;.</p>"
    )
    review = reviewkit.analyze(source)
    assert review.format == "html"
    assert "<script>" in review.text
    markup = review.to_html()
    assert "<script" not in markup.lower()
    assert "&lt;script&gt;" in markup


def test_self_contained(mina: Review) -> None:
    for markup in (mina.to_html(), mina.to_html(full_page=True)):
        tree = parse_html(markup)
        tags = {t for t, _ in tree.elements}
        assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
        assert "http://" not in markup
        assert "https://" not in markup
        assert "url(" not in markup
        assert "@import" not in markup
        for _, attrs in tree.elements:
            assert not any(k.startswith("on") for k in attrs)


def test_full_page_and_repr(mina: Review) -> None:
    page = mina.to_html(full_page=True)
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Our Borrowed Winter" in page
    assert mina._repr_html_() == mina.to_html()
    assert mina._repr_html_().startswith("<style>")


def test_parsed_only_review_shows_structure() -> None:
    review = reviewkit.parse(MINA.read_text(encoding="utf-8"))
    assert not review.is_analyzed
    markup = review.to_html()
    tree = parse_html(markup)
    assert [s["attrs"]["data-kind"] for s in tree.sections] == [
        s.kind for s in review.sections
    ]
    assert tree.marks == []
    assert "Structure only" in markup
    assert '<table class="rk-table rk-aspects"' not in markup
    assert SECTION_TINTS["pros"] in markup


def test_html_input_renders_the_text_view() -> None:
    review = reviewkit.analyze(ROSA.read_text(encoding="utf-8"))
    assert review.format == "html"
    markup = review.to_html()
    assert "&lt;p&gt;" not in markup
    assert "<strong>" not in markup
    tree = parse_html(markup)
    for box, section in zip(tree.sections, review.sections, strict=True):
        assert box["text"] == section.text.strip()
    assert len(tree.marks) == len(review.mentions)


def test_overlapping_mentions_are_guarded(mina: Review) -> None:
    first = sorted(mina.mentions, key=lambda m: m.start)[5]
    overlapping = dataclasses.replace(
        first, start=first.start + 1, end=first.end + 3, text=""
    )
    outside = dataclasses.replace(
        first, start=len(mina.text) + 5, end=len(mina.text) + 9
    )
    review = dataclasses.replace(mina, mentions=(*mina.mentions, overlapping, outside))
    tree = parse_html(review.to_html())
    assert len(tree.marks) == len(mina.mentions)


def test_spans_crossing_sections_are_cut(mina: Review) -> None:
    cons = mina.sections_of("cons")[0]
    sentiment = Sentiment(compound=0.6, pos=0.5, neu=0.5)
    clause = Clause(
        text="x", start=cons.start - 3, end=cons.start - 2, sentiment=sentiment
    )
    crossing = AspectMention(
        aspect="plot",
        term="plot",
        text=mina.text[cons.start - 3 : cons.start + 4],
        start=cons.start - 3,
        end=cons.start + 4,
        sentence_index=0,
        clause=clause,
        sentiment=sentiment,
    )
    others = tuple(
        m for m in mina.mentions if m.end <= cons.start - 3 or m.start >= cons.start + 4
    )
    review = dataclasses.replace(mina, mentions=(*others, crossing))
    tree = parse_html(review.to_html())
    assert [s["attrs"]["data-kind"] for s in tree.sections] == [
        s.kind for s in mina.sections
    ]


def test_a_one_megabyte_review_renders() -> None:
    text = MINA.read_text(encoding="utf-8")
    big = ((text + "\n\n") * (1_000_000 // len(text) + 1))[:1_000_000]
    parsed = reviewkit.parse(big)
    mentions = []
    for index, match in enumerate(re.finditer(r"\b(drama|episodes?|plot)\b", big)):
        sentiment = Sentiment(compound=(0.5, -0.5, 0.0)[index % 3])
        mentions.append(
            AspectMention(
                aspect=match.group(1),
                term=match.group(1),
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                sentence_index=0,
                clause=Clause(
                    text=match.group(0),
                    start=match.start(),
                    end=match.end(),
                    sentiment=sentiment,
                ),
                sentiment=sentiment,
                scored=index % 7 != 0,
            )
        )
    review = dataclasses.replace(
        parsed, mentions=tuple(mentions), score=0.1, verdict="mixed"
    )
    markup = review.to_html()
    tree = parse_html(markup)
    assert len(tree.sections) == len(parsed.sections)
    assert len(tree.marks) == len(mentions) > 1000
    assert sum(len(s["text"]) for s in tree.sections) == sum(
        len(s.text.strip()) for s in parsed.sections
    )


def test_terminal_view_uses_the_same_wording(mina: Review) -> None:
    console = Console(record=True, width=200, color_system="truecolor")
    render_review(mina, console)
    terminal = console.export_text(clear=False)
    markup = mina.to_html()
    for section in mina.sections:
        label = SECTION_LABELS[section.kind]
        assert label in terminal
        assert label in markup
    assert VERDICT_LABELS[mina.verdict] in terminal
    assert VERDICT_LABELS[mina.verdict] in markup
    for aspect, result in mina.aspects.items():
        assert re.search(rf"{aspect}\s+.*{result.polarity}", terminal)
        assert f"{result.score:+.2f}" in terminal
        assert f"{result.score:+.2f}" in markup
    styles = console.export_html(inline_styles=True)
    for colour in (POLARITY_COLOURS["positive"], POLARITY_COLOURS["negative"]):
        assert colour in styles
        assert colour in markup

"""Structure: sections, headings, items, titles, ratings, spoilers, sign-offs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import reviewkit
from reviewkit import Review

INTRO = "I finally finished this drama last weekend and have thoughts."
PRO_ITEMS = (
    ("The Acting", "Both leads are wonderful and completely believable."),
    ("The Soundtrack", "Every song is lovely and fits the mood."),
)
CON_ITEMS = (
    ("The Pacing", "The middle episodes drag badly and nothing happens."),
    ("The Ending", "The finale is rushed and makes no sense at all."),
)
CLOSING = "Overall I would still recommend it for a rainy weekend."

Heading = Callable[[str], str]
Labelled = Callable[[str, str], str]
SYNTAXES: dict[str, tuple[Heading, Labelled]] = {
    "colon line": (lambda h: f"{h}:", lambda label, text: f"{label}- {text}"),
    "markdown #": (lambda h: f"## {h}", lambda label, text: f"- **{label}:** {text}"),
    "bold line": (lambda h: f"**{h}**", lambda label, text: f"**{label}:** {text}"),
    "ALL CAPS": (lambda h: h.upper(), lambda label, text: f"{label} – {text}"),
}


def build(
    pro: str,
    con: str,
    syntax: str,
    verdict: str = "Verdict",
    extra: tuple[str, ...] = (),
) -> str:
    heading, labelled = SYNTAXES[syntax]
    parts = [INTRO, heading(pro), *(labelled(*i) for i in PRO_ITEMS), heading(con)]
    parts += [labelled(*i) for i in CON_ITEMS]
    for name in extra:
        parts += [heading(name), labelled("The Villain", "Cartoonish and dull.")]
    parts += [heading(verdict), CLOSING]
    return "\n\n".join(parts) + "\n"


def build_html(pro: str, con: str, verdict: str = "Verdict") -> str:
    def items(pairs: tuple[tuple[str, str], ...]) -> str:
        return "".join(f"<p><strong>{a}:</strong> {b}</p>" for a, b in pairs)

    return (
        f"<html><body><p>{INTRO}</p><h2>{pro}</h2>{items(PRO_ITEMS)}"
        f"<h3>{con}</h3>{items(CON_ITEMS)}<h2>{verdict}</h2><p>{CLOSING}</p>"
        "</body></html>"
    )


def kinds(review: Review) -> list[str]:
    return [s.kind for s in review.sections]


def items_of(review: Review, kind: str) -> list[tuple[str | None, str | None]]:
    return [(i.label, i.aspect) for s in review.sections_of(kind) for i in s.items]


FAMILIES = [
    ("The Soft", "The Scratchy"),
    ("Pros", "Cons"),
    ("The Good", "The Bad"),
    ("Likes", "Dislikes"),
    ("What I loved", "What I didn't love"),
    ("What I loved", "What I didn't"),
    ("Highlights", "Lowlights"),
    ("Hits", "Misses"),
    ("Strengths", "Weaknesses"),
    ("Positives", "Negatives"),
    ("What worked", "What didn't"),
]
VERDICTS = [
    "Verdict",
    "Final thoughts",
    "Bottom line",
    "Overall",
    "Conclusion",
    "TL;DR",
]


class TestHeadingFamilies:
    @pytest.mark.parametrize("syntax", list(SYNTAXES))
    @pytest.mark.parametrize(("pro", "con"), FAMILIES)
    def test_pro_con_pairs_in_every_syntax(
        self, pro: str, con: str, syntax: str
    ) -> None:
        review = reviewkit.parse(build(pro, con, syntax))
        assert kinds(review) == ["intro", "pros", "cons", "verdict"]
        assert items_of(review, "pros") == [
            ("The Acting", "acting"),
            ("The Soundtrack", "soundtrack"),
        ]
        assert items_of(review, "cons") == [
            ("The Pacing", "pacing"),
            ("The Ending", "ending"),
        ]

    @pytest.mark.parametrize(("pro", "con"), FAMILIES)
    def test_pro_con_pairs_in_html(self, pro: str, con: str) -> None:
        review = reviewkit.parse(build_html(pro, con))
        assert review.format == "html"
        assert kinds(review) == ["intro", "pros", "cons", "verdict"]
        assert [i.aspect for i in review.sections[1].items] == ["acting", "soundtrack"]

    @pytest.mark.parametrize("verdict", VERDICTS)
    @pytest.mark.parametrize("syntax", ["colon line", "markdown #", "bold line"])
    def test_verdict_family(self, verdict: str, syntax: str) -> None:
        review = reviewkit.parse(build("Pros", "Cons", syntax, verdict=verdict))
        assert review.sections[-1].kind == "verdict"
        assert review.sections[-1].resolved_by == "vocabulary"

    def test_good_bad_ugly(self) -> None:
        review = reviewkit.parse(
            build("The Good", "The Bad", "colon line", extra=("The Ugly",))
        )
        assert kinds(review) == ["intro", "pros", "cons", "cons", "verdict"]

    @pytest.mark.parametrize("name", ["Summary", "Synopsis", "Premise"])
    def test_summary_family_inline_and_standalone(self, name: str) -> None:
        inline = reviewkit.parse(f"{name}: Two friends share a flat.\n\nPros:\n- cast")
        standalone = reviewkit.parse(
            f"## {name}\nTwo friends share a flat.\n\n## Pros\n- cast"
        )
        for review in (inline, standalone):
            assert kinds(review) == ["summary", "pros"]
        assert inline.sections[0].heading == f"{name}:"

    @pytest.mark.parametrize(
        "text",
        [
            "**The Good:** Lovely leads.\n\n**The Bad:** A limp finale.",
            "<p><strong>The Good:</strong> Lovely leads.</p>"
            "<p><strong>The Bad:</strong> A limp finale.</p>",
            "The Good: Lovely leads.\n\nThe Bad: A limp finale.",
        ],
    )
    def test_inline_headings_stop_at_the_label(self, text: str) -> None:
        review = reviewkit.parse(text)
        assert kinds(review) == ["pros", "cons"]
        assert [s.heading for s in review.sections] == ["The Good:", "The Bad:"]
        assert [s.body.strip() for s in review.sections] == [
            "Lovely leads.",
            "A limp finale.",
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "**Good**: Lovely leads.\n\n**Bad**: A limp finale.",
            "__Good__ - Lovely leads.\n\n**Bad** \u2013 A limp finale.",
        ],
    )
    def test_marks_closing_an_inline_heading_stay_out_of_the_body(
        self, text: str
    ) -> None:
        review = reviewkit.parse(text)
        assert kinds(review) == ["pros", "cons"]
        assert [s.heading for s in review.sections] == ["Good", "Bad"]
        assert [s.body.strip() for s in review.sections] == [
            "Lovely leads.",
            "A limp finale.",
        ]
        sentences = reviewkit.analyze(text).sentences
        assert [(s.text, s.role) for s in sentences if s.role == "text"] == [
            ("Lovely leads.", "text"),
            ("A limp finale.", "text"),
        ]

    @pytest.mark.parametrize(
        "question", ["Is it worth watching?", "Should you watch it?"]
    )
    def test_question_verdict_heading_in_plain_text(self, question: str) -> None:
        text = (
            f"Pros:\n- The leads\n\nCons:\n- Too long\n\n{question}\n"
            "Only if you like romance."
        )
        review = reviewkit.parse(text)
        assert kinds(review) == ["pros", "cons", "verdict"]
        assert review.sections[-1].heading == question
        assert review.sections[-1].resolved_by == "vocabulary"

    def test_a_question_in_prose_is_not_a_heading(self) -> None:
        review = reviewkit.parse("I kept asking myself why?\nNobody knows.\n")
        assert kinds(review) == ["body"]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "1. What I liked\nThe chemistry.\n\n2. What I didn't like\nThe "
                "filler.\n\n3. Final thoughts\nGood, not great.",
                ["pros", "cons", "verdict"],
            ),
            (
                "1) Highlights\n- The score\n\n2) Lowlights\n- The pacing",
                ["pros", "cons"],
            ),
        ],
    )
    def test_numbered_section_headings(self, text: str, expected: list[str]) -> None:
        review = reviewkit.parse(text)
        assert kinds(review) == expected
        assert review.sections[0].heading in ("What I liked", "Highlights")

    def test_numbered_entries_that_are_not_headings_stay_items(self) -> None:
        review = reviewkit.parse("Pros:\n1. The good acting\n2. Verdict scenes\n")
        assert kinds(review) == ["pros"]
        assert len(review.items) == 2


class TestUnknownPairs:
    POSITIVE = "Wonderful acting, gorgeous scenery and a lovely, heartwarming story."
    NEGATIVE = "Terrible writing, awful pacing, and the ending was a boring mess."

    def test_invented_pair_is_resolved_by_order(self) -> None:
        text = (
            f"Intro.\n\nThe Sweet:\n\n{self.POSITIVE}\n\nThe Sour:\n\n{self.NEGATIVE}\n"
        )
        review = reviewkit.parse(text)
        assert kinds(review) == ["intro", "pros", "cons"]
        assert [s.resolved_by for s in review.sections[1:]] == ["pair", "pair"]

    def test_negative_heading_first_is_resolved_by_content(self) -> None:
        text = f"Storm clouds:\n\n{self.NEGATIVE}\n\nSunshine:\n\n{self.POSITIVE}\n"
        review = reviewkit.parse(text)
        assert kinds(review) == ["cons", "pros"]

    def test_unknown_heading_next_to_a_known_one_takes_the_other_side(self) -> None:
        text = f"Pros:\n\n{self.POSITIVE}\n\nThe Sour Bits:\n\n{self.NEGATIVE}\n"
        assert kinds(reviewkit.parse(text)) == ["pros", "cons"]

    def test_a_lone_unknown_heading_is_body(self) -> None:
        review = reviewkit.parse(
            f"Intro text here.\n\nWATCHING WITH MY SISTER\n\n{self.POSITIVE}\n"
        )
        assert kinds(review) == ["intro", "body"]
        assert review.sections[1].heading == "WATCHING WITH MY SISTER"

    def test_vocabulary_is_extendable(self) -> None:
        vocab = reviewkit.HeadingVocabulary.default().with_patterns(
            "pros", ["sunshine"]
        )
        text = f"Sunshine:\n\n{self.NEGATIVE}\n\nStorm clouds:\n\n{self.POSITIVE}\n"
        assert kinds(reviewkit.parse(text, headings=vocab)) == ["pros", "cons"]


class TestItems:
    def test_label_forms(self) -> None:
        text = (
            "Pros:\n\n"
            "The Acting- superb.\n\n"
            "The Villain – a delight.\n\n"
            "Boring- no wait, that is a con.\n\n"
            "The Aesthetic- cozy.\n\n"
            "The Leads- charming.\n\n"
            "Costumes and sets: lush.\n\n"
            "The Dog- steals every scene.\n"
        )
        assert items_of(reviewkit.parse(text), "pros") == [
            ("The Acting", "acting"),
            ("The Villain", "characters"),
            ("Boring", "pacing"),
            ("The Aesthetic", "visuals"),
            ("The Leads", "acting"),
            ("Costumes and sets", "visuals"),
            ("The Dog", None),
        ]

    def test_plot_item_inside_cons_is_not_a_synopsis(self) -> None:
        text = "The Bad:\n\nThe Plot- It goes nowhere.\n\nThe Ending- Rushed.\n"
        review = reviewkit.parse(text)
        assert kinds(review) == ["cons"]
        assert items_of(review, "cons") == [
            ("The Plot", "plot"),
            ("The Ending", "ending"),
        ]

    def test_lists_numbered_and_unlabelled(self) -> None:
        text = "## Likes\n1. **Acting:** superb\n2. The OST is lovely\n\n## Dislikes\n- slow middle\n"
        review = reviewkit.parse(text)
        assert items_of(review, "pros") == [("Acting", "acting"), (None, "soundtrack")]
        assert items_of(review, "cons") == [(None, "pacing")]

    def test_html_strong_label(self) -> None:
        review = reviewkit.parse(
            "<h2>Pros</h2><p><strong>Costumes and sets:</strong> lush.</p>"
        )
        (item,) = review.items
        assert (item.label, item.aspect, item.body) == (
            "Costumes and sets",
            "visuals",
            "lush.",
        )

    def test_item_heading_under_a_section(self) -> None:
        review = reviewkit.parse(
            "## Cons\n### Acting\nStiff.\n### The Dog\nToo loud.\n"
        )
        assert items_of(review, "cons") == [("Acting", "acting"), ("The Dog", None)]

    def test_items_span_their_continuation_paragraphs(self) -> None:
        text = (
            "Cons:\n\nThe Plot- first part.\n\nMore about the plot.\n\nBoring- yes.\n"
        )
        plot, boring = reviewkit.parse(text).items
        assert plot.text == "The Plot- first part.\n\nMore about the plot."
        assert plot.body == "first part.\n\nMore about the plot."
        assert boring.text == "Boring- yes."

    def test_hyphenated_words_are_not_labels(self) -> None:
        review = reviewkit.parse("Cons:\n\nK-Dramas - even good ones - drag.\n")
        assert review.items == ()


class TestTitleAndShow:
    @pytest.mark.parametrize(
        ("title", "show"),
        [
            ("International Dramas: ‘Soundtrack #1’", "Soundtrack #1"),
            ("Review: Harbour Lights", "Harbour Lights"),
            ("Harbour Lights (2025) — a review", "Harbour Lights"),
            ("Harbour Lights – drama review", "Harbour Lights"),
            ('Notes on "Harbour Lights"', "Harbour Lights"),
            ("Quick thoughts: Harbour Lights (8 eps)", "Harbour Lights"),
            ("Harbour Lights Review", "Harbour Lights"),
            # A separator before the review words wins over a space before one.
            ("Iron Verdict (2023) – Film Review", "Iron Verdict"),
        ],
    )
    def test_title_forms(self, title: str, show: str) -> None:
        review = reviewkit.parse(f"{title}\n\nI watched it. It was fine.\n")
        assert (review.title, review.show) == (title, show)
        assert review.sections[0].heading == title

    def test_markdown_and_html_titles(self) -> None:
        assert reviewkit.parse("# Review: Tidewater\n\nText.").show == "Tidewater"
        page = "<html><head><title>Blog</title></head><body><h1>Tidewater – drama review</h1><p>Hi.</p></body></html>"
        review = reviewkit.parse(page)
        assert (review.title, review.show) == ("Tidewater – drama review", "Tidewater")

    def test_a_sentence_is_not_a_title(self) -> None:
        review = reviewkit.parse("I loved this drama.\n\nIt was great.")
        assert review.title is None
        assert review.show is None

    @pytest.mark.parametrize(
        "first", ["Hi everyone", "Hey guys", "Hello there friends"]
    )
    def test_a_greeting_is_not_a_title(self, first: str) -> None:
        review = reviewkit.parse(f"{first}\n\nToday it is a slow-burn thriller.\n")
        assert (review.title, review.show) == (None, None)

    @pytest.mark.parametrize(
        ("first", "kind"),
        [("Pros: great cast", "pros"), ("Verdict - watch it", "verdict")],
    )
    def test_a_line_opening_with_a_heading_is_no_title(
        self, first: str, kind: str
    ) -> None:
        review = reviewkit.parse(f"{first}\n\nI watched it over one weekend.\n")
        assert review.title is None
        assert review.sections[0].kind == kind

    @pytest.mark.parametrize(
        "title", ["(Spoiler-free review)", "## My thoughts", "Quick drama review"]
    )
    def test_titles_that_name_no_show(self, title: str) -> None:
        assert reviewkit.parse(f"{title}\n\nIt was fine.\n").show is None

    @pytest.mark.parametrize(
        ("title", "show"),
        [
            ("Tidewater Episode 1-6 thoughts", "Tidewater"),
            ("Tidewater, eps 3–4 recap", "Tidewater"),
            ("## The Good, the Bad and the Ugly: Tidewater", "Tidewater"),
            ("Tidewater - review", "Tidewater"),
            ("Twenty-Five Twenty-One review", "Twenty-Five Twenty-One"),
        ],
    )
    def test_show_without_episodes_or_stock_phrases(
        self, title: str, show: str
    ) -> None:
        assert reviewkit.parse(f"{title}\n\nIt was fine.\n").show == show


class TestRatings:
    @pytest.mark.parametrize(
        ("line", "value"),
        [
            ("7.5/10", 0.75),
            ("Rating: 8/10", 0.8),
            ("I'd give it 3 out of 5 stars.", 0.6),
            ("★★★☆☆", 0.6),
            ("Final score: 4/5", 0.8),
        ],
    )
    def test_overall_rating(self, line: str, value: float) -> None:
        review = reviewkit.parse(f"Loved the cast.\n\n{line}\n")
        assert review.rating == pytest.approx(value)

    def test_mydramalist_aspect_ratings(self) -> None:
        line = "Story: 5/10 | Acting/Cast: 8/10 | Music: 9/10 | Rewatch Value: 4/10 | Overall: 6.5/10"
        review = reviewkit.parse(f"Thoughts.\n\n{line}\n")
        assert dict(review.aspect_ratings) == {
            "plot": 0.5,
            "acting": 0.8,
            "soundtrack": 0.9,
            "rewatch": 0.4,
            "overall": 0.65,
        }
        assert review.rating == pytest.approx(0.65)
        assert kinds(review) == ["body", "ratings"]

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("Absolutely loved it. Rating: 9/10", 0.9),
            ("Worth a look! Score: 6/10", 0.6),
            ("<p>Flawed, but charming. My rating: 7.5/10</p>", 0.75),
        ],
    )
    def test_rating_label_stops_at_a_sentence_end(
        self, text: str, value: float
    ) -> None:
        review = reviewkit.parse(text)
        (rating,) = review.ratings
        assert rating.label in ("Rating", "Score", "My rating")
        assert rating.aspect == "overall"
        assert review.rating == pytest.approx(value)

    @pytest.mark.parametrize(
        "text",
        [
            "Music - 8/10\nPlot - 4/10",
            "Music – 8/10\nPlot – 4/10",
            "Music 8/10\nPlot 4/10",
            "- Music 8/10\n- Plot 4/10",
            "Music 8/10 | Plot 4/10",
        ],
    )
    def test_short_aspect_entries_with_a_dash_or_no_separator(self, text: str) -> None:
        review = reviewkit.parse(text)
        assert dict(review.aspect_ratings) == {"soundtrack": 0.8, "plot": 0.4}
        assert review.rating is None

    @pytest.mark.parametrize(
        "text",
        [
            "I'd give the music 8/10",
            "Loved every minute of it - 8/10",
            "Music 8/10 because the rest was weak",
        ],
    )
    def test_ratings_in_sentences_stay_overall(self, text: str) -> None:
        review = reviewkit.parse(text)
        assert [(r.label, r.aspect) for r in review.ratings] == [(None, "overall")]
        assert review.rating == pytest.approx(0.8)

    @pytest.mark.parametrize(
        "text",
        [
            "Episode 3/5 was slow.",
            "We watched 2/4 of it.",
            "Open 24/7.",
            "Aired 3/5/2024.",
        ],
    )
    def test_not_ratings(self, text: str) -> None:
        assert reviewkit.parse(text).ratings == ()


class TestSpoilersAndSignoff:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("There will be MAJOR SPOILERS ahead.", True),
            ("Spoiler warning: the finale is discussed.", True),
            ("Light spoilers below!", True),
            ("This review is spoiler-free.", False),
            ("No spoilers ahead, I promise.", False),
            ("Nothing about that here.", None),
            ("This write-up contains no spoilers.", False),
            ("A short take, with no spoilers.", False),
            ("Includes no big spoilers!", False),
            ("I will talk about it without spoilers.", False),
            ("It does not contain any spoilers.", False),
            ("Mild spoilers for episode 12.", True),
            ("This post has spoilers.", True),
            ("Spoilers for the whole season.", True),
            ("(minor spoilers)", True),
            ("Massive spoilers.", True),
            ("Spoilers ahead!", True),
            ("[spoiler-free]", False),
            ("SPOILER ALERT", True),
            ("He spoils the surprise party.", None),
            ("A spoiled prince learns humility.", None),
        ],
    )
    def test_spoilers(self, text: str, expected: bool | None) -> None:
        assert reviewkit.parse(text).spoilers is expected

    def test_signoff_section(self) -> None:
        text = "Pros:\n\nThe Acting- great.\n\nSee you across the pond!\n\nSincerely, Annie\n"
        review = reviewkit.parse(text)
        assert kinds(review) == ["pros", "signoff"]
        assert (
            review.sections[-1].text == "See you across the pond!\n\nSincerely, Annie\n"
        )

    def test_name_after_valediction(self) -> None:
        review = reviewkit.parse("Great show.\n\nUntil next time,\n— Theo\n")
        assert kinds(review) == ["body", "signoff"]

    @pytest.mark.parametrize(
        "text",
        [
            "Pros:\n- Great acting\n- Lovely OST\n\nThanks for reading!\n- Tom\n",
            "<p>Pros:<br>- Great acting<br>- Lovely OST</p>"
            "<p>Thanks for reading!<br>- Tom</p>",
        ],
    )
    def test_a_name_like_entry_above_a_valediction_stays_in_its_list(
        self, text: str
    ) -> None:
        review = reviewkit.parse(text)
        assert kinds(review) == ["pros", "signoff"]
        assert [i.body for i in review.sections[0].items] == [
            "Great acting",
            "Lovely OST",
        ]
        assert review.sections[-1].text.startswith("Thanks for reading!")

    @pytest.mark.parametrize(
        "text",
        [
            "Loved the leads.\n\nWatch it!\n- Tom\n",
            "<p>Loved the leads. Watch it.<br><br>- Tom</p>",
        ],
    )
    def test_a_dashed_name_closing_the_review_signs_it(self, text: str) -> None:
        review = reviewkit.parse(text)
        assert kinds(review) == ["body", "signoff"]
        assert review.sections[-1].text.strip() == "- Tom"
        assert not review.sections[0].items

    def test_a_dashed_name_after_a_list_stays_an_entry(self) -> None:
        review = reviewkit.parse("Cast:\n- Hyun Bin\n- Tom\n")
        assert "signoff" not in kinds(review)

    def test_a_review_that_is_only_a_signoff_stays_body(self) -> None:
        assert kinds(reviewkit.parse("Thanks for reading!")) == ["body"]


class TestClosingVerdict:
    def test_closing_paragraph_after_con_items_is_a_verdict(self) -> None:
        text = (
            "The Bad:\n\nThe Plot- thin.\n\nBoring- very.\n\n"
            "All in all, I would not recommend it.\n\nCheers, Jo\n"
        )
        review = reviewkit.parse(text)
        assert kinds(review) == ["cons", "verdict", "signoff"]
        assert review.sections[1].heading is None
        assert review.sections[1].resolved_by == "position"
        assert review.items[-1].text == "Boring- very."

    def test_continuation_without_verdict_words_stays_in_the_item(self) -> None:
        text = "The Bad:\n\nThe Plot- thin.\n\nIt also had holes.\n"
        review = reviewkit.parse(text)
        assert kinds(review) == ["cons"]
        assert review.items[0].text.endswith("It also had holes.")

    @pytest.mark.parametrize(
        "closing",
        [
            "You should check it out when it comes to streaming!",
            "Honestly, don’t waste your time on it.",
            "A must-see for anyone who loved the book.",
            "I'd give this one a pass.",
        ],
    )
    def test_closing_recommendation_after_the_last_con(self, closing: str) -> None:
        text = f"Pros:\n- The leads\n\nCons:\n- Too long\n\n{closing}\n"
        review = reviewkit.parse(text)
        assert kinds(review) == ["pros", "cons", "verdict"]
        assert review.sections[-1].text == f"{closing}\n"

    @pytest.mark.parametrize(
        ("line", "heading", "value"),
        [
            ("Verdict: Not for me. 4/10", "Verdict:", 0.4),
            ("Final verdict: 8/10. Binge it.", "Final verdict:", 0.8),
            ("**Verdict:** Worth it. 7/10", "Verdict:", 0.7),
        ],
    )
    def test_short_verdict_line_with_a_score(
        self, line: str, heading: str, value: float
    ) -> None:
        review = reviewkit.parse(f"Pros:\n- The leads\n\nCons:\n- Too long\n\n{line}")
        assert kinds(review) == ["pros", "cons", "verdict"]
        assert review.sections[-1].heading == heading
        assert review.rating == pytest.approx(value)

    def test_bare_score_line_stays_a_ratings_section(self) -> None:
        review = reviewkit.parse("Cons:\n- Too long\n\nOverall: 6/10")
        assert kinds(review) == ["cons", "ratings"]


class TestBadInput:
    @pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n"])
    def test_empty_text_gives_one_body_section(self, text: str) -> None:
        review = reviewkit.parse(text)
        assert kinds(review) == ["body"]
        assert review.sections[0].text == text
        assert review.items == ()
        assert review.title is None

    def test_heading_with_nothing_under_it_and_repeated_headings(self) -> None:
        review = reviewkit.parse("Pros:\n\nCons:\n\nPros:\n\n- more\n")
        assert kinds(review) == ["pros", "cons", "pros"]
        assert review.sections[0].body == "\n\n"

    def test_non_text_raises_type_error(self) -> None:
        with pytest.raises(TypeError, match="int"):
            reviewkit.parse(5)  # type: ignore[arg-type]

    def test_multi_megabyte_review(self) -> None:
        chunk = "The Good:\n\nThe Acting- great, really great.\n\nThe Bad:\n\nBoring- slow.\n\n"
        text = chunk * 40_000  # about 3 MB
        review = reviewkit.parse(text)
        assert review.sections[-1].end == len(text)
        assert len(review.sections) == 80_000

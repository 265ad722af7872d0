"""The highlighted HTML view of a review (``Review.to_html()``).

The view shows the review's text (for HTML input, the text view, never the
source markup) with its structure and scores laid over it:

- the verdict at the top, with the sentences behind it;
- a compact aspect table (the same columns as ``reviewkit analyze``);
- every section in a box labelled with its kind, pro and con sections shaded;
  synopsis and sign-off labelled "not scored" and greyed;
- headings, item labels (with the aspect they map to), ratings and verdict
  sentences styled; every aspect mention marked in its polarity colour, with
  the aspect, term, score, polarity and opinion words on hover (``title``).

Colours and wording come from `reviewkit._style`, as in the terminal view.
The HTML is self-contained: inline CSS, no scripts, nothing fetched from the
network, and all text escaped. It is built in one pass over the sorted spans,
so it stays linear in the length of the review.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewkit._style import (
    POLARITY_COLOURS,
    SECTION_LABELS,
    SECTION_TINTS,
    VERDICT_COLOURS,
    VERDICT_LABELS,
    score_colour,
)

if TYPE_CHECKING:
    from reviewkit._types import AspectMention, Review, Section

__all__ = [
    "BASE_CSS",
    "UNSCORED_KINDS",
    "escape",
    "page",
    "review_css",
    "review_facts",
    "review_to_html",
    "score_bar",
    "shorten",
    "tint",
]

#: Sections whose text is not the reviewer's opinion.
UNSCORED_KINDS = frozenset({"summary", "signoff"})
#: Border colour of sections without a polarity of their own.
_PLAIN_BORDER = "#d0d7de"
_TEXT = "#1f2328"
_MUTED = POLARITY_COLOURS["neutral"]
#: Longest evidence shown in a table cell (the full text is on hover).
EVIDENCE_CHARS = 140

#: Page-level CSS shared with the corpus report (scoped under ``.rk``).
BASE_CSS = f"""
.rk {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; color: {_TEXT}; line-height: 1.5; font-size: 15px; }}
.rk h1, .rk h2, .rk h3 {{ line-height: 1.25; margin: 1.1em 0 0.4em; }}
.rk h1 {{ font-size: 1.6em; }}
.rk h2 {{ font-size: 1.3em; }}
.rk h3 {{ font-size: 1.1em; }}
.rk .rk-muted {{ color: {_MUTED}; }}
.rk .rk-badge {{ display: inline-block; padding: 1px 10px; border-radius: 999px;
  color: #fff; font-weight: 600; font-size: 0.9em; }}
.rk table.rk-table {{ border-collapse: collapse; margin: 0.4em 0 0.8em;
  font-size: 0.9em; }}
.rk table.rk-table caption {{ text-align: left; font-weight: 600;
  padding-bottom: 2px; }}
.rk table.rk-table th, .rk table.rk-table td {{ border-bottom: 1px solid #d8dee4;
  padding: 3px 8px; text-align: left; vertical-align: top; }}
.rk table.rk-table th {{ background: #f6f8fa; font-weight: 600; }}
.rk table.rk-table td.rk-num, .rk table.rk-table th.rk-num {{ text-align: right;
  font-variant-numeric: tabular-nums; white-space: nowrap; }}
.rk .rk-pol {{ font-weight: 600; }}
.rk .rk-bar {{ display: inline-block; position: relative; width: 60px;
  height: 8px; background: #eaeef2; border-radius: 4px; margin-left: 6px;
  vertical-align: 1px; }}
.rk .rk-bar span {{ position: absolute; top: 0; height: 8px; border-radius: 4px; }}
.rk .rk-bar i {{ position: absolute; left: 50%; top: -2px; height: 12px;
  border-left: 1px solid #8c959f; }}
"""


def review_css() -> str:
    """CSS of the review view (scoped under ``.rk-review``)."""
    return f"""
.rk-review {{ max-width: 900px; }}
.rk-review .rk-head {{ border: 1px solid {_PLAIN_BORDER}; border-radius: 6px;
  padding: 10px 14px; margin-bottom: 10px; border-left-width: 6px; }}
.rk-review .rk-show {{ font-size: 1.4em; font-weight: 700; margin: 0; }}
.rk-review .rk-facts {{ color: {_MUTED}; font-size: 0.9em; }}
.rk-review .rk-verdict-line {{ margin: 6px 0 2px; }}
.rk-review .rk-ve-list {{ margin: 4px 0 0; padding-left: 0; list-style: none; }}
.rk-review .rk-ve-list li {{ margin: 3px 0; }}
.rk-review .rk-cue {{ color: {_MUTED}; font-size: 0.85em; }}
.rk-review .rk-sec {{ border-left: 4px solid {_PLAIN_BORDER}; border-radius: 4px;
  padding: 4px 12px 6px; margin: 6px 0; }}
.rk-review .rk-sec-label {{ font-size: 0.72em; font-weight: 700;
  text-transform: uppercase; letter-spacing: 0.05em; color: {_MUTED}; }}
.rk-review .rk-body {{ white-space: pre-wrap; overflow-wrap: anywhere; }}
.rk-review .rk-unscored .rk-body {{ color: {_MUTED}; font-style: italic; }}
.rk-review .rk-heading {{ font-weight: 700; font-size: 1.1em; font-style: normal; }}
.rk-review .rk-label {{ font-weight: 700; }}
.rk-review .rk-chip {{ display: inline-block; font-size: 0.7em; font-weight: 600;
  font-style: normal; padding: 0 6px; margin: 0 3px; border-radius: 999px;
  border: 1px solid currentColor; vertical-align: 2px; user-select: none;
  line-height: 1.4; }}
.rk-review mark.rk-m {{ color: inherit; padding: 0 1px; border-radius: 2px;
  border-bottom: 2px solid; cursor: help; }}
.rk-review mark.rk-m.rk-off {{ background: transparent;
  border-bottom-style: dashed; }}
.rk-review .rk-ve {{ text-decoration-line: underline;
  text-decoration-thickness: 2px; text-underline-offset: 4px; }}
.rk-review .rk-rating {{ font-weight: 700; background: #fff8c5; border-radius: 3px;
  padding: 0 2px; }}
.rk-review table.rk-aspects {{ width: 100%; table-layout: fixed; }}
.rk-review td.rk-evidence {{ white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }}
.rk-review .rk-legend {{ font-size: 0.85em; color: {_MUTED}; margin: 4px 0 8px; }}
.rk-review .rk-legend mark {{ margin-right: 6px; }}
"""


def escape(value: object) -> str:
    """Escape text for an HTML text node or a quoted attribute value."""
    return html.escape(str(value), quote=True)


def tint(colour: str, alpha: str = "26") -> str:
    """A translucent version of a ``#rrggbb`` colour (8-digit hex)."""
    return f"{colour}{alpha}"


def shorten(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """Collapse whitespace and cut ``text`` to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def page(title: str, body: str, css: str) -> str:
    """Wrap an HTML fragment into a complete, self-contained document."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        '<body class="rk" style="margin: 24px auto; max-width: 1100px; '
        f'padding: 0 16px;">\n{body}\n</body>\n</html>\n'
    )


def score_bar(score: float) -> str:
    """A small bar centred on 0 showing a score in -1..1."""
    clipped = max(-1.0, min(1.0, score))
    width = abs(clipped) * 50
    left = 50 if clipped >= 0 else 50 - width
    return (
        f'<span class="rk-bar" aria-hidden="true"><span style="left: {left:.1f}%; '
        f'width: {width:.1f}%; background: {score_colour(clipped)};"></span>'
        "<i></i></span>"
    )


# -- spans laid over the text --


@dataclass(frozen=True, slots=True)
class _Span:
    """A stretch of text wrapped in tags. Lower ``rank`` nests outside."""

    start: int
    end: int
    rank: int
    open: str
    close: str


def _mention_title(mention: AspectMention) -> str:
    lines = [
        f"aspect: {mention.aspect}",
        f"term: {mention.term}",
        f"score: {mention.sentiment.compound:+.2f}",
        f"polarity: {mention.sentiment.label}",
        "opinion words: " + (", ".join(mention.opinion_words) or "(none)"),
    ]
    if mention.negated:
        lines.append("negated: yes")
    if not mention.scored:
        lines.append("not scored (synopsis, heading or sign-off)")
    lines.append(f"clause: {shorten(mention.clause.text, 120)}")
    return "\n".join(lines)


def _mention_spans(mentions: Iterable[AspectMention], size: int) -> list[_Span]:
    """Mention marks; overlapping, empty or out-of-range mentions are dropped."""
    spans = []
    last_end = -1
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.start < last_end or mention.end > size:
            continue  # reviewkit never overlaps mentions; guard anyway
        if mention.end <= mention.start or mention.start < 0:
            continue
        last_end = mention.end
        label: str = mention.sentiment.label
        colour = POLARITY_COLOURS[label]
        if mention.scored:
            style = f"background: {tint(colour)}; border-bottom-color: {colour};"
            classes = f"rk-m rk-{label}"
            polarity = label
        else:
            style = f"border-bottom-color: {_MUTED};"
            classes = "rk-m rk-off"
            polarity = "not-scored"
        spans.append(
            _Span(
                mention.start,
                mention.end,
                5,
                f'<mark class="{classes}" data-aspect="{escape(mention.aspect)}" '
                f'data-polarity="{polarity}" '
                f'data-score="{mention.sentiment.compound:.4f}" style="{style}" '
                f'title="{escape(_mention_title(mention))}">',
                "</mark>",
            )
        )
    return spans


def _section_open(section: Section, verdict_colour: str) -> str:
    kind = section.kind
    if kind == "pros":
        border = POLARITY_COLOURS["positive"]
    elif kind == "cons":
        border = POLARITY_COLOURS["negative"]
    elif kind == "verdict":
        border = verdict_colour
    elif kind in UNSCORED_KINDS:
        border = _MUTED
    else:
        border = _PLAIN_BORDER
    style = f"border-left-color: {border};"
    background = SECTION_TINTS.get(kind)
    if background:
        style += f" background: {background};"
    classes = f"rk-sec rk-sec-{kind}"
    if kind in UNSCORED_KINDS:
        classes += " rk-unscored"
    how = f"resolved by {section.resolved_by}" if section.resolved_by else "plain text"
    label = escape(SECTION_LABELS[kind])
    if section.items:
        count = len(section.items)
        noun = "item" if count == 1 else "items"
        label += f' <span style="font-weight: 400;">· {count} {noun}</span>'
    return (
        f'<div class="{classes}" data-kind="{kind}" style="{style}">'
        f'<div class="rk-sec-label" title="{escape(how)}">{label}</div>'
        '<div class="rk-body">'
    )


def _structure_spans(review: Review) -> list[_Span]:
    """Sections, headings, item labels, ratings and verdict sentences."""
    verdict_colour = VERDICT_COLOURS[review.verdict]
    item_scores: dict[tuple[int, int], float] = {}
    for _aspect, evidence in review.iter_evidence():
        if evidence.kind == "item":
            item_scores[(evidence.start, evidence.end)] = evidence.score
    spans = []
    for section in review.sections:
        spans.append(
            _Span(
                section.start,
                section.end,
                0,
                _section_open(section, verdict_colour),
                "</div></div>",
            )
        )
        if section.heading_start is not None and section.heading_end is not None:
            spans.append(
                _Span(
                    section.heading_start,
                    section.heading_end,
                    2,
                    '<span class="rk-heading" title="heading (not scored)">',
                    "</span>",
                )
            )
        for item in section.items:
            if item.label_start is None or item.label_end is None:
                continue
            score = item_scores.get((item.start, item.end))
            aspect = item.aspect or "?"
            hover = f"item label → aspect: {aspect}"
            colour = _MUTED
            if score is not None:
                hover += f"\nitem score: {score:+.2f}"
                colour = score_colour(score)
            chip = (
                f'<span class="rk-chip" style="color: {colour};" '
                f'title="{escape(hover)}">{escape(aspect)}</span>'
            )
            spans.append(
                _Span(
                    item.label_start,
                    item.label_end,
                    3,
                    f'<span class="rk-label" title="{escape(hover)}">',
                    "</span>" + chip,
                )
            )
    for rating in review.ratings:
        what = rating.label or "overall"
        hover = (
            f"rating ({what}): {rating.score:g}/{rating.scale:g} = {rating.value:.0%}"
        )
        spans.append(
            _Span(
                rating.start,
                rating.end,
                4,
                f'<span class="rk-rating" title="{escape(hover)}">',
                "</span>",
            )
        )
    for sentence in review.verdict_evidence:
        colour = VERDICT_COLOURS[sentence.verdict]
        hover = (
            f"verdict evidence: {VERDICT_LABELS[sentence.verdict]} "
            f"(cue: {sentence.cue})"
        )
        spans.append(
            _Span(
                sentence.start,
                sentence.end,
                1,
                f'<span class="rk-ve" style="text-decoration-color: {colour};" '
                f'title="{escape(hover)}">',
                "</span>",
            )
        )
    return spans


def _visible(section: Section) -> tuple[int, int]:
    """The section's span without its leading and trailing whitespace."""
    body = section.text
    stripped = body.strip()
    if not stripped:
        return section.start, section.start
    lead = len(body) - len(body.lstrip())
    return section.start + lead, section.start + lead + len(stripped)


def _layered_text(review: Review) -> str:
    """The review's text with every span's tags, properly nested, in one pass.

    Spans are sorted by start (at equal starts: sections first, empty ones
    before the rest, then outer kinds, then longer spans); a span that runs
    past the span it opens inside is cut at that span's end, so the tags always
    nest. Whitespace at the edges of a section is left out (it would only add
    blank lines to the boxes).
    """
    text = review.text
    spans = _structure_spans(review)
    spans.extend(_mention_spans(review.mentions, len(text)))
    spans.sort(key=lambda s: (s.start, s.rank, s.end if s.rank == 0 else -s.end))
    visible = {s.start: _visible(s) for s in review.sections}
    parts: list[str] = []
    stack: list[tuple[int, str]] = []  # (end, closing tags), innermost last
    low, high = 0, 0  # the visible part of the current section
    position = 0

    def emit(start: int, stop: int) -> None:
        begin, finish = max(start, low), min(stop, high)
        if begin < finish:
            parts.append(html.escape(text[begin:finish], quote=False))

    for span in spans:
        while stack and stack[-1][0] <= span.start:
            end, closing = stack.pop()
            emit(position, end)
            parts.append(closing)
            position = end
        end = min(span.end, stack[-1][0]) if stack else span.end
        if span.rank and end <= span.start:
            continue  # empty, or cut away by the span it would open inside
        emit(position, span.start)
        position = span.start
        parts.append(span.open)
        stack.append((end, span.close))
        if span.rank == 0:
            low, high = visible.get(span.start, (span.start, span.end))
    while stack:
        end, closing = stack.pop()
        emit(position, end)
        parts.append(closing)
        position = end
    return "".join(parts)


# -- the parts of the view --


def _present(value: object) -> bool:
    return value is not None and value == value  # NaN is not equal to itself


def review_facts(review: Review) -> list[str]:
    """The one-line facts under a review's name, shared with the terminal view.

    Args:
        review: A parsed or analysed review.

    Returns:
        Reviewer, date and platform (from the metadata), the rating, aspect
        ratings, the spoiler warning and the format, where known.
    """
    facts = [
        str(review.metadata[name])
        for name in ("reviewer", "date", "platform")
        if _present(review.metadata.get(name))
    ]
    if review.rating is not None:
        facts.append(f"rating {review.rating:.0%}")
    per_aspect = [
        f"{aspect} {value:.0%}"
        for aspect, value in review.aspect_ratings.items()
        if not (aspect == "overall" and review.rating is not None)
    ]
    if per_aspect:
        facts.append("ratings " + ", ".join(per_aspect))
    if review.spoilers is not None:
        facts.append("spoilers" if review.spoilers else "spoiler-free")
    facts.append(review.format)
    return facts


def _header(review: Review) -> str:
    verdict = review.verdict
    colour = VERDICT_COLOURS[verdict] if review.is_analyzed else _PLAIN_BORDER
    name = review.show or review.title or "(untitled review)"
    parts = [
        f'<div class="rk-head" style="border-left-color: {colour};">',
        f'<div class="rk-show">{escape(name)}</div>',
    ]
    if review.title and review.title != review.show:
        parts.append(f'<div class="rk-muted">{escape(review.title)}</div>')
    parts.append(
        f'<div class="rk-facts">{escape(" · ".join(review_facts(review)))}</div>'
    )
    if not review.is_analyzed:
        parts.append(
            '<div class="rk-verdict-line rk-muted">Structure only: parsed without '
            "sentiment (use <code>reviewkit.analyze</code> to score it).</div></div>"
        )
        return "".join(parts)
    score = review.score if review.score is not None else 0.0
    parts.append(
        '<div class="rk-verdict-line">'
        f'<span class="rk-badge rk-verdict" data-verdict="{verdict or "none"}" '
        f'style="background: {colour};">{escape(VERDICT_LABELS[verdict])}</span> '
        f'<span class="rk-pol" style="color: {score_colour(score)};">'
        f"score {score:+.2f}</span></div>"
    )
    if review.verdict_evidence:
        parts.append(
            '<div class="rk-sec-label" style="margin-top: 6px;">Verdict evidence'
            '</div><ul class="rk-ve-list">'
        )
        for item in review.verdict_evidence[:5]:
            item_colour = VERDICT_COLOURS[item.verdict]
            parts.append(
                f'<li><span class="rk-pol" style="color: {item_colour};">'
                f"{escape(VERDICT_LABELS[item.verdict])}</span> "
                f"“{escape(shorten(item.text, 400))}” "
                f'<span class="rk-cue">cue: {escape(item.cue)}</span></li>'
            )
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def _aspect_table(review: Review) -> str:
    if not review.is_analyzed:
        return ""
    if not review.aspects:
        return '<p class="rk-muted">No aspects mentioned.</p>'
    rows = [
        '<table class="rk-table rk-aspects"><caption>Aspects</caption><colgroup>'
        '<col style="width: 8.5em"><col style="width: 6.5em"><col style="width: 9em">'
        '<col style="width: 6.5em"><col></colgroup><thead><tr><th>aspect</th>'
        '<th>polarity</th><th class="rk-num">score</th>'
        '<th class="rk-num">mentions</th><th>strongest evidence</th></tr></thead>'
        "<tbody>"
    ]
    ordered = sorted(review.aspects.items(), key=lambda kv: -abs(kv[1].score))
    for aspect, result in ordered:
        colour = POLARITY_COLOURS[result.polarity]
        top = result.evidence[0].text if result.evidence else ""
        rows.append(
            f'<tr data-aspect="{escape(aspect)}"><td>{escape(aspect)}</td>'
            f'<td class="rk-pol" style="color: {colour};">{result.polarity}</td>'
            f'<td class="rk-num" style="color: {colour};">{result.score:+.2f}'
            f"{score_bar(result.score)}</td>"
            f'<td class="rk-num">{result.mentions}</td>'
            f'<td class="rk-evidence" title="{escape(shorten(top, 2000))}">'
            f"{escape(shorten(top))}</td>"
            "</tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _legend(review: Review) -> str:
    if not review.is_analyzed:
        return ""
    marks = []
    for label in ("positive", "negative", "neutral"):
        colour = POLARITY_COLOURS[label]
        marks.append(
            f'<mark class="rk-m" style="background: {tint(colour)}; '
            f'border-bottom-color: {colour};">{label}</mark>'
        )
    marks.append(
        f'<mark class="rk-m rk-off" style="border-bottom-color: {_MUTED};">'
        "not scored</mark>"
    )
    return (
        '<div class="rk-legend">Aspect mentions: '
        + "".join(marks)
        + " · hover a mention for its aspect, score and opinion words</div>"
    )


def review_to_html(review: Review, *, full_page: bool = False) -> str:
    """Render a review as highlighted, self-contained HTML.

    Args:
        review: A parsed or analysed review.
        full_page: Return a complete HTML document instead of a fragment (for
            writing to a file).

    Returns:
        The HTML.
    """
    body = "".join(
        [
            '<div class="rk rk-review">',
            _header(review),
            _aspect_table(review),
            _legend(review),
            '<div class="rk-text">',
            _layered_text(review),
            "</div></div>",
        ]
    )
    if full_page:
        name = review.show or review.title or "review"
        return page(f"{name} · reviewkit", body, BASE_CSS + review_css())
    return f"<style>{BASE_CSS}{review_css()}</style>{body}"

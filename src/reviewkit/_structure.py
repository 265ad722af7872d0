"""Structure: from a document's blocks to a Review's sections, items and cues.

The steps, each a small function:

1. find the title (first line, Markdown ``#``, HTML ``h1``) and a trailing
   sign-off ("See you across the pond! / Sincerely, Annie");
2. give every other block a role: section heading (known to the vocabulary or
   not), item heading ("### Acting"), labelled item ("The Acting- ...",
   "**Acting:** ..."), list entry, rating line, or plain text;
3. group the blocks into section drafts, items into their sections;
4. resolve headings the vocabulary does not know: an unknown pair of contrasting
   headings ("The Sweet" / "The Sour") becomes pros and cons, by order and by the
   polarity of what sits under each;
5. carve a closing verdict (an unlabelled paragraph after the last pro/con items
   that says whether to watch) and trailing rating lines into their own sections;
6. turn drafts into contiguous `Section` objects covering every character.

Every offset comes from the reader's blocks, so all of them slice the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reviewkit._cues import (
    find_ratings,
    find_spoilers,
    is_rating_line,
    is_signoff_line,
    is_valediction,
    show_from_title,
)
from reviewkit._lexicon import AspectLexicon
from reviewkit._readers import Block, Document
from reviewkit._types import (
    Item,
    Rating,
    Review,
    Section,
    SectionKind,
    heading_body_start,
)
from reviewkit._vocab import HeadingVocabulary

__all__ = ["build_review", "sentence_breaks"]

Polarity = Callable[[str], float]
Role = Literal["heading", "item_heading", "item", "rating", "text"]

_LETTERS = re.compile(r"[^\W\d_]")
#: Marks that may open a heading's line ("## Pros", "**Good**:", "- **Pros**").
_MARKUP = " \t\r\n#*_>-+"
# "The Acting- ...", "The Villain – ...", "Boring- ...", "Acting: ...", "Story ~ ..."
_LABEL = re.compile(
    r"(?P<label>[^\W\d_](?:[^\n:;.!?–—~|()\[\]\"“”\-]|(?<=\w)-(?=\w)){0,60}?)"
    r"[ \t]*(?P<sep>:|~|–|—|-)(?P<gap>[ \t]*)(?=\S)"
)
_EMPHASIS_EDGE = "*_ \t"
_CONCLUSION = re.compile(
    r"\b(?:recommend\w*|worth\s+(?:it|watching|a\s+watch|your\s+time|the\s+time)|"
    r"give\s+(?:it|this(?:\s+one)?)\s+a\s+(?:watch|try|go|shot|chance|miss|pass)|"
    r"watch\s+it|skip\s+(?:it|this)|check\s+(?:it|this(?:\s+one)?)\s+out|"
    r"(?:don['’]?t|do\s+not)\s+waste\s+your\s+time|must[-\s]see|"
    r"overall|all\s+in\s+all|in\s+the\s+end|at\s+the\s+end\s+of\s+the\s+day|"
    r"to\s+sum\s+up|in\s+conclusion|i'?m\s+not\s+saying|would\s+i\b|"
    r"if\s+you\s+(?:want|like|love|enjoy|are\s+looking|have)|bottom\s+line|"
    r"final(?:ly)?\s+thoughts?|i\s+(?:would|wouldn'?t|won'?t|will)\s+(?:not\s+)?"
    r"(?:re)?watch|(?:re)?watch\s+it\s+again|must[-\s]watch)\b",
    re.IGNORECASE,
)
_PAIR_MARGIN = 0.1
# "Hey guys", "Hi everyone!": an opening line that greets readers is no title.
_GREETING = re.compile(
    r"(?:hey|hi|hello|hiya|howdy|greetings|yo|good\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?:there|guys|all|everyone|everybody|friends|folks|readers|y'all|you))*"
    r"[\s!,.~]*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Unit:
    """A block with the role the structure step gave it."""

    block: Block
    role: Role
    kind: str | None = None  # heading: vocabulary kind or "unknown"
    heading_start: int = 0
    heading_end: int = 0  # for inline headings, where the heading stops
    label: str | None = None
    label_start: int | None = None
    label_end: int | None = None
    body_start: int = 0
    aspect: str | None = None
    inline: bool = False


@dataclass(slots=True)
class _ItemDraft:
    start: int
    end: int
    label: str | None
    label_start: int | None
    label_end: int | None
    body_start: int
    aspect: str | None
    absorbs_paragraphs: bool
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class _SectionDraft:
    kind: str | None
    start: int
    heading: _Unit | None = None
    units: list[_Unit] = field(default_factory=list)
    items: list[_ItemDraft] = field(default_factory=list)
    resolved_by: str | None = None

    @property
    def has_content(self) -> bool:
        return bool(self.units)


# -- helpers --


def _word_count(text: str) -> int:
    return len(text.split())


def _strip_emphasis(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past Markdown emphasis marks and spaces."""
    while start < end and text[start] in _EMPHASIS_EDGE:
        start += 1
    while end > start and text[end - 1] in _EMPHASIS_EDGE:
        end -= 1
    return start, end


def _is_all_caps(text: str) -> bool:
    letters = _LETTERS.findall(text)
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _looks_like_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith(
        (".", "!", "?", '."', ".”", "…")
    ) and not stripped.endswith("...")


# -- step 1: title and sign-off --


def _find_title(
    doc: Document, vocab: HeadingVocabulary, lexicon: AspectLexicon
) -> int | None:
    """Return the index of the title block, or None.

    The title is the first line when it stands alone and reads like a title, or
    a level-1/2 heading among the first three blocks (web pages often put a site
    name or a byline before the ``h1``).
    """
    blocks = doc.blocks
    text = doc.text
    for index, block in enumerate(blocks[:3]):
        if block.verbatim or block.kind == "list_item":
            return None
        content = text[block.content_start : block.end]
        if len(content) > 200:
            return None
        if vocab.kind_of(content) is not None or is_rating_line(
            text, block.content_start, block.end, lexicon
        ):
            return None
        if block.kind == "heading":
            return index if block.level <= 2 or len(blocks) == 1 else None
        if index == 0 and doc.format != "html":
            if len(blocks) == 1:
                return None  # a one-line review is content, not a title
            nxt = blocks[1]
            alone = nxt.para_start or nxt.kind != "line"
            short = len(content) <= 150 and _word_count(content) <= 20
            if (
                alone
                and short
                and not _looks_like_sentence(content)
                and not content.endswith(":")
                and not _GREETING.match(content)
                and not _opens_with_heading(doc, block, vocab, lexicon)
            ):
                return 0
    return None


def _opens_with_heading(
    doc: Document, block: Block, vocab: HeadingVocabulary, lexicon: AspectLexicon
) -> bool:
    """Whether a line opens with a known heading ("Pros: great cast")."""
    unit = _labelled(doc, block, vocab, lexicon, in_pro_con=False)
    return unit is not None and unit.role == "heading"


def _find_signoff(doc: Document, first_content: int) -> int | None:
    """Return the index of the first sign-off block, or None.

    A sign-off is a valediction ("Thanks for reading!", "Cheers,") with the
    name lines after it, or a lone dashed name closing the review ("- Tom")
    after prose (after a list it may be the list's last entry). Above a
    valediction only further valedictions belong to it: "- Lovely OST"
    before "Thanks for reading!" is the last entry of a list of pros,
    however name-like it looks.
    """
    blocks = doc.blocks
    text = doc.text
    index = len(blocks)
    found_valediction = False
    while index - 1 >= first_content:
        block = blocks[index - 1]
        if block.verbatim or block.kind == "heading":
            break
        line = text[block.content_start : block.end]
        if is_valediction(line):
            found_valediction = True
        elif found_valediction or not is_signoff_line(line, after_valediction=True):
            break
        index -= 1
    if index <= first_content:
        return None
    if not found_valediction:
        if index != len(blocks) - 1:
            return None
        block = blocks[index]
        line = text[block.start : block.end].strip()
        if not (line[:1] in "-–—~" and is_signoff_line(line)):
            return None
        if blocks[index - 1].kind == "list_item":
            return None  # "- Tom" under "- Great acting" may be the list's entry
    return index


# -- step 2: roles --


def _is_heading_line(
    doc: Document, position: int, content: str, vocab_kind: str | None
) -> bool:
    """Whether a plain line stands as a heading (colon line, ALL CAPS, known)."""
    block = doc.blocks[position]
    words = _word_count(content)
    if words == 0 or words > 10 or len(content) > 90:
        return False
    nxt = doc.blocks[position + 1] if position + 1 < len(doc.blocks) else None
    standalone = block.para_start or nxt is None or nxt.para_start
    if vocab_kind is not None:
        # A known heading may be a question ("Is it worth watching?").
        question = content.rstrip().endswith("?")
        return words <= 8 and (question or not _looks_like_sentence(content))
    if not standalone:
        return False
    if content.endswith(":"):
        return words <= 5 and content[:1].isupper()
    return _is_all_caps(content) and words <= 8 and not content.endswith(("!", "?"))


def _classify(
    doc: Document,
    position: int,
    vocab: HeadingVocabulary,
    lexicon: AspectLexicon,
    in_pro_con: bool,
) -> _Unit:
    text = doc.text
    block = doc.blocks[position]
    if block.verbatim:
        return _Unit(block, "text")
    # A one-line review ("I DO NOT RECOMMEND IT.") is content, never a heading
    # standing alone; an inline one ("Synopsis: ...") still counts.
    alone = len(doc.blocks) == 1
    content_start, content_end = _strip_emphasis(text, block.content_start, block.end)
    content = text[content_start:content_end]
    # Headings are short: do not normalise whole paragraphs for a lookup.
    vocab_kind = vocab.kind_of(content) if len(content) <= 100 else None
    explicit = block.kind == "heading" or (block.bold and _word_count(content) <= 12)
    # "1. The Good", "2) Cons": a numbered entry that is only a known heading.
    numbered = block.kind == "list_item" and block.ordered and vocab_kind is not None
    if not alone and (
        explicit
        or (
            (block.kind == "line" or numbered)
            and _is_heading_line(doc, position, content, vocab_kind)
        )
    ):
        if vocab_kind is not None:
            return _Unit(block, "heading", vocab_kind, content_start, content_end)
        if is_rating_line(text, block.content_start, block.end, lexicon):
            return _Unit(block, "rating")
        aspect = lexicon.aspect_of_label(content) if _word_count(content) <= 5 else None
        if aspect is not None:
            return _Unit(
                block,
                "item_heading",
                label=content.rstrip(" :-–—~"),
                label_start=content_start,
                label_end=content_start + len(content.rstrip(" :-–—~")),
                aspect=aspect,
            )
        return _Unit(block, "heading", "unknown", content_start, content_end)
    label_unit = _labelled(doc, block, vocab, lexicon, in_pro_con)
    if is_rating_line(text, block.content_start, block.end, lexicon):
        if label_unit is not None and _is_verdict_with_score(text, label_unit, lexicon):
            return label_unit
        return _Unit(block, "rating")
    if label_unit is not None:
        return label_unit
    if block.kind == "list_item":
        aspect = lexicon.aspect_of_text(text[block.content_start : block.end][:200])
        return _Unit(block, "item", body_start=block.content_start, aspect=aspect)
    return _Unit(block, "text")


def _is_verdict_with_score(text: str, unit: _Unit, lexicon: AspectLexicon) -> bool:
    """Whether a rating line is a short verdict: "Verdict: Skip it. 3/10".

    Its rating is still found (ratings are read in every section); a bare
    "Verdict: 8/10" or "Overall: 7/10" stays a rating line.
    """
    if unit.role != "heading" or unit.kind != "verdict":
        return False
    start, end = unit.heading_end, unit.block.end
    rest = text[start:end]
    for rating in reversed(list(find_ratings(text, start, end, lexicon))):
        rest = rest[: rating.start - start] + " " + rest[rating.end - start :]
    return _LETTERS.search(rest) is not None


# Words that make "The menu is very limited - we counted 4 entrees" a clause
# with a dash in it rather than a label ("The Villain - ...").
_CLAUSE_WORDS = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
        "had", "do", "does", "did", "can", "could", "will", "would", "should",
        "shall", "may", "might", "must", "i", "we", "you", "he", "she", "they",
        "it", "there", "not", "just", "very", "really", "so", "too",
    }
)  # fmt: skip


def _is_clause(label: str) -> bool:
    words = label.lower().replace("’", "'").split()
    return any(w in _CLAUSE_WORDS or "'" in w for w in words)


def _labelled(
    doc: Document,
    block: Block,
    vocab: HeadingVocabulary,
    lexicon: AspectLexicon,
    in_pro_con: bool,
) -> _Unit | None:
    """Recognise "Label- text", "Label: text" and "**Label:** text" blocks."""
    text = doc.text
    if block.lead_bold_end is not None and not block.bold:
        raw_start, raw_end = _strip_emphasis(
            text, block.content_start, block.lead_bold_end
        )
        label = text[raw_start:raw_end].rstrip(" :-–—~")
        body = block.lead_bold_end
        while body < block.end and text[body] in " \t:-–—~*_":
            body += 1
        if label and _word_count(label) <= 8:
            kind = vocab.kind_of(label)
            if kind is not None and kind != "ratings":
                # The heading as written inside the bold ("The Good:"), as a
                # plain "The Good: ..." line gives it; closing marks are not.
                return _Unit(block, "heading", kind, raw_start, raw_end, inline=True)
            return _Unit(
                block,
                "item",
                label=label,
                label_start=raw_start,
                label_end=raw_start + len(label),
                body_start=body,
                aspect=lexicon.aspect_of_label(label),
            )
    match = _LABEL.match(text, block.content_start, block.end)
    if match is None:
        return None
    label = match.group("label").strip()
    separator = match.group("sep")
    if separator != ":" and not match.group("gap"):
        return None  # "K-Dramas", "well–known": a hyphen inside a word
    words = _word_count(label)
    if words == 0 or words > 6 or _is_clause(label):
        return None
    kind = vocab.kind_of(label)
    if kind == "ratings":
        # "The Score- the soundtrack is..." is an item about music, not a
        # ratings heading (actual rating lines were recognised before).
        kind = None
    if kind is not None and words <= 5:
        return _Unit(
            block,
            "heading",
            kind,
            match.start("label"),
            match.end("sep"),
            inline=True,
        )
    # Outside pro/con sections a "Label:" line is an item only when the label is
    # itself an aspect term ("Acting: ..."), not prose ("The story, roughly: ...").
    exact = separator == ":" and not in_pro_con and block.kind != "list_item"
    aspect = lexicon.aspect_of_label(label, exact=exact) if words <= 5 else None
    capitalised = label[:1].isupper()
    plausible = aspect is not None and (
        capitalised or separator != ":" or block.kind == "list_item"
    )
    if not plausible and not (in_pro_con and capitalised and words <= 4):
        return None
    return _Unit(
        block,
        "item",
        label=label,
        label_start=match.start("label"),
        label_end=match.start("label") + len(label),
        body_start=match.end(),
        aspect=aspect,
    )


# -- step 3: drafts --


def _draft_sections(
    doc: Document,
    first: int,
    stop: int,
    vocab: HeadingVocabulary,
    lexicon: AspectLexicon,
) -> list[_SectionDraft]:
    drafts = [_SectionDraft(kind=None, start=0)]
    item: _ItemDraft | None = None
    for position in range(first, stop):
        current = drafts[-1]
        # Unknown headings may yet turn out to be pros or cons.
        in_pro_con = current.kind in ("pros", "cons", "unknown")
        unit = _classify(doc, position, vocab, lexicon, in_pro_con)
        block = unit.block
        if unit.role == "heading" and (
            unit.kind != "unknown"
            or not current.items
            or not _pro_con(current)
            or _same_style(doc, unit, current.heading)
        ):
            drafts.append(
                _SectionDraft(
                    kind=unit.kind,
                    start=block.start,
                    heading=unit,
                    resolved_by=None if unit.kind == "unknown" else "vocabulary",
                )
            )
            drafts[-1].units.append(unit)
            item = None
            continue
        if unit.role == "heading":  # an unknown heading between pro/con items
            unit = _Unit(
                block,
                "item_heading",
                label=doc.text[unit.heading_start : unit.heading_end].rstrip(" :-–—~"),
                label_start=unit.heading_start,
                label_end=unit.heading_start
                + len(doc.text[unit.heading_start : unit.heading_end].rstrip(" :-–—~")),
            )
        current.units.append(unit)
        if unit.role in ("item", "item_heading"):
            heading_only = unit.role == "item_heading"
            body = unit.body_start if not heading_only else block.end
            item = _ItemDraft(
                start=block.start,
                end=block.end,
                label=unit.label,
                label_start=unit.label_start,
                label_end=unit.label_end,
                body_start=body,
                aspect=unit.aspect,
                absorbs_paragraphs=heading_only or block.kind != "list_item",
                blocks=[block],
            )
            current.items.append(item)
        elif unit.role == "rating":
            item = None
        elif item is not None and (item.absorbs_paragraphs or not block.para_start):
            item.end = block.end
            item.blocks.append(block)
        else:
            item = None
    return drafts


def _pro_con(draft: _SectionDraft) -> bool:
    return draft.kind in ("pros", "cons")


def _same_style(doc: Document, unit: _Unit, other: _Unit | None) -> bool:
    """Whether two headings are written alike (siblings rather than sub-headings)."""
    if other is None:
        return False
    a, b = unit.block, other.block
    if (a.kind, a.level, a.bold) != (b.kind, b.level, b.bold):
        return False
    text_a = doc.text[unit.heading_start : unit.heading_end]
    text_b = doc.text[other.heading_start : other.heading_end]
    return text_a.endswith(":") == text_b.endswith(":") and _is_all_caps(
        text_a
    ) == _is_all_caps(text_b)


# -- step 4: unknown headings --


def _draft_text(doc: Document, draft: _SectionDraft) -> str:
    parts = []
    for unit in draft.units:
        if unit.role == "heading" and not unit.inline:
            continue
        start = unit.heading_end if unit.inline else unit.block.content_start
        parts.append(doc.text[start : unit.block.end])
    return "\n".join(parts)


def _resolve_unknown(
    doc: Document, drafts: list[_SectionDraft], polarity: Polarity | None
) -> None:
    """Give unknown headings a kind: pros/cons for contrasting pairs, else body."""
    index = 0
    known = {d.kind for d in drafts}
    while index < len(drafts):
        if drafts[index].kind != "unknown":
            index += 1
            continue
        end = index
        while end < len(drafts) and drafts[end].kind == "unknown":
            end += 1
        run = drafts[index:end]
        if len(run) in (2, 3) and polarity is not None:
            scores = [polarity(_draft_text(doc, d)) for d in run]
            kinds = ["pros"] + ["cons"] * (len(run) - 1)
            if len(run) == 2 and scores[0] < scores[1] - _PAIR_MARGIN:
                kinds = ["cons", "pros"]
            for draft, kind in zip(run, kinds, strict=True):
                draft.kind, draft.resolved_by = kind, "pair"
        elif len(run) == 1:
            draft = run[0]
            before = drafts[index - 1].kind if index else None
            after = drafts[end].kind if end < len(drafts) else None
            neighbour = {before, after} & {"pros", "cons"}
            if len(neighbour) == 1 and not {"pros", "cons"} <= known:
                (other,) = neighbour
                draft.kind = "cons" if other == "pros" else "pros"
                draft.resolved_by = "pair"
                known.add(draft.kind)
        for draft in run:
            if draft.kind == "unknown":
                draft.kind, draft.resolved_by = "body", None
        index = end


# -- step 5: carving --


def _carve_verdict(doc: Document, drafts: list[_SectionDraft]) -> None:
    """Split a closing verdict paragraph off the last pro/con section."""
    if any(d.kind == "verdict" for d in drafts):
        return
    tail = [d for d in drafts if d.kind not in ("signoff", "ratings")]
    # Runs before unknown headings are resolved, so that a closing paragraph
    # does not colour the content polarity of the last of a pair.
    if (
        not tail
        or tail[-1].kind not in ("pros", "cons", "unknown")
        or not tail[-1].items
    ):
        return
    draft = tail[-1]
    last = draft.items[-1]
    candidates: list[Block] = []
    if last.absorbs_paragraphs:
        candidates = [b for b in last.blocks[1:] if b.para_start]
    loose = [
        u.block
        for u in draft.units
        if u.role == "text" and u.block.start >= last.end and u.block.para_start
    ]
    candidates.extend(loose)
    for block in candidates:
        if _CONCLUSION.search(doc.text, block.content_start, block.end):
            split = block.start
            break
    else:
        return
    carved = _SectionDraft(kind="verdict", start=split, resolved_by="position")
    carved.units = [u for u in draft.units if u.block.start >= split]
    draft.units = [u for u in draft.units if u.block.start < split]
    kept = [b for b in last.blocks if b.start < split]
    last.blocks = kept
    last.end = kept[-1].end
    drafts.insert(drafts.index(draft) + 1, carved)


def _carve_ratings(doc: Document, drafts: list[_SectionDraft]) -> None:
    """Give trailing rating lines of a section their own ``ratings`` section."""
    result: list[_SectionDraft] = []
    for draft in drafts:
        result.append(draft)
        if draft.kind in ("ratings", "signoff"):
            continue
        split = len(draft.units)
        while split > 0 and draft.units[split - 1].role == "rating":
            split -= 1
        has_other = any(
            u.role not in ("rating", "heading") for u in draft.units[:split]
        )
        if split == len(draft.units) or not has_other:
            continue
        carved = _SectionDraft(
            kind="ratings", start=draft.units[split].block.start, resolved_by="pattern"
        )
        carved.units = draft.units[split:]
        draft.units = draft.units[:split]
        result.append(carved)
    drafts[:] = result


# -- step 6: sections --


def _section_from_draft(
    doc: Document, draft: _SectionDraft, index: int, start: int, end: int
) -> Section:
    text = doc.text
    heading = draft.heading
    heading_text = heading_start = heading_end = None
    if heading is not None:
        heading_start = heading.heading_start
        heading_end = heading.heading_end
        heading_text = text[heading_start:heading_end]
    items = tuple(
        Item(
            label=i.label,
            aspect=i.aspect,
            text=text[i.start : i.end],
            start=i.start,
            end=i.end,
            body_start=min(max(i.body_start, i.start), i.end),
            label_start=i.label_start,
            label_end=i.label_end,
        )
        for i in draft.items
    )
    kind: SectionKind = draft.kind  # type: ignore[assignment]  # resolved above
    return Section(
        index=index,
        kind=kind,
        heading=heading_text,
        text=text[start:end],
        start=start,
        end=end,
        heading_start=heading_start,
        heading_end=heading_end,
        items=items,
        resolved_by=draft.resolved_by,
    )


def _overall_rating(
    ratings: Sequence[Rating], sections: Sequence[Section]
) -> float | None:
    overall = [r for r in ratings if r.aspect == "overall"]
    if not overall:
        return None
    labelled = [r for r in overall if r.label]
    return (labelled or overall)[-1].value


def _show(title: str | None, hint: str | None) -> str | None:
    """The show named by the title, or by the HTML <title> when clearer."""
    if title is None:
        return None
    show, certain = show_from_title(title)
    if not certain and hint and hint != title:
        from_hint, hint_certain = show_from_title(hint)
        if hint_certain and from_hint:
            return from_hint
    return show


def build_review(
    doc: Document,
    *,
    vocabulary: HeadingVocabulary,
    lexicon: AspectLexicon,
    polarity: Polarity | None = None,
) -> Review:
    """Build a parsed `Review` from a read document.

    Args:
        doc: The document from `reviewkit._readers.read`.
        vocabulary: Heading vocabulary for section kinds.
        lexicon: Aspect lexicon for item labels and rating labels.
        polarity: Scores a text from -1 to 1; used only to order an unknown pair
            of contrasting headings. Without it such pairs become ``body``.

    Returns:
        The review's structure (no sentiment yet).
    """
    text = doc.text
    title_index = _find_title(doc, vocabulary, lexicon)
    first = 0 if title_index is None else title_index + 1
    signoff = _find_signoff(doc, first)
    stop = len(doc.blocks) if signoff is None else signoff
    drafts = _draft_sections(doc, first, stop, vocabulary, lexicon)
    title: str | None = None
    if title_index is not None:
        block = doc.blocks[title_index]
        start, end = _strip_emphasis(text, block.content_start, block.end)
        title = text[start:end]
        drafts[0].heading = _Unit(block, "heading", None, start, end)
        # Blocks before the title (a byline, a site name) stay in the intro.
        drafts[0].units[:0] = [_Unit(b, "text") for b in doc.blocks[:title_index]]
    elif doc.title_hint:
        title = doc.title_hint
    if signoff is not None:
        drafts.append(
            _SectionDraft(
                kind="signoff",
                start=doc.blocks[signoff].start,
                units=[_Unit(b, "text") for b in doc.blocks[signoff:]],
                resolved_by="position",
            )
        )
    _carve_verdict(doc, drafts)
    _resolve_unknown(doc, drafts, polarity)
    has_headings = any(d.heading is not None for d in drafts[1:])
    drafts[0].kind = "intro" if has_headings else "body"
    if drafts[0].kind == "intro" and drafts[0].resolved_by is None:
        drafts[0].resolved_by = "position"
    _carve_ratings(doc, drafts)
    if len(drafts) > 1 and not drafts[0].has_content and drafts[0].heading is None:
        drafts.pop(0)
    sections: list[Section] = []
    for index, draft in enumerate(drafts):
        start = 0 if index == 0 else draft.start
        end = drafts[index + 1].start if index + 1 < len(drafts) else len(text)
        sections.append(_section_from_draft(doc, draft, index, start, end))
    ratings: list[Rating] = []
    for section in sections:
        context = section.kind == "ratings"
        ratings.extend(
            find_ratings(
                text, section.start, section.end, lexicon, rating_context=context
            )
        )
    ratings.sort(key=lambda r: r.start)
    # Labelled ratings whose label is an aspect term ("Music: 9/10", "Overall:
    # 7/10"); "Rating: 8/10" is the overall rating only.
    aspect_ratings = {
        r.aspect: r.value
        for r in ratings
        if r.label and r.aspect and lexicon.aspect_of_label(r.label) == r.aspect
    }
    return Review(
        text=text,
        format=doc.format,
        title=title,
        show=_show(title, doc.title_hint),
        sections=tuple(sections),
        rating=_overall_rating(ratings, sections),
        aspect_ratings=aspect_ratings,
        ratings=tuple(ratings),
        spoilers=find_spoilers(text),
        source=doc.source,
        source_map=doc.source_map,
    )


#: A line this short (in characters) that ends without punctuation is an entry
#: of its own when the next line starts with a capital or a digit; wrapped
#: prose fills its lines.
_SHORT_LINE = 48
#: Words that carry a sentence on to the next line ("... directed by" / "Ana").
_CARRY_ON = frozenset(
    {
        "a", "about", "an", "and", "as", "at", "because", "but", "by",
        "especially", "for", "from", "her", "his", "in", "is", "its", "like",
        "my", "of", "on", "or", "our", "starring", "than", "that", "the",
        "their", "to", "was", "were", "who", "with", "your",
    }
)  # fmt: skip


def _ends_entry(text: str, line: Block, following: Block) -> bool:
    """Whether ``line`` is an entry of a list of short lines, without marks.

    "Great acting" / "Lovely soundtrack" under a "Pros" heading are two
    entries, not one sentence; a wrapped line of prose is not an entry.

    Args:
        text: The document text.
        line: A line block.
        following: The line block after it, in the same paragraph.

    Returns:
        True when ``following`` should start a sentence.
    """
    content = text[line.content_start : line.end].strip()
    if not content or len(content) > _SHORT_LINE or not content[-1].isalnum():
        return False  # long, or punctuated: the sentence splitter decides
    first = text[following.content_start : following.content_start + 1]
    if not (first.isupper() or first.isdigit()):
        return False
    last = content.rsplit(None, 1)[-1].lower()
    return last not in _CARRY_ON


def sentence_breaks(doc: Document, review: Review) -> list[int]:
    """Offsets where a sentence must start, whatever the sentence splitter says.

    Paragraphs, headings and list entries start sentences; so do the text after
    an inline heading ("Summary: ...") and after an item label ("The Acting- ..."),
    and a line after a short unpunctuated one ("Great acting" / "Lovely OST",
    see `_ends_entry`). Wrapped lines inside a paragraph do not.

    Args:
        doc: The document the review was built from.
        review: The parsed review.

    Returns:
        Sorted, distinct offsets into ``review.text``.
    """
    text = review.text
    size = len(text)
    breaks: set[int] = set()
    previous: Block | None = None
    for block in doc.blocks:
        if (
            block.para_start
            or block.kind != "line"
            or (previous is not None and _ends_entry(text, previous, block))
        ):
            breaks.add(block.start)
        previous = block
    for section in review.sections:
        breaks.add(section.start)
        if section.heading_start is not None and section.heading_end is not None:
            if text[section.start : section.heading_start].strip(_MARKUP):
                breaks.add(section.heading_start)
            # The marks of "**Good**: ..." stay with the heading, before and after.
            breaks.add(heading_body_start(text, section.heading_end, section.end))
        for item in section.items:
            breaks.add(item.start)
            if item.label is not None and item.body_start > item.start:
                breaks.add(item.body_start)
    return sorted(b for b in breaks if 0 <= b < size)

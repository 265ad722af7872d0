"""Small pattern finders over review text: ratings, spoiler warnings, titles.

Each finder is a pure function over a string with bounded look-around, so the
whole review is scanned in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewkit._lexicon import AspectLexicon, normalize_label
from reviewkit._types import Rating

__all__ = [
    "find_ratings",
    "find_spoilers",
    "is_rating_line",
    "is_signoff_line",
    "show_from_title",
]

# -- ratings --

_FRACTION = re.compile(
    r"(?P<score>\d{1,3}(?:[.,]\d{1,2})?|½)\s*"
    r"(?P<sep>/|out\s+of|outta)\s*(?P<scale>100|10|20|5|4)(?![\d/]|[.,]\d)"
    r"(?:\s*(?P<stars>stars?))?",
    re.IGNORECASE,
)
_STAR_GLYPHS = re.compile(r"[★☆✩✰⭐]{2,}½?|[★⭐]+½")
_STAR_WORDS = re.compile(
    r"\b(?P<score>[0-5](?:\.5)?|one|two|three|four|five)(?P<half>\s+and\s+a\s+half)?"
    r"\s+stars?\b(?!\s*(?:/|out\s+of))",
    re.IGNORECASE,
)
_NUMBER_WORDS = {"one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0}
_NOT_A_RATING_BEFORE = re.compile(
    r"(?:episodes?|eps?|parts?|chapters?|seasons?|rounds?|days?|weeks?|games?|"
    r"vol(?:ume)?s?|books?|no|#)\.?\s*$",
    re.IGNORECASE,
)
_RATING_CONTEXT = re.compile(
    r"rat(?:e|ed|ing)|scor(?:e|ed|ing)|give|gave|giving|grade|verdict|overall|mark|"
    r"stars?|deserves?|earns?",
    re.IGNORECASE,
)
# A score that closes its line ("... on the biggest screen you can find. 4/5.")
_ENDS_LINE = re.compile(r"[ \t.!)]*(?:\r?\n|$)")
_LABELLED = re.compile(r"[^\W\d_]\s*[:~=]\s*$")
# Where a rating's label stops, reading back: list separators, a line or
# sentence end ("A must watch. Rating: 9/10"), a spaced dash between entries.
_LABEL_SPLIT = re.compile(r"[|•·;,\n]|[.!?](?=\s)|\s[-–—]\s")
_LETTER = re.compile(r"[^\W\d_]")
_LABEL_EDGE = " \t:~=-–—*_#>()[]"
_LABEL_SEPARATORS = (":", "~", "=", "-", "–", "—")
_DASHES = ("-", "–", "—")
# What may stand around a short rating entry ("- Acting 9/10", "Story 6/10 |").
_ENTRY_BEFORE = " \t*_#>-•·"
_ENTRY_AFTER = re.compile(r"[ \t.!)*_]*(?:[|•·;,]|\r?\n|$)")
_OVERALL_LABELS = frozenset(
    {
        "", "rating", "my rating", "score", "my score", "overall", "overall rating",
        "overall score", "final score", "final rating", "final verdict", "grade",
        "final grade", "verdict", "total", "my verdict", "mdl rating", "mdl score",
    }
)  # fmt: skip
# "Our rating", "PPV rating", "Vote": a label that names the score itself.
_SCORE_WORDS = frozenset({"rating", "score", "grade", "verdict", "mark", "vote"})


def _label_before(text: str, floor: int, position: int) -> tuple[str, int]:
    """Return the label preceding a rating (text back to a separator) and its start."""
    window_start = max(floor, position - 80)
    window = text[window_start:position]
    cut = 0
    for match in _LABEL_SPLIT.finditer(window):
        if match.group().strip() in _DASHES and not window[match.end() :].strip():
            break  # "Acting - 9/10": the dash is the label's own separator
        cut = match.end()
    label = window[cut:].strip(_LABEL_EDGE)
    start = window_start + cut
    if label:
        start = text.index(label, start, position)
    return label, start


def _is_entry(text: str, floor: int, label_start: int, end: int) -> bool:
    """Whether a label and its rating stand as an entry of their own.

    True for "Acting 9/10" on its own line or between list separators ("Story
    6/10 | Acting 9/10"), False for a rating inside a sentence.
    """
    before = label_start
    while before > floor and text[before - 1] in _ENTRY_BEFORE:
        before -= 1
    if before > floor and text[before - 1] not in "\n|•·;,":
        return False
    return _ENTRY_AFTER.match(text, end) is not None


def _make_rating(
    text: str,
    floor: int,
    start: int,
    end: int,
    score: float,
    scale: float,
    lexicon: AspectLexicon,
) -> Rating | None:
    if scale <= 0 or score < 0 or score > scale:
        return None
    label, label_start = _label_before(text, floor, start)
    if not _LETTER.search(label):
        label = ""  # "9-9,5 out of 10": a number, not a label
    key = normalize_label(label)
    aspect: str | None
    shown_label: str | None = label or None
    gap = text[label_start + len(label) : start]
    separator = gap.strip(" \t")[:1]
    # "Acting: 9/10", "Acting- 9/10"; a spaced dash or no separator at all is
    # also how a sentence runs on ("I loved it - 9/10"), so those need more.
    attached = separator in _LABEL_SEPARATORS and not (
        separator in _DASHES and gap[:1] in " \t"
    )
    words = len(key.split())
    if key in _OVERALL_LABELS:
        aspect = "overall"
    elif words <= 3 and attached:
        aspect = lexicon.aspect_of_label(label)
        if aspect is None and key.split()[-1] in _SCORE_WORDS:
            aspect = "overall"
    elif (
        words <= 3
        and separator in ("", *_DASHES)
        and _is_entry(text, floor, label_start, end)
        and (entry_aspect := lexicon.aspect_of_label(label, exact=True)) is not None
    ):
        # A short entry naming an aspect: "Acting - 9/10", "Story 6/10".
        aspect = entry_aspect
    else:
        # A rating inside a sentence ("I'd give it 8/10") is the overall one.
        aspect, shown_label = "overall", None
    return Rating(
        value=round(score / scale, 6),
        score=score,
        scale=scale,
        label=shown_label,
        aspect=aspect,
        text=text[start:end],
        start=start,
        end=end,
    )


def find_ratings(
    text: str,
    start: int,
    end: int,
    lexicon: AspectLexicon,
    *,
    rating_context: bool = False,
) -> Iterator[Rating]:
    """Yield the ratings written in ``text[start:end]``.

    Recognises ``7.5/10``, ``8 out of 10``, ``3 out of 5 stars``, ``4 stars``
    and star glyphs (``★★★☆☆``). Scales other than 10 need context (a rating
    word nearby, "stars", "out of", or a rating line) so that "episode 3/5" or
    "2/4 of the cast" are not read as scores.

    Args:
        text: The review text.
        start: Offset where the span to search starts.
        end: Offset where it ends.
        lexicon: Maps rating labels (``"Acting/Cast"``) to aspects.
        rating_context: Whether the span is known to be a rating line or to sit
            under a ratings heading.

    Yields:
        Ratings in text order.
    """
    # Each pattern runs only when the text holds what it needs: the regular
    # expressions are far slower than these substring tests.
    segment = text[start:end]
    lowered = segment.lower()
    fractions = "/" in segment or "out of" in lowered or "outta" in lowered
    has_glyphs = any(c in segment for c in _GLYPHS)
    star_words = "star" in lowered
    taken: list[tuple[int, int]] = []
    for match in _FRACTION.finditer(segment) if fractions else ():
        a, b = start + match.start(), start + match.end()
        if a > start and (text[a - 1].isalnum() or text[a - 1] in "/.,_"):
            continue  # part of a longer number, a date or a word
        before = text[max(start, a - 24) : a]
        if _NOT_A_RATING_BEFORE.search(before):
            continue
        raw = match.group("score")
        score = 0.5 if raw == "½" else float(raw.replace(",", "."))
        scale = float(match.group("scale"))
        has_context = (
            rating_context
            or scale == 10
            or match.group("stars") is not None
            or match.group("sep").lower() != "/"
            or _LABELLED.search(before) is not None
            or _ENDS_LINE.match(text, b, min(len(text), b + 8)) is not None
            or _RATING_CONTEXT.search(text[max(start, a - 48) : a]) is not None
        )
        if not has_context:
            continue
        rating = _make_rating(text, start, a, b, score, scale, lexicon)
        if rating is not None:
            taken.append((a, b))
            yield rating
    for match in _STAR_GLYPHS.finditer(segment) if has_glyphs else ():
        a, b = start + match.start(), start + match.end()
        glyphs = match.group()
        filled = sum(glyphs.count(c) for c in "★⭐") + 0.5 * glyphs.count("½")
        total = len(glyphs) - glyphs.count("½")
        scale = float(total) if total >= 4 and "☆" in glyphs else 5.0
        if filled == 0:
            continue
        rating = _make_rating(text, start, a, b, filled, max(scale, filled), lexicon)
        if rating is not None:
            yield rating
    for match in _STAR_WORDS.finditer(segment) if star_words else ():
        a, b = start + match.start(), start + match.end()
        if any(x <= a < y for x, y in taken):
            continue
        raw = match.group("score").lower()
        score = _NUMBER_WORDS.get(raw) or float(raw)
        if match.group("half"):
            score += 0.5
        rating = _make_rating(text, start, a, b, score, 5.0, lexicon)
        if rating is not None:
            yield rating


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_GLYPHS = "★☆✩✰⭐"


def is_rating_line(text: str, start: int, end: int, lexicon: AspectLexicon) -> bool:
    """Whether a short block is essentially a list of ratings.

    "Rating: 8/10" and "Story: 5/10 | Acting/Cast: 8/10 | Music: 9/10" are; "I'd
    give it a solid 8/10 because the acting carried it." is a sentence that
    contains a rating.
    """
    if end - start > 400:
        return False
    ratings = list(find_ratings(text, start, end, lexicon))
    if not ratings:
        return False
    rest = text[start:end]
    for rating in reversed(ratings):
        a, b = rating.start - start, rating.end - start
        rest = rest[:a] + " " + rest[b:]
    words = len(_WORD.findall(rest))
    return words <= 3 + 3 * len(ratings)


# -- spoilers --

# What kind of spoilers: "minor spoilers", "(light spoilers)", "ending spoilers"
_SPOILER_AMOUNT = (
    r"minor|mild|light|slight|small|heavy|major|massive|huge|full|serious|"
    r"plot|ending|finale"
)
_SPOILER_YES = re.compile(
    r"\bspoilers?\s+(?:ahead|below|follow|warning|alert|inside|included|galore|"
    r"throughout|incoming|abound|for)\b"
    r"|\bspoiler\s+(?:warning|alert)"
    r"|\b(?:contains?|containing|will\s+contain|may\s+contain|there\s+(?:will|may)\s+be|"
    r"beware(?:\s+of)?|with|includes?|has|have|discuss(?:es|ing)?)\s+(?:\w+\s+){0,2}"
    r"spoilers?\b"
    rf"|\b(?:{_SPOILER_AMOUNT})\s+spoilers\b"
    r"|[(\[]\s*spoilers?\s*[)\]]"
    r"|\bspoilers?\s*!",
    re.IGNORECASE,
)
# Read before the word "spoiler" itself, so that a negation inside a warning
# phrase counts too ("contains no spoilers", "discuss it without spoilers").
_SPOILER_NEGATED = re.compile(
    r"(?:\bno|\bany|\bwithout|\bfree\s+of|\bzero|\bnot|n't|\bavoid\w*)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_SPOIL = re.compile("spoil", re.IGNORECASE)
_SPOILER_NO = re.compile(
    r"\bspoiler[-\s]?free\b|\bno\s+(?:major\s+|big\s+|real\s+)?spoilers\b|"
    r"\bwithout\s+(?:any\s+)?spoil(?:ers|ing)\b|\bnon[-\s]?spoiler(?:y)?\b|"
    r"\bspoilerless\b",
    re.IGNORECASE,
)


def find_spoilers(text: str) -> bool | None:
    """Say whether a review warns of spoilers.

    Args:
        text: The review text.

    Returns:
        True for a warning ("MAJOR SPOILERS ahead", "spoiler warning", "minor
        spoilers for the finale", "this review has spoilers"), False for a
        promise ("spoiler-free", "no spoilers", "contains no spoilers"), None
        when the review says neither. A warning wins over a promise: a review
        that is "spoiler-free until the last section" has spoilers.
    """
    lowered = text.lower()
    if "spoil" not in lowered:
        return None  # every pattern below needs the word; most reviews lack it
    promised = False
    for match in _SPOILER_YES.finditer(text):
        word = _SPOIL.search(text, match.start(), match.end())
        at = match.start() if word is None else word.start()
        if not _SPOILER_NEGATED.search(text, max(0, at - 24), at):
            return True
        promised = True  # a negated warning: "does not contain any spoilers"
    if promised or _SPOILER_NO.search(text):
        return False
    return None


# -- sign-offs --

_VALEDICTION = re.compile(
    r"^(?:sincerely|yours(?:\s+truly)?|cheers|best(?:\s+wishes)?,|regards|warmly|"
    r"warm\s+regards|xoxo|xo+x*|xx+|ciao|adios|bye(?:\s+for\s+now)?|"
    r"(?:with\s+|lots\s+of\s+|all\s+my\s+|much\s+)?love(?:\s*,|\s+always|\s*$)|"
    r"peace(?:\s+out)?[!.,]*\s*$|take\s+care|happy\s+(?:watching|viewing|streaming)|"
    r"until\s+next\s+time|till\s+next\s+time|'?til\s+next\s+time|"
    r"see\s+(?:you|ya|y'all)\b|catch\s+(?:you|ya)\b|talk\s+(?:to\s+you\s+)?soon|"
    r"signing\s+off|over\s+and\s+out|stay\s+tuned|"
    r"thanks?(?:\s+you)?(?:\s+so\s+much)?\s+for\s+(?:reading|stopping\s+by|visiting)|"
    r"thank\s+you(?:\s+so\s+much)?\s+for\s+(?:reading|stopping\s+by|visiting))",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(
    r"^(?:[-–—~]+\s*)?[A-Z][\w.'’-]{0,30}(?:\s+[A-Z][\w.'’-]{0,30})?[!.]?$"
)


def is_signoff_line(line: str, *, after_valediction: bool = False) -> bool:
    """Whether a short line belongs to a sign-off ("Sincerely, Annie").

    Args:
        line: The line's text.
        after_valediction: Whether a valediction line precedes it, so that a bare
            name ("Annie", "— Theo") counts too.

    Returns:
        True when the line is a valediction, or a name line after one.
    """
    stripped = line.strip()
    if not stripped or len(stripped.split()) > 14:
        return False
    if _VALEDICTION.match(stripped.lstrip("-–—~ ")):
        return True
    return bool(after_valediction or stripped[:1] in "-–—~") and bool(
        _NAME_LINE.match(stripped)
    )


def is_valediction(line: str) -> bool:
    """Whether a line opens with a valediction ("Sincerely", "See you soon")."""
    return _VALEDICTION.match(line.strip().lstrip("-–—~ ")) is not None


# -- titles --

_QUOTED = re.compile(r"[‘“\"'«「『](?P<show>[^‘’“”\"«»「」『』\n]{2,120}?)[’”\"'»」』]")
_PREFIX = re.compile(
    r"^(?:(?:\w+\s+){0,2}(?:drama|film|movie|series|tv|show|k-?drama|c-?drama|j-?drama|"
    r"mini|quick|short|spoiler[-\s]?free|spoilery|full)\s+)?"
    r"(?:review|reviews|recap|thoughts|first\s+impressions|final\s+thoughts|notes|"
    r"impressions|verdict|musings|ramblings)"
    r"(?:\s+(?:of|on|for|about))?\s*[:\-–—|]?\s+(?P<show>.+)$",
    re.IGNORECASE,
)
# A hyphen separates only with a space beside it: "Show - review", not the
# "-free" of "Spoiler-free review" or the "-4" of "Episodes 1-4 thoughts".
_REVIEW_WORDS = (
    r"(?:review|recap|thoughts|first\s+impressions|impressions|verdict)\b.*$"
)
_SUFFIX = re.compile(
    r"^(?P<show>.+?)(?:\s*[:–—|,]|\s+-|\s*-(?=\s))\s*(?:an?\s+|the\s+|my\s+)?"
    r"(?:[\w-]+\s+){0,2}" + _REVIEW_WORDS,
    re.IGNORECASE,
)
# "Show Review" with no separator: tried after `_SUFFIX`, so that a separator
# wins in "Iron Verdict (2023) – Film Review" (the show is not "Iron").
_SPACED_SUFFIX = re.compile(r"^(?P<show>.+?)\s+" + _REVIEW_WORDS, re.IGNORECASE)
# "The Good, the Bad and the Ugly: Show" names the show after a stock phrase.
_STOCK_PREFIX = re.compile(
    r"^the\s+good,?\s+(?:and\s+)?the\s+bad(?:,?\s+(?:and\s+)?the\s+ugly)?"
    r"(?:\s*[:–—|]|\s+-)\s*(?P<show>.+)$",
    re.IGNORECASE,
)
# "Show: a near-perfect mystery", "Show – my new comfort drama": a tagline after
# a separator starts in lower case.
_TAGLINE = re.compile(r"^(?P<show>[^:–—|]{2,80}?)\s*(?::|\s[–—|-])\s+(?=[a-z])")
_TRAILING_PARENS = re.compile(r"\s*[(\[][^()\[\]]{0,40}[)\]]\s*$")
_TRAILING_SEASON = re.compile(
    r"\s*[,:–—-]\s*(?:season|series|part)\s+(?:\d+|one|two|three|four|five)\s*$"
    # "Show Episode 1-4", "Show, eps 1–6": episodes are never part of the name.
    r"|\s*[,:–—-]?\s*(?:episodes?|eps?\.?)\s*\d+(?:\s*[-–—]\s*\d+)?\s*$",
    re.IGNORECASE,
)
# Words that say what kind of text a title heads, not which show it is about:
# "My thoughts", "(Spoiler-free review)" name no show.
_GENERIC_TITLE_WORDS = frozenset(
    {
        "my", "our", "a", "an", "the", "some", "quick", "short", "mini", "full",
        "honest", "final", "first", "last", "random", "brief", "spoiler", "spoilers",
        "free", "spoilery", "non", "light", "drama", "dramas", "film", "movie",
        "series", "show", "tv", "kdrama", "k", "review", "reviews", "thoughts",
        "impressions", "recap", "notes", "verdict", "musings", "ramblings", "rant",
    }
)  # fmt: skip
_WORD_BREAKS = re.compile(r"[\s-]+")


def _clean_show(show: str) -> str:
    value = show.strip()
    while True:
        cleaned = _TRAILING_SEASON.sub("", _TRAILING_PARENS.sub("", value))
        if cleaned == value:
            break
        value = cleaned
    return value.strip(" \t-–—:|,.!*_#\"'‘’“”")


def _names_a_show(show: str) -> bool:
    words = _WORD_BREAKS.split(show.lower().strip("()[] "))
    return not all(w in _GENERIC_TITLE_WORDS for w in words)


def show_from_title(title: str) -> tuple[str | None, bool]:
    """Extract the show's name from a review title.

    Handles "International Dramas: ‘Soundtrack #1’", "Review: X", "X (2025) — a
    review", "X – drama review", ``Notes on "X"``, "Quick thoughts: X (8 eps)",
    "X Episode 1-4 thoughts", "The Good, the Bad and the Ugly: X" and "X: a
    tagline"; any other title is taken as the name itself. A title made only of
    words such as "my", "quick", "spoiler-free", "review" names no show.

    Args:
        title: The title line.

    Returns:
        The show's name (None when the title is empty or names no show), and
        whether a title pattern matched (False when the whole title was taken
        as the name).

    Examples:
        >>> show_from_title("Quick thoughts: Harbour Lights (8 eps)")
        ('Harbour Lights', True)
    """
    text = " ".join(title.split()).strip("*_# ")
    if not text:
        return None, False
    if (quoted := _QUOTED.search(text)) is not None:
        return _clean_show(quoted.group("show")) or None, True
    if text[:1] + text[-1:] in ("()", "[]"):
        text = text[1:-1].strip()  # "(Spoiler-free review)": a note in brackets
    for pattern in (_STOCK_PREFIX, _PREFIX, _SUFFIX, _SPACED_SUFFIX, _TAGLINE):
        if (match := pattern.match(text)) is not None:
            show = _clean_show(match.group("show"))
            if show and _names_a_show(show):
                return show, True
    show = _clean_show(text)
    return (show if show and _names_a_show(show) else None), False

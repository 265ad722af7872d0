"""Verdicts: does the reviewer recommend the show?

Sentences are matched against recommendation cues. Each cue has a direction
(recommend, not recommend, mixed) and a weight; a negation shortly before a cue
flips it ("I can't say that this is a recommended watch"), and a condition
("if you want to watch this, go ahead") halves it. The verdict is the side with
clearly more weight; comparable weight on both sides, or an explicit "watch it,
but lower your expectations", is ``mixed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reviewkit._types import Sentence, VerdictEvidence, VerdictLabel

__all__ = ["find_verdict", "rating_leaning", "rewatch_statements"]

_NEGATION = re.compile(
    r"\b(?:not|never|no|can'?t|cannot|couldn'?t|wouldn'?t|won'?t|don'?t|doesn'?t|"
    r"didn'?t|isn'?t|wasn'?t|hardly|neither|nor)\b[^.!?;,]{0,40}$",  # ends at a comma
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:if|unless|as long as|provided)\b[^.!?]{0,60}$|\bonly\s+(?:if|for|when)\b",
    re.IGNORECASE,
)
_AFTER_CONDITION = re.compile(r"\s+(?:if|unless|only\s+if|when)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\brecommend\s+it\?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Cue:
    pattern: re.Pattern[str]
    verdict: VerdictLabel
    weight: float
    negatable: bool
    triggers: tuple[str, ...]
    #: The same pattern, case-sensitive, for lower-cased ASCII text: it finds
    #: the same matches as ``pattern`` on the original and runs faster.
    folded: re.Pattern[str]


def _cue(
    pattern: str,
    verdict: VerdictLabel,
    weight: float,
    negatable: bool = True,
    *,
    triggers: tuple[str, ...],
) -> _Cue:
    """A cue, tried only on sentences holding one of its trigger substrings."""
    return _Cue(
        re.compile(pattern, re.IGNORECASE),
        verdict,
        weight,
        negatable,
        triggers,
        re.compile(pattern),
    )


# fmt: off
_CUES: tuple[_Cue, ...] = (
    # Explicit mixed advice: "watch it, but lower your expectations".
    _cue(
        r"\b(?:lower|temper|manage|adjust|keep|set)\s+(?:your\s+)?expectations\b",
        "mixed",
        3.0,
        negatable=False,
        triggers=("expectations",),
    ),
    _cue(
        r"\b(?:cautiously|tentatively|half-heartedly)\s+recommend|"
        r"\brecommend(?:ed)?\s+(?:it\s+)?with\s+(?:reservations|caveats)|"
        r"\bnot\s+for\s+everyone\b|\byour\s+mileage\s+may\s+vary\b",
        "mixed",
        2.0,
        negatable=False,
        triggers=("recommend", "everyone", "mileage"),
    ),
    # Questions answered in the same sentence or the next.
    _cue(
        r"\bwould\s+i\s+recommend\s+it\?\s*(?:absolutely|yes|definitely|of\s+course|"
        r"100%|without\s+(?:a\s+)?(?:doubt|hesitation))",
        "recommend",
        3.0,
        negatable=False,
        triggers=("recommend it?",),
    ),
    _cue(
        r"\bwould\s+i\s+recommend\s+it\?\s*(?:no|nope|not\s+really|probably\s+not)\b",
        "not_recommend",
        3.0,
        negatable=False,
        triggers=("recommend it?",),
    ),
    _cue(
        r"\bdo\s+i\s+recommend\s+it\?\s*(?:[^.!?]{0,40}\b)?(?:yes|absolutely|definitely)",
        "recommend",
        3.0,
        negatable=False,
        triggers=("recommend it?",),
    ),
    _cue(
        r"\bdo\s+i\s+recommend\s+it\?\s*(?:no|nope)\b",
        "not_recommend",
        3.0,
        negatable=False,
        triggers=("recommend it?",),
    ),
    # Recommendation verbs.
    _cue(
        r"\b(?:highly|strongly|definitely|wholeheartedly)\s+recommend",
        "recommend",
        2.5,
        triggers=("recommend",),
    ),
    _cue(
        r"\brecommend(?:ed|s|ing|ation)?\b(?!\s+it\?)",
        "recommend",
        2.0,
        triggers=("recommend",),
    ),
    _cue(
        r"\b(?:must[-\s]watch|must[-\s]see|essential\s+viewing)\b",
        "recommend",
        2.0,
        triggers=("must", "essential"),
    ),
    _cue(
        r"\bworth\s+(?:watching|a\s+watch|the\s+watch|your\s+time|the\s+time|seeing|it)\b",
        "recommend",
        1.5,
        triggers=("worth",),
    ),
    _cue(
        r"\b(?:give\s+it\s+a\s+(?:watch|try|go|shot|chance)|go\s+(?:ahead\s+and\s+)?"
        r"(?:watch|see)\s+it|don'?t\s+miss\s+(?:it|this)|add\s+it\s+to\s+your\s+"
        r"(?:list|watchlist)|you\s+(?:should|need\s+to|have\s+to|must)\s+watch)\b",
        "recommend",
        1.5,
        triggers=("give it", "watch", "see it", "miss", "add it"),
    ),
    _cue(
        r"(?:^|[.!?]\s*)(?:so\s+)?watch\s+it\b",
        "recommend",
        1.0,
        triggers=("watch it",),
    ),
    _cue(
        r"\b(?:go|watch\s+it|see\s+it|try\s+it)\s+if\s+you\s+"
        r"(?:love|like|enjoy|want|need|have|are)",
        "recommend",
        1.0,
        triggers=(" if you",),
    ),
    _cue(
        r"\b(?:glad|happy)\s+i\s+(?:watched|saw|finished)\s+it\b",
        "recommend",
        1.0,
        triggers=("glad", "happy"),
    ),
    _cue(r"\b(?:push|force)\s+it\s+on\b", "recommend", 1.5, triggers=("it on",)),
    _cue(
        r"\b(?:start|binge|queue\s+up|put\s+on)\s+it\s+(?:tonight|now|today|asap)\b",
        "recommend",
        1.5,
        triggers=("tonight", " now", "today", "asap"),
    ),
    _cue(
        r"\b(?:first\s+in\s+line\s+for|can'?t\s+wait\s+for|bring\s+on)\s+"
        r"(?:season|series|part)\s+(?:two|2|three|3)\b",
        "recommend",
        1.0,
        triggers=("season", "series", "part"),
    ),
    # Warnings off.
    _cue(
        r"\b(?:skip\s+(?:it|this)|not\s+worth\s+(?:it|watching|your\s+time|the\s+time)|"
        r"waste\s+of\s+(?:time|my\s+time|your\s+time)|avoid\s+(?:it|this)|"
        r"don'?t\s+bother|steer\s+clear|pass\s+on\s+(?:it|this))\b",
        "not_recommend",
        2.0,
        negatable=False,
        triggers=("skip", "worth", "waste", "avoid", "bother", "steer", "pass on"),
    ),
    # Rewatching (also evidence for the "rewatch" aspect, see rewatch_statements).
    _cue(
        r"\b(?:wouldn'?t|won'?t|will\s+not|would\s+not|couldn'?t|never|don'?t\s+think\s+"
        r"i'?(?:ll|d)|can'?t\s+see\s+myself|not)\s+(?:be\s+)?"
        r"(?:going\s+back\s+for\s+a\s+rewatch|"
        r"re-?watch(?:ing)?|watch(?:ing)?\s+(?:it|this(?:\s+one)?)\s+again|"
        r"sit\s+through\s+(?:it|them)\s+(?:again|twice))",
        "not_recommend",
        1.0,
        negatable=False,
        triggers=("watch", "sit through"),
    ),
    _cue(
        r"\b(?:i'?ll|i\s+will|i'?d|i\s+would|can'?t\s+wait\s+to|will\s+definitely)\s+"
        r"(?:happily\s+|gladly\s+|definitely\s+)?(?:re-?watch|watch\s+(?:it|this)\s+again)|"
        r"\b(?:already\s+)?(?:started|watching|watched)\s+it\s+(?:again|twice)\b",
        "recommend",
        1.0,
        negatable=False,
        triggers=("watch", "again", "twice"),
    ),
)
# fmt: on
_TRIGGERS = tuple(sorted({t for cue in _CUES for t in cue.triggers}))
_RATING_WEIGHT = 1.0


def rating_leaning(rating: float) -> VerdictLabel:
    """What a rating says on its own: 7/10 and up recommends, 4.5/10 and down not."""
    if rating >= 0.7:
        return "recommend"
    if rating <= 0.45:
        return "not_recommend"
    return "mixed"


_FLIP: dict[VerdictLabel, VerdictLabel] = {
    "recommend": "not_recommend",
    "not_recommend": "recommend",
    "mixed": "mixed",
}


def _straight_apostrophes(text: str) -> str:
    """The text with curly apostrophes made straight (same length)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _sentence_cues(text: str) -> list[tuple[VerdictLabel, str, float]]:
    lowered = _straight_apostrophes(text)
    # A cue's regular expression runs only when one of its trigger substrings
    # is present; a few dozen substring tests (in C) cost less than one regex
    # scan, and most sentences hold no trigger at all.
    folded = lowered.lower()
    if not any(map(folded.__contains__, _TRIGGERS)):
        return []
    present = {trigger for trigger in _TRIGGERS if trigger in folded}
    # Lower-casing ASCII keeps every offset, and the patterns are lower case:
    # matching them case-sensitively on ``folded`` finds what IGNORECASE finds
    # on ``lowered``. Other text keeps the IGNORECASE patterns.
    plain = lowered.isascii()
    found: list[tuple[VerdictLabel, str, float]] = []
    taken: list[tuple[int, int]] = []
    for cue in _CUES:
        if present.isdisjoint(cue.triggers):
            continue
        matches = (
            cue.folded.finditer(folded) if plain else cue.pattern.finditer(lowered)
        )
        for match in matches:
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            verdict, weight = cue.verdict, cue.weight
            prefix = lowered[max(0, match.start() - 60) : match.start()]
            if cue.negatable and _NEGATION.search(prefix):
                verdict = _FLIP[verdict]
            if _CONDITION.search(prefix) or _AFTER_CONDITION.match(
                lowered, match.end()
            ):
                weight /= 2
            taken.append((match.start(), match.end()))
            found.append((verdict, text[match.start() : match.end()], weight))
    directions = {verdict for verdict, _, _ in found}
    if {"recommend", "not_recommend"} <= directions:
        # "Go if you love pretty things; skip it if you need a plot."
        cues = " / ".join(cue for _, cue, _ in found)
        return [("mixed", cues, sum(weight for _, _, weight in found))]
    return found


def find_verdict(
    sentences: Iterable[Sentence],
    review_text: str,
    *,
    rating: float | None = None,
    verdict_sections: frozenset[int] = frozenset(),
) -> tuple[VerdictLabel | None, tuple[VerdictEvidence, ...]]:
    """Decide whether a review recommends the show, with the evidence.

    Args:
        sentences: The review's opinion sentences (synopsis and sign-off
            sentences should be left out).
        review_text: The review's text, which the sentences' offsets index.
        rating: The overall rating (0..1); it weighs in beside the sentences but
            never decides alone.
        verdict_sections: Indices of sections under a verdict heading ("TL;DR",
            "Bottom line"). Without any recommendation cue, the tone of those
            sections (with the rating) decides.

    Returns:
        The verdict (``recommend``, ``not_recommend``, ``mixed``, or None when
        the review does not say) and the sentences that say it.
    """
    evidence: list[VerdictEvidence] = []
    listed = list(sentences)
    skip = False
    for index, sentence in enumerate(listed):
        if skip:
            skip = False
            continue
        text, start, end = sentence.text, sentence.start, sentence.end
        # "Would I recommend it? Absolutely." is two sentences; read them as one.
        if "?" in text and _QUESTION.search(text) and index + 1 < len(listed):
            answer = listed[index + 1]
            text = f"{text} {answer.text}"
            end = answer.end
            skip = True
        for verdict, cue, weight in _sentence_cues(text):
            evidence.append(
                VerdictEvidence(
                    verdict=verdict,
                    cue=cue,
                    text=review_text[start:end],
                    start=start,
                    end=end,
                    weight=weight,
                )
            )
    if not evidence:
        return _from_verdict_sections(listed, review_text, rating, verdict_sections)
    totals = {"recommend": 0.0, "not_recommend": 0.0, "mixed": 0.0}
    for item in evidence:
        totals[item.verdict] += item.weight
    if rating is not None:
        # The reviewer's score weighs in beside what they wrote.
        totals[rating_leaning(rating)] += _RATING_WEIGHT
    ranked = sorted(evidence, key=lambda e: -e.weight)
    positive, negative, mixed = (
        totals["recommend"],
        totals["not_recommend"],
        totals["mixed"],
    )
    decided: VerdictLabel
    if mixed >= max(positive, negative) or (
        positive
        and negative
        and min(positive, negative) / max(positive, negative) > 0.6
    ):
        decided = "mixed"
    else:
        decided = "recommend" if positive > negative else "not_recommend"
    supporting = [e for e in ranked if e.verdict == decided] or ranked
    return decided, _dedupe(supporting)


def _dedupe(evidence: Sequence[VerdictEvidence]) -> tuple[VerdictEvidence, ...]:
    seen: set[int] = set()
    out = []
    for item in evidence:
        if item.start not in seen:
            seen.add(item.start)
            out.append(item)
    return tuple(out)


def _from_verdict_sections(
    sentences: Sequence[Sentence],
    review_text: str,
    rating: float | None,
    verdict_sections: frozenset[int],
) -> tuple[VerdictLabel | None, tuple[VerdictEvidence, ...]]:
    """A verdict section that gives no explicit advice still has a tone."""
    closing = [s for s in sentences if s.section_index in verdict_sections]
    if not closing:
        return None, ()  # the review does not say; a rating alone is not advice
    tone = sum(s.sentiment.compound for s in closing) / len(closing)
    if rating is not None:
        tone = (tone + (2 * rating - 1)) / 2
    verdict: VerdictLabel = (
        "recommend" if tone >= 0.25 else "not_recommend" if tone <= -0.25 else "mixed"
    )
    return verdict, tuple(
        VerdictEvidence(
            verdict=verdict,
            cue="tone of the verdict section",
            text=review_text[s.start : s.end],
            start=s.start,
            end=s.end,
            weight=abs(s.sentiment.compound),
        )
        for s in closing
    )


_REWATCH_CUES = tuple(
    c for c in _CUES if "watch" in c.pattern.pattern and "again" in c.pattern.pattern
)


def rewatch_statements(
    sentences: Iterable[Sentence],
) -> list[tuple[VerdictLabel, Sentence]]:
    """Sentences that say whether the reviewer would watch the show again.

    Args:
        sentences: Opinion sentences.

    Returns:
        ``(direction, sentence)`` pairs: ``recommend`` for "I'll rewatch it",
        ``not_recommend`` for "I won't be going back for a rewatch".
    """
    found = []
    for sentence in sentences:
        lowered = _straight_apostrophes(sentence.text)
        if "watch" not in lowered.lower():
            continue
        for cue in _REWATCH_CUES:
            if cue.pattern.search(lowered):
                found.append((cue.verdict, sentence))
                break
    return found

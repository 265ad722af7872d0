"""Verdicts: does the reviewer recommend the show?

Sentences are matched against recommendation cues. Each cue has a direction
(recommend, not recommend, mixed) and a weight; a negation shortly before a cue
flips it ("I can't say that this is a recommended watch"), unless punctuation or
a contrast word ("but", "still") comes between them, and a condition ("if you
want to watch this, go ahead") halves it. A question and its answer are read as
one sentence ("Is it worth watching? No."). The verdict is the side with
clearly more weight; comparable weight on both sides, or an explicit "watch it,
but lower your expectations", is ``mixed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from reviewkit._sentiment import straight_quotes
from reviewkit._types import Sentence, VerdictEvidence, VerdictLabel

__all__ = ["find_verdict", "rating_leaning", "rewatch_statements"]

# A negation (or a doubt) reaches a cue up to 40 characters on, but not past
# punctuation, a parenthesis or dash, or a contrast word: "It's not perfect but
# I'd still recommend it", "no gore, no nudity -- skip it".
_REACH = (
    r"(?:(?!\b(?:but|though|although|yet|however|still|so|then)\b|\s-\s|--)"
    r"[^.!?;,:()\u2013\u2014]){0,40}$"
)
_NEGATION = re.compile(
    # Not negations: "no doubt", "not only", "nothing short of", "nothing else
    # to do", "if not".
    r"\b(?:(?<!\bif\s)(?<!\bor\s)not(?!\s+only\b)|never|"
    r"no(?!\s+(?:doubt|wonder|matter|question)\b)|"
    r"nothing(?!\s+(?:short|less|but|else|better|more)\b)|nobody|none|can'?t|cannot|"
    r"couldn'?t|wouldn'?t|won'?t|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|hardly|"
    r"neither|nor)\b"
    # "I can't yet recommend it": a contrast word right after it is no contrast.
    r"(?:\s+(?:yet|still|so)\b)?" + _REACH,
    re.IGNORECASE,
)
# Doubt, not refusal: "I'm not sure I'd recommend it", "I don't know if I
# would recommend it" make the cue mixed instead of flipping it.
_HEDGE = re.compile(
    r"\b(?:not\s+(?:sure|certain)|unsure|uncertain|(?:don'?t|do\s+not)\s+know)"
    r"\s+(?:if|whether|that|i\b|i'[dm]\b)" + _REACH,
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:if|unless|as long as|provided)\b[^.!?]{0,60}$|\bonly\s+(?:if|for|when)\b",
    re.IGNORECASE,
)
_AFTER_CONDITION = re.compile(r"\s+(?:if|unless|only\s+if|when)\b", re.IGNORECASE)

# What a show can be "worth": "worth watching", "worth the hype", "worth every
# minute" ("not worth it" is this cue negated).
_WORTH_WHAT = (
    r"(?:watching|a\s+watch|the\s+watch|your\s+time|the\s+time|seeing|it|the\s+hype|"
    r"every\s+(?:minute|second|penny|episode))"
)
# The show as the object of advice ("skip it", "skip this one"), but not a part
# of it ("skip this episode").
_THE_SHOW = (
    r"(?:it|this(?:\s+(?:one|show|drama|series|film|movie))?|"
    r"the\s+(?:show|drama|series|film|movie))\b"
    r"(?!\s+(?:episode|part|scene|season|bit|section|chapter|arc|subplot)s?\b)"
)
# Questions that a "yes" or "no" in the next sentence answers.
_ASKS_TO_RECOMMEND = (
    r"\b(?:(?:would|do|should|can|could)\s+i\s+recommend\s+it|"
    r"(?:is|was)\s+it\s+(?:really\s+)?worth\s+" + _WORTH_WHAT + r"|"
    r"should\s+you\s+(?:watch|see)\s+it)\?\s*"
)
_ASKS_TO_REWATCH = (
    r"\b(?:would|will)\s+i\s+(?:ever\s+)?(?:re-?watch\s+it|watch\s+it\s+again)\?\s*"
)
# A few words may come before the answer ("Do I recommend it? If you like
# gore, yes."), but not another answer ("Yes and no.").
_BEFORE_ANSWER = r"(?:(?:(?!\b(?:yes|yeah|yep|no|nope)\b)[^.!?]){0,40}?\b)?"
_YES = (
    r"(?:absolutely|yes|yeah|yep|definitely|of\s+course|100%|without\s+(?:a\s+)?"
    r"(?:doubt|hesitation))(?!\w)(?!\s+(?:not|and\s+no)\b)"
)
_NO = (
    r"(?:no|nope|nah|not\s+really|probably\s+not|not\s+at\s+all|absolutely\s+not|"
    r"definitely\s+not|hell\s+no)\b"
)
_QUESTION = re.compile(
    rf"(?:{_ASKS_TO_RECOMMEND}|{_ASKS_TO_REWATCH})$",
    re.IGNORECASE,
)
# Regret, with the reviewer or the reader as the one who regrets.
_REGRETTER = (
    r"\b(?:i|you)(?:'ll|'d|'re\s+going\s+to|\s+will|\s+would|\s+may|\s+might|"
    r"\s+(?:are|am)\s+going\s+to)?"
)
_REGRETTED = (
    r"(?:(?:ever\s+)?(?:watching|seeing|starting|giving\s+it)|it|this|"
    r"every\s+(?:minute|second))\b(?![^.!?]*\?)"  # "Do you regret it?" asks
)


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
    #: Whether the cue says if the reviewer would watch the show again.
    rewatch: bool


def _cue(
    pattern: str,
    verdict: VerdictLabel,
    weight: float,
    negatable: bool = True,
    *,
    triggers: tuple[str, ...],
    rewatch: bool = False,
) -> _Cue:
    """A cue, tried only on sentences holding one of its trigger substrings."""
    return _Cue(
        re.compile(pattern, re.IGNORECASE),
        verdict,
        weight,
        negatable,
        triggers,
        re.compile(pattern),
        rewatch,
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
    # "It's only for die-hard fans", "I'd only recommend it to die-hard fans"
    # (but "not only for fans").
    _cue(
        r"(?<!not\s)\b(?:only\s+(?:for|recommend(?:ed)?\s+(?:(?:it|this)\s+)?"
        r"(?:to|for))|recommend(?:ed)?\s+(?:(?:it|this)\s+)?only\s+(?:to|for))\s+"
        r"(?:the\s+)?"
        r"(?:(?:die-?\s?hard|hardcore|devoted|loyal|true|big|huge)\s+)?fans\b|"
        r"\bfor\s+(?:die-?\s?hard|hardcore)\s+fans\s+only\b",
        "mixed",
        2.0,
        negatable=False,
        triggers=("fans",),
    ),
    # Questions answered in the same sentence or the next.
    _cue(
        _ASKS_TO_RECOMMEND + _BEFORE_ANSWER + _YES,
        "recommend",
        3.0,
        negatable=False,
        triggers=("recommend it?", "worth", "watch it?", "see it?"),
    ),
    _cue(
        _ASKS_TO_RECOMMEND + _BEFORE_ANSWER + _NO,
        "not_recommend",
        3.0,
        negatable=False,
        triggers=("recommend it?", "worth", "watch it?", "see it?"),
    ),
    _cue(
        _ASKS_TO_REWATCH + _BEFORE_ANSWER + _YES,
        "recommend",
        1.0,
        negatable=False,
        triggers=("watch it",),
        rewatch=True,
    ),
    _cue(
        _ASKS_TO_REWATCH + _BEFORE_ANSWER + _NO,
        "not_recommend",
        0.75,
        negatable=False,
        triggers=("watch it",),
        rewatch=True,
    ),
    # "I can't recommend it enough" praises: the negation is part of the cue.
    # Up to four words name the show, but "to people without enough time" does
    # not; "I can't recommend it any more" may mean "no longer".
    _cue(
        r"\b(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not)\s+(?:\w+\s+)?recommend\s+"
        r"(?:(?!(?:to|with|without|who|that|for|if|unless|because)\b)[\w'-]+\s+){0,4}?"
        r"(?:highly\s+enough|enough|more\s+highly|any\s+more\s+highly|any\s+higher|"
        r"(?<!any\s)more)\b(?!\s+than\b)",
        "recommend",
        3.0,
        negatable=False,
        triggers=("recommend",),
    ),
    # Recommending to stay away: "I would recommend skipping this one".
    _cue(
        r"\b(?:recommend(?:ed|s)?|suggest(?:ed|s)?|advise[sd]?)\s+(?:that\s+)?"
        r"(?:(?:you|people|everyone|viewers)\s+)?(?:to\s+)?"
        r"(?:(?:skip(?:ping)?|avoid(?:ing)?|pass(?:ing)?\s+on|"
        r"stay(?:ing)?\s+away\s+from|steer(?:ing)?\s+clear\s+of)\s+" + _THE_SHOW + r"|"
        r"giv(?:e|ing)\s+(?:it|this(?:\s+one)?)\s+a\s+miss\b)",
        "not_recommend",
        2.5,
        triggers=("recommend", "suggest", "advise"),
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
    # "Is it worth watching?" asks; the answer, if any, says (see above).
    _cue(
        r"\bworth\s+" + _WORTH_WHAT + r"\b(?!\s*\?)",
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
    # "Do yourself a favour and watch this" ("... and skip it", "... and rent
    # the original" are no recommendation).
    _cue(
        r"\bdo\s+yourself\s+a\s+favou?r\b[\s,:;-]*(?:and\s+)?"
        r"(?:go\s+(?:and\s+)?|just\s+)?"
        r"(?:(?:watch|see|rent|buy|get|seek\s+out|track\s+down|pick\s+up|"
        r"check\s+out)\s+"
        r"(?:it|this|the\s+(?:show|drama|series|film|movie))\b(?!\s+instead\b)|"
        r"check\s+(?:it|this(?:\s+\w+)?)\s+out\b)",
        "recommend",
        1.5,
        negatable=False,
        triggers=("yourself a favo",),
    ),
    _cue(
        # "You won't regret watching it", "I regret not watching it sooner",
        # "you'll regret it if you skip it".
        _REGRETTER
        + r"\s+(?:won'?t|will\s+not|wouldn'?t|would\s+not|don'?t|do\s+not|didn'?t|"
        r"did\s+not|never|not)\s+(?:\w+\s+)?regret(?:ted)?\s+"
        + _REGRETTED
        + r"|"
        + _REGRETTER
        + r"\s+(?:\w+\s+)?regret(?:ted)?\s+not\s+(?:watching|seeing|starting)\s+"
        r"(?:it|this)\b|"
        + _REGRETTER
        + r"\s+regret\s+it\s+if\s+you\s+(?:don'?t|do\s+not|skip|miss|pass)\b",
        "recommend",
        1.5,
        negatable=False,
        triggers=("regret",),
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
    # The hype: "it fails to live up to the hype" (before the cue it contains),
    # "it lives up to the hype", "it doesn't live up to the hype".
    _cue(
        r"\bfail(?:s|ed|ing)?\s+to\s+live\s+up\s+to\s+"
        r"(?:the|all\s+the|its|all\s+its)\s+hype\b",
        "not_recommend",
        1.0,
        negatable=False,
        triggers=("hype",),
    ),
    _cue(
        # ("I expected it to live up to the hype" is no verdict.)
        r"(?<!\bto\s)\b(?:live[sd]?|living)\s+up\s+to\s+(?:the|all\s+the|its|all\s+its)"
        r"\s+hype\b",
        "recommend",
        1.0,
        triggers=("hype",),
    ),
    # Warnings off. Negated they recommend, weakly: "I wouldn't skip it". Not
    # advice: "if you skip it", "you can't avoid it".
    _cue(
        r"\b(?<!\bif\syou\s)(?:skip\s+" + _THE_SHOW + r"|"
        r"(?<!can't\s)(?<!cant\s)(?<!cannot\s)avoid\s+(?:it|this)|steer\s+clear|"
        r"pass\s+on\s+(?:it|this)|give\s+(?:it|this(?:\s+one)?)\s+a\s+miss)\b",
        "not_recommend",
        2.0,
        triggers=("skip", "avoid", "steer", "pass on", "a miss"),
    ),
    # "It wasn't a (complete) waste of time" is faint praise; but "I sat through
    # this waste of time" is no praise, so only these phrasings flip the cue.
    _cue(
        r"(?:n't|\b(?:isnt|wasnt|wont|dont|didnt|doesnt|not|never|hardly|"
        r"by\s+no\s+means))"
        r"\s+(?:be\s+|been\s+|think\s+(?:it|this)(?:'s|\s+is|\s+was)\s+)?"
        r"(?:(?:a|an|really|entirely|completely|quite|totally|all|that|such|too|"
        r"much|of)\s+)*(?:[\w%-]+\s+)?waste\s+of\s+(?:time|my\s+time|your\s+time)\b",
        "recommend",
        0.75,
        negatable=False,
        triggers=("waste",),
    ),
    # Warnings that hold their own negation, or (a waste of time) whose
    # negations the cue above reads.
    _cue(
        r"\b(?:waste\s+of\s+(?:time|my\s+time|your\s+time)|don'?t\s+bother|"
        r"(?:don'?t|do\s+not|never)\s+waste\s+(?:your|any\s+(?:more\s+)?(?:of\s+)?your)"
        r"\s+(?:time|money|evening|energy|hours?|life)\b"
        r"(?!\s+(?:reading|wondering|thinking|deciding|debating|looking|trying)\b))",
        "not_recommend",
        2.0,
        negatable=False,
        triggers=("bother", "waste"),
    ),
    _cue(
        _REGRETTER + r"\s+(?:(?:really|definitely|totally|deeply|only|truly|absolutely|"
        r"so|instantly|immediately|already|seriously|kind\s+of|sort\s+of)\s+)?"
        r"regret(?:ted)?\s+" + _REGRETTED,
        "not_recommend",
        1.5,
        negatable=False,
        triggers=("regret",),
    ),
    # Giving up on the show: "I dropped it after episode 4", "I gave up halfway
    # through" (the reviewer, not a character: "she gave up her career"; and
    # not "I almost gave up").
    _cue(
        r"\b(?:i|we)\s+(?:(?:eventually|finally|just|ultimately|honestly|actually|"
        r"already)\s+)?(?:dropped\s+(?:it|this|the\s+(?:show|drama|series))\b|"
        r"gave\s+up\s+(?:on\s+(?:it|this|the\s+(?:show|drama|series|film|movie))\b|"
        r"(?:about\s+|around\s+)?(?:half-?way|midway|part-?way)\b|"
        r"(?:after|at|around|during|in)\s+(?:the\s+)?(?:episode|ep\b|\w+\s+episodes?\b|"
        r"first|second|third|pilot|\d))|"
        r"stopped\s+watching\s+(?:it|this|the\s+(?:show|drama|series)|after|at|around|"
        r"half-?way|midway)\b|"
        r"(?:could\s*n'?t|could\s+not|did\s*n'?t|did\s+not|never)\s+finish(?:ed)?\s+"
        r"(?:it|this|the\s+(?:show|drama|series|film|movie))\b)",
        "not_recommend",
        1.5,
        negatable=False,
        triggers=("dropped", "gave up", "stopped watching", "finish"),
    ),
    _cue(
        r"\bwatch(?:ing)?\s+(?:the\s+)?(?:paint\s+dry|grass\s+grow)\b",
        "not_recommend",
        1.5,
        negatable=False,
        triggers=("watch",),
    ),
    # Rewatching (also evidence for the "rewatch" aspect, see rewatch_statements).
    # Not rewatching is often about the show's length or a sad ending: it
    # weighs less than advice either way.
    _cue(
        r"\b(?:wouldn'?t|won'?t|will\s+not|would\s+not|couldn'?t|never|don'?t\s+think\s+"
        r"i'?(?:ll|d)|can'?t\s+see\s+myself|not)\s+(?:be\s+)?"
        r"(?:going\s+back\s+for\s+a\s+rewatch|"
        r"re-?watch(?:ing)?|watch(?:ing)?\s+(?:it|this(?:\s+one)?)\s+again|"
        r"sit\s+through\s+(?:it|them)\s+(?:again|twice))",
        "not_recommend",
        0.75,
        negatable=False,
        triggers=("watch", "sit through"),
        rewatch=True,
    ),
    _cue(
        r"\b(?:i'?ll|i\s+will|i'?d|i\s+would|can'?t\s+wait\s+to|will\s+definitely)\s+"
        r"(?:happily\s+|gladly\s+|definitely\s+)?(?:re-?watch|watch\s+(?:it|this)\s+again)|"
        r"\b(?:already\s+)?(?:started|watching|watched)\s+it\s+(?:again|twice)\b",
        "recommend",
        1.0,
        negatable=False,
        triggers=("watch", "again", "twice"),
        rewatch=True,
    ),
)
# fmt: on
_TRIGGERS = tuple(sorted({t for cue in _CUES for t in cue.triggers}))
# Whether a sentence holds any trigger at all: a trigger that holds another
# ("watch it" holds "watch") need not be tested.
_ANY_TRIGGER = tuple(
    trigger
    for trigger in _TRIGGERS
    if not any(other != trigger and other in trigger for other in _TRIGGERS)
)
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


def _sentence_cues(text: str) -> list[tuple[VerdictLabel, str, float]]:
    lowered = straight_quotes(text)
    # A cue's regular expression runs only when one of its trigger substrings
    # is present; a few dozen substring tests (in C) cost less than one regex
    # scan, and most sentences hold no trigger at all.
    folded = lowered.lower()
    if not any(map(folded.__contains__, _ANY_TRIGGER)):
        return []
    present = {trigger for trigger in _TRIGGERS if trigger in folded}
    # Lower-casing ASCII keeps every offset, and the patterns are lower case:
    # matching them case-sensitively on ``folded`` finds what IGNORECASE finds
    # on ``lowered``. Other text keeps the IGNORECASE patterns.
    plain = lowered.isascii()
    # Earlier cues take the words they match from later ones.
    taken: list[tuple[_Cue, re.Match[str]]] = []
    for cue in _CUES:
        if present.isdisjoint(cue.triggers):
            continue
        matches = (
            cue.folded.finditer(folded) if plain else cue.pattern.finditer(lowered)
        )
        for match in matches:
            if not any(
                other.start() < match.end() and match.start() < other.end()
                for _, other in taken
            ):
                taken.append((cue, match))
    # Negations do not reach past a cue that cannot be negated: one that holds
    # a negation ("I can't recommend it enough, it's worth every minute") has
    # used it.
    spent = [match.end() for cue, match in taken if not cue.negatable]
    found: list[tuple[VerdictLabel, str, float]] = []
    for cue, match in taken:
        verdict, weight = cue.verdict, cue.weight
        start = match.start()
        prefix = lowered[max(0, start - 60) : start]
        reach = max([0, start - 60, *(end for end in spent if end <= start)])
        if cue.negatable and _HEDGE.search(lowered, reach, start):
            verdict = "mixed"
            weight /= 2
        elif cue.negatable and _NEGATION.search(lowered, reach, start):
            verdict = _FLIP[verdict]
            if cue.verdict == "not_recommend":
                # Saying what the show is not ("it wasn't a waste of time")
                # recommends less than saying what it is.
                weight /= 2
        if _CONDITION.search(prefix) or _AFTER_CONDITION.match(lowered, match.end()):
            weight /= 2
        found.append((verdict, text[start : match.end()], weight))
    directions = {verdict for verdict, _, _ in found}
    if {"recommend", "not_recommend"} <= directions:
        # "Go if you love pretty things; skip it if you need a plot."
        cues = " / ".join(cue for _, cue, _ in found)
        return [("mixed", cues, sum(weight for _, _, weight in found))]
    return found


def _readings(
    sentences: Sequence[Sentence],
) -> Iterator[tuple[str, Sentence, Sentence]]:
    """The text to read for cues: each sentence, or a question with its answer.

    "Is it worth watching? No." is two sentences, and the answer means nothing
    without the question: such a pair is read as one text.

    Yields:
        ``(text, first, last)``: the text and the sentences it starts and ends
        with (the same one unless it is a question and its answer).
    """
    index = 0
    while index < len(sentences):
        first = last = sentences[index]
        text = first.text
        if "?" in text and index + 1 < len(sentences) and _QUESTION.search(text):
            index += 1
            last = sentences[index]
            text = f"{text} {last.text}"
        yield text, first, last
        index += 1


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
    for text, first, last in _readings(listed):
        start, end = first.start, last.end
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


_REWATCH_CUES = tuple(cue for cue in _CUES if cue.rewatch)


def rewatch_statements(
    sentences: Iterable[Sentence],
) -> list[tuple[VerdictLabel, Sentence]]:
    """Sentences that say whether the reviewer would watch the show again.

    Args:
        sentences: Opinion sentences.

    Returns:
        ``(direction, sentence)`` pairs: ``recommend`` for "I'll rewatch it",
        ``not_recommend`` for "I won't be going back for a rewatch". For a
        question and its answer ("Would I watch it again? No.") the sentence
        is the question.
    """
    found = []
    for text, first, last in _readings(list(sentences)):
        lowered = straight_quotes(text)
        if "watch" not in lowered.lower():
            continue
        for cue in _REWATCH_CUES:
            match = cue.pattern.search(lowered)
            if match:
                # A rewatch statement in the answer is the answer's.
                in_answer = last is not first and match.start() > len(first.text)
                found.append((cue.verdict, last if in_answer else first))
                break
    return found

"""A fast, pure-Python sentiment scorer that reproduces vaderSentiment 3.3.2 exactly.

What is kept from vaderSentiment
--------------------------------
:class:`VaderScorer` with no extensions returns the very numbers that
``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer().polarity_scores``
returns, rounding included. To get there it keeps VADER's data and every rule,
quirks and all:

* the lexicon (``vader_lexicon.txt``) and emoji table (``emoji_utf8_lexicon.txt``)
  are read from the installed ``vaderSentiment`` package with
  :mod:`importlib.resources` and parsed exactly as VADER parses them; the rule
  constants (``BOOSTER_DICT``, ``NEGATE``, ``SPECIAL_CASES``, ``C_INCR``,
  ``N_SCALAR``) are imported from ``vaderSentiment.vaderSentiment``;
* single-character emoji are replaced by their description, with a space put
  before (never after) the description unless the previous character was a
  plain ``" "`` -- so ``"😁abc"`` becomes ``"beaming face with smiling eyesabc"``;
* tokens come from ``str.split()``; leading and trailing ASCII punctuation is
  stripped only if at least three characters are left (``"no,"`` stays
  ``"no,"`` and no longer matches the lexicon word "no");
* the lexicon is looked up with the lower-cased token but its keys are *not*
  lower-cased, so the 14 mixed-case entries such as ``":D"`` can never match,
  nor can the multi-word entries such as ``"fed up"``;
* booster words are never scored themselves, and neither is "kind" when
  followed by "of" (although "kind" is a lexicon word);
* "no" followed by a lexicon word gets valence 0; "no" one or two words
  before a lexicon word (or three before, with "or"/"nor" right before the
  word) replaces its valence by ``valence * N_SCALAR``;
* the ALL-CAPS bonus needs some but not all tokens to be upper case, and a
  capitalised word whose valence is 0 at that point (``"NO good"``) gets
  ``-C_INCR``;
* the three-word window: boosters (damped by 0.95 and 0.9 with distance) and
  negators only count when that word is not itself a lexicon word; a word
  containing "n't" negates; "never so" / "never this" multiply by 1.25, and
  because of an operator-precedence slip in VADER, *any* "so"/"this" right
  before the word multiplies by 1.25 again at distance three; "without doubt"
  blocks negation; the window ignores punctuation and "but";
* special-case idioms ("the bomb", "yeah right", ...) are only checked for
  words at position 3 or later whose third preceding word is not a lexicon
  word, and they *replace* the valence computed so far; in the same place the
  "kind of"/"sort of"/"just enough" dampeners are added;
* "least" right before a word negates it, unless "at" or "very" precedes it;
* the contrastive "but" is VADER's ``_but_check``, which looks values up with
  ``list.index`` while rewriting the list: a value equal to an earlier,
  already rewritten one rewrites that earlier position instead of its own
  (``"fav but bffn"``: 2.0 is halved to 1.0, then the 1.0 after "but" halves
  that again and is itself not multiplied by 1.5). Only the first "but" counts;
* "!" (at most 4) and "?" (2, 3, or more) are counted over the whole text
  after emoji replacement (the descriptions "ON! arrow" and "UP! button"
  contain "!") and added to the larger of the positive and negative sums;
* the same summation order, the same ``normalize`` and the same rounding
  (3 decimals for neg/neu/pos, 4 for compound).

Why it is faster
----------------
vaderSentiment rebuilds every text one character at a time to replace emoji,
lower-cases each token many times, rebuilds the whole lower-cased token list
four times per lexicon word, and calls ``list.index`` in a loop for "but" --
the last two make it quadratic in the text length. Here the lexicon and emoji
tables are parsed once per process (:func:`functools.cache`); ASCII texts skip
the emoji scan and are lower-cased and split once; only chunks that are not
purely alphanumeric are stripped; lexicon look-ups run through C-level
``map``; the rules run only for lexicon words, look at neighbours by index,
and are skipped when no rule word is in reach (a lexicon word with no booster,
negator, "no", "so", "this", "never", "without" or "least" among itself and the
three words before it, in a text without "n't", only goes through the caps and
idiom checks); neutral tokens are counted rather than stored; and the "but"
rule is replayed with one min-heap of positions per value; domain phrases and
counterfactual cues are looked up by their longest word that is not a
frequent one ("charts" in "off the charts"), so most texts skip them after one
set test. So a text of ``n``
tokens with ``k`` sentiment words costs O(n + k log k), and the results stay
identical.

Domain extensions
-----------------
``words``, ``phrases``, ``negators`` and ``counterfactuals`` (see
:class:`VaderScorer`) adapt the scorer to a domain without touching module
globals or vaderSentiment's data. With none of them the results are
vaderSentiment's.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from itertools import compress, repeat
from operator import is_not, not_
from typing import Final

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
)

__all__ = ["Explanation", "VaderScorer", "WordValence"]

_PUNCT: Final[str] = string.punctuation
_BOOSTERS: Final[dict[str, float]] = {str(k): float(v) for k, v in BOOSTER_DICT.items()}
# SPECIAL_CASES values are kept as given (several are ints), as VADER uses them.
_SPECIAL: Final[dict[str, float]] = dict(SPECIAL_CASES)
_SPECIAL_WORDS: Final[frozenset[str]] = frozenset(
    w for key in _SPECIAL for w in key.split()
)
_BOOSTER_NGRAM_WORDS: Final[frozenset[str]] = frozenset(
    w for key in _BOOSTERS if " " in key for w in key.split()
)
_NEGATE: Final[frozenset[str]] = frozenset(NEGATE)
# Unless the text holds "n't", a lexicon word with none of these words (nor a
# negator) among itself and the three words before it only goes through the
# caps rule and the special-idiom check: every other rule looks for them.
_RULE_WORDS: Final[frozenset[str]] = frozenset(
    {k for k in _BOOSTERS if " " not in k}
    | {"no", "so", "this", "never", "without", "least"}
)
# First words of the special-case idioms and multi-word boosters: every
# sequence _idioms looks up starts within the three words before the lexicon
# word or at the word itself.
_IDIOM_STARTS: Final[frozenset[str]] = frozenset(
    key.split(" ")[0] for key in (*_SPECIAL, *_BOOSTERS) if " " in key
)
_C_INCR: Final[float] = float(C_INCR)
_N_SCALAR: Final[float] = float(N_SCALAR)
_SO_THIS: Final[tuple[str, str]] = ("so", "this")
_OR_NOR: Final[tuple[str, str]] = ("or", "nor")
_NONSPACE: Final[re.Pattern[str]] = re.compile(r"\S+")
_MAX_VALENCE: Final[float] = 4.0
# A counterfactual cue reaches at most this many words, and no further than
# the end of its clause: a chunk ending in one of the `_CLAUSE_END` characters
# (before any closing quotes or brackets), a dash, an opening bracket, a
# contrastive or causal word, or "and"/"or"/"so" that starts a new clause
# ("... and the acting", "... so I'm").
_CUE_REACH: Final[int] = 6
_CLAUSE_END: Final[frozenset[str]] = frozenset(",;:.!?)")
_CLOSERS: Final[str] = "\"'”’»"
_CUE_STOPS: Final[frozenset[str]] = frozenset(
    {"but", "though", "although", "however", "yet", "while", "whereas",
     "because", "-", "--", "–", "—"}
)  # fmt: skip
_CLAUSE_JOINS: Final[frozenset[str]] = frozenset({"and", "or", "so"})
_SUBJECTS: Final[frozenset[str]] = frozenset(
    {"the", "this", "that", "these", "those", "it", "i", "he", "she", "they",
     "we", "you", "his", "her", "their", "its", "my", "there", "i'm", "i've",
     "i'd", "i'll", "it's", "that's", "there's", "they're", "he's", "she's",
     "we're", "you're", "we've", "they've", "you've"}
)  # fmt: skip
# A cue right after one of these is no missed chance but praise: "Nothing
# could have been better", "No one could have played her better".
_NOBODY: Final[frozenset[str]] = frozenset({"nothing", "nobody", "none", "noone"})


def _read_package_text(name: str) -> str:
    """Read a data file of the vaderSentiment package as VADER does.

    VADER opens its files with ``codecs.open(..., encoding="utf-8")``, that is
    in binary mode without newline translation, so the bytes are decoded here.
    """
    data = resources.files("vaderSentiment").joinpath(name).read_bytes()
    return data.decode("utf-8")


@functools.cache
def _base_lexicon() -> dict[str, float]:
    """Return VADER's lexicon, parsed like ``make_lex_dict`` (shared: do not mutate)."""
    lexicon: dict[str, float] = {}
    for line in _read_package_text("vader_lexicon.txt").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


@functools.cache
def _emoji_table() -> dict[str, str]:
    """Return the single-character emoji of VADER's table (shared: do not mutate).

    VADER tests ``char in emojis`` one character at a time, so entries made of
    several code points can never match and are left out.
    """
    table: dict[str, str] = {}
    text = _read_package_text("emoji_utf8_lexicon.txt")
    for line in text.rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        table[emoji] = description
    return {k: v for k, v in table.items() if len(k) == 1}


@functools.cache
def _emoji_chars() -> frozenset[str]:
    return frozenset(_emoji_table())


def _demojize(text: str) -> str:
    """Replace emoji by their descriptions exactly as VADER does."""
    if text.isascii() or _emoji_chars().isdisjoint(text):
        return text
    table = _emoji_table()
    parts: list[str] = []
    prev_space = True
    for ch in text:
        description = table.get(ch)
        if description is None:
            parts.append(ch)
            prev_space = ch == " "
        else:
            if not prev_space:
                parts.append(" ")
            parts.append(description)
            prev_space = False
    return "".join(parts)


def _demojize_with_offsets(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """Like :func:`_demojize`, also mapping each output character to ``text``.

    Returns:
        The replaced text and, when it differs from ``text``, two lists giving
        for every character of the replaced text the start and end offset in
        ``text`` of the character it comes from (a whole emoji for the
        characters of its description).
    """
    if text.isascii() or _emoji_chars().isdisjoint(text):
        return text, None, None
    table = _emoji_table()
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev_space = True
    for pos, ch in enumerate(text):
        description = table.get(ch)
        if description is None:
            parts.append(ch)
            starts.append(pos)
            ends.append(pos + 1)
            prev_space = ch == " "
        else:
            if not prev_space:
                parts.append(" ")
                starts.append(pos)
                ends.append(pos)
            parts.append(description)
            starts.extend([pos] * len(description))
            ends.extend([pos + 1] * len(description))
            prev_space = False
    return "".join(parts), starts, ends


def _strip_chunks(chunks: list[str]) -> list[str]:
    """Apply VADER's ``SentiText._strip_punc_if_word`` to every chunk, in place.

    Leading and trailing ASCII punctuation is removed unless two characters or
    fewer would be left. Chunks made only of letters and digits have nothing to
    strip and are found at C speed, so only the others are looked at.

    Returns:
        ``chunks``, now holding the tokens.
    """
    for i in compress(range(len(chunks)), map(not_, map(str.isalnum, chunks))):
        stripped = chunks[i].strip(_PUNCT)
        if len(stripped) > 2:
            chunks[i] = stripped
    return chunks


def _punctuation_amplifier(text: str) -> float:
    """VADER's emphasis from "!" and "?" over the whole text."""
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_count = text.count("?")
    qm_amplifier: float = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep_amplifier + qm_amplifier


def _but_check(values: list[float], positions: list[int], bi: int) -> None:
    """Replay VADER's ``_but_check`` in place, in O(k log k) for k nonzero values.

    VADER iterates over the list of all token valences while rewriting it and
    finds each value's position with ``list.index``. At step ``k`` the value
    read is the original one (only positions ``<= k`` have been rewritten), and
    the position rewritten is the first one currently holding an equal value
    (halved before "but", times 1.5 after it, untouched at "but"). Zeros stay
    zero, so only the nonzero valences are replayed, with one min-heap per
    current value.

    Args:
        values: The nonzero valences in text order; rewritten in place.
        positions: Their token positions (ascending).
        bi: Position of the first "but" token.
    """
    heaps: dict[float, list[int]] = {}
    for k, value in enumerate(values):
        heaps.setdefault(value, []).append(k)  # ascending: already a heap
    for value in values[:]:
        heap = heaps[value]
        k = heap[0]
        si = positions[k]
        if si == bi:
            continue
        new = value * 0.5 if si < bi else value * 1.5
        heapq.heappop(heap)
        values[k] = new
        target = heaps.get(new)
        if target is None:
            heaps[new] = [k]
        else:
            heapq.heappush(target, k)


def _round_scores(
    values: list[float], n: int, text: str
) -> tuple[float, float, float, float]:
    """VADER's ``score_valence`` for ``n`` tokens with these nonzero valences.

    Zeros change neither VADER's ``sum`` nor its per-sign sums, so summing the
    nonzero valences in text order gives the same floats.
    """
    if not values:
        return 0.0, 1.0, 0.0, 0.0
    sum_s = float(sum(values))
    amplifier = _punctuation_amplifier(text)
    if sum_s > 0:
        sum_s += amplifier
    elif sum_s < 0:
        sum_s -= amplifier
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0

    pos_sum = 0.0
    neg_sum = 0.0
    for s in values:
        if s > 0:
            pos_sum += float(s) + 1
        else:
            neg_sum += float(s) - 1
    neu_count = n - len(values)

    if pos_sum > math.fabs(neg_sum):
        pos_sum += amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    pos = math.fabs(pos_sum / total)
    neg = math.fabs(neg_sum / total)
    neu = math.fabs(neu_count / total)
    return round(neg, 3), round(neu, 3), round(pos, 3), round(compound, 4)


@dataclass(frozen=True, slots=True)
class WordValence:
    """One word (or matched phrase) that carried sentiment.

    Attributes:
        word: The token as VADER scored it, in its original case, after VADER's
            punctuation stripping (for a phrase, its tokens joined by spaces
            without leading or trailing punctuation; for an emoji, a word of its
            description).
        lower: The lower-cased form looked up in the lexicon (for a phrase, the
            phrase key).
        start: Offset in the analysed text where the whitespace-separated chunk
            holding the word starts (for a phrase, its first chunk).
        end: Offset just past that chunk (for a phrase, its last chunk), so
            ``text[start:end]`` is the raw chunk, punctuation included (the
            emoji itself for words of an emoji's description).
        valence: The final valence after all rules, "but" included.
        negated: Whether negation rules flipped the sign (an odd number of them).
    """

    word: str
    lower: str
    start: int
    end: int
    valence: float
    negated: bool


@dataclass(frozen=True, slots=True)
class Explanation:
    """Scores of a text with the words that produced them.

    Attributes:
        neg: Proportion of negative sentiment.
        neu: Proportion of neutral tokens.
        pos: Proportion of positive sentiment.
        compound: Normalised sum of valences in [-1, 1].
        words: The words with a nonzero final valence, in text order.
    """

    neg: float
    neu: float
    pos: float
    compound: float
    words: tuple[WordValence, ...] = ()

    @property
    def scores(self) -> tuple[float, float, float, float]:
        """The scores as ``(neg, neu, pos, compound)``, like ``VaderScorer.scores``."""
        return self.neg, self.neu, self.pos, self.compound


@dataclass(slots=True)
class _Trace:
    """Per-token details collected for :meth:`VaderScorer.explain`."""

    positions: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    flips: dict[int, int] = field(default_factory=dict)
    phrases: dict[int, tuple[int, str]] = field(default_factory=dict)


def _ends_clause(chunk: str) -> bool:
    """Whether a chunk ends its clause ("better.", 'great."', "(yes)")."""
    return chunk.rstrip(_CLOSERS)[-1:] in _CLAUSE_END


def _opens_clause(lows: list[str], chunks: list[str], j: int) -> bool:
    """Whether the token at ``j`` starts a new clause.

    A contrastive or causal word or a dash ("but", "though", "because", "-"),
    an opening bracket, or "and"/"or"/"so" before a subject ("... and the
    acting").
    """
    key = lows[j].strip(_PUNCT) or lows[j]
    return (
        key in _CUE_STOPS
        or chunks[j][0] == "("
        or (
            key in _CLAUSE_JOINS
            and j + 1 < len(lows)
            and lows[j + 1].strip(_PUNCT) in _SUBJECTS
        )
    )


def _after_nobody(lows: list[str], i: int) -> bool:
    """Whether "nothing", "nobody", "none" or "no one" comes just before ``i``."""
    before = [w.strip(_PUNCT) for w in lows[max(0, i - 2) : i]]
    return not _NOBODY.isdisjoint(before) or before == ["no", "one"]


# Frequent words make poor anchors: "really wish" is looked up by "wish".
_FREQUENT: Final[frozenset[str]] = frozenset(
    {"i", "we", "you", "it", "the", "a", "an", "to", "of", "and", "or", "so",
     "is", "was", "were", "be", "been", "have", "had", "has", "just", "only",
     "still", "really", "actually", "very", "all", "what", "that", "this",
     "there", "not", "for", "with", "in", "on", "at", "as", "if", "more",
     "me", "it's", "like", "look", "must", "never", "people", "through",
     "watch", "watching", "makes", "better", "could", "would", "should"}
)  # fmt: skip


def _anchored(
    index: Mapping[str, tuple[tuple[list[str], int, float, str], ...]],
    lows: list[str],
    short: bool,
    accept: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, str, float]]:
    """Matches of phrases or cues: left to right, longest first, no overlaps.

    Entries are looked up by their anchor word (`_anchor`), which is found
    among the tokens as they are when it has three characters or more (a
    token keeps its punctuation only when stripping would leave two
    characters or fewer); with ``short`` anchors every token is stripped.

    Args:
        index: Anchor word -> (words, anchor position, valence, key) entries.
        lows: The lower-cased tokens.
        short: Whether an anchor has two characters or fewer.
        accept: Keeps a candidate match (start, length) when given.

    Returns:
        ``(start, length, key, valence)`` of each match, in text order.
    """
    n = len(lows)
    keys = [w.strip(_PUNCT) for w in lows] if short else lows
    candidates: list[tuple[int, int, str, float]] = []
    for a in compress(range(n), map(index.__contains__, keys)):
        for parts, at, valence, key in index[keys[a]]:
            i, length = a - at, len(parts)
            if (
                i >= 0
                and i + length <= n
                and [w.strip(_PUNCT) for w in lows[i : i + length]] == parts
                and (accept is None or accept(i, length))
            ):
                candidates.append((i, -length, key, valence))
    found: list[tuple[int, int, str, float]] = []
    after = 0
    for i, negative, key, valence in sorted(candidates):
        if i >= after:
            found.append((i, -negative, key, valence))
            after = i - negative
    return found


def _negates(
    word: str,
    lows: list[str],
    j: int,
    negate: frozenset[str],
    pairs: Mapping[str, frozenset[str]],
) -> bool:
    """Whether the token ``word`` at ``j`` negates.

    A negator, a word with "n't", or the last word of a two-word negator
    right after its first ("far from").
    """
    return (
        word in negate
        or "n't" in word
        or (word in pairs and j > 0 and lows[j - 1] in pairs[word])
    )


def _anchor(parts: list[str]) -> int:
    """Position of a phrase's or cue's anchor word.

    The longest word (the first of equals), and a frequent word ("really",
    "have") only when there is no other.
    """
    return max(
        range(len(parts)),
        key=lambda k: (parts[k] not in _FREQUENT, len(parts[k]), -k),
    )


def _normalise_word(word: str, what: str) -> str:
    key = word.lower()
    if not key or key != key.strip() or len(key.split()) != 1:
        msg = f"{what} must be a single word without whitespace, got {word!r}"
        raise ValueError(msg)
    return key


def _normalise_negator(word: str) -> str:
    """A negator: one word ("lacks") or two ("far from")."""
    parts = word.lower().split()
    if len(parts) == 2:
        return " ".join(_normalise_word(part, "negator") for part in parts)
    return _normalise_word(word, "negator")


def _check_valence(value: float, what: str) -> float:
    valence = float(value)
    if not math.isfinite(valence) or abs(valence) > _MAX_VALENCE:
        msg = f"{what} must be a finite valence in [-4, 4], got {value!r}"
        raise ValueError(msg)
    return valence


class VaderScorer:
    """VADER sentiment scores, identical to vaderSentiment 3.3.2 but faster.

    Without arguments the scorer reproduces
    ``SentimentIntensityAnalyzer().polarity_scores`` exactly. The keyword-only
    arguments extend it for a domain; each scorer keeps its own copy of the
    lexicon, so the module data and vaderSentiment's data are never changed.

    Building a scorer is cheap: the base lexicon and emoji table are parsed once
    per process. Scorers pickle as their constructor arguments and are rebuilt
    from the cached tables on unpickling.

    Args:
        words: Lexicon entries to add or override, single words mapped to a
            valence on VADER's -4..+4 scale. Keys are lower-cased (VADER looks up
            lower-cased tokens). A booster word ("very", "so", ...) is never
            scored in VADER; one listed here is scored like any lexicon word
            (and, being in the lexicon, no longer boosts its neighbours):
            reviews use "incredible" and "exceptional" as praise.
        phrases: Multi-word expressions mapped to a valence, for example
            ``{"off the charts": 2.5, "fell flat": -1.8}``. Keys are
            lower-cased and split on whitespace; leading and trailing
            punctuation of each word is dropped. They are matched left to
            right, longest first and without overlaps, against the tokens with
            all leading and trailing punctuation removed (VADER itself keeps
            punctuation on tokens of at most two characters, which would make
            "fed up," miss). Matching ignores sentence punctuation, as VADER's
            rules do. A matched phrase behaves like one lexicon word at its
            first token: boosters, negators, "no", "least", "kind of" and the
            ALL-CAPS rule (on the first token) apply as for a word, its other
            tokens score 0, every token of the phrase counts as a lexicon
            word for the rules of neighbouring words (so it never boosts or
            negates them), a "but" inside a phrase is not contrastive, and
            VADER's special-case idioms ("the bomb", ...) do not override it.
        negators: Extra negation words (for example "lacks"), or pairs of
            words ("far from": "from" negates after "far"), lower-cased. A
            negator that has a valence of its own (VADER's "lack", or one
            given in ``words``) is read as VADER reads "no": it negates the
            next three words and scores its own valence unless the word right
            after it carries one ("a lack of charm" and "lacks a villain" are
            criticism; in "lacks charm" the negated "charm" speaks).
        counterfactuals: Cues of a wish or a missed chance, one or more
            words each, mapped to a valence of their own (usually 0), for
            example ``{"could have been": 0.0, "i wish": -0.5}``. The praise
            that follows a cue is what the text lacked: "The OST could have
            been more memorable" is no praise. The positive words after a cue,
            at most six and no further than the end of its clause (a chunk
            ending in ``, ; : . ! ? )`` before any closing quotes, a dash, an
            opening bracket, "but", "though", "because" and the like, or
            "and"/"or"/"so" before a new subject), have their valence
            multiplied by ``N_SCALAR``, as a negation would. Negative words
            keep theirs: "I wish they had cut the boring filler" and "It could
            have been less boring" still blame (a domain layer can hold "could
            have been worse" as a phrase of its own). The cue's
            own words do not score their dictionary valence ("wish" and
            "hoping" are praise in VADER); a nonzero valence of the cue is
            scored at its first word. Cues are matched like phrases (longest
            first, left to right, on tokens with punctuation stripped), never
            overlapping a matched phrase ("could not have been better" keeps
            its own reading) and never right after "nothing", "nobody",
            "none" or "no one" ("Nothing could have been better" is praise).

    Raises:
        ValueError: If a word, phrase, negator or cue is malformed, a valence
            is not finite or outside [-4, 4].
    """

    __slots__ = (
        "_cue_index",
        "_cues",
        "_extra_negators",
        "_lexicon",
        "_like_no",
        "_negate",
        "_negate_pairs",
        "_phrase_index",
        "_phrases",
        "_short_anchors",
        "_short_cue_anchors",
        "_triggers",
        "_words",
    )

    _words: dict[str, float]
    _phrases: dict[str, float]
    _extra_negators: tuple[str, ...]
    _lexicon: dict[str, float]
    _like_no: frozenset[str]
    _negate: frozenset[str]
    _negate_pairs: dict[str, frozenset[str]]
    _triggers: frozenset[str]
    _phrase_index: dict[str, tuple[tuple[list[str], int, float, str], ...]]
    _cues: dict[str, float]
    _short_anchors: bool
    _short_cue_anchors: bool
    _cue_index: dict[str, tuple[tuple[list[str], int, float, str], ...]]

    def __init__(
        self,
        *,
        words: Mapping[str, float] | None = None,
        phrases: Mapping[str, float] | None = None,
        negators: Iterable[str] = (),
        counterfactuals: Mapping[str, float] | None = None,
    ) -> None:
        clean_words = {
            _normalise_word(w, "words key"): _check_valence(v, f"words[{w!r}]")
            for w, v in (words or {}).items()
        }
        clean_phrases: dict[str, float] = {}
        for phrase, value in (phrases or {}).items():
            parts = [p.strip(_PUNCT) for p in phrase.lower().split()]
            if len(parts) < 2 or not all(parts):
                msg = (
                    "phrases keys need at least two words (use words= for one "
                    f"word), got {phrase!r}"
                )
                raise ValueError(msg)
            clean_phrases[" ".join(parts)] = _check_valence(
                value, f"phrases[{phrase!r}]"
            )
        if isinstance(negators, str):
            msg = "negators must be an iterable of words, not a string"
            raise TypeError(msg)
        clean_negators = tuple(sorted({_normalise_negator(w) for w in negators}))
        clean_cues: dict[str, float] = {}
        for cue, value in (counterfactuals or {}).items():
            parts = [p.strip(_PUNCT) for p in cue.lower().split()]
            if not parts or not all(parts):
                msg = f"counterfactuals keys need one or more words, got {cue!r}"
                raise ValueError(msg)
            clean_cues[" ".join(parts)] = _check_valence(
                value, f"counterfactuals[{cue!r}]"
            )
        self._setup(clean_words, clean_phrases, clean_negators, clean_cues)

    def _setup(
        self,
        words: dict[str, float],
        phrases: dict[str, float],
        negators: tuple[str, ...],
        cues: dict[str, float] | None = None,
    ) -> None:
        self._words = words
        self._phrases = phrases
        self._extra_negators = negators
        self._cues = cues = cues or {}
        by_anchor: dict[str, list[tuple[list[str], int, float, str]]] = {}
        for key, valence in cues.items():
            parts = key.split(" ")
            at = _anchor(parts)
            by_anchor.setdefault(parts[at], []).append((parts, at, valence, key))
        self._cue_index = {
            anchor: tuple(sorted(cands, key=lambda c: -len(c[0])))
            for anchor, cands in by_anchor.items()
        }
        self._short_cue_anchors = any(len(a) <= 2 for a in self._cue_index)
        single = [w for w in negators if " " not in w]
        pairs: dict[str, set[str]] = {}
        for pair in negators:
            if " " in pair:
                first, last = pair.split(" ")
                pairs.setdefault(last, set()).add(first)
        base = _base_lexicon()
        if words:
            lexicon = dict(base)
            lexicon.update(words)
        else:
            lexicon = base  # shared and never mutated
        self._lexicon = lexicon
        # Negators with a valence of their own, read like "no" (`_valence`).
        self._like_no = frozenset(w for w in single if w in lexicon)
        self._negate = _NEGATE.union(single) if single else _NEGATE
        # Two-word negators by their last word: "from" negates after "far".
        self._negate_pairs = {last: frozenset(f) for last, f in pairs.items()}
        self._triggers = _RULE_WORDS | self._negate | self._negate_pairs.keys()
        # Each phrase (and cue) is looked up by its longest word ("charts" in
        # "off the charts"), rarer in text than most first words.
        grouped: dict[str, list[tuple[list[str], int, float, str]]] = {}
        for key, valence in phrases.items():
            parts = key.split(" ")
            at = _anchor(parts)
            grouped.setdefault(parts[at], []).append((parts, at, valence, key))
        self._phrase_index = {anchor: tuple(c) for anchor, c in grouped.items()}
        self._short_anchors = any(len(a) <= 2 for a in self._phrase_index)

    def __getstate__(
        self,
    ) -> tuple[dict[str, float], dict[str, float], tuple[str, ...], dict[str, float]]:
        return (
            dict(self._words),
            dict(self._phrases),
            self._extra_negators,
            dict(self._cues),
        )

    def __setstate__(
        self,
        state: tuple[
            dict[str, float], dict[str, float], tuple[str, ...], dict[str, float]
        ],
    ) -> None:
        words, phrases, negators, cues = state
        self._setup(dict(words), dict(phrases), tuple(negators), dict(cues))

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: {len(self._words)} extra words, "
            f"{len(self._phrases)} phrases, {len(self._cues)} counterfactual "
            f"cues, negators={list(self._extra_negators)!r}>"
        )

    # ------------------------------------------------------------------ public

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """Score a text.

        Args:
            text: Any text; VADER works best on single sentences.

        Returns:
            ``(neg, neu, pos, compound)``, rounded like vaderSentiment (3
            decimals for the proportions, 4 for compound).
        """
        if text.isascii():
            # ASCII lower-casing maps letters to letters and leaves punctuation
            # alone, so stripping after lower-casing gives the same tokens.
            lowered = text.lower()
            lows = _strip_chunks(lowered.split())
            # Stripping removes uncased characters only, so a chunk is upper
            # case exactly when its token is; no capitals means no caps rule.
            cased = None if lowered == text else text.split()
            return self._score(text, lowered, lows, cased, None)
        processed = _demojize(text)
        toks = _strip_chunks(processed.split())
        lows = list(map(str.lower, toks))
        return self._score(processed, processed.lower(), lows, toks, None)

    def carries_valence(self, word: str) -> bool:
        """Whether a lower-cased word (or phrase) has a valence in this scorer.

        Args:
            word: A word, or a phrase given as words separated by spaces.

        Returns:
            True if the lexicon or the phrases hold it.
        """
        key = word.lower()
        return key in self._lexicon or key in self._phrases

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Score a text, returning vaderSentiment's dictionary.

        Args:
            text: Any text.

        Returns:
            A dict with the keys ``neg``, ``neu``, ``pos`` and ``compound``.
        """
        neg, neu, pos, compound = self.scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def explain(self, text: str) -> Explanation:
        """Score a text and list the words that carried sentiment.

        Slower than :meth:`scores`, which it matches exactly.

        Args:
            text: Any text.

        Returns:
            The four scores and one :class:`WordValence` per word or phrase with
            a nonzero final valence, with offsets into ``text``.
        """
        processed, starts, ends = _demojize_with_offsets(text)
        toks = _strip_chunks(processed.split())
        trace = _Trace()
        lows = list(map(str.lower, toks))
        neg, neu, pos, compound = self._score(
            processed, processed.lower(), lows, toks, trace
        )
        if not trace.positions:
            return Explanation(neg, neu, pos, compound, ())
        # Offsets only for texts with sentiment words: the chunks of ``split``
        # are the runs of non-space characters, in order.
        spans = [(m.start(), m.end()) for m in _NONSPACE.finditer(processed)]

        def offsets(first: int, last: int) -> tuple[int, int]:
            a, b = spans[first][0], spans[last][1]
            if starts is None or ends is None:
                return a, b
            return starts[a], ends[b - 1]

        records: list[WordValence] = []
        for i, valence in zip(trace.positions, trace.values, strict=True):
            length, key = trace.phrases.get(i, (1, ""))
            if length > 1:
                word = " ".join(toks[i : i + length]).strip(_PUNCT)
            else:
                word, key = toks[i], toks[i].lower()
            start, end = offsets(i, i + length - 1)
            records.append(
                WordValence(
                    word=word,
                    lower=key,
                    start=start,
                    end=end,
                    valence=float(valence),
                    negated=trace.flips.get(i, 0) % 2 == 1,
                )
            )
        return Explanation(neg, neu, pos, compound, tuple(records))

    def opinion_words(
        self, text: str
    ) -> tuple[tuple[float, float, float, float], tuple[str, ...], bool]:
        """Score a text and list the lower-cased words that carried sentiment.

        What :meth:`explain` reports, without the offsets and word records it
        builds (cheaper where only the words matter).

        Args:
            text: Any text.

        Returns:
            The four scores as :meth:`scores` gives them, the lexicon keys of
            the words (or phrases) with a nonzero final valence in text order,
            and whether negation flipped any of them.
        """
        processed = _demojize(text)
        toks = _strip_chunks(processed.split())
        trace = _Trace()
        lows = list(map(str.lower, toks))
        scores = self._score(processed, processed.lower(), lows, toks, trace)
        if not trace.positions:
            return scores, (), False
        phrases, flips = trace.phrases, trace.flips
        words = tuple(
            phrases[i][1] if i in phrases and phrases[i][0] > 1 else lows[i]
            for i in trace.positions
        )
        negated = any(flips.get(i, 0) % 2 == 1 for i in trace.positions)
        return scores, words, negated

    # ---------------------------------------------------------------- internals

    def _match_phrases(
        self, lows: list[str], vals: list[float | None], lowered: str
    ) -> dict[int, tuple[int, str]]:
        """Find phrases (longest first, left to right) and mark them in ``vals``.

        A phrase does not run across the end of a clause or into brackets:
        "this show is bad, guys" and "bad (guys, trust me)" hold no "bad
        guys".

        Args:
            lows: The lower-cased tokens.
            vals: Their lexicon valences, updated in place.
            lowered: The lower-cased text the tokens were split from (its
                whitespace-separated chunks are the tokens with their
                punctuation).

        Returns:
            Start position -> (length, phrase key) for every match.
        """
        index = self._phrase_index
        found: dict[int, tuple[int, str]] = {}
        # Phrases are looked up by their anchor word (see `_anchored`): most
        # texts hold none and skip the rest.
        if index.keys().isdisjoint(lows) and not self._short_anchors:
            return found
        chunks: list[str] = []

        def within_clause(start: int, length: int) -> bool:
            if length == 1:
                return True
            if not chunks:
                chunks.extend(lowered.split())
            inner = chunks[start : start + length]
            return not any(map(_ends_clause, inner[:-1])) and not any(
                c[:1] in "([" for c in inner[1:]
            )

        for i, length, key, valence in _anchored(
            index, lows, self._short_anchors, within_clause
        ):
            found[i] = (length, key)
            vals[i] = valence
            for j in range(i + 1, i + length):
                vals[j] = 0.0  # counts as a lexicon word, scores 0
        return found

    def _score(
        self,
        text: str,
        lowered: str,
        lows: list[str],
        cased: list[str] | None,
        trace: _Trace | None,
    ) -> tuple[float, float, float, float]:
        """Score tokens; the shared core of :meth:`scores` and :meth:`explain`.

        Args:
            text: The text after emoji replacement (for "!" and "?").
            lowered: ``text`` lower-cased; without "n't" in it, lexicon words
                with no rule word in reach take a shortcut.
            lows: The lower-cased tokens.
            cased: The tokens (or whitespace-separated chunks) in their original
                case, for the ALL-CAPS rule, or None when no token is upper case.
            trace: Collects per-token details when given.

        Returns:
            ``(neg, neu, pos, compound)``, rounded like vaderSentiment.
        """
        n = len(lows)
        if not n:
            return 0.0, 0.0, 0.0, 0.0
        vals: list[float | None] = list(map(self._lexicon.get, lows))
        phrases: dict[int, tuple[int, str]] = {}
        if self._phrase_index:
            phrases = self._match_phrases(lows, vals, lowered)

        positions: list[int] = []  # tokens with a nonzero valence ...
        values: list[float] = []  # ... and their valences, in text order
        cap_diff = False
        if cased is None:
            cased = lows
        else:
            isupper = str.isupper
            cap_diff = any(map(isupper, cased)) and not all(map(isupper, cased))
        triggers = self._triggers
        plain = "n't" not in lowered
        # A layer's negator inside a matched phrase ("lacks depth") reaches
        # past the phrase only to the end of its clause: "lacks depth and
        # heart" negates "heart", "lacks depth, great acting" not "great".
        hidden: dict[int, int] = {}
        if phrases and self._like_no:
            hidden = self._phrase_reach(phrases, lows, lowered)
        inside = 0  # end of the phrase being skipped
        for i in compress(range(n), map(is_not, vals, repeat(None))):
            if i < inside:
                continue
            base = vals[i]
            if base is None:  # never: only lexicon words are visited
                continue
            match = phrases.get(i) if phrases else None
            if match is None:
                low = lows[i]
                if low in _BOOSTERS and low not in self._words:
                    continue
                if low == "kind" and i < n - 1 and lows[i + 1] == "of":
                    continue
            else:
                inside = i + match[0]
            if plain and triggers.isdisjoint(lows[i - 3 if i > 3 else 0 : i + 1]):
                # Nothing for the other rules: the steps of _valence that remain.
                valence, flips = base, 0
                if cap_diff and base and cased[i].isupper():
                    valence = valence + _C_INCR if valence > 0 else valence - _C_INCR
                if (
                    i > 2
                    and vals[i - 3] is None
                    and not _IDIOM_STARTS.isdisjoint(lows[i - 3 : i + 1])
                ):
                    valence, flips = self._idioms(
                        valence, flips, i, lows, match is not None
                    )
            else:
                valence, flips = self._valence(
                    i, base, cased, lows, vals, cap_diff, match is not None, hidden
                )
            if valence != 0:
                positions.append(i)
                values.append(valence)
            if trace is not None and flips:
                trace.flips[i] = flips

        cue_spans: dict[int, tuple[int, str]] = {}
        if self._cue_index and (
            self._short_cue_anchors or not self._cue_index.keys().isdisjoint(lows)
        ):
            positions, values, cue_spans = self._counterfactuals(
                lowered, lows, positions, values, phrases, trace
            )

        if values and "but" in lows:
            bi = self._first_but(lows, phrases)
            if bi >= 0:
                _but_check(values, positions, bi)

        if trace is not None:
            trace.positions = positions
            trace.values = values
            trace.phrases = {**phrases, **cue_spans} if cue_spans else phrases
        return _round_scores(values, n, text)

    def _counterfactuals(
        self,
        lowered: str,
        lows: list[str],
        positions: list[int],
        values: list[float],
        phrases: dict[int, tuple[int, str]],
        trace: _Trace | None,
    ) -> tuple[list[int], list[float], dict[int, tuple[int, str]]]:
        """Apply the counterfactual cues (see the class arguments).

        Args:
            lowered: The lower-cased text; its whitespace-separated chunks are
                the tokens with the punctuation that ends a clause.
            lows: The lower-cased tokens; each cue is looked up by its longest
                word among them.
            positions: Tokens with a nonzero valence, in text order.
            values: Their valences.
            phrases: Matched phrases (start -> (length, key)); a cue
                overlapping one is not a cue.
            trace: Collects negation flips when given.

        Returns:
            The positions and valences after the cues, and start -> (length,
            cue) of the cues that score a valence of their own.
        """
        n = len(lows)
        covered = (
            {j for i, (length, _) in phrases.items() for j in range(i, i + length)}
            if phrases
            else set()
        )
        found = _anchored(
            self._cue_index,
            lows,
            self._short_cue_anchors,
            lambda i, size: (
                covered.isdisjoint(range(i, i + size)) and not _after_nobody(lows, i)
            ),
        )
        if not found:
            return positions, values, {}
        chunks = lowered.split()
        silenced: set[int] = set()
        flipped: set[int] = set()
        cue_values: dict[int, float] = {}
        cue_spans: dict[int, tuple[int, str]] = {}
        for i, size, cue, valence in found:
            j = i + size
            silenced.update(range(i, j))
            if valence:
                cue_values[i] = valence
                cue_spans[i] = (size, cue)
            if _ends_clause(chunks[j - 1]):
                continue  # the cue's last chunk ends its clause
            stop = min(n, j + _CUE_REACH)
            while j < stop:
                if _opens_clause(lows, chunks, j):
                    break
                flipped.add(j)
                if _ends_clause(chunks[j]):
                    break
                j += 1
        out = dict(zip(positions, values, strict=True))
        for k in silenced:
            out.pop(k, None)
            if trace is not None:
                trace.flips.pop(k, None)
        for k in flipped.intersection(out):
            if out[k] < 0:
                continue  # blame stays blame: "wish they had cut the boring filler"
            out[k] = out[k] * _N_SCALAR
            if trace is not None:
                trace.flips[k] = trace.flips.get(k, 0) + 1
        out.update(cue_values)
        order = sorted(out)
        return order, [out[k] for k in order], cue_spans

    @staticmethod
    def _first_but(lows: list[str], phrases: dict[int, tuple[int, str]]) -> int:
        """Index of the first "but" outside matched phrases, or -1."""
        bi = lows.index("but")
        if not phrases:
            return bi
        covered = {
            j for i, (length, _) in phrases.items() for j in range(i, i + length)
        }
        while bi in covered:
            try:
                bi = lows.index("but", bi + 1)
            except ValueError:
                return -1
        return bi

    def _valence(
        self,
        i: int,
        base: float,
        toks: list[str],
        lows: list[str],
        vals: list[float | None],
        cap_diff: bool,
        phrase: bool,
        hidden: Mapping[int, int],
    ) -> tuple[float, int]:
        """VADER's ``sentiment_valence`` for the lexicon word (or phrase) at ``i``.

        A layer entry of valence 0 ("pretty", "bad guy") stays 0: no booster
        or capitals lift it (VADER's own lexicon has no such entry). ``hidden``
        maps the layer's negators inside matched phrases to the last position
        they reach (`_phrase_reach`).

        Returns:
            The valence and how many negation rules multiplied it by
            ``N_SCALAR`` (reset when a special-case idiom replaces it).
        """
        n = len(lows)
        negate = self._negate
        pairs = self._negate_pairs  # two-word negators ("far from") by last word
        flips = 0
        valence = base
        like_no = self._like_no
        if (
            not phrase
            and (lows[i] == "no" or lows[i] in like_no)
            and i != n - 1
            and vals[i + 1]  # a lexicon word, not a layer's 0 ("no bad guys")
        ):
            valence = 0.0
        if (
            (i > 0 and lows[i - 1] == "no")
            or (i > 1 and lows[i - 2] == "no")
            or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in _OR_NOR)
        ):
            valence = base * _N_SCALAR
            flips = 1
        if like_no:
            # A layer's negator with a valence ("lack") is skipped by the
            # loop below like every lexicon word: it negates here, in the
            # same three-word reach as the negators outside the lexicon.
            for j in range(i - 3 if i > 3 else 0, i):
                if (
                    lows[j] in like_no
                    and hidden.get(j, i) >= i
                    and self._lack_reaches(lows, vals, j, i)
                ):
                    valence = valence * _N_SCALAR
                    flips += 1

        if cap_diff and base and toks[i].isupper():
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR

        for start_i in range(3):
            j = i - start_i - 1
            if j < 0 or vals[j] is not None:
                continue
            word = lows[j]
            scalar = _BOOSTERS.get(word)
            if scalar is not None and base:
                if valence < 0:
                    scalar *= -1
                if cap_diff and toks[j].isupper():
                    if valence > 0:
                        scalar += _C_INCR
                    else:
                        scalar -= _C_INCR
                if start_i == 1 and scalar != 0:
                    scalar = scalar * 0.95
                elif start_i == 2 and scalar != 0:
                    scalar = scalar * 0.9
                valence = valence + scalar
            if start_i == 0:
                if _negates(word, lows, j, negate, pairs):
                    valence = valence * _N_SCALAR
                    flips += 1
            elif start_i == 1:
                prev = lows[i - 1]
                if word == "never" and prev in _SO_THIS:
                    valence = valence * 1.25
                elif word == "without" and prev == "doubt":
                    pass
                elif _negates(word, lows, j, negate, pairs):
                    valence = valence * _N_SCALAR
                    flips += 1
            else:
                prev, prev2 = lows[i - 1], lows[i - 2]
                if (word == "never" and prev2 in _SO_THIS) or prev in _SO_THIS:
                    valence = valence * 1.25
                elif word == "without" and (prev2 == "doubt" or prev == "doubt"):
                    pass
                elif _negates(word, lows, j, negate, pairs):
                    valence = valence * _N_SCALAR
                    flips += 1
                valence, flips = self._idioms(valence, flips, i, lows, phrase)

        if i > 1 and vals[i - 1] is None and lows[i - 1] == "least":
            if lows[i - 2] != "at" and lows[i - 2] != "very":
                valence = valence * _N_SCALAR
                flips += 1
        elif i > 0 and vals[i - 1] is None and lows[i - 1] == "least":
            valence = valence * _N_SCALAR
            flips += 1
        return valence, flips

    def _phrase_reach(
        self, phrases: Mapping[int, tuple[int, str]], lows: list[str], lowered: str
    ) -> dict[int, int]:
        """The last position each negator inside a matched phrase may negate.

        That is the end of the phrase's clause: the first word after the
        phrase whose chunk ends a clause (`_ends_clause`), or the word before
        one that opens a new clause (`_opens_clause`: "but", "though", a dash,
        "and the"), or the text's last word. A phrase that ends its clause
        reaches nothing, and nor does a negator negated within its phrase
        ("lacks nothing").

        Args:
            phrases: Start position -> (length, key) of the matched phrases.
            lows: The lower-cased tokens.
            lowered: The lower-cased text they were split from.

        Returns:
            Position of a layer negator with a valence inside a phrase -> the
            last position it may negate.
        """
        like_no = self._like_no
        reach: dict[int, int] = {}
        chunks: list[str] = []
        for start, (length, _) in phrases.items():
            end = start + length
            inner = [k for k in range(start, end) if lows[k] in like_no]
            if not inner:
                continue
            if not chunks:
                chunks = lowered.split()
            limit = end - 1
            if not _ends_clause(chunks[limit]):
                limit = len(chunks) - 1
                for k in range(end, len(chunks)):
                    if _opens_clause(lows, chunks, k):
                        limit = k - 1
                        break
                    if _ends_clause(chunks[k]):
                        limit = k
                        break
            for k in inner:
                # Negated within the phrase ("lacks nothing"), it reaches nothing.
                negated = any(
                    _negates(lows[m], lows, m, self._negate, self._negate_pairs)
                    for m in range(k + 1, end)
                )
                reach[k] = -1 if negated else limit
        return reach

    def _lack_reaches(
        self, lows: list[str], vals: list[float | None], j: int, i: int
    ) -> bool:
        """Whether the negator with a valence at ``j`` negates the word at ``i``.

        Not when it is negated itself by a word that does not reach ``i``:
        "Nothing was lacking in this beautiful drama" and "no lack of charm"
        are praise. When that word reaches ``i`` too, both negate ("doesn't
        lack charm").
        """
        for k in range(j - 1, j - 4 if j > 3 else -1, -1):
            word = lows[k]
            if word == "no":  # VADER's reach of "no"
                return k >= i - 2 or (k == i - 3 and lows[i - 1] in _OR_NOR)
            if vals[k] is None and _negates(
                word, lows, k, self._negate, self._negate_pairs
            ):
                return k >= i - 3
        return True

    @staticmethod
    def _idioms(
        valence: float, flips: int, i: int, lows: list[str], phrase: bool
    ) -> tuple[float, int]:
        """VADER's ``_special_idioms_check`` (only reached for ``i >= 3``)."""
        w0, w1, w2, w3 = lows[i], lows[i - 1], lows[i - 2], lows[i - 3]
        n = len(lows)
        specials = _SPECIAL_WORDS
        if not phrase and (
            w0 in specials or w1 in specials or w2 in specials or w3 in specials
        ):
            for seq in (
                f"{w1} {w0}",
                f"{w2} {w1} {w0}",
                f"{w2} {w1}",
                f"{w3} {w2} {w1}",
                f"{w3} {w2}",
            ):
                if seq in _SPECIAL:
                    valence, flips = _SPECIAL[seq], 0
                    break
            if n - 1 > i:
                zeroone = f"{w0} {lows[i + 1]}"
                if zeroone in _SPECIAL:
                    valence, flips = _SPECIAL[zeroone], 0
            if n - 1 > i + 1:
                zeroonetwo = f"{w0} {lows[i + 1]} {lows[i + 2]}"
                if zeroonetwo in _SPECIAL:
                    valence, flips = _SPECIAL[zeroonetwo], 0
        ngram_words = _BOOSTER_NGRAM_WORDS
        if w1 in ngram_words or w2 in ngram_words or w3 in ngram_words:
            for ngram in (f"{w3} {w2} {w1}", f"{w3} {w2}", f"{w2} {w1}"):
                boost = _BOOSTERS.get(ngram)
                if boost is not None:
                    valence = valence + boost
        return valence, flips

"""Sentiment: VADER plus a film/TV domain layer, on bounded spans of raw text.

`SentimentLexicon` is the domain layer as data (packaged as
``resources/sentiment_tv_film_en.v1.json``): words VADER lacks or misjudges in
reviews ("cozy", "wooden", "haunting"), multi-word phrases its single-word
lexicon cannot hold ("fell flat", "sticks the landing"), extra negators
("lacks") and counterfactual cues ("could have been", "was hoping for"), after
which a reviewer names what the show lacked. Every entry carries the example
sentence that justifies it.

`Scorer` applies it through reviewkit's VADER-compatible scorer on raw clause or
sentence text (VADER's punctuation, capitals and "but" rules need the raw text).
No call ever sees more than `MAX_SPAN` characters: longer spans are cut at
whitespace and their scores averaged by length, which keeps the cost linear
(vaderSentiment's own cost grows faster than the text).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reviewkit._types import NEUTRAL, Sentiment
from reviewkit._vader import _PUNCT, VaderScorer
from reviewkit.errors import LexiconError

__all__ = [
    "DEFAULT_SENTIMENT",
    "MAX_SPAN",
    "Scorer",
    "SentimentLexicon",
    "get_scorer",
    "text_polarity",
]

DEFAULT_SENTIMENT = "tv_film_en.v1"
#: The longest text handed to VADER in one call, in characters.
MAX_SPAN = 1000
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _expand(phrase: str) -> list[str]:
    """Expand ``"fall|falls|fell flat"`` into every combination of alternatives."""
    options = [word.split("|") for word in phrase.lower().split()]
    return [" ".join(combo) for combo in itertools.product(*options)]


def _entries(data: object, what: str, *, valence: bool) -> dict[str, tuple[float, str]]:
    """Validate ``{entry: {"valence", "example"}}`` data into (valence, example)."""
    if not isinstance(data, Mapping):
        raise LexiconError(
            f"A sentiment lexicon's {what!r} must map entries to "
            f"{{'valence': ..., 'example': ...}}; got {type(data).__name__}."
        )
    entries: dict[str, tuple[float, str]] = {}
    for key, spec in data.items():
        if isinstance(spec, int | float) and valence:
            value, example = float(spec), ""
        elif isinstance(spec, Mapping):
            value = float(spec.get("valence", 0.0)) if valence else 0.0
            example = str(spec.get("example", ""))
        elif isinstance(spec, str) and not valence:
            value, example = 0.0, spec
        else:
            raise LexiconError(
                f"Entry {key!r} in {what!r} must be a number or a mapping with "
                f"'valence' and 'example'; got {spec!r}."
            )
        if valence and not -4.0 <= value <= 4.0:
            raise LexiconError(
                f"The valence of {key!r} must lie on VADER's scale [-4, 4]; "
                f"got {value}."
            )
        if not isinstance(key, str) or not key.strip():
            raise LexiconError(f"Entries of {what!r} must be non-empty strings.")
        entries[" ".join(key.lower().split())] = (value, example)
    return entries


@dataclass(frozen=True)
class SentimentLexicon:
    """The domain layer added to VADER: words, phrases, negators and cues.

    Build one with `SentimentLexicon.default` or `SentimentLexicon.load`, and
    extend it with `with_words`, `with_phrases`, `with_negators` and
    `with_counterfactuals` (each returns a new lexicon).

    Attributes:
        name: A short name, e.g. ``"tv_film_en"``.
        words: Word -> (valence on VADER's -4..+4 scale, example sentence).
        phrases: Phrase -> (valence, example). A phrase may list alternatives
            per word: ``"fall|falls|fell flat"``.
        negators: Negation word (or two words, "far from") -> example
            sentence. A negator that is also in ``words`` (or in VADER's
            lexicon, like "lack") keeps its valence, read as VADER reads
            "no": dropped when the next word carries a valence of its own.
        counterfactuals: Cue -> (valence of the cue itself, usually 0, and
            example sentence). The praise after a cue, to the end of its
            clause, reads as negated: "The OST could have been more
            memorable" is criticism. Cues may list alternatives per word, as
            phrases do.
        version: Version of the data.

    Examples:
        >>> layer = SentimentLexicon.default().with_words({"slaps": 2.5})
        >>> Scorer(layer).score("The OST slaps.").compound > 0
        True
    """

    name: str
    words: Mapping[str, tuple[float, str]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    phrases: Mapping[str, tuple[float, str]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    negators: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    version: int = 1
    counterfactuals: Mapping[str, tuple[float, str]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def __post_init__(self) -> None:
        for name in ("words", "phrases", "negators", "counterfactuals"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        for word in self.words:
            if " " in word:
                raise LexiconError(
                    f"Word {word!r} has a space; put multi-word entries under "
                    "'phrases'."
                )

    @classmethod
    def default(cls) -> SentimentLexicon:
        """Return the packaged film/TV layer (``tv_film_en.v1``)."""
        return _packaged(DEFAULT_SENTIMENT)

    @classmethod
    def none(cls) -> SentimentLexicon:
        """Return an empty layer: plain VADER."""
        return cls(name="vader")

    @classmethod
    def load(
        cls, name_or_path: str | Path | SentimentLexicon | None
    ) -> SentimentLexicon:
        """Return a layer by packaged name, JSON path, or as is (None: plain VADER).

        Raises:
            LexiconError: If the name is unknown or the file is malformed.
        """
        if name_or_path is None or name_or_path == "vader":
            return cls.none()
        if isinstance(name_or_path, SentimentLexicon):
            return name_or_path
        if isinstance(name_or_path, Path) or str(name_or_path).endswith(".json"):
            try:
                data = json.loads(Path(name_or_path).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise LexiconError(
                    f"Cannot read sentiment lexicon {str(name_or_path)!r}: {exc}."
                ) from None
            return cls.from_dict(data)
        return _packaged(str(name_or_path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SentimentLexicon:
        """Build a layer from ``{"name", "words", "phrases", "negators"}`` data.

        Values may be plain numbers or ``{"valence": ..., "example": ...}``.
        An optional ``"counterfactuals"`` mapping holds cues in the same shape
        (a missing valence is 0).
        """
        if not isinstance(data, Mapping):
            raise LexiconError(
                f"A sentiment lexicon must be a mapping; got {type(data).__name__}."
            )
        negators = {
            k: example
            for k, (_, example) in _entries(
                data.get("negators", {}), "negators", valence=False
            ).items()
        }
        return cls(
            name=str(data.get("name", "custom")),
            words=_entries(data.get("words", {}), "words", valence=True),
            phrases=_entries(data.get("phrases", {}), "phrases", valence=True),
            negators=negators,
            version=int(data.get("version", 1)),
            counterfactuals=_entries(
                data.get("counterfactuals", {}), "counterfactuals", valence=True
            ),
        )

    def with_words(self, words: Mapping[str, float]) -> SentimentLexicon:
        """Return a copy with words added or overridden (valence -4..+4)."""
        extra = _entries(dict(words), "words", valence=True)
        return replace(self, words={**self.words, **extra})

    def with_phrases(self, phrases: Mapping[str, float]) -> SentimentLexicon:
        """Return a copy with multi-word phrases added or overridden."""
        extra = _entries(dict(phrases), "phrases", valence=True)
        return replace(self, phrases={**self.phrases, **extra})

    def with_negators(self, negators: Iterable[str]) -> SentimentLexicon:
        """Return a copy with extra negation words (one word or two: "far from")."""
        extra = {" ".join(n.lower().split()): "" for n in negators}
        return replace(self, negators={**self.negators, **extra})

    def with_counterfactuals(self, cues: Mapping[str, float]) -> SentimentLexicon:
        """Return a copy with counterfactual cues added or overridden.

        Args:
            cues: Cue -> valence of the cue itself (0 for a cue that only
                turns what follows it, as ``{"if only": 0}``).

        Returns:
            The new layer.
        """
        extra = _entries(dict(cues), "counterfactuals", valence=True)
        return replace(self, counterfactuals={**self.counterfactuals, **extra})

    def expanded_phrases(self) -> dict[str, float]:
        """Every phrase with its alternatives spelled out."""
        return _expanded(self.phrases)

    def expanded_counterfactuals(self) -> dict[str, float]:
        """Every counterfactual cue with its alternatives spelled out."""
        return _expanded(self.counterfactuals)

    def examples(self) -> Iterator[tuple[str, str, float, str]]:
        """Yield ``(kind, entry, valence, example)`` for every entry."""
        for word, (value, example) in self.words.items():
            yield "word", word, value, example
        for phrase, (value, example) in self.phrases.items():
            yield "phrase", phrase, value, example
        for negator, example in self.negators.items():
            yield "negator", negator, 0.0, example
        for cue, (value, example) in self.counterfactuals.items():
            yield "counterfactual", cue, value, example

    def __reduce__(self) -> tuple[Any, ...]:
        # Mapping proxies do not pickle; rebuild from plain data instead.
        return (SentimentLexicon.from_dict, (self.to_dict(),))

    def to_dict(self) -> dict[str, Any]:
        """Return the layer as plain data (the JSON shape `from_dict` reads)."""
        return {
            "name": self.name,
            "version": self.version,
            "words": {
                k: {"valence": v, "example": e} for k, (v, e) in self.words.items()
            },
            "phrases": {
                k: {"valence": v, "example": e} for k, (v, e) in self.phrases.items()
            },
            "negators": {k: {"example": e} for k, e in self.negators.items()},
            "counterfactuals": {
                k: {"valence": v, "example": e}
                for k, (v, e) in self.counterfactuals.items()
            },
        }

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the content: equal layers have equal fingerprints."""
        payload = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha1(payload).hexdigest()[:12]


def _expanded(entries: Mapping[str, tuple[float, str]]) -> dict[str, float]:
    """Every entry with its alternatives spelled out, mapped to its valence."""
    out: dict[str, float] = {}
    for entry, (value, _) in entries.items():
        for variant in _expand(entry):
            out[variant] = value
    return out


@cache
def _packaged(name: str) -> SentimentLexicon:
    available = sorted(
        entry.name.removeprefix("sentiment_").removesuffix(".json")
        for entry in resources.files("reviewkit.resources").iterdir()
        if entry.name.startswith("sentiment_")
    )
    if name not in available:
        raise LexiconError(
            f"Unknown sentiment lexicon {name!r}. Packaged: {', '.join(available)}; "
            "'vader' is plain VADER. Pass a path or a SentimentLexicon for your own."
        )
    path = resources.files("reviewkit.resources").joinpath(f"sentiment_{name}.json")
    return SentimentLexicon.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Cut a text into pieces of at most `MAX_SPAN` characters, at whitespace."""
    size = len(text)
    start = 0
    while start < size:
        end = min(start + MAX_SPAN, size)
        if end < size:
            cut = text.rfind(" ", start + MAX_SPAN // 2, end)
            if cut > start:
                end = cut
        yield start, end
        start = end


def straight_quotes(text: str) -> str:
    """Curly single quotes as straight ones (same length).

    Blog posts write "wasn’t" and ‘great’; VADER knows only the
    straight apostrophe: it finds "n't" for negation and strips ASCII
    punctuation off words, so curly quotes would hide both.
    """
    return text.replace("\u2019", "'").replace("\u2018", "'")


class Scorer:
    """VADER with a domain layer, scoring raw text in bounded spans.

    Curly single quotes are read as straight ones ("wasn’t bad" is negated
    as "wasn't bad" is); `VaderScorer` itself stays vaderSentiment's exact
    twin.

    Args:
        lexicon: The domain layer (`SentimentLexicon`), a packaged name, a JSON
            path, or None for plain VADER.

    Scorers are picklable and cheap to copy; build them with `get_scorer` to
    share one per layer within a process.
    """

    __slots__ = ("_phrase_words", "lexicon", "vader")

    def __init__(
        self, lexicon: SentimentLexicon | str | Path | None = DEFAULT_SENTIMENT
    ):
        self.lexicon = SentimentLexicon.load(lexicon)
        self.vader = VaderScorer(
            words={k: v for k, (v, _) in self.lexicon.words.items()},
            phrases=self.lexicon.expanded_phrases(),
            negators=tuple(self.lexicon.negators),
            counterfactuals=self.lexicon.expanded_counterfactuals(),
        )
        # Each word of a phrase -> (the phrase's words, that word's position).
        self._phrase_words: dict[str, list[tuple[list[str], int]]] = {}
        for phrase in self.lexicon.expanded_phrases():
            parts = phrase.split()
            for at, word in enumerate(parts):
                self._phrase_words.setdefault(word, []).append((parts, at))

    def __getstate__(self) -> SentimentLexicon:
        return self.lexicon

    def __setstate__(self, lexicon: SentimentLexicon) -> None:
        self.__init__(lexicon)  # type: ignore[misc]  # rebuild from the layer

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """Return ``(neg, neu, pos, compound)`` of a text (bounded spans)."""
        text = straight_quotes(text)
        if len(text) <= MAX_SPAN:
            return self.vader.scores(text)
        totals = [0.0, 0.0, 0.0, 0.0]
        weight = 0
        for start, end in _spans(text):
            part = self.vader.scores(text[start:end])
            length = end - start
            for i in range(4):
                totals[i] += part[i] * length
            weight += length
        return tuple(t / weight for t in totals)  # type: ignore[return-value]

    def score(self, text: str) -> Sentiment:
        """Return the `Sentiment` of a text."""
        if not text.strip():
            return NEUTRAL
        neg, neu, pos, compound = self.scores(text)
        return Sentiment(neg=neg, neu=neu, pos=pos, compound=compound)

    def carries_opinion(self, text: str) -> bool:
        """Whether any word of a text has a valence (VADER's or the layer's)."""
        return any(map(self.vader.carries_valence, _keys(text)))

    def in_phrase(self, text: str, start: int, end: int) -> bool:
        """Whether the words at ``text[start:end]`` belong to a phrase of the layer.

        A topic term that the component blanks before scoring ("value", which
        VADER scores as praise) must stay visible where it is part of a
        phrase that carries the opinion ("great value", "value for money"),
        or the phrase would never match.

        Args:
            text: The text.
            start: Start offset of the term.
            end: End offset of the term.

        Returns:
            True if the phrase's words surround ``text[start:end]`` as VADER
            reads them (whitespace-separated, punctuation stripped).
        """
        # VADER reads whole whitespace-separated chunks: "(value" is "value",
        # "good-value" one word.
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        words = _keys(text[start:end])
        candidates = self._phrase_words.get(words[0]) if words else None
        if not candidates:
            return False
        lo = max(0, start - _PHRASE_WINDOW)
        before = _keys(text[lo:start])
        if lo and before and not text[lo - 1].isspace():
            del before[0]  # cut at the window's edge
        after = _keys(text[end : end + _PHRASE_WINDOW])
        n = len(words)
        for parts, at in candidates:
            if parts[at : at + n] != words:
                continue
            head, tail = parts[:at], parts[at + n :]
            if head and before[-len(head) :] != head:
                continue
            if tail and after[: len(tail)] != tail:
                continue
            return True
        return False

    def explain(self, text: str) -> tuple[Sentiment, tuple[str, ...], bool]:
        """Return a text's sentiment, its opinion words, and whether one was negated.

        Args:
            text: A clause or sentence.

        Returns:
            The scores, the lower-cased words (or phrases) that carried
            sentiment, and whether negation flipped any of them.
        """
        if not text.strip():
            return NEUTRAL, (), False
        text = straight_quotes(text)
        if len(text) > MAX_SPAN:
            words: list[str] = []
            negated = False
            for start, end in _spans(text):
                explained = self.vader.explain(text[start:end])
                words.extend(w.lower for w in explained.words)
                negated = negated or any(w.negated for w in explained.words)
            return self.score(text), tuple(words), negated
        (neg, neu, pos, compound), found, flipped = self.vader.opinion_words(text)
        return Sentiment(neg=neg, neu=neu, pos=pos, compound=compound), found, flipped


# Characters read on each side of a term to find the phrase around it.
_PHRASE_WINDOW = 120


def _keys(text: str) -> list[str]:
    """Words as VADER's phrase matching reads them: lower case, punctuation off."""
    return [w.strip(_PUNCT) for w in straight_quotes(text).lower().split()]


_SCORERS: dict[str, Scorer] = {}


def get_scorer(
    lexicon: SentimentLexicon | str | Path | None = DEFAULT_SENTIMENT,
) -> Scorer:
    """Return a shared `Scorer` for a layer (one per distinct layer and process)."""
    layer = SentimentLexicon.load(lexicon)
    scorer = _SCORERS.get(layer.fingerprint)
    if scorer is None:
        scorer = _SCORERS[layer.fingerprint] = Scorer(layer)
    return scorer


def text_polarity(text: str) -> float:
    """Mean compound score of a text's sentences, with the default layer.

    Used to tell which of two unknown contrasting headings is the positive one.
    """
    scorer = get_scorer()
    scores = [
        scorer.scores(m.group())[3]
        for m in _SENTENCE.finditer(text, 0, min(len(text), 50_000))
        if m.group().strip()
    ]
    return sum(scores) / len(scores) if scores else 0.0

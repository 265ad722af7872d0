r"""reviewkit's spaCy components and `load`.

Three components, run in this order (``load`` builds the pipeline):

``reviewkit_structure``
    Parses the review's structure (unless ``doc._.rk_structure`` was set
    beforehand, as `reviewkit.analyze` does after reading HTML), stores it as
    plain data, writes the sections to ``doc.spans["rk_sections"]`` and forces
    sentence starts at paragraphs, headings, list entries and item labels, so
    that "Pros\n- Great cast" is never one sentence.
``reviewkit_aspects``
    Matches the aspect lexicon (multi-word terms, plurals) case-insensitively
    into ``doc.spans["rk_aspects"]``: label = aspect id, ``id_`` = lexicon term.
``reviewkit_sentiment``
    Splits sentences into clauses on contrast ("but", "though", ";"...), scores
    raw clause text with VADER plus the domain layer, and attributes a score to
    each aspect mention: its clause, or with a trained parser the words
    attached to it by dependencies.

Everything a component stores in ``doc._`` is plain data (`reviewkit._plain`),
and ``doc._.rk_review`` is a getter defined at module level, so pipelines work
with ``nlp.pipe(n_process=2)`` under any start method and with ``DocBin``.
"""

from __future__ import annotations

import base64
import bisect
import io
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from vaderSentiment.vaderSentiment import N_SCALAR

from reviewkit._blend import (
    ASPECT_THRESHOLD,
    BACKENDS,
    DEFAULT_ASPECT_MODEL,
    DEFAULT_DOCUMENT_MODEL,
    DEFAULT_POLARITY_MODEL,
    DEFAULT_PROCON_MODEL,
    SOURCE_LEXICON,
    STANCE_CON,
    STANCE_NONE,
    STANCE_PRO,
    Backend,
    LearnedLayer,
    packaged_name,
    resolve_model,
)
from reviewkit._lexicon import DEFAULT_LEXICON, AspectLexicon
from reviewkit._plain import VERSION, structure_to_plain
from reviewkit._readers import detect_format, read
from reviewkit._sentiment import DEFAULT_SENTIMENT, SentimentLexicon, get_scorer
from reviewkit._sentiment import text_polarity as _text_polarity
from reviewkit._structure import build_review, sentence_breaks
from reviewkit._textmodel import LinearTextModel
from reviewkit._tokenizer import ReviewTokenizer, controls_as_spaces
from reviewkit._types import NEUTRAL, Review, Sentiment, heading_body_start
from reviewkit._vader import _SUBJECTS
from reviewkit._vocab import DEFAULT_HEADINGS, HeadingVocabulary
from reviewkit.errors import ConfigurationError, PipelineError

__all__ = [
    "AspectComponent",
    "SentimentComponent",
    "StructureComponent",
    "ensure_extensions",
    "load",
    "split_clauses",
]

#: Longest text a blank reviewkit pipeline accepts (spaCy's default is 1e6).
BLANK_MAX_LENGTH = 200_000_000
#: Transient slot in ``doc.user_data`` carrying the Doc's text from the first
#: reviewkit component to the last, which removes it. ``Doc.text`` joins every
#: token in Python each time it is read, which costs more than tokenising.
TEXT_KEY = "rk_text"
#: ``doc.user_data`` key of the show's name given as metadata (`analyze`).
SHOW_KEY = "rk_show"
SECTIONS_KEY = "rk_sections"
ASPECTS_KEY = "rk_aspects"
COMPONENTS = ("reviewkit_structure", "reviewkit_aspects", "reviewkit_sentiment")
_DATA_EXTENSIONS = ("rk_structure", "rk_sentiment", "rk_meta")

LexiconConfig = str | dict[str, Any]


# -- extensions --


def get_review(doc: Doc) -> Review:
    """Getter of ``doc._.rk_review``: the analysed `Review` of a Doc.

    Raises:
        PipelineError: If the Doc did not go through reviewkit's components.
    """
    from reviewkit._analysis import review_from_doc

    return review_from_doc(doc)


def ensure_extensions() -> None:
    """Register reviewkit's Doc extensions once; refuse to clobber others'.

    Raises:
        ConfigurationError: If another library registered an extension of the
            same name in a different way.
    """
    for name in _DATA_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
        elif (
            Doc.get_extension(name)[2] is not None
        ):  # (default, method, getter, setter)
            raise ConfigurationError(
                f"Doc._.{name} is already registered with a getter by another "
                "library; reviewkit needs it as a plain attribute. Remove the other "
                f"extension with Doc.remove_extension({name!r})."
            )
    if not Doc.has_extension("rk_review"):
        Doc.set_extension("rk_review", getter=get_review)
        return
    getter = Doc.get_extension("rk_review")[2]
    if getattr(getter, "__qualname__", None) != get_review.__qualname__:
        raise ConfigurationError(
            "Doc._.rk_review is already registered by another library. Remove it "
            "with Doc.remove_extension('rk_review') before loading reviewkit."
        )


def _lexicon(config: LexiconConfig) -> AspectLexicon:
    if isinstance(config, Mapping):
        return AspectLexicon.from_dict(config)
    return AspectLexicon.load(config)


def _headings(config: LexiconConfig) -> HeadingVocabulary:
    if isinstance(config, Mapping):
        return HeadingVocabulary.from_dict(config)
    return HeadingVocabulary.load(config)


def _sentiment_layer(config: LexiconConfig) -> SentimentLexicon:
    if isinstance(config, Mapping):
        return SentimentLexicon.from_dict(config)
    return SentimentLexicon.load(config)


# -- structure --


def _split_at_breaks(doc: Doc, breaks: list[int]) -> None:
    """Split tokens that straddle a block start ('Verdict:"Not' -> two tokens).

    spaCy's tokenizer does not know where reviewkit's blocks start; a block
    glued to the one before it would otherwise have its first word swallowed
    by the previous sentence. Rare, so done token by token.
    """
    array = doc.to_array([IDX, LENGTH])
    offsets = array[:, 0]
    ends = (offsets + array[:, 1]).tolist()
    cuts: dict[int, list[int]] = {}
    found = numpy.searchsorted(offsets, breaks, side="right").tolist()
    for cut, index in zip(breaks, found, strict=True):
        # The token starting before the break; the break is inside it if the
        # token ends after it (and it did not start exactly there).
        if index and ends[index - 1] > cut and offsets[index - 1] != cut:
            cuts.setdefault(index - 1, []).append(cut - int(offsets[index - 1]))
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for index, points in cuts.items():
            token = doc[index]
            bounds = [0, *sorted(set(points)), len(token.text)]
            orths = [token.text[a:b] for a, b in itertools.pairwise(bounds)]
            heads: list[Token | tuple[Token, int]] = [(token, 0)] * len(orths)
            retokenizer.split(token, orths, heads=heads)


def mark_sentences(doc: Doc, breaks: list[int], *, split: bool) -> None:
    """Force sentence starts at block breaks, then fill the rest like the sentencizer.

    One read of the token attributes and one write, in C: iterating the Doc
    would build a Token per token, and the ``Token.is_sent_start`` setter scans
    the whole Doc for a parse each time (quadratic on long reviews).

    Args:
        doc: The Doc.
        breaks: Character offsets where reviewkit's blocks start; the first
            non-space token at or after each starts a sentence.
        split: Also set the other tokens' starts by spaCy's sentencizer rule
            (see `split_sentences`); boundaries already set are kept.
    """
    if breaks:
        _split_at_breaks(doc, breaks)
    size = len(doc)
    force = bool(breaks) and size >= 2
    if not force and not (split and size):
        return
    array = doc.to_array([IDX, IS_SPACE, ORTH, IS_PUNCT, SENT_START])
    values = array[:, 4].astype(numpy.int64)
    if force:
        spaces = array[:, 1]
        for index in numpy.searchsorted(array[:, 0], breaks, side="left").tolist():
            while index < size and spaces[index]:
                index += 1
            if 0 < index < size:
                values[index] = 1
    if split:
        guesses = numpy.where(_guess_starts(doc, array[:, 2], array[:, 3]), 1, -1)
        values = numpy.where(values != 0, values, guesses)
    doc.from_array([SENT_START], values.astype(numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]  # spaCy's Ints2d is numpy


_PUNCT_HASHES: dict[int, frozenset[int]] = {}


def _punct_hashes(doc: Doc) -> frozenset[int]:
    """Hashes of the sentencizer's sentence-final characters, for this vocab."""
    key = id(doc.vocab.strings)
    hashes = _PUNCT_HASHES.get(key)
    if hashes is None:
        strings = doc.vocab.strings
        hashes = frozenset(strings.add(c) for c in Sentencizer.default_punct_chars)
        _PUNCT_HASHES.clear()
        _PUNCT_HASHES[key] = hashes
    return hashes


def _guess_starts(
    doc: Doc, orths: numpy.ndarray, is_punct: numpy.ndarray
) -> numpy.ndarray:
    """Where spaCy's sentencizer starts sentences, as a boolean per token.

    A token that is not punctuation starts a sentence when a sentence-final
    character ("." "!" "?"...) occurred since the previous such token.
    """
    size = len(orths)
    # Sentence-final characters are all punctuation: test only those tokens
    # (numpy.isin sorts the whole array, costlier than the rest of this).
    final = numpy.zeros(size, dtype=bool)
    punct = numpy.flatnonzero(is_punct)
    if len(punct):
        hashes = _punct_hashes(doc)
        hits = [orth in hashes for orth in orths[punct].tolist()]
        final[punct[numpy.array(hits, dtype=bool)]] = True
    regular = numpy.flatnonzero((is_punct == 0) & ~final)
    seen = numpy.cumsum(final)
    starts = numpy.zeros(size, dtype=bool)
    starts[0] = True
    if len(regular) > 1:
        previous, current = regular[:-1], regular[1:]
        starts[current[seen[current - 1] > seen[previous]]] = True
    if len(regular) and regular[0] > 0 and seen[regular[0] - 1] > 0:
        starts[regular[0]] = True
    return starts


def split_sentences(doc: Doc) -> None:
    """Fill unset sentence starts exactly as spaCy's sentencizer would, in C.

    The sentencizer visits every token in Python; this is the same rule with
    numpy (`_guess_starts`). Boundaries set before (reviewkit's forced starts)
    are kept, as the sentencizer keeps them.

    Args:
        doc: The Doc.
    """
    mark_sentences(doc, [], split=True)


def _sentence_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character spans of the Doc's sentences, read in C (no Token objects).

    Equivalent to ``[(s.start_char, s.end_char) for s in doc.sents]`` up to
    trailing whitespace, which callers strip anyway; ``doc.sents`` first checks
    every token for sentence annotation, in Python.
    """
    if not len(doc):
        return []
    array = doc.to_array([IDX, SENT_START])
    offsets = array[:, 0]
    starts = numpy.flatnonzero(array[:, 1] == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    chars = offsets[starts].tolist()
    ends = [*chars[1:], len(text)]
    return list(zip(chars, ends, strict=True))


class StructureComponent:
    """spaCy component ``reviewkit_structure``: sections and sentence starts.

    Args:
        nlp: The pipeline.
        name: The component's name.
        headings: Heading vocabulary (packaged name, JSON path, or its dict).
        aspects: Aspect lexicon for item labels (name, path or dict).
        spans_key: ``doc.spans`` key for the sections.
        split_sentences: Also split the rest of the Doc into sentences (the
            sentencizer's rule, vectorised). `load` turns this on for pipelines
            without a parser or senter, in place of spaCy's sentencizer.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "reviewkit_structure",
        *,
        headings: LexiconConfig = DEFAULT_HEADINGS,
        aspects: LexiconConfig = DEFAULT_LEXICON,
        spans_key: str = SECTIONS_KEY,
        split_sentences: bool = False,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.headings = _headings(headings)
        self.lexicon = _lexicon(aspects)
        self.spans_key = spans_key
        self.split_sentences = split_sentences

    def parse(self, text: str) -> tuple[Review, list[int]]:
        """Parse plain text or Markdown with this component's vocabularies."""
        fmt = "markdown" if detect_format(text) == "markdown" else "text"
        document = read(text, format=fmt)
        review = build_review(
            document,
            vocabulary=self.headings,
            lexicon=self.lexicon,
            polarity=_text_polarity,
        )
        return review, sentence_breaks(document, review)

    def __call__(self, doc: Doc) -> Doc:
        data = doc._.rk_structure
        if TEXT_KEY not in doc.user_data:
            doc.user_data[TEXT_KEY] = doc.text
        if data is None:
            review, breaks = self.parse(doc.user_data[TEXT_KEY])
            data = doc._.rk_structure = structure_to_plain(review, breaks)
        mark_sentences(doc, data["breaks"], split=self.split_sentences)
        spans = []
        for kind, start, end, *_ in data["sections"]:
            span = doc.char_span(start, end, label=kind, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


# -- aspects --


class AspectComponent:
    """spaCy component ``reviewkit_aspects``: lexicon matches as spans.

    Matching is on lower-cased tokens, so "OST", "Ost" and "ost" all match.
    Overlapping matches keep the longest ("plot twist" over "plot"); matches
    inside an excluded phrase ("in the end") and "score" followed by a number
    ("score: 8/10", "the score was 8/10": a rating, not music) are dropped.

    Args:
        nlp: The pipeline.
        name: The component's name.
        aspects: Aspect lexicon (packaged name, JSON path, or its dict).
        spans_key: ``doc.spans`` key for the mentions.
    """

    _EXCLUDE = "\x00exclude"

    def __init__(
        self,
        nlp: Language,
        name: str = "reviewkit_aspects",
        *,
        aspects: LexiconConfig = DEFAULT_LEXICON,
        spans_key: str = ASPECTS_KEY,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.lexicon = _lexicon(aspects)
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns: dict[str, list[str]] = {}
        for aspect, form, term in self.lexicon.iter_patterns():
            patterns.setdefault(f"{aspect}\t{term}", []).append(form)
        patterns[self._EXCLUDE] = list(self.lexicon.exclude)
        for key, forms in patterns.items():
            if forms:
                self.matcher.add(key, [nlp.make_doc(form) for form in forms])
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            key = self.strings[match_id]
            if key == self._EXCLUDE:
                spans.append(Span(doc, start, end, label=key))
                continue
            aspect, term = key.split("\t")
            if term == "score" and _rating_follows(doc, end):
                continue
            spans.append(Span(doc, start, end, label=aspect, span_id=term))
        kept = [s for s in filter_spans(spans) if s.label_ != self._EXCLUDE]
        doc.spans[self.spans_key] = _without_modifiers(doc, kept)
        return doc


_RATING_LINKS = frozenset({"was", "is", "of", "a", "at", "=", "-"})


def _rating_follows(doc: Doc, end: int) -> bool:
    """Whether a number follows, directly or after a link word ("was 8/10").

    After a link word only digits count: "the score was one of the best
    parts" is about the music.
    """
    if end < len(doc) and (doc[end].like_num or doc[end].text in (":", "/", "=")):
        return True
    return (
        end + 1 < len(doc)
        and doc[end].lower_ in _RATING_LINKS
        and any(map(str.isdigit, doc[end + 1].text))
    )


#: The aspect of the review's subject as a whole.
OVERALL = "overall"
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _without_modifiers(doc: Doc, spans: list[Span]) -> list[Span]:
    """Drop `overall` mentions that only say whose another aspect is.

    "The show's acting is top notch", "this drama's gorgeous OST" and "the
    season finale" are about the acting, the music and the ending: the show
    is their owner there, not the topic.
    """
    if not any(span.label_ == OVERALL for span in spans):
        return spans
    labels = {span.start: span.label_ for span in spans}

    def modifier(span: Span) -> bool:
        if span.label_ != OVERALL:
            return False
        at = span.end
        if at < len(doc) and doc[at].lower_ in _POSSESSIVE:
            at += 1
            if at + 1 < len(doc) and at not in labels and doc[at].is_alpha:
                at += 1  # one word between: "the show's stunning cinematography"
        label = labels.get(at)
        return label is not None and label != OVERALL

    return [span for span in spans if not modifier(span)]


# -- clauses and sentiment --

_CONTRAST = re.compile(
    r"\b(?:but|though|although|however|whereas|while|yet|except|even\s+though"
    r"|despite|in\s+spite\s+of)\b|;",
    re.IGNORECASE,
)
_NEEDS_COMMA = frozenset({"while", "yet", "except"})
_MARKERS = (
    "but", "though", "however", "whereas", "while", "yet", "except", ";", "despite",
    "spite",
)  # fmt: skip
# A sentence that opens with a concession ends it at the first comma:
# "Although the acting was great, the plot was boring."
_FRONTED = re.compile(
    r"[\s\"'“‘(]*(?:although|though|even\s+though|while|whereas|despite"
    r"|in\s+spite\s+of)\b",
    re.IGNORECASE,
)
# A concession that opens a clause of its own: VADER counts "despite" as a
# negator, which reads the sentence as a whole right ("I loved it despite its
# flaws") but turns the concession itself around ("despite a weak script" is
# not praise of the script). The clause is scored without it.
_CONCESSION = re.compile(r"(?:despite|in\s+spite\s+of)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into clauses at contrast markers.

    A clause starts at "but", "though", "although", "however", "whereas",
    "even though", "despite", "in spite of", at ", while", ", yet", ",
    except", and after ";". A sentence that opens with "although", "though",
    "even though", "while", "whereas", "despite" or "in spite of" ends its
    first clause at the first comma
    ("Although the acting was great, | the plot was boring."). Markers used
    parenthetically ("The acting, though, was superb") or leaving fewer than
    two words on either side do not split.

    Args:
        text: The review text.
        start: Offset of the sentence.
        end: Offset just past the sentence.

    Returns:
        ``(start, end)`` of each clause, covering the sentence.
    """
    lowered = text[start:end].lower()
    if not any(marker in lowered for marker in _MARKERS):
        return [(start, end)]
    cuts = [start]
    fronted = _FRONTED.match(text, start, end)
    if fronted is not None:
        comma = text.find(",", fronted.end(), end)
        if (
            comma >= 0
            and _two_words(text, start, comma)
            and _two_words(text, comma + 1, end)
        ):
            cuts.append(comma + 1)
    for match in _CONTRAST.finditer(text, cuts[-1], end):
        word = match.group().lower()
        if word == ";":
            cut = match.end()
        else:
            cut = match.start()
            after = text[match.end() : match.end() + 2].lstrip(" ")
            if after.startswith(","):
                continue  # parenthetical: "The acting, though, was superb"
            if word in _NEEDS_COMMA and _char_before(text, cuts[-1], cut) != ",":
                continue
            if (
                word.split()[0] in ("despite", "in")
                and _char_before(text, cuts[-1], cut) == ","
            ):
                continue  # parenthetical: "The show, despite a great cast, is dull"
        if not _two_words(text, cuts[-1], cut) or not _two_words(text, cut, end):
            continue
        cuts.append(cut)
    cuts.append(end)
    clauses = []
    for a, b in itertools.pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            clauses.append((a, b))
    return clauses or [(start, end)]


def _two_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds at least two words (looks no further)."""
    words = _WORD.finditer(text, start, end)
    return next(words, None) is not None and next(words, None) is not None


def _char_before(text: str, start: int, end: int) -> str:
    """The last non-space character of ``text[start:end]`` ("" if none)."""
    position = end
    while position > start and text[position - 1].isspace():
        position -= 1
    return text[position - 1] if position > start else ""


def _is_auto(value: Any) -> bool:
    """Whether a model argument is ``"auto"`` (compared safely with any object)."""
    return isinstance(value, str) and value == "auto"


_ROLE_HEADING, _ROLE_LABEL, _ROLE_TEXT = 0, 1, 2
_MODEL_SLOTS = ("polarity", "document", "procon", "aspects")
#: What `SentimentComponent.to_disk` writes beside the model files.
_STATE_FILE = "learned.json"
Explained = tuple[Sentiment, tuple[str, ...], bool]
_ATTACH_DEPS = frozenset({"amod", "acomp", "advmod", "neg", "attr", "xcomp", "ccomp"})


class SentimentComponent:
    """spaCy component ``reviewkit_sentiment``: sentences, clauses and mentions.

    Args:
        nlp: The pipeline.
        name: The component's name.
        sentiment: Domain layer (packaged name, ``"vader"`` for none, JSON path,
            or its dict).
        aspects: The aspect lexicon (its ids are recorded with the results).
        score_summary: Whether synopsis sections count as the reviewer's
            opinion (by default they do not).
        sections_key: ``doc.spans`` key of the sections.
        aspects_key: ``doc.spans`` key of the aspect mentions.
        backend: ``"vader"`` (rules only), ``"model"`` (the polarity model's
            scores replace VADER's compound) or ``"blend"`` (both, mixed).
        polarity_model: Polarity model for the model and blend backends
            (``"default"``, a packaged name or a ``.npz`` path).
        procon_model: Pro/con classifier for the stance of opinion sentences
            outside pro/con sections (``"none"``, ``"default"``, ``"auto"``,
            name or path). ``"auto"`` is the shipped one with the model and
            blend backends, none with ``"vader"``.
        aspect_model: Aspect classifier for opinion sentences that name no
            lexicon term (the same choices; ``"auto"`` also needs the default
            taxonomy, the only one the shipped model knows).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "reviewkit_sentiment",
        *,
        sentiment: LexiconConfig = DEFAULT_SENTIMENT,
        aspects: LexiconConfig = DEFAULT_LEXICON,
        score_summary: bool = False,
        sections_key: str = SECTIONS_KEY,
        aspects_key: str = ASPECTS_KEY,
        backend: Backend = "vader",
        polarity_model: Any = "default",
        procon_model: Any = "none",
        aspect_model: Any = "none",
    ) -> None:
        ensure_extensions()
        self.name = name
        self.scorer = get_scorer(_sentiment_layer(sentiment))
        self.score_summary = score_summary
        self.sections_key = sections_key
        self.aspects_key = aspects_key
        lexicon = _lexicon(aspects)
        self.aspect_ids = list(lexicon.ids)
        self._default_taxonomy = lexicon == _lexicon(DEFAULT_LEXICON)
        self.learned = LearnedLayer()
        self.set_models(
            backend=backend,
            polarity_model=polarity_model,
            procon_model=procon_model,
            aspect_model=aspect_model,
        )
        self.evaluative = lexicon.evaluative
        # Sign-offs and rating lines are never opinion prose; synopses are not
        # the reviewer's opinion unless asked for.
        self.unscored = frozenset(
            {"signoff", "ratings"}
            if score_summary
            else {"signoff", "ratings", "summary"}
        )

    def set_models(
        self,
        *,
        backend: Backend = "vader",
        polarity_model: Any = "default",
        procon_model: Any = None,
        aspect_model: Any = None,
        aspect_threshold: float | None = None,
    ) -> None:
        """Choose the backend and learned models (see the class arguments).

        Models may be given as objects here (fitted reviewkit estimators or
        `LinearTextModel`), which a spaCy config cannot hold; ``nlp.to_disk``
        writes them beside the pipeline (and the backend chosen here), so
        ``spacy.load`` brings them back.

        Args:
            backend: ``"vader"``, ``"model"`` or ``"blend"``.
            polarity_model: See the class arguments.
            procon_model: See the class arguments.
            aspect_model: See the class arguments.
            aspect_threshold: Minimum probability of the aspect model to add a
                mention; by default the threshold of a given
                `AspectCategoryClassifier`, else 0.6.

        Raises:
            ConfigurationError: If the backend is unknown or a model is unusable.
        """
        learned = backend != "vader"
        # The shipped sentence model comes with a shipped whole-review model.
        shipped = polarity_model is True or polarity_model in (
            "default",
            DEFAULT_POLARITY_MODEL,
        )
        if _is_auto(procon_model):
            procon_model = "default" if learned else None
        if _is_auto(aspect_model):
            aspect_model = "default" if learned and self._default_taxonomy else None
        if aspect_threshold is None:
            aspect_threshold = getattr(aspect_model, "threshold", ASPECT_THRESHOLD)
        choices = {
            "polarity": (polarity_model, DEFAULT_POLARITY_MODEL) if learned else None,
            "document": ("default", DEFAULT_DOCUMENT_MODEL)
            if learned and shipped
            else None,
            "procon": (procon_model, DEFAULT_PROCON_MODEL),
            "aspects": (aspect_model, DEFAULT_ASPECT_MODEL),
        }
        self._install(
            backend,
            {slot: resolve_model(*c) if c else None for slot, c in choices.items()},
            # Packaged models are written out by name, all others as files.
            {slot: packaged_name(*c) if c else None for slot, c in choices.items()},
            float(aspect_threshold),
        )

    def _install(
        self,
        backend: Backend,
        models: Mapping[str, LinearTextModel | None],
        names: dict[str, str | None],
        aspect_threshold: float,
    ) -> None:
        """Put a learned layer in place, with the packaged names of its models."""
        self.learned = LearnedLayer(
            backend=backend,
            polarity=models["polarity"],
            document=models["document"],
            procon=models["procon"],
            aspects=models["aspects"],
            aspect_ids=frozenset(self.aspect_ids),
            aspect_threshold=aspect_threshold,
        )
        self._model_names = names

    # -- serialization (nlp.to_disk / spacy.load, nlp.to_bytes) --

    def _state(self) -> tuple[dict[str, Any], dict[str, LinearTextModel]]:
        """The backend and models as JSON, and the models to write as files."""
        layer = self.learned
        entries: dict[str, Any] = {}
        files: dict[str, LinearTextModel] = {}
        for slot in _MODEL_SLOTS:
            model = getattr(layer, slot)
            name = self._model_names.get(slot)
            if model is None or (slot == "document" and model is layer.polarity):
                entries[slot] = None
            elif name and resolve_model(name, name) is model:
                # Still the packaged model (loaded once per process), not one
                # put in place since: saved by name.
                entries[slot] = {"packaged": name}
            else:
                entries[slot] = {"file": f"{slot}.npz"}
                files[slot] = model
        state = {
            "backend": layer.backend,
            "aspect_threshold": layer.aspect_threshold,
            "models": entries,
        }
        return state, files

    def _restore(self, state: Any, read: Any, where: str) -> None:
        """Rebuild the learned layer from `_state`'s JSON and a file reader.

        Raises:
            ConfigurationError: If the saved state is not what `_state` writes.
        """
        models: dict[str, LinearTextModel | None] = {}
        names: dict[str, str | None] = {}
        try:
            for slot in _MODEL_SLOTS:
                entry = state["models"].get(slot)
                name = names[slot] = entry.get("packaged") if entry else None
                if not entry:
                    models[slot] = None
                elif name:
                    models[slot] = resolve_model(name, name)
                else:
                    file = entry["file"]
                    if Path(file).name != file:  # a file beside the state, no path
                        raise ValueError(f"model file {file!r} is not a plain name")
                    models[slot] = read(file)
            backend, threshold = state["backend"], float(state["aspect_threshold"])
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ConfigurationError(
                f"The saved learned-model state of {where} is unreadable ({exc!r}). "
                "Save the pipeline again with nlp.to_disk(), or delete "
                f"{_STATE_FILE} to use the models its config names."
            ) from None
        self._install(backend, models, names, threshold)

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        """Write the backend and learned models to a directory (spaCy protocol)."""
        del exclude
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        state, files = self._state()
        for slot, model in files.items():
            model.save(folder / f"{slot}.npz")
        (folder / _STATE_FILE).write_text(json.dumps(state, indent=2), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> SentimentComponent:
        """Read what `to_disk` wrote (spaCy protocol).

        A directory without it (written before reviewkit saved its models)
        keeps the models the config names.
        """
        del exclude
        folder = Path(path)
        if (folder / _STATE_FILE).is_file():
            try:
                state = json.loads((folder / _STATE_FILE).read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigurationError(
                    f"Cannot read {folder / _STATE_FILE}: {exc}. Save the pipeline "
                    f"again with nlp.to_disk(), or delete {_STATE_FILE}."
                ) from None
            self._restore(
                state, lambda name: LinearTextModel.load(folder / name), str(folder)
            )
        return self

    def to_bytes(self, *, exclude: Any = ()) -> bytes:
        """The backend and learned models as bytes (spaCy protocol)."""
        del exclude
        state, files = self._state()
        blobs = {}
        for slot, model in files.items():
            buffer = io.BytesIO()
            model.save(buffer)
            blobs[f"{slot}.npz"] = base64.b64encode(buffer.getvalue()).decode("ascii")
        return json.dumps({"state": state, "files": blobs}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Any = ()) -> SentimentComponent:
        """Read what `to_bytes` wrote (spaCy protocol)."""
        del exclude
        try:
            message = json.loads(data)
            blobs, state = message["files"], message["state"]
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigurationError(
                f"These bytes are not a reviewkit_sentiment component ({exc!r}); "
                "pass what nlp.to_bytes() returned."
            ) from None

        def read(name: str) -> LinearTextModel:
            return LinearTextModel.load(io.BytesIO(base64.b64decode(blobs[name])))

        self._restore(state, read, "the bytes")
        return self

    @property
    def backend(self) -> str:
        """What scores the clauses: ``"vader+tv_film_en.v1"``, ``"blend+..."``."""
        name = f"vader+{self.scorer.lexicon.name}"
        return (
            name
            if self.learned.backend == "vader"
            else f"{self.learned.backend}+{name}"
        )

    def __call__(self, doc: Doc) -> Doc:
        structure = doc._.rk_structure
        if structure is None:
            raise PipelineError(
                "Doc has no doc._.rk_structure; reviewkit_sentiment needs the "
                "reviewkit_structure component before it. Build the pipeline with "
                "reviewkit.load()."
            )
        # Scored as the tokenizer read it: control characters as spaces.
        text = controls_as_spaces(doc.user_data.pop(TEXT_KEY, None) or doc.text)
        sections = structure["sections"]
        section_starts = [s[1] for s in sections]
        # Where each section's text starts after its heading ("**Good**:").
        body_starts = [
            heading_body_start(text, s[4], s[2]) if s[4] >= 0 else -1 for s in sections
        ]
        item_starts = [[item[2] for item in s[6]] for s in sections]
        scorer = self.scorer
        spans = list(doc.spans.get(self.aspects_key, ()))
        # What VADER reads: the text with topic terms (`_topic`) and the
        # show's name blanked out ("Breaking Bad is the best show ever").
        topics = {(s.start_char, s.end_char): self._topic(s, text) for s in spans}
        blank = [key for key, topic in topics.items() if topic]
        for name in {structure.get("show"), doc.user_data.pop(SHOW_KEY, None)}:
            if isinstance(name, str) and scorer.carries_opinion(name):
                blank.extend(_name_spans(text, name))
        vader_text = _blanked(text, blank)
        mention_starts = sorted(span.start_char for span in spans)
        explained: dict[tuple[int, int, str], Explained] = {}
        # Concession words that open a clause, blanked where clauses and
        # mentions are scored (see `_CONCESSION`).
        conceded: list[tuple[int, int]] = []
        sentence_rows: list[list[Any]] = []
        clause_rows: list[list[Any]] = []
        for start, end in _sentence_spans(doc, text):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            section_index = max(0, bisect.bisect_right(section_starts, start) - 1)
            kind, _, _, h_start, _, _, items = sections[section_index]
            role = _ROLE_TEXT
            h_end = body_starts[section_index]
            if h_start >= 0 and start < h_end and (start >= h_start or end <= h_end):
                # The heading with its marks ("## Pros", "**Good**:").
                role = _ROLE_HEADING
            item_index = -1
            if items:
                starts = item_starts[section_index]
                index = bisect.bisect_right(starts, start) - 1
                if index >= 0 and start < items[index][3]:
                    item_index = index
                    if start < items[index][4] and end <= items[index][4]:
                        # The item's label or list marker ("The Acting-",
                        # "1."), not a list entry's sentence ("- It is great.").
                        role = _ROLE_LABEL
            scored = role == _ROLE_TEXT and kind not in self.unscored
            first = len(clause_rows)
            if role == _ROLE_TEXT:
                clauses = split_clauses(text, start, end)
                for a, b in clauses:
                    piece = vader_text[a:b]
                    if len(clauses) > 1:
                        concession = _CONCESSION.match(text, a, b)
                        if concession is not None:
                            conceded.append((a, concession.end()))
                            cut = concession.end() - a
                            piece = _mask(piece[:cut]) + piece[cut:]
                    here = bisect.bisect_left(mention_starts, a)
                    if here < len(mention_starts) and mention_starts[here] < b:
                        # A mention will need the clause's opinion words:
                        # explain it now, once, and reuse the result.
                        result = scorer.explain(piece)
                        explained[(a, b, piece)] = result
                        s = result[0]
                        clause_rows.append([a, b, s.neg, s.neu, s.pos, s.compound])
                    else:
                        clause_rows.append([a, b, *scorer.scores(piece)])
                if len(clauses) == 1:
                    scores = clause_rows[-1][2:]
                else:
                    scores = list(scorer.scores(vader_text[start:end]))
            else:
                scores = [0.0, 1.0, 0.0, 0.0]
            sentence_rows.append(
                [
                    start,
                    end,
                    section_index,
                    item_index,
                    role,
                    int(scored),
                    *scores,
                    first,
                    len(clause_rows) - first,
                ]
            )
        kinds = [section[0] for section in sections]
        stances = [
            (STANCE_PRO if kinds[row[2]] == "pros" else STANCE_CON)
            if row[4] == _ROLE_TEXT and kinds[row[2]] in ("pros", "cons")
            else STANCE_NONE
            for row in sentence_rows
        ]
        layer = self.learned
        model_score = None
        tokenized = None
        model_scores: dict[tuple[int, int], float] = {}
        if layer.active:
            tokenized, model_scores, model_score = layer.apply(
                text, sentence_rows, clause_rows, stances, section_kinds=kinds
            )
        mentions, scopes = self._mentions(
            doc,
            _blanked(vader_text, conceded) if conceded else vader_text,
            spans,
            sentence_rows,
            clause_rows,
            explained,
            topics,
        )
        if tokenized is not None and layer.backend != "vader":
            pending = [
                (row, scope)
                for row, scope in zip(mentions, scopes, strict=True)
                if scope is not None
            ]
            missing = [
                scope for _, scope in pending if scope[2] is not None
                or (scope[0], scope[1]) not in model_scores
            ]  # fmt: skip
            if missing:
                extra = layer.polarity_scores(
                    [tokenized.columns(a, b, exclude) for a, b, exclude in missing]
                )
                fresh = dict(zip(missing, extra.tolist(), strict=True))
            else:
                fresh = {}
            for row, scope in pending:
                score = fresh.get(scope)
                if score is None:
                    score = model_scores[(scope[0], scope[1])]
                row[10] = layer.combine(row[10], score)
        for row in mentions:
            row.append(SOURCE_LEXICON)
        if layer.aspects is not None and tokenized is not None:
            mentioned = {row[4] for row in mentions}
            item_aspects = [
                sections[row[2]][6][row[3]][1] if row[3] >= 0 else None
                for row in sentence_rows
            ]
            extra_mentions = layer.aspect_mentions(
                tokenized, sentence_rows, mentioned, item_aspects
            )
            if extra_mentions:
                mentions = sorted(mentions + extra_mentions, key=lambda r: (r[2], r[3]))
        for row, stance in zip(sentence_rows, stances, strict=True):
            row.append(stance)
        doc._.rk_sentiment = {
            "v": VERSION,
            "backend": self.backend,
            "aspects": self.aspect_ids,
            "sentences": sentence_rows,
            "clauses": clause_rows,
            "mentions": mentions,
            "model_score": model_score,
        }
        return doc

    def _topic(self, span: Span, text: str) -> bool:
        """Whether a mention's term is a topic whose dictionary valence must not count.

        "The romance is the weakest part" must not count "romance" (+2.x in
        VADER) as praise, nor "The villain appears in episode three" "villain"
        as blame. Evaluative terms of the taxonomy ("boring") and words the
        domain layer scores on purpose ("chemistry", so that "the leads lacked
        chemistry" stays negated) are opinions, not topics; so is a term inside
        a phrase of the domain layer ("great value" when "value" is a term).
        """
        if (span.id_ or span.text.lower()) in self.evaluative:
            return False
        scorer = self.scorer
        vader = scorer.vader
        domain = scorer.lexicon.words
        return any(
            vader.carries_valence(token.lower_) and token.lower_ not in domain
            for token in span
        ) and not scorer.in_phrase(text, span.start_char, span.end_char)

    def _masked(
        self,
        scored: str,
        scope: tuple[int, int],
        span: Span,
        topics: dict[tuple[int, int], bool],
    ) -> tuple[str, tuple[int, int] | None]:
        """A mention scope's text as VADER reads it, and the masked term.

        Args:
            scored: The Doc's text with topic terms blanked (`_blanked`).
            scope: The scope.
            span: The mention.
            topics: Whether each mention's term is a topic (`_topic`), by
                offsets; filled in for mentions not in it yet.

        Returns:
            The scope's text, and the mention's own span when its term was
            blanked inside the scope (None otherwise); the learned layer leaves
            that term's n-grams out too.
        """
        start, end = scope
        a, b = span.start_char, span.end_char
        topic = topics.get((a, b))
        if topic is None:
            topic = topics[a, b] = self._topic(span, scored)
        if not (start <= a < b <= end and topic):
            return scored[start:end], None
        # Blanked already, unless a parser's noun chunk added the mention.
        return scored[start:a] + _mask(scored[a:b]) + scored[b:end], (a, b)

    def _explained(
        self,
        text: str,
        scope: tuple[int, int],
        span: Span,
        explained: dict[tuple[int, int, str], Explained],
        topics: dict[tuple[int, int], bool],
    ) -> tuple[Explained, tuple[int, int, tuple[int, int] | None]]:
        """A scope's explained score (the mention's term masked), cached."""
        scope_text, masked = self._masked(text, scope, span, topics)
        key = (scope[0], scope[1], scope_text)
        result = explained.get(key) or self.scorer.explain(scope_text)
        explained[key] = result
        return result, (scope[0], scope[1], masked)

    def _mentions(
        self,
        doc: Doc,
        text: str,
        spans: list[Span],
        sentences: list[list[Any]],
        clauses: list[list[Any]],
        explained: dict[tuple[int, int, str], Explained],
        topics: dict[tuple[int, int], bool],
    ) -> tuple[list[list[Any]], list[tuple[int, int, tuple[int, int] | None] | None]]:
        """Mention rows, and the span each one's score comes from.

        ``text`` is the Doc's text as VADER reads it (topic terms blanked,
        same length; ``topics`` says which, by offsets). The span is (start,
        end, masked span or None), or None when the score is not the
        mention's own (headings and labels; the sentence's score borrowed when
        the mention's clause has no opinion).
        """
        # Cheaper than doc.has_annotation("DEP"), which visits every token.
        parsed = bool(len(doc)) and doc[0].dep != 0
        if parsed:
            spans = _with_noun_chunks(doc, spans, self.aspects_key)
        sentence_starts = [row[0] for row in sentences]
        ordered = sorted((s.start_char, s.label_) for s in spans)
        located = ([start for start, _ in ordered], [label for _, label in ordered])
        clause_ends = [clause[1] for clause in clauses]
        rows: list[list[Any]] = []
        scopes: list[tuple[int, int, tuple[int, int] | None] | None] = []
        for span in spans:
            start, end = span.start_char, span.end_char
            index = bisect.bisect_right(sentence_starts, start) - 1
            if index < 0 or start >= sentences[index][1]:
                continue
            sentence = sentences[index]
            first, count = sentence[10], sentence[11]
            scope = (sentence[0], sentence[1])
            # The mention's clause: the first one ending after its start.
            at = bisect.bisect_right(clause_ends, start, first, first + count)
            if at < first + count:
                scope = (clauses[at][0], clauses[at][1])
                if at + 1 < first + count and _bare_contrast(
                    text, clauses[at + 1], located
                ):
                    # "The ending was sad but beautiful": the contrast
                    # finishes the mention's clause (VADER weighs it).
                    scope = (scope[0], clauses[at + 1][1])
            clause_scope = _bounded(text, scope, start, end)
            if parsed and sentence[4] == _ROLE_TEXT:
                scope = _bounded(
                    text, _dependency_scope(doc, span, scope, sentence), start, end
                )
            else:
                scope = clause_scope
            if sentence[4] != _ROLE_TEXT:
                result: Explained = (NEUTRAL, (), False)
                scores = [0.0, 1.0, 0.0, 0.0]
                source = None
            else:
                result, source = self._explained(text, scope, span, explained, topics)
                part = None if parsed else _own_part(text, scope, span, located)
                if part is not None:
                    # "The acting was great, the plot was terrible": each
                    # aspect's own part of the clause, when it holds an opinion.
                    own, own_source = self._explained(
                        text, part, span, explained, topics
                    )
                    if own[0].compound != 0.0:
                        scope, result, source = part, own, own_source
                if (
                    result[0].compound == 0.0
                    and scope != clause_scope
                    and _only_aspect(located, span, clause_scope)
                ):
                    # The parser's attachment holds no opinion ("the soup, which
                    # came cold") and the clause names nothing else: the words of
                    # the clause speak for the mention. With another aspect in
                    # the clause the mention stays neutral ("we ordered the
                    # pasta and the waiter was rude").
                    scope = clause_scope
                    result, source = self._explained(
                        text, scope, span, explained, topics
                    )
                than = _compared_with(text, scope, start)
                if than is not None:
                    # "The book is better than the film": the object of a
                    # praising comparison is the lesser one.
                    praise, _ = self._explained(
                        text, (scope[0], than), span, explained, topics
                    )
                    rest, _ = self._explained(
                        text, (than, scope[1]), span, explained, topics
                    )
                    if praise[0].compound > 0.0 and rest[0].compound == 0.0:
                        result = (_lesser(praise[0]), praise[1], True)
                        source = None
                sentiment = result[0]
                scores = [
                    sentiment.neg,
                    sentiment.neu,
                    sentiment.pos,
                    sentiment.compound,
                ]
                if (
                    sentiment.compound == 0.0
                    and count > 1
                    and _only_aspect(located, span, sentence)
                    and _count_in(located, sentence) == _count_in(located, clause_scope)
                ):
                    # "The soundtrack – and wow, it is lovely": no opinion in the
                    # mention's own clause; the sentence speaks of nothing else.
                    # Not when another clause names its own mention ("The
                    # cinematography is gorgeous, though the CGI looks dated"):
                    # that clause's opinion is about its mention.
                    scope = _bounded(text, (sentence[0], sentence[1]), start, end)
                    scores = list(sentence[6:10])
                    source = None
            scopes.append(source)
            rows.append(
                [
                    span.label_,
                    span.id_ or span.text.lower(),
                    start,
                    end,
                    index,
                    scope[0],
                    scope[1],
                    *scores,
                    int(result[2]),
                    "|".join(result[1]),
                    sentence[5],
                ]
            )
        return rows, scopes


#: A short clause of "but"/"yet" and no subject of its own ("but beautiful",
#: "but in the best way"), at most this many words.
_BARE_CONTRAST = re.compile(r"(?:but|yet)\s+([\w'’]+)", re.IGNORECASE)
_BARE_WORDS = 6


def _bare_contrast(
    text: str, clause: Sequence[Any], located: tuple[list[int], list[str]]
) -> bool:
    """Whether a clause only qualifies the one before it.

    "but beautiful" in "The ending was sad but beautiful": it opens with
    "but" or "yet", the next word is no subject ("but the plot was weak" is
    a clause of its own), it names no aspect and it is short.
    """
    found = _BARE_CONTRAST.match(text, clause[0], clause[1])
    return (
        found is not None
        and found.group(1).lower() not in _SUBJECTS
        and len(text[clause[0] : clause[1]].split()) <= _BARE_WORDS
        and _count_in(located, clause) == 0
    )


#: "than" a few words before a mention, with no break of the clause between.
_THAN = re.compile(r"\bthan\s+(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
#: Before "than", these say the comparison praises its object ("Nothing is
#: better than the soundtrack", "No show has better acting than this one").
_COMPARISON_NEGATED = re.compile(
    r"\b(?:no|not|nothing|nobody|none|never|hardly)\b|n[’']t\b", re.IGNORECASE
)


def _compared_with(text: str, scope: tuple[int, int], start: int) -> int | None:
    """Where "than" starts when a mention is the object of a comparison.

    "The soundtrack is better than the acting" gives the offset of "than" for
    the acting; None when no "than" comes right before the mention in its
    scope, or a negation before it turns the comparison round.
    """
    if not scope[0] < start <= scope[1]:
        return None
    found = _THAN.search(text, scope[0], start)
    if found is None or _COMPARISON_NEGATED.search(text, scope[0], found.start()):
        return None
    return found.start()


def _lesser(praise: Sentiment) -> Sentiment:
    """The sentiment of what a praising comparison ranks below its subject.

    The praise, negated the way VADER negates a word (times ``N_SCALAR``):
    "better than the film" says the film is the weaker, not that it is bad.
    """
    return Sentiment(
        neg=praise.pos,
        neu=praise.neu,
        pos=praise.neg,
        compound=round(praise.compound * N_SCALAR, 4),
    )


#: Longest scope attributed to one mention: in a run-on clause ("the acting was
#: great and the plot dragged and ..." for pages) each mention gets the words
#: around it, not the whole clause.
MAX_SCOPE = 240


def _bounded(
    text: str, scope: tuple[int, int], start: int, end: int
) -> tuple[int, int]:
    """Narrow a mention's scope to at most `MAX_SCOPE` characters around it."""
    a, b = scope
    if b - a <= MAX_SCOPE:
        return scope
    half = max(0, (MAX_SCOPE - (end - start)) // 2)
    low, high = max(a, start - half), min(b, end + half)
    if low > a and not text[low - 1].isspace():  # start at a word
        space = _SPACE.search(text, low, start)
        low = space.end() if space else low
    if high < b and not text[high].isspace():  # end at a word
        spaces = [m.start() for m in _SPACE.finditer(text, end, high)]
        high = spaces[-1] if spaces else high
    return low, high


_SPACE = re.compile(r"\s")


def _mask(text: str) -> str:
    """Blank out the letters of a word, keeping its length and spacing."""
    return "".join(" " if c.isspace() else "_" for c in text)


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with the letters of each ``(start, end)`` blanked (`_mask`).

    The text keeps its length, and masking keeps the word count, so VADER's
    negation and booster windows are unchanged.
    """
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for a, b in sorted(spans):
        a = max(a, done)  # overlapping spans: blanked already
        if a >= b:
            continue
        pieces.append(text[done:a])
        pieces.append(_mask(text[a:b]))
        done = b
    pieces.append(text[done:])
    return "".join(pieces)


def _name_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where a show's name occurs in a text, as written or in capitals.

    Matching keeps the name's case, so that a review of "Happiness" keeps
    the reviewer's own "so much happiness".
    """
    words = name.split()
    if not words:
        return []
    found: list[tuple[int, int]] = []
    for form in dict.fromkeys((" ".join(words), " ".join(words).upper())):
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, form.split())) + r"(?!\w)"
        found.extend(m.span() for m in re.finditer(pattern, text))
    return found


#: Where the parts of a clause about different aspects meet: "The acting was
#: great, the plot was terrible", "I adored the romance and hated the ending",
#: "The plot is a mess, which is a shame because the acting is brilliant".
_PART_BREAK = re.compile(
    r"[,;:]|\s(?:and|which|because|since|while|whereas|plus|as well as)\s"
    r"|\s[-–—]+\s|[–—]"
)


def _own_part(
    text: str,
    scope: tuple[int, int],
    span: Span,
    located: tuple[list[int], list[str]],
) -> tuple[int, int] | None:
    """The part of a mention's clause that speaks of its aspect alone.

    Between the mention and the nearest mention of another aspect on each
    side that a break separates from it, the clause is cut at the first
    comma, semicolon, dash or joining word ("and", "which", "because",
    "while") after the earlier mention, so that the
    parts of neighbouring mentions meet ("no nonsense service and a clean
    and funky bathroom" gives the bathroom "a clean and funky"). A clause
    that names no other aspect, or has no such break between them, has no
    part of its own (None).

    Args:
        text: The text the offsets point into.
        scope: The mention's clause.
        span: The mention.
        located: Start offsets of all mentions, sorted, and their aspect labels.
    """
    a, b = scope
    starts, labels = located
    first = bisect.bisect_left(starts, a)
    last = bisect.bisect_left(starts, b, lo=first)
    start, end = span.start_char, span.end_char
    low, high = a, b
    before = [
        s
        for s, label in zip(starts[first:last], labels[first:last], strict=True)
        if label != span.label_ and s < start
    ]
    after = [
        s
        for s, label in zip(starts[first:last], labels[first:last], strict=True)
        if label != span.label_ and s >= end
    ]
    # The nearest mention on each side with a break between: "Beautiful
    # visuals, boring story" gives the story " boring story" although the
    # judgement word "boring" (pacing) comes between.
    for other in reversed(before):
        found = _PART_BREAK.search(text, other, start)
        if found:
            low = found.end()
            break
    if after:
        found = _PART_BREAK.search(text, end, after[-1])
        if found:
            high = found.start()
    return None if (low, high) == (a, b) else (low, high)


def _only_aspect(
    located: tuple[list[int], list[str]], span: Span, bounds: Sequence[Any]
) -> bool:
    """Whether every mention in a stretch of text is of the span's aspect.

    Args:
        located: Start offsets of all mentions, sorted, and their aspect labels.
        span: The mention.
        bounds: The stretch: a sentence row or a ``(start, end)`` scope.
    """
    starts, labels = located
    first = bisect.bisect_left(starts, bounds[0])
    last = bisect.bisect_left(starts, bounds[1], lo=first)
    return all(label == span.label_ for label in labels[first:last])


def _count_in(located: tuple[list[int], list[str]], bounds: Sequence[Any]) -> int:
    """How many mentions start in a stretch of text (a row or a scope)."""
    starts = located[0]
    return bisect.bisect_left(starts, bounds[1]) - bisect.bisect_left(starts, bounds[0])


def _with_noun_chunks(doc: Doc, spans: list[Span], key: str) -> list[Span]:
    """Add noun chunks whose head lemma is a single-word lexicon term."""
    taken = {token.i for span in spans for token in span}
    lexicon_index = {
        span.id_: span.label_ for span in spans if " " not in (span.id_ or " ")
    }
    extra = []
    try:
        chunks = list(doc.noun_chunks)
    except ValueError:  # no parser after all
        return spans
    for chunk in chunks:
        root = chunk.root
        if root.i in taken:
            continue
        aspect = lexicon_index.get(root.lemma_.lower())
        if aspect is not None:
            extra.append(
                Span(doc, root.i, root.i + 1, label=aspect, span_id=root.lemma_.lower())
            )
    return sorted([*spans, *extra], key=lambda s: s.start)


def _dependency_scope(
    doc: Doc, span: Span, fallback: tuple[int, int], sentence: list[Any]
) -> tuple[int, int]:
    """The words a parser attaches to an aspect mention, as a character span.

    Follows conjunctions to the first conjunct, then takes adjectival and
    adverbial modifiers of the mention, and for a subject or object its
    governing predicate with the predicate's complements and negation.
    """
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    tokens = set(span)
    tokens.update(
        t
        for child in root.children
        if child.dep_ in _ATTACH_DEPS
        for t in child.subtree
    )
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") and head is not root:
        if root.dep_ == "pobj" and head.head is not head:
            head = head.head
        tokens.add(head)
        for child in head.children:
            attached = child.dep_ in _ATTACH_DEPS or child.dep_ in ("aux", "auxpass")
            if attached or (child.dep_ == "dobj" and child.i == root.i):
                tokens.update(child.subtree)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    start, end = max(start, sentence[0]), min(end, sentence[1])
    if end - start <= span.end_char - span.start_char:
        return fallback
    return start, end


# -- load --


def _add_components(
    nlp: Language,
    *,
    aspects: LexiconConfig,
    headings: LexiconConfig,
    sentiment: LexiconConfig,
    score_summary: bool,
    backend: Backend = "vader",
    polarity_model: Any = "default",
    procon_model: Any = None,
    aspect_model: Any = None,
) -> Language:
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    if not isinstance(nlp.tokenizer, ReviewTokenizer):
        # Linear on long runs of punctuation; control characters read as spaces.
        nlp.tokenizer = ReviewTokenizer(nlp.tokenizer)
    if not nlp.pipe_names:
        # spaCy caps texts at 1,000,000 characters because a parser or tagger
        # needs memory per token; reviewkit's own components work in linear
        # time and memory, so a blank pipeline takes multi-megabyte reviews.
        nlp.max_length = max(nlp.max_length, BLANK_MAX_LENGTH)
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    segmented = any(p in nlp.pipe_names for p in ("parser", "senter", "sentencizer"))
    nlp.add_pipe(
        "reviewkit_structure",
        config={
            "headings": headings,
            "aspects": aspects,
            "split_sentences": not segmented,
        },
        before=first,
    )
    nlp.add_pipe("reviewkit_aspects", config={"aspects": aspects})
    configurable = all(
        value is None or isinstance(value, str | Path)
        for value in (polarity_model, procon_model, aspect_model)
    )

    def _name(value: Any) -> str:
        return "none" if value is None else str(value)

    component = nlp.add_pipe(
        "reviewkit_sentiment",
        config={
            "sentiment": sentiment,
            "aspects": aspects,
            "score_summary": score_summary,
            "backend": backend,
            "polarity_model": _name(polarity_model) if configurable else "default",
            "procon_model": _name(procon_model) if configurable else "none",
            "aspect_model": _name(aspect_model) if configurable else "none",
        },
    )
    if not configurable and isinstance(component, SentimentComponent):
        # Fitted estimators cannot live in a spaCy config; set them directly.
        component.set_models(
            backend=backend,
            polarity_model=polarity_model,
            procon_model=procon_model,
            aspect_model=aspect_model,
        )
    return nlp


def _config(value: str | Path | Any, kind: type) -> LexiconConfig:
    if isinstance(value, kind):
        data: dict[str, Any] = value.to_dict()  # type: ignore[attr-defined]
        return data
    return str(value)


def load(
    model: str | Language = "blank:en",
    *,
    aspects: str | Path | AspectLexicon = DEFAULT_LEXICON,
    headings: str | Path | HeadingVocabulary = DEFAULT_HEADINGS,
    sentiment: str | Path | SentimentLexicon | None = DEFAULT_SENTIMENT,
    score_summary: bool = False,
    backend: Backend = "vader",
    polarity_model: Any = "default",
    procon_model: Any = "auto",
    aspect_model: Any = "auto",
) -> Language:
    """Build a spaCy pipeline with reviewkit's components.

    Nothing is ever downloaded. The default is ``spacy.blank("en")`` with a
    sentencizer; name an installed trained pipeline (for example
    ``"en_core_web_sm"``) to add noun chunks and dependency-based attachment of
    opinions to aspects.

    Args:
        model: ``"blank:<lang>"``, the name or path of an installed spaCy
            pipeline, or a `Language` to extend (components are replaced if
            already present).
        aspects: Aspect lexicon: packaged name, JSON path or `AspectLexicon`.
        headings: Heading vocabulary: packaged name, JSON path or
            `HeadingVocabulary`.
        sentiment: Domain layer on VADER: packaged name, JSON path,
            `SentimentLexicon`, or None (or ``"vader"``) for plain VADER.
        score_summary: Count synopsis sections as the reviewer's opinion.
        backend: ``"vader"``: VADER plus the domain layer, rules only (the
            default, and the fastest). ``"model"``: the film/TV polarity
            model's scores replace VADER's compound. ``"blend"``: both, mixed
            per clause, and the model's reading of the whole review mixed into
            the overall score.
        polarity_model: Polarity model of the model and blend backends:
            ``"default"`` (shipped), a packaged name, a ``.npz`` path, or a
            fitted `reviewkit.PolarityModel`.
        procon_model: Pro/con classifier giving a stance to opinion sentences
            outside pro/con sections: ``"auto"`` (the shipped one with the
            model and blend backends, none with ``"vader"``), ``"default"``,
            None, a name, a path, or a fitted `reviewkit.ProConClassifier`.
        aspect_model: Aspect classifier for opinion sentences that name no
            lexicon term, with the same choices (a fitted
            `reviewkit.AspectCategoryClassifier`). The shipped one knows the
            default taxonomy only, so ``"auto"`` uses it only with the default
            aspect lexicon.

    Returns:
        A fresh `spacy.language.Language`.

    Raises:
        ConfigurationError: If the named pipeline is not installed.

    Examples:
        >>> nlp = load()
        >>> nlp.pipe_names
        ['reviewkit_structure', 'reviewkit_aspects', 'reviewkit_sentiment']
    """
    from reviewkit import _factories  # noqa: F401  (registers the factories)

    if isinstance(model, Language):
        nlp = model
    elif model.startswith("blank:"):
        nlp = spacy.blank(model.removeprefix("blank:") or "en")
    else:
        try:
            nlp = spacy.load(model)
        except OSError:
            raise ConfigurationError(
                f"The spaCy pipeline {model!r} is not installed, and reviewkit never "
                "downloads models. Install it with pip (see docs/models.md), or use "
                "the default model='blank:en'."
            ) from None
    # "auto" models are resolved by the component (SentimentComponent.set_models).
    return _add_components(
        nlp,
        aspects=_config(aspects, AspectLexicon),
        headings=_config(headings, HeadingVocabulary),
        sentiment=_config(
            sentiment if sentiment is not None else "vader", SentimentLexicon
        ),
        score_summary=score_summary,
        backend=backend,
        polarity_model=polarity_model,
        procon_model=procon_model,
        aspect_model=aspect_model,
    )


@lru_cache(maxsize=8)
def _cached(
    model: str, aspects: str, headings: str, sentiment: str, backend: Backend
) -> Language:
    return load(
        model, aspects=aspects, headings=headings, sentiment=sentiment, backend=backend
    )


def shared_pipeline(
    *,
    aspects: str | Path | AspectLexicon | None = None,
    headings: str | Path | HeadingVocabulary | None = None,
    sentiment: str | Path | SentimentLexicon | None = DEFAULT_SENTIMENT,
    backend: Backend = "vader",
) -> Language:
    """The process-wide default pipeline for these vocabularies (built once).

    Lexicon objects are keyed by content, so equal lexicons share a pipeline.
    """
    keys = []
    for value, default, kind in (
        (aspects, DEFAULT_LEXICON, AspectLexicon),
        (headings, DEFAULT_HEADINGS, HeadingVocabulary),
        (sentiment, DEFAULT_SENTIMENT, SentimentLexicon),
    ):
        if value is None:
            value = default if kind is not SentimentLexicon else "vader"
        keys.append(value)
    if backend not in BACKENDS:
        raise ConfigurationError(
            f"Unknown backend {backend!r}; expected one of "
            f"{', '.join(map(repr, BACKENDS))}."
        )
    chosen: Backend = backend
    if all(isinstance(k, str | Path) for k in keys):
        return _cached("blank:en", *(str(k) for k in keys), chosen)
    return _cached_objects(*keys, chosen)


_OBJECT_PIPELINES: dict[tuple[str, ...], Language] = {}


def _cached_objects(*values: Any) -> Language:
    key = tuple(
        getattr(v, "fingerprint", None) or f"{type(v).__name__}:{v}" for v in values
    )
    nlp = _OBJECT_PIPELINES.get(key)
    if nlp is None:
        if len(_OBJECT_PIPELINES) >= 8:
            _OBJECT_PIPELINES.pop(next(iter(_OBJECT_PIPELINES)))
        aspects, headings, sentiment, backend = values
        nlp = _OBJECT_PIPELINES[key] = load(
            aspects=aspects, headings=headings, sentiment=sentiment, backend=backend
        )
    return nlp

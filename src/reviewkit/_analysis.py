"""Aggregation: from scored sentences and mentions to what a review says.

Per aspect, three kinds of evidence are weighed:

- **items**: a labelled entry under a pro or con heading ("The Characters- ...").
  The heading is the reviewer's own statement of polarity, so the item counts
  with that sign, strongly, however hedged its sentences are ("I wanted to like
  these characters. I really did."). Mentions of the item's aspect inside it
  are part of the item, not separate evidence. Items elsewhere (an "Acting"
  paragraph in a body section) count with the mean score of their sentences.
- **mentions**: a clause naming the aspect, scored with VADER and the domain
  layer; clauses that express an opinion weigh more than neutral ones.
- **ratings**: a per-aspect score the reviewer wrote ("Music: 9/10").

Synopsis, heading, label and sign-off text never counts. An aspect with no
evidence is absent from the result: "not mentioned" is not "neutral".
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from reviewkit._plain import (
    VERSION,
    mentions_from_plain,
    review_from_structure,
    sentences_from_plain,
)
from reviewkit._types import (
    AspectMention,
    AspectSentiment,
    Evidence,
    Polarity,
    Review,
    Sentence,
    VerdictEvidence,
    VerdictLabel,
)
from reviewkit._verdict import find_verdict, rating_leaning, rewatch_statements
from reviewkit.errors import PipelineError

__all__ = ["aggregate_aspects", "overall_score", "review_from_doc"]

ITEM_WEIGHT = 3.0
RATING_WEIGHT = 2.0
MENTION_WEIGHT = 1.0
MODEL_MENTION_SHARE = 0.5  # weight of a mention the aspect classifier found
#: Below this magnitude a score counts as neutral (VADER's usual threshold).
NEUTRAL_BAND = 0.05
#: Both sides of a mixed aspect must carry at least this share of the weight.
MIXED_SHARE = 0.35
#: Weighted opinion against a verdict needed to call the whole show "mixed".
MIXED_AGAINST = 2.0
_PRIOR = {"pros": 1.0, "cons": -1.0}
_MIXED_MARKERS = re.compile(
    r"\bmixed\s+(?:feelings|bag|emotions)\b|\bhalf\s+a\s+compliment\b|"
    r"\blove[-\s]hate\b|\bdouble[-\s]edged\b",
    re.IGNORECASE,
)


def _clip(value: float) -> float:
    return max(-1.0, min(1.0, value))


def _sentences_by_item(
    sentences: Sequence[Sentence],
) -> dict[tuple[int, int], list[Sentence]]:
    """Scored text sentences grouped by (section index, item index)."""
    groups: dict[tuple[int, int], list[Sentence]] = defaultdict(list)
    for s in sentences:
        if s.item_index is not None and s.scored and s.role == "text":
            groups[s.section_index, s.item_index].append(s)
    return groups


def aggregate_aspects(
    review: Review,
    sentences: Sequence[Sentence],
    mentions: Sequence[AspectMention],
    verdict: VerdictLabel | None = None,
    verdict_evidence: Sequence[VerdictEvidence] = (),
    *,
    overall: str | None = "overall",
    rewatch: str | None = "rewatch",
) -> dict[str, AspectSentiment]:
    """Weigh items, mentions and ratings into one result per mentioned aspect.

    Args:
        review: The parsed review (sections, items, ratings).
        sentences: Its scored sentences.
        mentions: Its aspect mentions.
        verdict: The review's verdict, evidence for the ``overall`` aspect.
        verdict_evidence: The sentences behind the verdict.
        overall: The aspect id that stands for the show as a whole (None for a
            taxonomy without one): the verdict and the overall rating count
            toward it.
        rewatch: The aspect id for rewatching (None if the taxonomy has none):
            verdict sentences about rewatching ("I won't be rewatching it")
            count toward it.

    Returns:
        Aspect id -> `AspectSentiment`, for aspects with evidence only.
    """
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    if overall is not None:
        _overall_evidence(review, verdict, verdict_evidence, overall, evidence, counts)
    if rewatch is not None:
        opinion = [s for s in sentences if s.scored and s.role == "text"]
        for direction, sentence in rewatch_statements(opinion):
            evidence[rewatch].append(
                Evidence(
                    kind="verdict",
                    text=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                    score=_VERDICT_SCORE[direction],
                    weight=ITEM_WEIGHT,
                )
            )
            counts[rewatch] += 1
    # Items per aspect as sorted (start, end) spans: mentions of that aspect
    # inside them are part of the item, not separate evidence.
    absorbed: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_item = _sentences_by_item(sentences)
    for section in review.sections:
        prior = _PRIOR.get(section.kind)
        for index, item in enumerate(section.items):
            if item.aspect is None:
                continue
            body = by_item.get((section.index, index), [])
            compounds = [s.sentiment.compound for s in body]
            if prior is not None and _MIXED_MARKERS.search(item.text):
                # "I loved where they ended up and hated how they got there.
                # Mixed feelings." - the reviewer says so under either heading.
                score = 0.0
                weight = ITEM_WEIGHT
                absorbed[item.aspect].append((item.start, item.end))
            elif prior is not None:
                agree = (
                    sum(max(0.0, prior * c) for c in compounds) / len(compounds)
                    if compounds
                    else 0.0
                )
                score = prior * min(1.0, 0.4 + 0.6 * agree)
                weight = ITEM_WEIGHT
                absorbed[item.aspect].append((item.start, item.end))
            elif compounds:
                score = sum(compounds) / len(compounds)
                weight = MENTION_WEIGHT + abs(score)
                absorbed[item.aspect].append((item.start, item.end))
            else:
                continue
            evidence[item.aspect].append(
                Evidence(
                    kind="item",
                    text=item.text,
                    start=item.start,
                    end=item.end,
                    score=_clip(score),
                    weight=weight,
                )
            )
            counts[item.aspect] += 1
    for mention in mentions:
        if not mention.scored:
            continue
        if _inside(absorbed.get(mention.aspect, ()), mention.start):
            continue
        compound = mention.sentiment.compound
        weight = 0.5 * MENTION_WEIGHT + abs(compound)
        if mention.source == "model":
            weight *= MODEL_MENTION_SHARE  # a guess from context, not a named term
        evidence[mention.aspect].append(
            Evidence(
                kind="mention",
                text=mention.clause.text,
                start=mention.clause.start,
                end=mention.clause.end,
                score=compound,
                weight=weight,
            )
        )
        counts[mention.aspect] += 1
    for rating in review.ratings:
        if rating.aspect is None or rating.aspect not in review.aspect_ratings:
            continue
        evidence[rating.aspect].append(
            Evidence(
                kind="rating",
                text=rating.text,
                start=rating.start,
                end=rating.end,
                score=_clip(2 * rating.value - 1),
                weight=RATING_WEIGHT,
            )
        )
        counts[rating.aspect] += 1
    results: dict[str, AspectSentiment] = {}
    for aspect, found in evidence.items():
        found = _weigh_items(found)
        total = sum(e.weight for e in found)
        score = _clip(sum(e.weight * e.score for e in found) / total) if total else 0.0
        items = [e.score for e in found if e.kind == "item" and e.weight >= ITEM_WEIGHT]
        if items and (min(items) > 0 > score or max(items) < 0 < score):
            # Keep the score on the side of the reviewer's own heading.
            score = math.copysign(NEUTRAL_BAND, items[0])
        ranked = tuple(sorted(found, key=lambda e: -(e.weight * abs(e.score))))
        results[aspect] = AspectSentiment(
            aspect=aspect,
            polarity=_polarity(found, score),
            score=round(score, 6),
            mentions=counts[aspect],
            evidence=ranked,
        )
    return results


_VERDICT_SCORE = {"recommend": 0.6, "not_recommend": -0.6, "mixed": 0.0}


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether an offset falls inside one of sorted, non-overlapping spans."""
    index = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _overall_evidence(
    review: Review,
    verdict: VerdictLabel | None,
    verdict_evidence: Sequence[VerdictEvidence],
    overall: str,
    evidence: dict[str, list[Evidence]],
    counts: dict[str, int],
) -> None:
    """The verdict and the overall rating are statements about the whole show."""
    if verdict is not None and verdict_evidence:
        strongest = verdict_evidence[0]
        evidence[overall].append(
            Evidence(
                kind="verdict",
                text=strongest.text,
                start=strongest.start,
                end=strongest.end,
                score=_VERDICT_SCORE[verdict],
                weight=ITEM_WEIGHT,
            )
        )
        counts[overall] += 1
    if review.rating is not None and overall not in review.aspect_ratings:
        chosen = next(
            (r for r in reversed(review.ratings) if r.value == review.rating), None
        )
        if chosen is not None:
            # Read like a verdict: 3/5 is a mixed view of the whole show.
            evidence[overall].append(
                Evidence(
                    kind="rating",
                    text=chosen.text,
                    start=chosen.start,
                    end=chosen.end,
                    score=_VERDICT_SCORE[rating_leaning(chosen.value)],
                    weight=RATING_WEIGHT,
                )
            )
            counts[overall] += 1


def _weigh_items(evidence: list[Evidence]) -> list[Evidence]:
    """Give pro/con items and verdicts two thirds of an aspect's weight.

    Putting an aspect under a pro or con heading, or saying whether to watch
    the show, is the reviewer's explicit judgement; mentions elsewhere are
    scored by lexicon and may be about something else in the same clause ("the
    soundtrack goes perfectly with the story").
    """
    items = [
        e
        for e in evidence
        if (e.kind == "item" and e.weight >= ITEM_WEIGHT) or e.kind == "verdict"
    ]
    if not items:
        return evidence
    chosen = {id(e) for e in items}  # identity: equal evidence may repeat
    others = sum(e.weight for e in evidence if id(e) not in chosen)
    weight = max(ITEM_WEIGHT, 2.0 * others / len(items))
    return [
        Evidence(
            kind=e.kind,
            text=e.text,
            start=e.start,
            end=e.end,
            score=e.score,
            weight=weight,
        )
        if id(e) in chosen
        else e
        for e in evidence
    ]


def _polarity(evidence: Sequence[Evidence], score: float) -> Polarity:
    """Decide an aspect's polarity from its evidence and weighted score.

    Explicit statements decide first: a verdict (for ``overall`` and
    ``rewatch``), else items under pro/con headings. Without them, evidence
    strongly on both sides is ``mixed``, and the score's sign decides.
    """
    verdicts = [e for e in evidence if e.kind == "verdict"]
    items = [e for e in evidence if e.kind == "item" and e.weight >= ITEM_WEIGHT]
    mentions = [e for e in evidence if e.kind == "mention"]
    if verdicts:
        return _explicit(verdicts, mentions, weigh_against=True)
    if items:
        return _explicit(items, mentions, weigh_against=False)
    middling_rating = any(e.kind == "rating" and e.score == 0.0 for e in evidence)
    if middling_rating and not any(abs(e.score) >= 0.5 for e in mentions):
        return "mixed"  # a middling overall score and little else
    positive = sum(e.weight * e.score for e in evidence if e.score >= NEUTRAL_BAND)
    negative = -sum(e.weight * e.score for e in evidence if e.score <= -NEUTRAL_BAND)
    if (
        positive + negative
        and min(positive, negative) / (positive + negative) >= MIXED_SHARE
        and any(e.score >= 0.3 for e in evidence)
        and any(e.score <= -0.3 for e in evidence)
    ):
        return "mixed"
    if score >= NEUTRAL_BAND:
        return "positive"
    if score <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _explicit(
    statements: Sequence[Evidence], mentions: Sequence[Evidence], *, weigh_against: bool
) -> Polarity:
    """Polarity from the reviewer's explicit statements (verdicts or items).

    Statements on both sides, or a neutral one ("watch it, but lower your
    expectations", "mixed feelings"), make the aspect ``mixed``; otherwise
    their sign decides. For verdicts, several strong mentions against it make
    the view ``mixed`` ("not for me, but what a lovely, cozy drama").
    """
    scores = [e.score for e in statements]
    if min(scores) <= 0 <= max(scores):
        return "mixed"
    sign = 1.0 if scores[0] > 0 else -1.0
    if weigh_against:
        against = sum(
            e.weight * abs(e.score) for e in mentions if sign * e.score <= -0.3
        )
        along = sum(e.weight * abs(e.score) for e in mentions if sign * e.score >= 0.3)
        if against >= MIXED_AGAINST and against / (against + along) >= 0.6:
            return "mixed"
    return "positive" if sign > 0 else "negative"


@dataclass(frozen=True)
class OverallWeights:
    """The constants of `overall_score`.

    The defaults were chosen by ``benchmarks/tune_overall.py`` (rules) and
    ``benchmarks/tune_blend.py`` (model share and bias) on the IMDB *train*
    split, never on a test split; see docs/benchmarks.md.

    Attributes:
        late_boost: The last opinion sentence weighs (1 + boost) times the first.
        verdict_section: Weight factor of sentences in verdict sections.
        negative: Weight factor of negative sentences.
        verdict_shift: Added for "recommend", subtracted for "not_recommend".
        rating_share: Share of the reviewer's own rating, when there is one.
        bias: Subtracted from the text score (VADER reads review prose as
            positive; 0 should mean "undecided").
        model_share: Share of the polarity model's whole-review score (model
            and blend backends).
        model_bias: Subtracted from the model's score.
    """

    late_boost: float = 0.5
    verdict_section: float = 2.0
    negative: float = 1.0
    verdict_shift: float = 0.2
    rating_share: float = 0.6
    bias: float = 0.12
    model_share: float = 0.4
    model_bias: float = -0.2


DEFAULT_WEIGHTS = OverallWeights()
#: With a polarity model (model and blend backends): chosen by
#: benchmarks/tune_blend.py on 6,000 IMDB train reviews (accuracy 0.887 there;
#: the rules alone, with the same clause scores, 0.839).
MODEL_WEIGHTS = OverallWeights(model_share=0.4, model_bias=-0.2, bias=0.08)


def overall_score(
    review: Review,
    sentences: Sequence[Sentence],
    verdict: VerdictLabel | None,
    aspects: Mapping[str, AspectSentiment],
    model_score: float | None = None,
    *,
    weights: OverallWeights | None = None,
) -> float:
    """The review's overall score in [-1, 1]: 0 is undecided.

    A position-weighted mean of the opinion sentences (later ones and verdict
    sections weigh more), shifted by the verdict, mixed with the polarity
    model's score of the whole opinion text when the pipeline has one, and
    blended with the reviewer's own rating when there is one.
    """
    if weights is None:
        weights = DEFAULT_WEIGHTS if model_score is None else MODEL_WEIGHTS
    w = weights
    scored = [s for s in sentences if s.scored and s.role == "text"]
    kinds = [sec.kind for sec in review.sections]
    total = weight_sum = 0.0
    for position, sentence in enumerate(scored):
        compound = sentence.sentiment.compound
        weight = 1.0 + w.late_boost * position / max(1, len(scored) - 1)
        if kinds[sentence.section_index] == "verdict":
            weight *= w.verdict_section
        if compound < 0:
            weight *= w.negative
        total += weight * compound
        weight_sum += weight
    text_score = total / weight_sum if weight_sum else 0.0
    items = [
        e.score
        for result in aspects.values()
        for e in result.evidence
        if e.kind == "item" and e.weight >= ITEM_WEIGHT
    ]
    if items:
        text_score = 0.7 * text_score + 0.3 * sum(items) / len(items)
    # The bias corrects VADER's positive reading of prose; with no opinion
    # sentences there is nothing to correct, and the score stays at 0.
    score = text_score - (w.bias if scored else 0.0)
    if verdict is not None:
        score += {"recommend": 1.0, "not_recommend": -1.0}.get(verdict, 0.0) * (
            w.verdict_shift
        )
    if model_score is not None:
        score = (1 - w.model_share) * score + w.model_share * (
            model_score - w.model_bias
        )
    if review.rating is not None:
        score = (1 - w.rating_share) * score + w.rating_share * (2 * review.rating - 1)
    return round(math.tanh(2.0 * score), 6)


def review_from_doc(
    doc: Doc,
    *,
    base: Review | None = None,
    review_id: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Review:
    """Assemble the analysed `Review` of a Doc that went through reviewkit.

    Args:
        doc: A Doc processed by a pipeline from `reviewkit.load`.
        base: The parsed review the Doc was made from, if at hand (keeps the
            HTML source and saves decoding the structure again).
        review_id: Identifier to record on the review.
        metadata: Metadata to record (defaults to ``doc._.rk_meta``).

    Returns:
        The review with sentences, mentions, aspects, verdict and score.

    Raises:
        PipelineError: If the Doc lacks reviewkit's annotations.
    """
    structure = doc._.rk_structure
    sentiment = doc._.rk_sentiment
    if structure is None or sentiment is None:
        raise PipelineError(
            "Doc has no reviewkit annotations (doc._.rk_structure / "
            "doc._.rk_sentiment); was it processed by a pipeline from "
            "reviewkit.load()?"
        )
    versions = {structure.get("v"), sentiment.get("v")}
    if versions != {VERSION}:
        found = ", ".join(sorted(str(v) for v in versions))
        raise PipelineError(
            f"The Doc's reviewkit annotations have layout version {found}; this "
            f"reviewkit reads version {VERSION}. The Doc was made by another "
            "reviewkit version (for example loaded from a DocBin): run the "
            "pipeline on its text again."
        )
    text = base.text if base is not None else doc.text
    meta = doc._.rk_meta or {}
    review = base if base is not None else review_from_structure(text, structure)
    sentences = sentences_from_plain(text, sentiment)
    mentions = mentions_from_plain(text, sentiment)
    # Rating lines are not opinion prose, but one may say whether to watch:
    # "Overall, a must watch. 9/10."
    rated = {s.index for s in review.sections if s.kind == "ratings"}
    opinion = [
        s
        for s in sentences
        if s.role == "text" and (s.scored or s.section_index in rated)
    ]
    verdict, verdict_evidence = find_verdict(
        opinion,
        text,
        rating=review.rating,
        verdict_sections=frozenset(
            s.index for s in review.sections if s.kind == "verdict" and s.heading
        ),
    )
    aspects = aggregate_aspects(
        review,
        sentences,
        mentions,
        verdict,
        verdict_evidence,
        overall="overall" if "overall" in _lexicon_ids(doc) else None,
        rewatch="rewatch" if "rewatch" in _lexicon_ids(doc) else None,
    )
    score = overall_score(
        review, sentences, verdict, aspects, sentiment.get("model_score")
    )
    return Review(
        text=review.text,
        format=review.format,
        title=review.title,
        show=review.show,
        sections=review.sections,
        rating=review.rating,
        aspect_ratings=review.aspect_ratings,
        ratings=review.ratings,
        spoilers=review.spoilers,
        source=review.source,
        source_map=review.source_map,
        review_id=review_id if review_id is not None else meta.get("review_id"),
        metadata=metadata if metadata is not None else meta.get("metadata") or {},
        sentences=sentences,
        mentions=mentions,
        aspects=aspects,
        verdict=verdict,
        verdict_evidence=verdict_evidence,
        score=score,
    )


def _lexicon_ids(doc: Doc) -> tuple[str, ...]:
    """Aspect ids of the pipeline that made the Doc (default taxonomy if unknown)."""
    ids = doc._.rk_sentiment.get("aspects") if doc._.rk_sentiment else None
    return tuple(ids) if ids else ("overall", "rewatch")


def sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    """Return the sentence holding an offset, or None."""
    starts = [s.start for s in sentences]
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None

r"""reviewkit: structure and aspect sentiment of reviews of TV dramas and films.

The public API lives here; every other module is private.

Examples:
    >>> import reviewkit
    >>> text = "The Good:\nThe Acting- superb.\nThe Bad:\nBoring- it drags."
    >>> review = reviewkit.parse(text)
    >>> [(s.kind, [i.aspect for i in s.items]) for s in review.sections]
    [('pros', ['acting']), ('cons', ['pacing'])]
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from reviewkit import _accessor as _accessor  # registers the df.reviewkit accessor
from reviewkit import errors
from reviewkit._api import analyze, parse
from reviewkit._corpus import CorpusResult, CorpusStats, score_corpus, score_partition
from reviewkit._learned import (
    AspectCategoryClassifier,
    AspectSentimentClassifier,
    PolarityModel,
    ProConClassifier,
)
from reviewkit._lexicon import AspectLexicon
from reviewkit._pipeline import load
from reviewkit._sentiment import SentimentLexicon
from reviewkit._types import (
    AspectMention,
    AspectSentiment,
    Clause,
    Evidence,
    Item,
    Rating,
    Review,
    Section,
    Sentence,
    Sentiment,
    SourceMap,
    VerdictEvidence,
)
from reviewkit._vocab import HeadingVocabulary

try:
    __version__ = version("reviewkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

logging.getLogger("reviewkit").addHandler(logging.NullHandler())

__all__ = [
    "AspectCategoryClassifier",
    "AspectLexicon",
    "AspectMention",
    "AspectSentiment",
    "AspectSentimentClassifier",
    "Clause",
    "CorpusResult",
    "CorpusStats",
    "Evidence",
    "HeadingVocabulary",
    "Item",
    "PolarityModel",
    "ProConClassifier",
    "Rating",
    "Review",
    "Section",
    "Sentence",
    "Sentiment",
    "SentimentLexicon",
    "SourceMap",
    "VerdictEvidence",
    "__version__",
    "analyze",
    "errors",
    "load",
    "parse",
    "score_corpus",
    "score_partition",
]

r"""A tokenizer wrapper that keeps spaCy linear and sane on scraped text.

spaCy's tokenizer peels prefixes and suffixes off each whitespace-separated
chunk, and on a very long chunk of punctuation ("!!!!..." for pages, a
minified script that slipped through) that takes time quadratic in the
chunk's length (explosion/spaCy#4362: 16,000 "*" take about 40 s). Control
characters such as NUL glue to words ("great.\\x00"), hiding sentence ends.

`ReviewTokenizer` wraps the pipeline's tokenizer and, only when needed, reads
control characters as spaces and tokenizes chunks longer than a limit in
pieces of that size. The Doc always has the text's length, so every character
offset stays valid; everything else is delegated to the wrapped tokenizer
(serialization included).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

__all__ = ["LONG_RUN", "ReviewTokenizer", "controls_as_spaces"]

#: Chunks without whitespace longer than this are tokenized in pieces.
LONG_RUN = 200
#: C0 controls (but tab, line feed, carriage return) and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def controls_as_spaces(text: str) -> str:
    """The text with control characters (not tab or newlines) as spaces."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


class ReviewTokenizer:
    """Wrap a spaCy tokenizer: linear on long runs, controls read as spaces.

    Args:
        tokenizer: The pipeline's own tokenizer.
        limit: Longest chunk without whitespace tokenized in one piece.
    """

    def __init__(self, tokenizer: Any, limit: int = LONG_RUN) -> None:
        self.tokenizer = tokenizer
        self.limit = limit
        # Anchored at a run's start: unanchored, the engine would try (and
        # fail) a match at every character of every shorter run.
        self._long_run = re.compile(r"(?<!\S)\S{" + str(limit + 1) + ",}")

    def __call__(self, text: str) -> Doc:
        text = controls_as_spaces(text)
        runs = list(self._long_run.finditer(text)) if len(text) > self.limit else []
        if not runs:
            doc: Doc = self.tokenizer(text)
            return doc
        words: list[str] = []
        spaces: list[bool] = []

        def add(piece: str) -> None:
            for token in self.tokenizer(piece):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

        position = 0
        for run in runs:
            if run.start() > position:
                add(text[position : run.start()])
            for start in range(run.start(), run.end(), self.limit):
                add(text[start : min(start + self.limit, run.end())])
            position = run.end()
        if position < len(text):
            add(text[position:])
        return Doc(self.tokenizer.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        """Tokenize a stream of texts (as spaCy's ``Tokenizer.pipe``)."""
        del batch_size
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        # Everything else (vocab, rules, explain, to_bytes, from_disk...) is
        # the wrapped tokenizer's. Guard against recursion while unpickling.
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReviewTokenizer, (self.tokenizer, self.limit))

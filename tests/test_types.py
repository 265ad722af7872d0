"""The value objects' trusted builder gives exactly what the constructor gives."""

from __future__ import annotations

import dataclasses

import pytest

from reviewkit._types import AspectMention, Clause, Sentence, Sentiment, trusted_builder

SENTIMENT = Sentiment(neg=0.1, neu=0.6, pos=0.3, compound=0.42)
CLAUSE = Clause(text="the cast shines", start=4, end=19, sentiment=SENTIMENT)
SENTENCE = Sentence(
    index=2,
    section_index=1,
    item_index=None,
    role="text",
    scored=True,
    text="but the cast shines",
    start=0,
    end=19,
    sentiment=SENTIMENT,
    clauses=(CLAUSE,),
    stance="pro",
)
MENTION = AspectMention(
    aspect="cast",
    term="cast",
    text="cast",
    start=8,
    end=12,
    sentence_index=2,
    clause=CLAUSE,
    sentiment=SENTIMENT,
    negated=True,
    opinion_words=("shines",),
    scored=False,
    source="model",
)


@pytest.mark.parametrize("value", [SENTIMENT, CLAUSE, SENTENCE, MENTION])
def test_trusted_builder_equals_the_constructor(value: object) -> None:
    cls = type(value)
    fields = [getattr(value, f.name) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    built = trusted_builder(cls)(*fields)
    assert type(built) is cls
    assert built == value
    assert hash(built) == hash(value)
    assert repr(built) == repr(value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, dataclasses.fields(cls)[0].name, None)  # type: ignore[arg-type]

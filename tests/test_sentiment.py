"""The film/TV domain layer, the bounded-span scorer and clause splitting."""

from __future__ import annotations

import json
import pickle
from importlib import resources

import pytest

from reviewkit import SentimentLexicon
from reviewkit._pipeline import split_clauses
from reviewkit._sentiment import MAX_SPAN, Scorer, get_scorer
from reviewkit.errors import LexiconError

LAYER = SentimentLexicon.default()
_RAW = json.loads(
    resources.files("reviewkit.resources")
    .joinpath("sentiment_tv_film_en.v1.json")
    .read_text(encoding="utf-8")
)
EXPECTED = {
    entry: spec["expected"]
    for group in ("words", "phrases", "counterfactuals")
    for entry, spec in _RAW[group].items()
    if "expected" in spec
}
DOMAIN = get_scorer()
PLAIN = get_scorer(None)


@pytest.mark.parametrize(
    ("kind", "entry", "valence", "example"),
    list(LAYER.examples()),
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_every_entry_is_justified_by_its_example(
    kind: str, entry: str, valence: float, example: str
) -> None:
    """Each entry fixes a sentence plain VADER misses or misjudges."""
    assert example, f"{entry!r} needs an example sentence"
    domain = DOMAIN.score(example).compound
    plain = PLAIN.score(example).compound
    if kind == "negator":
        assert domain <= -0.05 < plain or domain <= -0.05 <= plain + 0.05
    elif kind == "counterfactual":  # what follows is what the show lacked
        expected = EXPECTED.get(entry, -1)
        assert expected * domain >= 0.05 > expected * plain, (plain, domain)
    elif valence == 0.0:  # neutralises a word VADER over-reads ("pretty", "like a")
        expected = EXPECTED.get(entry, 0)
        if expected:
            assert expected * domain >= 0.05, (plain, domain)
            if expected * plain < 0.05:
                return
            _assert_guards(kind, entry, example, expected, (plain, domain))
        else:
            assert abs(domain) <= abs(plain) - 0.1, (plain, domain)
    else:
        sign = 1.0 if valence > 0 else -1.0
        assert sign * domain >= 0.05, (example, domain)
        if sign * plain < 0.05 or abs(domain) >= abs(plain) + 0.1:
            return
        _assert_guards(kind, entry, example, sign, (plain, domain))


def _assert_guards(
    kind: str, entry: str, example: str, sign: float, scores: tuple[float, float]
) -> None:
    """Assert that the layer without the entry misreads its example.

    For entries whose example plain VADER reads right already: the entry keeps
    one of the layer's own rules from misreading it ("I wish there were more
    shows like this" is praise, not a wish for what the show lacked; "more or
    less" is no negated "less").
    """
    without = _without(kind, entry).score(example).compound
    assert sign * without < 0.05, (*scores, without)


def _without(kind: str, entry: str) -> Scorer:
    """A scorer of the default layer without one of its entries."""
    data = LAYER.to_dict()
    group = {"word": "words", "phrase": "phrases"}[kind]
    data[group] = {k: v for k, v in data[group].items() if k != entry}
    return Scorer(SentimentLexicon.from_dict(data))


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The chemistry was off the charts.", 1),
        ("The pacing dragged.", -1),
        ("Episode nine was pure filler.", -1),
        ("The finale sticks the landing.", 1),
        ("The finale didn't stick the landing.", -1),
        ("It is a slow burn.", 1),
        ("The jokes fell flat.", -1),
        ("The characters are paper thin.", -1),
        ("It was so cozy.", 1),
        ("The makjang twists were everywhere.", -1),
        ("It is nothing less than a masterpiece.", 1),
        ("Season two has less filler and better writing.", 1),
        ("Don't waste your money on it.", -1),
        ("The time-jump subplot just didn't work.", -1),
        ("This show is just not my cup of tea.", -1),
        ("Period dramas aren't really up my alley.", -1),
        ("This drama just wasn't for me.", -1),
        ("Season two is less exciting than season one.", -1),
        ("It is no less fun than the original.", 1),
        ("Knowing the ending doesn't make the rewatch any less gripping.", 1),
        ("Even the less interesting subplots pay off.", 1),
    ],
)
def test_drama_vocabulary(text: str, sign: int) -> None:
    assert sign * DOMAIN.score(text).compound >= 0.05


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The OST could have been more memorable.", -1),
        ("It would have been nice to see more of the sister.", -1),
        ("I was hoping for a better ending.", -1),
        ("I wish the romance had more screen time.", -1),
        ("The ending could not have been better.", 1),
        ("I couldn't have asked for a better cast.", 1),
        ("It could have been worse.", 1),  # a phrase of the layer
        ("I wish they had cut the boring filler episodes.", -1),
        ("It could have been less boring.", -1),
        ("The pacing could have been tighter, but the acting is superb.", 1),
        ("I would've loved more scenes with the sister.", -1),
        ("It could easily have been a great show.", -1),
        ("Nothing could have been better.", 1),
        ("No one could have been more perfect for the role.", 1),
        ("The finale was exactly what I was hoping for.", 1),
        ("I'm hoping for more great dramas from this writer.", 1),
        ("I wish it never ended.", 1),
        ("I wish there were more episodes.", 1),
        ("I just wish it was longer because I loved every minute.", 1),
        ("I was hoping for more and I'm disappointed with the ending.", -1),
        ("I wish there were more dramas like this one.", 1),
        ("I wish more shows were like this.", 1),
        ("If only all dramas were this well written.", 1),
        ("It should have been a huge success.", 1),
        ("This show deserves more attention.", 1),
        ("I wish there were more scenes with the sister.", -1),
        ("It could have been a hit with a better script.", -1),
        ("The story had potential to be a really great movie.", -1),
        ("The show had so much potential to be great.", -1),
        ("It had potential, but the execution was great.", 1),
    ],
)
def test_counterfactuals(text: str, sign: int) -> None:
    """What a reviewer wished for is what the show lacked."""
    assert sign * DOMAIN.score(text).compound >= 0.05


def test_cue_alternatives_spell_real_phrases() -> None:
    """Alternatives are per word: "would have|would've" would make nonsense."""
    for cue in LAYER.expanded_counterfactuals():
        words = cue.split()
        assert len(set(words)) == len(words), cue


def test_counterfactuals_extend_and_round_trip() -> None:
    text = "Ideally the ending is great."
    assert DOMAIN.score(text).compound > 0
    extended = LAYER.with_counterfactuals({"ideally": 0.0})
    assert Scorer(extended).score(text).compound < 0
    assert "ideally" not in LAYER.counterfactuals
    clone = SentimentLexicon.from_dict(extended.to_dict())
    assert clone == extended
    assert clone.fingerprint == extended.fingerprint
    assert pickle.loads(pickle.dumps(extended)) == extended


def test_plain_vader_is_unchanged_by_the_layer() -> None:
    assert PLAIN.score("The chemistry was off the charts.").compound == 0.0
    assert SentimentLexicon.load(None).words == {}


def test_layer_is_extendable_without_mutation() -> None:
    extended = LAYER.with_words({"banger": 2.5}).with_phrases({"hits different": 2.0})
    assert Scorer(extended).score("The OST is a banger.").compound > 0.3
    assert Scorer(extended).score("This finale hits different.").compound > 0.3
    assert "banger" not in LAYER.words
    assert (
        Scorer(LAYER.with_negators(["sans"])).score("A finale sans charm.").compound < 0
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"words": {"x": 9}}, "scale"),
        ({"words": {"two words": 1}}, "phrases"),
        ({"words": ["x"]}, "must map"),
        ("nope", "mapping"),
    ],
)
def test_bad_layers_are_rejected(data: object, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        SentimentLexicon.from_dict(data)  # type: ignore[arg-type]


def test_unknown_packaged_name() -> None:
    with pytest.raises(LexiconError, match="Packaged"):
        SentimentLexicon.load("klingon.v1")


def test_long_text_is_scored_in_bounded_spans() -> None:
    text = "The acting is wonderful. " * 2000  # 50,000 characters
    result = DOMAIN.score(text)
    assert result.compound > 0.5
    assert len(text) > 10 * MAX_SPAN


def test_explain_reports_opinion_words_and_negation() -> None:
    sentiment, words, negated = DOMAIN.explain("The acting was not good at all.")
    assert sentiment.compound < 0
    assert "good" in words
    assert negated


@pytest.mark.parametrize(
    "straight",
    [
        "The soundtrack wasn't bad at all.",
        "The acting isn't great.",
        "I didn't like the ending.",
        "I can't recommend it.",
        "The 'twist' was great.",
    ],
)
@pytest.mark.parametrize("scorer", [DOMAIN, PLAIN], ids=["domain", "plain"])
def test_curly_quotes_score_as_straight_ones(scorer: Scorer, straight: str) -> None:
    curly = straight.replace("'", "\u2019").replace(" \u2019", " \u2018")
    assert curly != straight
    assert scorer.scores(curly) == scorer.scores(straight)
    assert scorer.explain(curly) == scorer.explain(straight)


VALUE = Scorer(LAYER.with_phrases({"great value": 2.2, "value for money": 1.6}))


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("Great value, truly.", "value", True),
        ("It was GREAT value!", "value", True),
        ("Value for money? Poor.", "Value", True),
        ("A great (value) lunch.", "value", True),
        ("great\nvalue", "value", True),
        ("The value is poor.", "value", False),
        ("A great good-value deal.", "value", False),  # one word to VADER
        ("Good value for", "value", False),  # the phrase is cut off
        ("value", "value", False),
        ("The great acting.", "acting", False),  # in no phrase
    ],
)
def test_in_phrase_finds_the_phrase_around_a_term(
    text: str, term: str, expected: bool
) -> None:
    start = text.index(term)
    assert VALUE.in_phrase(text, start, start + len(term)) is expected


def test_in_phrase_agrees_with_the_score() -> None:
    """Where in_phrase says yes, VADER scores the phrase, not the word."""
    text = "Honestly great value for a Tuesday."
    start = text.index("value")
    assert VALUE.in_phrase(text, start, start + 5)
    assert "great value" in VALUE.explain(text)[1]


def test_scorers_pickle() -> None:
    clone = pickle.loads(pickle.dumps(DOMAIN))
    assert clone.score("cozy and lovely") == DOMAIN.score("cozy and lovely")


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "The acting was great but the plot was awful.",
            ["The acting was great", "but the plot was awful."],
        ),
        ("Lovely music; terrible pacing.", ["Lovely music;", "terrible pacing."]),
        ("The acting, though, was superb.", ["The acting, though, was superb."]),
        (
            "I liked it, while my sister hated it.",
            ["I liked it,", "while my sister hated it."],
        ),
        ("I watched it while eating.", ["I watched it while eating."]),
        ("But it was fine.", ["But it was fine."]),
        (
            "Great cast although the script is thin and the ending, however, drags.",
            [
                "Great cast",
                "although the script is thin and the ending, however, drags.",
            ],
        ),
        (
            "Although the acting was great, the plot was boring.",
            ["Although the acting was great,", "the plot was boring."],
        ),
        (
            "While the fights are thrilling, the villain is paper thin.",
            ["While the fights are thrilling,", "the villain is paper thin."],
        ),
        ("Though slow, it is rewarding.", ["Though slow,", "it is rewarding."]),
        (
            "Despite its flaws, I loved it, but the ending was weak.",
            ["Despite its flaws,", "I loved it,", "but the ending was weak."],
        ),
        (
            "Even though the lead shines, the script is weak; the music saves it.",
            [
                "Even though the lead shines,",
                "the script is weak;",
                "the music saves it.",
            ],
        ),
        (
            "The acting is great despite a weak script.",
            ["The acting is great", "despite a weak script."],
        ),
        (
            "In spite of the clumsy dialogue, the acting is superb.",
            ["In spite of the clumsy dialogue,", "the acting is superb."],
        ),
        ("I loved it despite everything.", ["I loved it", "despite everything."]),
        (
            "The show, despite a great cast, is boring.",
            ["The show, despite a great cast, is boring."],
        ),
        ("While I watched it I fell asleep.", ["While I watched it I fell asleep."]),
        ("Although great, fine.", ["Although great, fine."]),
    ],
)
def test_split_clauses(sentence: str, clauses: list[str]) -> None:
    spans = split_clauses(sentence, 0, len(sentence))
    assert [sentence[a:b] for a, b in spans] == clauses

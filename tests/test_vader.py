"""Tests for reviewkit._vader: parity with vaderSentiment 3.3.2 and extensions."""

from __future__ import annotations

import csv
import dataclasses
import os
import pickle
import re
import string
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import C_INCR, N_SCALAR, SentimentIntensityAnalyzer

from reviewkit import _vader
from reviewkit._vader import Explanation, VaderScorer, WordValence

SHARED = Path(
    os.environ.get(
        "REVIEWKIT_SHARED", Path(__file__).resolve().parents[1].parent / "shared"
    )
)


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs {path}")
        pytest.skip(f"{path} absent")
    return path


KEYS = ("neg", "neu", "pos", "compound")
GROUND_TRUTH_ROWS = {
    "tweets": 4200,
    "movieReviewSnippets": 10605,
    "amazonReviewSnippets": 3708,
    "nytEditorialSnippets": 5190,
}


@pytest.fixture(scope="module")
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def scorer() -> VaderScorer:
    return VaderScorer()


def _reference(analyzer: SentimentIntensityAnalyzer, text: str) -> tuple[float, ...]:
    ref = analyzer.polarity_scores(text)
    return tuple(ref[k] for k in KEYS)


def _assert_parity(
    analyzer: SentimentIntensityAnalyzer, scorer: VaderScorer, text: str
) -> None:
    expected = _reference(analyzer, text)
    got = scorer.scores(text)
    assert got == pytest.approx(expected, abs=1e-6, rel=0), text
    assert scorer.polarity_scores(text) == pytest.approx(
        dict(zip(KEYS, expected, strict=True)), abs=1e-6, rel=0
    )


# --------------------------------------------------------------------- parity

TRICKY = [
    # negation
    "The book was good.",
    "The book was not good.",
    "Not bad at all",
    "At least it isn't a horrible book.",
    "It was n't funny, it was not even remotely interesting",
    "Without a doubt, excellent idea.",
    "Without a doubt, an excellent idea.",
    "The acting is not very good and not at all funny",
    "No good, no fun, no or nor happiness",
    "no no no good",
    "There is no love lost, nor any joy",
    # "but" (including the list.index quirk: 2.0 halved equals the later 1.0)
    "The plot was good, but the characters are uncompelling and the dialog is "
    "not great.",
    "The acting is clever but the plot is alright.",
    "Good but bad but good but bad",
    "But it was great",
    "good good but good good",
    # ALL CAPS
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER IS SMART AND FUNNY",
    "Today SUX!",
    "I LOVE it but I HATE the ending",
    "It is NO good",
    # punctuation emphasis
    "VADER is smart, handsome, and funny!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "Was it good?? Was it?",
    "Was it good???? Really??",
    "Terrible!!!!!!!",
    # boosters and dampeners
    "VADER is very smart, handsome, and funny.",
    "The book was only kind of good.",
    "Today only kinda sux! But I'll get by, lol",
    "It was sort of fun and just enough good",
    "An extremely, incredibly, utterly boring film",
    "It was kind of the worst",
    "That is kind",
    # least
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Least good of all, and the very least funny",
    # idioms / special cases
    "With VADER, sentiment analysis is the shit!",
    "The new phone is really the bomb",
    "Oh yeah right, that was so much fun",
    "This cake is to die for",
    "On the other hand, VADER is quite bad ass",
    "They gave us the kiss of death",
    "The cafe by the bus stop is nice",
    # never so / this
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "It has never so much as been funny",
    "I was so very happy, this really good",
    # emoticons and emoji
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "😁",
    "😁😁😁",
    "💔💔 sad",
    "great😁movie",
    "🔛🆙!",
    "I ❤️ this film",
    # empty and whitespace
    "",
    " ",
    "   \t\n  ",
    "\u00a0\u2003",
    ".,!?",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_sentences_match_vader(
    analyzer: SentimentIntensityAnalyzer, scorer: VaderScorer, text: str
) -> None:
    _assert_parity(analyzer, scorer, text)


@pytest.mark.parametrize(
    "text",
    [
        "GREAT MOVIE, TERRIBLE ENDING, NOT BAD ACTING!!!",
        " but ".join(["good", "bad", "great", "awful", "nice"] * 20),
        "but " * 50 + "good",
        " ".join(["good", "bad", "kind of", "not", "but", "VERY", "great", "!"] * 150),
        "\n".join(TRICKY * 3),
    ],
    ids=["all-caps", "many-buts", "leading-buts", "long-mixed", "long-tricky"],
)
def test_edge_cases_match_vader(
    analyzer: SentimentIntensityAnalyzer, scorer: VaderScorer, text: str
) -> None:
    _assert_parity(analyzer, scorer, text)


def test_but_check_list_index_quirk_is_reproduced(
    analyzer: SentimentIntensityAnalyzer, scorer: VaderScorer
) -> None:
    # "fav" (2.0) is halved to 1.0 before "but"; "bffn" (1.0) after "but" then
    # finds that earlier 1.0 with list.index, halves it again and is itself left
    # unchanged, so VADER's compound is 0.3612 instead of the naive 0.5423.
    text = "fav but bffn"
    assert scorer.scores(text)[3] == 0.3612
    _assert_parity(analyzer, scorer, text)


def test_empty_text_scores_zero(scorer: VaderScorer) -> None:
    assert scorer.scores("") == (0.0, 0.0, 0.0, 0.0)
    assert scorer.scores(" \t\n") == (0.0, 0.0, 0.0, 0.0)
    assert scorer.explain("") == Explanation(0.0, 0.0, 0.0, 0.0, ())


def test_polarity_scores_has_vaders_keys(
    analyzer: SentimentIntensityAnalyzer, scorer: VaderScorer
) -> None:
    text = "A good film!"
    assert list(scorer.polarity_scores(text)) == list(analyzer.polarity_scores(text))


def test_whitespace_regex_agrees_with_str_split() -> None:
    # explain() finds chunk offsets with \S+; that must be what str.split() does.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\s", everything) == [c for c in everything if c.isspace()]


_LEXICON_WORDS = [
    "good", "bad", "great", "GREAT", "love", "hate", "kind", "of", "least", "at",
    "very", "VERY", "not", "no", "nor", "or", "but", "BUT", "never", "so", "this",
    "without", "doubt", "the", "bomb", "yeah", "right", "isn't", "don't", ":)",
    ":(", "sort", "fav", "bffn", "lol",
]  # fmt: skip
_CHARS = "abcXYZ !?.,'\t-" + "😁💔🔛❤\ufe0f"
_TEXTS = st.lists(
    st.one_of(st.sampled_from(_LEXICON_WORDS), st.text(alphabet=_CHARS, max_size=6)),
    max_size=25,
).map(" ".join) | st.text(alphabet=_CHARS, max_size=40)


@settings(max_examples=200, deadline=None, database=None)
@given(text=_TEXTS)
def test_property_scores_equal_vader(
    analyzer: SentimentIntensityAnalyzer, scorer: VaderScorer, text: str
) -> None:
    expected = _reference(analyzer, text)
    assert scorer.scores(text) == pytest.approx(expected, abs=1e-6, rel=0)
    assert scorer.explain(text).scores == scorer.scores(text)
    assert _DOMAIN.explain(text).scores == _DOMAIN.scores(text)


_DOMAIN = VaderScorer(
    words={"abc": 1.5, "good": -1.0},
    phrases={"not bad": 2.0, "bad but good": 1.0, "the bomb": -3.0, "kind of": 1.0},
    negators=["xyz", "great"],
    counterfactuals={"could have": 0.0, "wish": -1.0, "hoping for": 0.0},
)


@settings(max_examples=200, deadline=None, database=None)
@given(text=_TEXTS)
def test_property_opinion_words_agree_with_explain(
    scorer: VaderScorer, text: str
) -> None:
    for each in (scorer, _DOMAIN):
        explanation = each.explain(text)
        assert each.opinion_words(text) == (
            explanation.scores,
            tuple(w.lower for w in explanation.words),
            any(w.negated for w in explanation.words),
        )


def test_opinion_words_name_phrases_by_their_key() -> None:
    scores, words, negated = _DOMAIN.opinion_words("It was NOT BAD, really. Not abc")
    assert words == ("not bad", "abc")
    assert negated is True
    assert scores == _DOMAIN.scores("It was NOT BAD, really. Not abc")


@pytest.mark.shared
def test_ground_truth_parity(
    analyzer: SentimentIntensityAnalyzer, scorer: VaderScorer
) -> None:
    folder = _shared("data", "vader-ground-truth")
    total = 0
    mismatches: list[tuple[str, str, tuple[float, ...], tuple[float, ...]]] = []
    for name, rows_expected in GROUND_TRUTH_ROWS.items():
        path = folder / f"{name}_GroundTruth.txt"
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        assert len(rows) == rows_expected, path
        for row in rows:
            text = row[2]
            expected = _reference(analyzer, text)
            got = scorer.scores(text)
            if any(abs(a - b) > 1e-6 for a, b in zip(got, expected, strict=True)):
                mismatches.append((name, row[0], expected, got))
        total += len(rows)
    assert total == 23_703
    assert not mismatches, mismatches[:5]


# ----------------------------------------------------------------- extensions


def test_phrase_changes_sign_of_neutral_sentence(scorer: VaderScorer) -> None:
    text = "The third act fell flat."
    assert scorer.scores(text)[3] == 0.0
    domain = VaderScorer(phrases={"fell flat": -1.8})
    assert domain.scores(text)[3] < 0
    domain_up = VaderScorer(phrases={"off the charts": 2.5})
    assert scorer.scores("The score is off the charts")[3] == 0.0
    assert domain_up.scores("The score is off the charts")[3] > 0


def test_negation_before_phrase_flips_it() -> None:
    domain = VaderScorer(phrases={"fall flat": -1.8})
    plain = domain.scores("It will fall flat")[3]
    negated = domain.scores("It will never fall flat")[3]
    assert plain < 0 < negated
    explanation = domain.explain("It will never fall flat")
    (record,) = explanation.words
    assert record.lower == "fall flat"
    assert record.negated is True
    assert record.valence == pytest.approx(-1.8 * N_SCALAR)


def test_booster_before_phrase_strengthens_it() -> None:
    domain = VaderScorer(phrases={"off the charts": 2.5})
    plain = domain.scores("The chemistry is off the charts")[3]
    boosted = domain.scores("The chemistry is totally off the charts")[3]
    assert 0 < plain < boosted
    damped = domain.scores("The chemistry is kind of off the charts")[3]
    assert 0 < damped < plain


def test_caps_on_first_word_of_phrase() -> None:
    domain = VaderScorer(phrases={"fell flat": -1.8})
    plain = domain.explain("the ending fell flat").words[0].valence
    shouted = domain.explain("the ending FELL flat").words[0].valence
    assert shouted == pytest.approx(plain - C_INCR)


def test_longest_phrase_wins_left_to_right_without_overlap() -> None:
    domain = VaderScorer(phrases={"off the": -1.0, "off the charts": 2.5})
    explanation = domain.explain("It is off the charts")
    assert [w.lower for w in explanation.words] == ["off the charts"]
    assert explanation.compound > 0

    overlapping = VaderScorer(phrases={"slow burn": 2.0, "burn out": -2.0})
    words = overlapping.explain("a slow burn out").words
    assert [w.lower for w in words] == ["slow burn"]


def test_phrase_words_are_not_scored_on_their_own(scorer: VaderScorer) -> None:
    text = "It is so bad it's good"
    base_words = [w.lower for w in scorer.explain(text).words]
    assert base_words == ["bad", "good"]
    domain = VaderScorer(phrases={"so bad it's good": 1.5})
    explanation = domain.explain(text)
    assert [(w.lower, w.valence) for w in explanation.words] == [
        ("so bad it's good", 1.5)
    ]
    record = explanation.words[0]
    assert text[record.start : record.end] == "so bad it's good"


def test_phrase_matches_through_punctuation_of_short_words() -> None:
    domain = VaderScorer(phrases={"fed up": -2.0})
    for text in ("By the end I was fed up.", "By the end I was fed up, you know"):
        assert VaderScorer().scores(text)[3] == 0.0
        (record,) = domain.explain(text).words
        assert (record.word, record.lower) == ("fed up", "fed up")
        assert text[record.start : record.end] == "fed up" + text[record.end - 1]


def test_but_inside_phrase_is_not_contrastive() -> None:
    domain = VaderScorer(phrases={"all but forgotten": -1.5})
    with_phrase = domain.explain("A great cast, all but forgotten")
    great = next(w for w in with_phrase.words if w.lower == "great")
    assert great.valence == pytest.approx(3.1)  # not halved


def test_words_override_and_addition(scorer: VaderScorer) -> None:
    assert scorer.scores("The soundtrack is killer")[3] < 0
    domain = VaderScorer(words={"killer": 2.0, "bingeable": 2.2})
    assert domain.scores("The soundtrack is killer")[3] > 0
    assert scorer.scores("Very bingeable")[3] == 0.0
    assert domain.scores("Very bingeable")[3] > 0
    assert domain.scores("Not bingeable")[3] < 0


def test_extra_negators() -> None:
    base = VaderScorer()
    domain = VaderScorer(negators=["lacks", "Lacked"])
    assert base.scores("The film lacks charm")[3] > 0
    assert domain.scores("The film lacks charm")[3] < 0
    assert domain.scores("It lacked any real charm")[3] < 0


def test_negators_with_a_valence_read_like_no() -> None:
    """A negator with a valence scores it unless the next word has one."""
    base = VaderScorer()
    lack = VaderScorer(negators=["lack"])  # "lack" is -1.3 in VADER's lexicon
    assert lack.scores("a lack") == base.scores("a lack")
    assert lack.scores("a lack of suspense")[3] < 0
    assert base.scores("a lack of charm")[3] > lack.scores("a lack of charm")[3]
    # "charm" right after: only the negated "charm" speaks, as after "no".
    pure = VaderScorer(negators=["lacks"])
    both = VaderScorer(words={"lacks": -1.3}, negators=["lacks"])
    assert both.scores("It lacks charm") == pure.scores("It lacks charm")
    assert [w.word for w in both.explain("It lacks charm").words] == ["charm"]
    assert pure.scores("It lacks a villain")[3] > 0  # "villain" negated
    assert both.scores("It lacks suspense")[3] < 0  # no valence after it
    assert both.scores("It lacks any real charm")[3] < 0  # three-word reach
    assert lack.scores("It does not lack charm")[3] > 0  # negated twice
    assert lack.scores("It does not lack anything")[3] > 0
    assert both.explain("It lacks suspense").words[0].word == "lacks"
    # Negated itself by a word out of reach of what follows, it negates nothing.
    assert lack.scores("no lack of charm") == base.scores("no lack of charm")
    nothing = VaderScorer(words={"lacking": -1.3}, negators=["lacking"])
    assert nothing.scores("Nothing was lacking in this beautiful drama")[3] > 0
    # Inside a phrase it is part of the phrase and negates nothing after it.
    phrased = VaderScorer(
        words={"lacks": -1.3}, phrases={"lacks depth": -1.5}, negators=["lacks"]
    )
    assert phrased.scores("It lacks depth, great acting though")[3] > 0
    assert both.scores("It lacks depth, great acting though")[3] < 0
    # Past the phrase it reaches on to the end of its clause.
    assert phrased.scores("It lacks depth and heart")[3] < 0
    words = phrased.explain("It lacks depth and heart").words
    assert [(w.word, w.valence < 0) for w in words] == [
        ("lacks depth", True),
        ("heart", True),
    ]
    assert phrased.scores("It lacks depth. Heart though")[3] > 0
    # A word that opens a new clause ends the reach too.
    for text in (
        "It lacks depth but great acting saves it",
        "It lacks depth though great acting saves it",
        "It lacks depth - great acting saves it",
        "It lacks depth and the great acting saves it",
        "It lacks depth (great acting though)",
    ):
        assert phrased.scores(text)[3] > 0, text
    # Negated within its phrase, it negates nothing after it.
    whole = VaderScorer(
        words={"lacks": -1.3}, phrases={"lacks nothing": 1.5}, negators=["lacks"]
    )
    assert whole.scores("It lacks nothing in beauty")[3] > 0
    plain = VaderScorer(words={"lacks": -1.3}, phrases={"lacks nothing": 1.5})
    assert whole.scores("It lacks nothing in beauty") == plain.scores(
        "It lacks nothing in beauty"
    )


def test_a_layer_entry_of_valence_zero_stays_zero() -> None:
    """No booster, capitals or "no" before it give a 0 entry a valence."""
    layer = VaderScorer(phrases={"bad guy": 0.0}, words={"pretty": 0.0})
    assert layer.scores("He is a very bad guy")[3] == 0.0
    assert layer.scores("The finale was PRETTY dull") == layer.scores(
        "The finale was pretty dull"
    )
    # "no" keeps its own valence before a 0 entry, as before a word VADER lacks.
    assert layer.scores("no bad guy")[3] < 0


@pytest.mark.parametrize(
    "text",
    [
        "This show is bad, guys.",
        "This show is bad; guys, skip it.",
        "Honestly? This show is bad. Guys, skip it.",
        "This show is bad (guys, trust me).",
    ],
)
def test_a_phrase_does_not_run_across_the_end_of_a_clause(text: str) -> None:
    """Punctuation between its words breaks a phrase: "bad, guys" is no "bad guys"."""
    layer = VaderScorer(phrases={"bad guys": 0.0})
    assert layer.scores(text) == VaderScorer().scores(text)
    assert layer.scores(text)[3] < 0
    assert "bad" in [w.word for w in layer.explain(text).words]
    # Without the punctuation the phrase holds, and scores 0.
    joined = text.replace(",", "").replace(";", "").replace(".", "")
    joined = joined.replace("(", "").replace(")", "").replace("?", "")
    assert layer.scores(joined)[3] != VaderScorer().scores(joined)[3]


def test_two_word_negators() -> None:
    """ "far from" negates as a pair; "from" alone and "far" alone do not."""
    base = VaderScorer()
    domain = VaderScorer(negators=["far  From"])
    assert base.scores("The plot was far from perfect")[3] > 0
    assert domain.scores("The plot was far from perfect")[3] < 0
    assert domain.scores("The script is far from boring")[3] > 0
    assert domain.scores("It is far from a great show")[3] < 0  # within three words
    for text in ("Tears from joy, a perfect ending", "It is far better"):
        assert domain.scores(text) == base.scores(text)
    assert domain.explain("far from perfect").words[-1].negated
    restored = pickle.loads(pickle.dumps(domain))
    assert restored.scores("far from perfect") == domain.scores("far from perfect")


_PHRASES = {
    "off the charts": 2.5,
    "the charts": -1.0,
    "so so": -0.5,
    "a bit much": -0.8,
    "bit much": 0.5,
    "on point": 2.0,
    "point blank": -0.3,
    # "at all" is looked up by "all", before "convincing": found first, and
    # still the longer phrase that starts earlier wins.
    "not at all convincing": -2.0,
    "at all": 0.1,
}
_PHRASE_WORDS = sorted({w for key in _PHRASES for w in key.split()} | {"good", "x"})


def _phrases_by_scan(chunks: list[str]) -> dict[int, tuple[int, str]]:
    """The phrase rule spelled out: left to right, the longest phrase at a start.

    A phrase's words are its chunks with their punctuation stripped, and no
    chunk but its last ends a clause (",", ";", ":", ".", "!", "?", ")"), nor
    does one after its first open a bracket.
    """
    keys = [t.strip(string.punctuation) for t in chunks]
    ordered = sorted(_PHRASES, key=lambda k: -len(k.split()))
    found: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(keys):
        for key in ordered:
            parts = key.split()
            inner = chunks[i : i + len(parts)]
            if (
                keys[i : i + len(parts)] == parts
                and not any(c.rstrip("\"'”’»")[-1:] in ",;:.!?)" for c in inner[:-1])
                and not any(c[:1] in "([" for c in inner[1:])
            ):
                found[i] = (len(parts), key)
                i += len(parts)
                break
        else:
            i += 1
    return found


@settings(max_examples=300, deadline=None, database=None)
@given(
    words=st.lists(
        st.tuples(
            st.sampled_from(_PHRASE_WORDS),
            st.sampled_from(["", ",", ".", "!", "...", ")", "'", "-"]),
            st.sampled_from(["", "", "(", "["]),
        ),
        max_size=14,
    )
)
@example(
    words=[("not", "", ""), ("at", "", ""), ("all", "", ""), ("convincing", ".", "")]
)
@example(
    words=[
        ("so", "", ""),
        ("so", "", ""),
        ("so", ",", ""),
        ("on", "", ""),
        ("point", "", ""),
    ]
)
@example(words=[("off", "", ""), ("the", "", "("), ("charts", ")", "")])
def test_property_phrases_match_left_to_right_longest_first(
    words: list[tuple[str, str, str]],
) -> None:
    """Looking phrases up by their longest word finds what a full scan finds."""
    scorer = VaderScorer(phrases=_PHRASES)
    chunks = [o + w + p for w, p, o in words]
    tokens = _vader._strip_chunks(list(chunks))
    trace = _vader._Trace()
    scorer._score(" ".join(chunks), " ".join(chunks), tokens, None, trace)
    assert trace.phrases == _phrases_by_scan(chunks)


_CUES = VaderScorer(
    words={"memorable": 1.8},
    phrases={"could not have been better": 2.4},
    counterfactuals={"could have": 0.0, "hoping for": 0.0, "wish": -1.0},
)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The OST could have been more memorable.", -1),
        ("I was hoping for a better ending.", -1),
        ("It could have been worse.", -1),  # blame is not turned into praise
        ("I wish they had cut the boring filler.", -1),
        ("I wish it had ended sooner.", -1),
        ("The finale could not have been better.", 1),  # a phrase, not the cue
        ("Could have been better.", -1),  # the cue at the start of the text
    ],
)
def test_counterfactual_cues_turn_what_follows(text: str, sign: int) -> None:
    assert sign * _CUES.scores(text)[3] >= 0.05
    assert _CUES.explain(text).scores == _CUES.scores(text)


def test_counterfactual_reach_ends_with_the_clause() -> None:
    great = VaderScorer().scores("the cast is great")[3]
    for text in (
        "It could have been shorter, the cast is great",
        "It could have been shorter but the cast is great",
        "It could have been shorter and the cast is great",
        "It could have been one two three four five six the cast is great",
    ):
        by_word = {w.lower: w for w in _CUES.explain(text).words}
        assert by_word["great"].negated is False, text
        assert by_word["great"].valence > 0, text
    assert VaderScorer().scores("the cast is great")[3] == great
    by_word = {w.lower: w for w in _CUES.explain("could have been great").words}
    assert by_word["great"].negated is True
    assert by_word["great"].valence == pytest.approx(3.1 * N_SCALAR)


def test_counterfactual_cue_of_short_words_is_found_next_to_punctuation() -> None:
    short = VaderScorer(counterfactuals={"if so": 0.0})
    assert short.scores("If so, good")[3] > 0  # the clause ends at the cue
    assert short.scores("and if so. good")[3] > 0
    assert short.scores("if so good")[3] < 0
    assert short.scores("(if so good)")[3] < 0  # "(if" keeps its "(" as a token
    assert short.scores("(if so) good")[3] > 0  # the bracket closes the clause


@pytest.mark.parametrize(
    "text",
    [
        '"It could have been better." The cast is great',
        "It could have been better (the cast is great)",
        "It could have been better – the cast is great",
        "It could have been better because the cast is great",
        "I was hoping for more and I'm sure the cast is great",
    ],
)
def test_counterfactual_reach_stops_at_quotes_brackets_and_new_clauses(
    text: str,
) -> None:
    by_word = {w.lower: w for w in _CUES.explain(text).words}
    assert by_word["great"].negated is False
    assert by_word["great"].valence > 0


def test_a_masked_word_does_not_end_the_reach() -> None:
    # The pipeline blanks topic terms with underscores before scoring.
    assert _CUES.scores("I wish the _______ were better.")[3] < -0.5


def test_after_nothing_or_no_one_a_cue_is_praise() -> None:
    for text in (
        "Nothing could have been better.",
        "No one could have been better in the role.",
        "Nobody else could have been better.",
    ):
        assert _CUES.scores(text)[3] > 0, text
        assert _CUES.scores(text) == VaderScorer(words={"memorable": 1.8}).scores(text)


def test_counterfactual_cues_are_found_left_to_right_longest_first() -> None:
    scorer = VaderScorer(counterfactuals={"i wish": -1.0, "wish it were": 0.0})
    words = scorer.explain("I wish it were better.").words
    assert [(w.lower, w.valence) for w in words[:1]] == [("i wish", -1.0)]
    assert words[1].lower == "better"
    assert words[1].negated is True
    # A cue hidden by a longer one that overlaps a phrase still counts.
    scorer = VaderScorer(
        phrases={"then we": 0.0},
        counterfactuals={"we really hoped": 0.0, "hoped for": 0.0},
    )
    assert scorer.scores("Then we really hoped for great things.")[3] < 0


def test_cue_valence_is_reported_under_the_cue() -> None:
    scorer = VaderScorer(counterfactuals={"would have loved": -1.0})
    _, words, negated = scorer.opinion_words("I would have loved more scenes")
    assert words == ("would have loved",)
    assert negated is False
    (record,) = scorer.explain("I would have loved more scenes").words
    assert (record.lower, record.word, record.start) == (
        "would have loved",
        "would have loved",
        2,
    )


def test_counterfactual_cue_words_do_not_score_themselves() -> None:
    assert VaderScorer().scores("I was hoping for it")[3] > 0  # "hoping" is +1.8
    assert _CUES.scores("I was hoping for it")[3] == 0.0
    wish = _CUES.explain("I wish")
    assert [(w.lower, w.valence) for w in wish.words] == [("wish", -1.0)]


def test_without_cues_the_scores_are_vaders(
    analyzer: SentimentIntensityAnalyzer,
) -> None:
    text = "It could have been better, I was hoping for more"
    _assert_parity(analyzer, VaderScorer(counterfactuals={}), text)
    assert _CUES.scores(text) != VaderScorer().scores(text)


def test_domain_scorer_leaves_base_unchanged(
    analyzer: SentimentIntensityAnalyzer,
) -> None:
    base_lexicon = dict(_vader._base_lexicon())
    negate = set(_vader._NEGATE)
    text = "The film lacks charm but the killer score is off the charts"
    before = VaderScorer().scores(text)
    domain = VaderScorer(
        words={"killer": 2.0, "charm": 3.0},
        phrases={"off the charts": 2.5},
        negators=["lacks"],
    )
    assert domain.scores(text) != before
    assert VaderScorer().scores(text) == before
    assert _vader._base_lexicon() == base_lexicon
    assert set(_vader._NEGATE) == negate
    assert "lacks" not in SentimentIntensityAnalyzer().lexicon
    assert SentimentIntensityAnalyzer().lexicon["killer"] == analyzer.lexicon["killer"]
    _assert_parity(analyzer, VaderScorer(), text)


def test_base_lexicon_is_cached() -> None:
    assert VaderScorer()._lexicon is VaderScorer()._lexicon
    assert VaderScorer(words={"x": 1.0})._lexicon is not _vader._base_lexicon()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"phrases": {"flat": -1.0}}, ValueError, "at least two words"),
        ({"phrases": {"fell flat": 9.0}}, ValueError, r"\[-4, 4\]"),
        ({"words": {"two words": 1.0}}, ValueError, "single word"),
        ({"words": {"nan": float("nan")}}, ValueError, "finite"),
        ({"negators": ["a long way from"]}, ValueError, "single word"),
        ({"negators": "lacks"}, TypeError, "iterable of words"),
        ({"counterfactuals": {"...": 0.0}}, ValueError, "one or more words"),
        ({"counterfactuals": {"if only": 5.0}}, ValueError, r"\[-4, 4\]"),
    ],
)
def test_invalid_extensions_are_rejected(
    kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        VaderScorer(**kwargs)  # type: ignore[arg-type]  # deliberately wrong input


# -------------------------------------------------------------------- explain


@pytest.mark.parametrize(
    "text",
    [
        "VADER is VERY SMART,  handsome, and FUNNY!!!",
        "\t Not bad at all... but the ending? Awful.",
        "great😁movie, 💔 sad",
        "I ❤️ this film, it is great",
        "The plot was good, but the characters are uncompelling.",
    ],
)
def test_explain_offsets_slice_the_text(scorer: VaderScorer, text: str) -> None:
    explanation = scorer.explain(text)
    assert explanation.scores == scorer.scores(text)
    assert explanation.words
    for record in explanation.words:
        assert isinstance(record, WordValence)
        chunk = text[record.start : record.end]
        assert chunk
        assert not chunk[0].isspace()
        assert not chunk[-1].isspace()
        assert record.lower == record.word.lower()
        if chunk.isascii():
            assert record.word in chunk
        assert record.valence != 0


def test_explain_reports_negation_and_final_valence(scorer: VaderScorer) -> None:
    text = "The book was not good, but it is great"
    by_word = {w.lower: w for w in scorer.explain(text).words}
    assert by_word["good"].negated is True
    assert by_word["good"].valence == pytest.approx(1.9 * N_SCALAR * 0.5)
    assert by_word["great"].negated is False
    assert by_word["great"].valence == pytest.approx(3.1 * 1.5)
    # VADER's window reaches three words back: "not" also negates "great" here.
    assert scorer.explain("not good, but great").words[1].negated is True
    start = text.index("good,")
    assert (by_word["good"].start, by_word["good"].end) == (start, start + 5)


def test_explanation_is_frozen(scorer: VaderScorer) -> None:
    explanation = scorer.explain("good")
    with pytest.raises(dataclasses.FrozenInstanceError):
        explanation.neg = 1.0  # type: ignore[misc]  # frozen dataclass


# --------------------------------------------------------- pickling, big input


def test_pickle_round_trip() -> None:
    text = "The film lacks charm but the score is off the charts"
    for scorer in (
        VaderScorer(),
        VaderScorer(words={"killer": 2.0}, phrases={"off the charts": 2.5}),
        VaderScorer(negators=["lacks"]),
        VaderScorer(counterfactuals={"could have": 0.0, "wish": -1.0}),
    ):
        data = pickle.dumps(scorer)
        assert len(data) < 2_000  # the base lexicon is not shipped
        clone = pickle.loads(data)
        assert isinstance(clone, VaderScorer)
        assert clone.scores(text) == scorer.scores(text)
        assert clone.explain(text) == scorer.explain(text)


def test_huge_input_finishes(scorer: VaderScorer) -> None:
    unit = "good but GOOD not bad kind of great 😁 least fun, the bomb!! "
    text = (unit * (200_000 // len(unit) + 1))[:200_000]
    assert len(text) == 200_000
    neg, neu, pos, compound = scorer.scores(text)
    assert 0 <= neg <= 1
    assert 0 <= neu <= 1
    assert 0 <= pos <= 1
    assert -1 <= compound <= 1
    assert scorer.explain(text).scores == (neg, neu, pos, compound)
    domain = VaderScorer(phrases={"kind of great": 2.0}, negators=["lacks"])
    assert domain.scores(text) != (0.0, 0.0, 0.0, 0.0)


def test_strip_rule_matches_vader() -> None:
    chunks = ["no,", "good!", "...", ":)", "'tis", "it's", "(a)", "--x--"]
    expected = [
        c if len(c.strip(string.punctuation)) <= 2 else c.strip(string.punctuation)
        for c in chunks
    ]
    assert _vader._strip_chunks(list(chunks)) == expected

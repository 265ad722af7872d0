"""Verdicts: recommendation cues, negation, conditions, mixed advice."""

from __future__ import annotations

import re

import pytest

import reviewkit


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "The acting was lovely. But, I can't say that this is a recommended watch.",
            "not_recommend",
        ),
        ("Would I recommend it? Absolutely.", "recommend"),
        ("I'd recommend it for a rainy weekend.", "recommend"),
        ("Watch it, but lower your expectations.", "mixed"),
        ("I won't be rewatching it.", "not_recommend"),
        ("Would I recommend it? No.", "not_recommend"),
        ("I would not recommend this to anyone.", "not_recommend"),
        ("It was a complete waste of time.", "not_recommend"),
        ("A must-watch for anyone who loves a slow burn.", "recommend"),
        ("Go if you love pretty things; skip it if you need a plot.", "mixed"),
        (
            "If you like your sci-fi dense and you don't mind the work, start it tonight.",
            "recommend",
        ),
        ("I can't honestly call this one a recommendation.", "not_recommend"),
        ("I'm glad I saw it once, but I won't be going back for a rewatch.", "mixed"),
        ("The sets were gorgeous and the music was loud.", None),
    ],
)
def test_verdict_sentences(text: str, verdict: str | None) -> None:
    assert reviewkit.analyze(text).verdict == verdict


def test_evidence_is_the_sentence_and_slices_the_text() -> None:
    text = "I liked the cast.\n\nWould I recommend it? Absolutely.\n"
    review = reviewkit.analyze(text)
    (evidence,) = review.verdict_evidence
    assert evidence.text == "Would I recommend it? Absolutely."
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.verdict == "recommend"


def test_a_rating_alone_is_not_a_verdict() -> None:
    review = reviewkit.analyze("The lighting is lovely.\n\nRating: 9/10\n")
    assert review.rating == 0.9
    assert review.verdict is None


def test_a_rating_weighs_in_beside_weak_cues() -> None:
    text = "I won't be going back for a rewatch.\n\n3 out of 5 stars\n"
    assert reviewkit.analyze(text).verdict == "mixed"


def test_a_verdict_section_without_advice_has_a_tone() -> None:
    text = "## The Good\n- lovely OST\n\n## TL;DR\nPretty, loud, a bit hollow. 6/10.\n"
    review = reviewkit.analyze(text)
    assert review.verdict == "mixed"
    assert review.verdict_evidence[0].cue == "tone of the verdict section"


def test_synopsis_sentences_are_not_advice() -> None:
    text = (
        "Synopsis: A critic refuses to recommend anything.\n\nThe Good:\n- great cast\n"
    )
    assert reviewkit.analyze(text).verdict is None


@pytest.mark.parametrize(
    ("text", "verdict", "cue"),
    [
        # ASCII: the cue patterns run on the lower-cased sentence.
        ("I HIGHLY RECOMMEND this drama.", "recommend", "HIGHLY RECOMMEND"),
        # Curly apostrophes are read as straight ones.
        ("I won\u2019t be rewatching it.", "not_recommend", "won\u2019t be rewatching"),
        # Not ASCII: the case-insensitive patterns run on the sentence itself.
        (
            "Caf\u00e9 scenes aside, I Highly Recommend it.",
            "recommend",
            "Highly Recommend",
        ),
        ("\u00c9norme: a MUST-SEE.", "recommend", "MUST-SEE"),
    ],
)
def test_cues_ignore_case_and_curly_apostrophes(
    text: str, verdict: str, cue: str
) -> None:
    review = reviewkit.analyze(text)
    assert review.verdict == verdict
    assert [e.cue for e in review.verdict_evidence] == [cue]


def test_cue_patterns_are_lower_case() -> None:
    # ASCII sentences are matched lower-cased with the case-sensitive copies
    # of the patterns, which is only the same as IGNORECASE on the original
    # if no pattern holds an upper-case letter.
    from reviewkit._verdict import _CUES

    for cue in _CUES:
        literal = re.sub(r"\\.", "", cue.pattern.pattern)  # escapes such as \s
        assert literal == literal.lower(), cue.pattern.pattern
        assert cue.folded.pattern == cue.pattern.pattern
        assert not cue.folded.flags & re.IGNORECASE


def _verdict(text: str) -> str | None:
    return reviewkit.analyze(text).verdict


# Sentences whose verdict these tests pin down, by defect; every one of them is
# also checked against the cues' trigger substrings below.
EMPHATIC_PRAISE = [
    ("I can't recommend it enough.", "recommend"),
    ("I couldn't recommend it more highly.", "recommend"),
    ("I cannot recommend this drama highly enough!", "recommend"),
    # The negation inside the praise does not reach the next cue.
    ("I can't recommend it enough and it's worth every minute.", "recommend"),
    # Plain negations still flip.
    ("I couldn't recommend it to anyone.", "not_recommend"),
    ("I can't recommend it to people without enough time.", "not_recommend"),
    ("I can't recommend it any more.", "not_recommend"),
]
CONTRAST_ENDS_NEGATION = [
    ("It's not perfect but I'd still recommend it.", "recommend"),
    ("I don't often say this but it's a must-watch.", "recommend"),
    ("It isn't flawless, though I recommend it.", "recommend"),
    ("Nothing new happens, yet it is worth watching.", "recommend"),
    ("No gore, no romance -- skip it.", "not_recommend"),
    # A contrast word right after the negation does not end it.
    ("I can't yet recommend it.", "not_recommend"),
    # Not negations at all.
    ("There's no doubt it's worth watching.", "recommend"),
    ("Nothing short of a must-watch.", "recommend"),
]
NEGATED_WARNINGS = [
    ("I wouldn't skip it.", "recommend"),
    ("Don't skip this one.", "recommend"),
    ("It wasn't a waste of time.", "recommend"),
    ("I don't think it was a complete waste of time.", "recommend"),
    ("I wouldn't recommend skipping it.", "recommend"),
    # Negations that are not about the warning.
    ("I sat through this waste of time.", "not_recommend"),
    ("Don't watch this, it's a waste of time.", "not_recommend"),
    ("You won't miss anything if you skip this one.", None),
    ("The villain simply cannot avoid it.", None),
]
ANSWERS = [
    ("Is it worth watching? No.", "not_recommend"),
    ("Is it worth your time? Not at all.", "not_recommend"),
    ("Is it worth watching? Absolutely not.", "not_recommend"),
    ("Is it worth watching? Yes.", "recommend"),
    ("Was it worth it? If you like gore, yes.", "recommend"),
    ("Should you watch it? Definitely.", "recommend"),
    ("Would I recommend it? Yes and no.", None),
    # A question nobody answers is no advice.
    ("Is it worth watching? The first episode sets up a murder.", None),
    ("Would I watch it again? No.", "not_recommend"),
    ("Would I rewatch it? Absolutely.", "recommend"),
]
ADVICE_TO_STAY_AWAY = [
    ("I would recommend skipping this one.", "not_recommend"),
    ("I recommend you skip it.", "not_recommend"),
    ("I'd suggest giving it a miss.", "not_recommend"),
    ("I recommend avoiding this series.", "not_recommend"),
    # Skipping one episode is advice about the episode, not the show.
    ("I'd recommend skipping episode 5.", "recommend"),
]
NOTHING_NEGATES = [
    ("Nothing about it is worth your time.", "not_recommend"),
    ("This drama has nothing to recommend it.", "not_recommend"),
    ("None of it is worth watching.", "not_recommend"),
    ("If you have nothing else to do, give it a try.", "recommend"),
]
MORE_PHRASINGS = [
    ("Give it a miss.", "not_recommend"),
    ("It's not worth the hype.", "not_recommend"),
    ("Definitely worth the hype.", "recommend"),
    ("It doesn't live up to the hype.", "not_recommend"),
    ("It fails to live up to the hype.", "not_recommend"),
    ("It lives up to the hype.", "recommend"),
    ("It's only for die-hard fans.", "mixed"),
    ("I'd only recommend it to die-hard fans.", "mixed"),
    ("I dropped it after episode 4.", "not_recommend"),
    ("I gave up halfway through.", "not_recommend"),
    ("I couldn't finish it.", "not_recommend"),
    ("You'll regret watching it.", "not_recommend"),
    ("I regret watching this.", "not_recommend"),
    ("You won't regret watching it.", "recommend"),
    ("I regret not watching it sooner.", "recommend"),
    ("Do yourself a favour and watch this.", "recommend"),
    ("Do yourself a favor and skip it.", "not_recommend"),
    ("Worth every minute.", "recommend"),
    ("Don't waste your time on this one.", "not_recommend"),
    ("I'd rather watch paint dry.", "not_recommend"),
]
STILL_WORKING = [
    ("I can't say that this is a recommended watch.", "not_recommend"),
    ("Would I recommend it? Absolutely.", "recommend"),
    ("I'd recommend it for a rainy weekend.", "recommend"),
    ("Watch it, but lower your expectations.", "mixed"),
    ("I won't be rewatching it.", "not_recommend"),
    ("Not for everyone, but I loved it.", "mixed"),
]
NOT_ADVICE = [
    "Skip the last two episodes, but the rest is great.",
    "You can skip episode 5.",
    "She gave up her career to raise her son.",
    "He regrets leaving home.",
    "She regrets it immediately.",
    "The hype around the premiere was huge.",
    "I expected it to live up to the hype.",
    "I almost gave up after episode 2.",
    "I dropped my phone when the twist came.",
    "Do you regret watching it?",
    "Do yourself a favour and read the novel first.",
    "It's not only for fans of the novel.",
    "Is it worth watching?",
]


@pytest.mark.parametrize(("text", "verdict"), EMPHATIC_PRAISE)
def test_cant_recommend_it_enough_is_praise(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict


@pytest.mark.parametrize(("text", "verdict"), CONTRAST_ENDS_NEGATION)
def test_a_negation_stops_at_a_contrast_word(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict


DOUBTS = [
    ("I'm not sure if I'd recommend it.", "mixed"),
    ("I don't know if I would recommend it.", "mixed"),
    ("Honestly I am unsure whether it is worth watching.", "mixed"),
    # Not doubt about the advice:
    ("I'm not sure why, but I can't recommend it.", "not_recommend"),
    ("I don't know why anyone would recommend it.", "not_recommend"),
]


@pytest.mark.parametrize(("text", "verdict"), DOUBTS)
def test_doubt_about_a_recommendation_is_mixed(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict


@pytest.mark.parametrize(("text", "verdict"), NEGATED_WARNINGS)
def test_a_warning_off_can_be_negated(text: str, verdict: str | None) -> None:
    assert _verdict(text) == verdict


def test_a_negated_warning_weighs_less_than_advice() -> None:
    # "It wasn't a waste of time" is faint praise, not a "watch it".
    faint = reviewkit.analyze("It wasn't a waste of time.").verdict_evidence
    advice = reviewkit.analyze("Watch it.").verdict_evidence
    assert faint[0].weight < advice[0].weight


@pytest.mark.parametrize(("text", "verdict"), ANSWERS)
def test_yes_and_no_answer_the_question_before(text: str, verdict: str | None) -> None:
    assert _verdict(text) == verdict


def test_an_answered_rewatch_question_is_a_rewatch_statement() -> None:
    text = "The finale is brutal.\n\nWould I watch it again? No.\n"
    review = reviewkit.analyze(text)
    rewatch = review.aspects["rewatch"]
    assert rewatch.score < 0
    assert any(e.text == "Would I watch it again?" for e in rewatch.evidence)
    (evidence,) = review.verdict_evidence
    assert evidence.text == "Would I watch it again? No."


@pytest.mark.parametrize(("text", "verdict"), ADVICE_TO_STAY_AWAY)
def test_recommending_to_stay_away_warns_off(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict


@pytest.mark.parametrize(("text", "verdict"), NOTHING_NEGATES)
def test_nothing_and_none_negate(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict


def test_not_rewatching_weighs_less_than_a_recommendation() -> None:
    text = (
        "The leads are wonderful. I won't be rewatching it, though, since the "
        "ending is so sad. Still, it's worth your time."
    )
    review = reviewkit.analyze(text)
    assert review.verdict == "recommend"
    assert review.aspects["rewatch"].score < 0


@pytest.mark.parametrize(("text", "verdict"), MORE_PHRASINGS)
def test_more_phrasings(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict


def test_for_fans_only_is_not_a_full_recommendation() -> None:
    review = reviewkit.analyze("I'd only recommend it to die-hard fans.")
    assert [(e.verdict, e.cue) for e in review.verdict_evidence] == [
        ("mixed", "only recommend it to die-hard fans")
    ]


@pytest.mark.parametrize(("text", "verdict"), STILL_WORKING)
def test_earlier_verdicts_still_hold(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict


@pytest.mark.parametrize("text", NOT_ADVICE)
def test_sentences_that_give_no_advice(text: str) -> None:
    assert _verdict(text) is None


def test_a_plot_summary_in_the_opinion_is_no_advice() -> None:
    text = (
        "Min-ji gave up her career to raise her son. Her brother regrets leaving "
        "home, and the hype around his comeback concert was huge. She dropped "
        "the case after the first hearing."
    )
    assert _verdict(text) is None


ALL_SENTENCES = [
    text
    for cases in (
        EMPHATIC_PRAISE,
        CONTRAST_ENDS_NEGATION,
        NEGATED_WARNINGS,
        ANSWERS,
        ADVICE_TO_STAY_AWAY,
        NOTHING_NEGATES,
        MORE_PHRASINGS,
        STILL_WORKING,
    )
    for text, _ in cases
] + NOT_ADVICE


@pytest.mark.parametrize("text", ALL_SENTENCES)
def test_every_cue_match_holds_a_trigger(text: str) -> None:
    # A cue runs only on sentences holding one of its trigger substrings; a
    # match without one would be a cue that can never fire there.
    from reviewkit._verdict import _CUES

    folded = text.lower()
    for cue in _CUES:
        for match in cue.folded.finditer(folded):
            assert any(t in match.group() for t in cue.triggers), (
                cue.pattern.pattern,
                match.group(),
            )

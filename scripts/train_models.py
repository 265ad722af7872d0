"""Train reviewkit's packaged models from licence-compatible data (``make train``).

Writes, under ``src/reviewkit/resources/models/``:

- ``polarity_tv_film_en.v1.npz``: film/TV sentence and clause polarity, trained
  on the Rotten Tomatoes sentence polarity data (Pang & Lee 2005) and the movie
  review polarity data v2.0 (Pang & Lee 2004), both CC BY 4.0. IMDB is never
  used.
- ``polarity_doc_tv_film_en.v1.npz``: polarity of whole reviews, the same data
  with each full review weighing as much as several sentences.
- ``procon_en.v1.npz``: pro/con sentences, trained on the training part of the
  Pros and Cons data (Ganapathibhotla & Liu 2008, CC BY 4.0) plus the sentences
  under pro/con headings of reviewkit's own sample corpus (weak labels, MIT).
- ``aspects_tv_film_en.v1.npz``: aspect categories of sentences, self-trained
  from the default lexicon's matches on the polarity training texts and the
  sample corpus (matched terms masked so the model learns their context).

The held-out part of the Pros and Cons data (a fixed 20% by item id, see
``benchmarks/datasets.py``) is never trained on; ``benchmarks/evaluate_models.py``
reports on it. Every choice here (C, pruning, n-grams, the weight of the Pang &
Lee reviews) was made on development data: a 5,000-review sample of IMDB
*train* for polarity. Document accuracy of a model alone there: word 1-2-grams
0.848 at C=10 (the sentence model); 1-3-grams 0.839; with character 2-5-grams
0.856 but eight times slower to featurize, so left out; adding the Pros and
Cons data 0.832; Pang & Lee reviews weighted 3x 0.867, 5x 0.870, 8x 0.871, 12x
0.872 at C=30 (the review model: 8x). The sentence model stays unweighted:
clause scores on rescore-film-aspects (development data) were better with it.
Cross-validation on the training parts chose the rest. IMDB itself has no
licence and is never trained on.

Usage::

    python scripts/train_models.py --shared ../shared
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

import reviewkit
from reviewkit._textmodel import LinearTextModel

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "reviewkit" / "resources" / "models"
SAMPLE = ROOT / "data" / "reviews"
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
#: Weight of each Pang & Lee review relative to a Rotten Tomatoes sentence.
REVIEW_WEIGHT = 8.0


def _datasets() -> ModuleType:
    """``benchmarks/datasets.py`` (the loaders and the pros/cons split)."""
    spec = importlib.util.spec_from_file_location(
        "_reviewkit_benchmarks_datasets", ROOT / "benchmarks" / "datasets.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def polarity_data(shared: Path) -> tuple[list[str], list[str], list[float]]:
    """Rotten Tomatoes sentences and Pang & Lee reviews: texts, labels, weights."""
    ds = _datasets()
    rt = ds.load_rt_polarity(shared)
    pl = ds.load_pang_lee(shared)
    texts = [*rt["text"], *pl["text"]]
    labels = [
        "positive" if label == "pos" else "negative"
        for label in [*rt["label"], *pl["label"]]
    ]
    weights = [1.0] * len(rt) + [REVIEW_WEIGHT] * len(pl)
    return texts, labels, weights


def sample_pro_con() -> tuple[list[str], list[str]]:
    """Sentences under pro and con headings of the sample corpus (weak labels)."""
    reviews = [
        reviewkit.analyze(path)
        for path in sorted(SAMPLE.iterdir())
        if path.suffix in (".txt", ".md", ".html")
    ]
    from reviewkit._learned import weak_pro_con_labels

    return weak_pro_con_labels(reviews)


def pro_con_data(shared: Path) -> tuple[list[str], list[str], int]:
    """Training part of the Pros and Cons data, plus the sample corpus."""
    train = _datasets().load_pros_cons(shared, "train")
    texts = train["text"].tolist()
    labels = train["label"].tolist()
    extra_texts, extra_labels = sample_pro_con()
    return texts + extra_texts, labels + extra_labels, len(extra_texts)


def sentences(texts: Sequence[str]) -> Iterator[str]:
    """Sentence-like pieces of texts."""
    for text in texts:
        for match in _SENTENCE.finditer(text):
            piece = match.group().strip()
            if len(piece.split()) >= 4:
                yield piece


def aspect_data(shared: Path) -> tuple[list[str], list[str]]:
    """Self-training examples: sentences with one lexicon aspect, term masked."""
    from reviewkit._learned import lexicon_training_examples

    texts, _, _ = polarity_data(shared)
    corpus = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    return lexicon_training_examples(list(sentences([*texts, *corpus])))


def _report(what: str, examples: int, path: Path) -> None:
    print(f"{what}: {examples:,} examples -> {path} ({path.stat().st_size:,} bytes)")


def main(argv: Sequence[str] | None = None) -> int:
    """Train and write the three packaged models."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    texts, labels, weights = polarity_data(args.shared)
    sentence_model = LinearTextModel.fit(
        texts,
        labels,
        C=10.0,
        keep=150_000,
        meta={
            "name": "polarity_tv_film_en.v1",
            "task": "sentence and clause polarity (film/TV)",
            "training data": "rt-sentence-polarity (10,662 sentences) and "
            "pang-lee-polarity-v2 (2,000 reviews), CC BY 4.0",
            "examples": len(texts),
            "method": "hashed word 1-2-grams with negation marking, NB-scaled "
            "logistic regression (C=10), 150k largest weights kept",
        },
    )
    _report(
        "polarity (sentences)",
        len(texts),
        sentence_model.save(args.out / "polarity_tv_film_en.v1.npz"),
    )
    document_model = LinearTextModel.fit(
        texts,
        labels,
        C=30.0,
        keep=150_000,
        sample_weight=weights,
        meta={
            "name": "polarity_doc_tv_film_en.v1",
            "task": "polarity of whole reviews (film/TV)",
            "training data": "rt-sentence-polarity (10,662 sentences) and "
            f"pang-lee-polarity-v2 (2,000 reviews, weight {REVIEW_WEIGHT:g}), "
            "CC BY 4.0",
            "examples": len(texts),
            "method": "hashed word 1-2-grams with negation marking, NB-scaled "
            "logistic regression (C=30), 150k largest weights kept",
        },
    )
    _report(
        "polarity (reviews)",
        len(texts),
        document_model.save(args.out / "polarity_doc_tv_film_en.v1.npz"),
    )

    texts, labels, weak = pro_con_data(args.shared)
    procon = LinearTextModel.fit(
        texts,
        labels,
        C=3.0,
        keep=150_000,
        meta={
            "name": "procon_en.v1",
            "task": "pro/con sentences",
            "training data": "pros-cons-liu2008 (CC BY 4.0), 80% by item id; "
            f"{weak} weakly labelled sentences of reviewkit's sample corpus",
            "examples": len(texts),
            "method": "hashed word 1-2-grams, NB-scaled logistic regression (C=3)",
        },
    )
    path = procon.save(args.out / "procon_en.v1.npz")
    print(f"pro/con: {len(texts):,} examples -> {path} ({path.stat().st_size:,} bytes)")

    texts, labels = aspect_data(args.shared)
    aspects = LinearTextModel.fit(
        texts,
        labels,
        C=1.0,
        naive_bayes=False,
        keep=20_000,
        meta={
            "name": "aspects_tv_film_en.v1",
            "task": "aspect category of a sentence without a lexicon term",
            "training data": "sentences of rt-sentence-polarity and "
            "pang-lee-polarity-v2 (CC BY 4.0) and the sample corpus, labelled by "
            "the tv_film_en.v1 lexicon, matched terms masked",
            "examples": len(texts),
            "method": "hashed word 1-2-grams, one-vs-rest logistic regression (C=1)",
        },
    )
    path = aspects.save(args.out / "aspects_tv_film_en.v1.npz")
    print(f"aspects: {len(texts):,} examples -> {path} ({path.stat().st_size:,} bytes)")
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

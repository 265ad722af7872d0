r"""Evaluate reviewkit's learned models beside the rule-based path and plain VADER.

Everything in one run, on the same texts: plain VADER, reviewkit's rule-based
path (``backend="vader"``) and its learned path (``backend="blend"``, or a
model trained here on a dataset's *train* split through the public API). Prints
one markdown table and its notes::

    .venv/bin/python benchmarks/evaluate_models.py
    .venv/bin/python benchmarks/evaluate_models.py --only imdb --limit 2000

Rows (``--only`` takes the group name):

- ``imdb``: IMDB test, document polarity. The shipped polarity model never saw
  IMDB. For reference, a `reviewkit.PolarityModel` fitted on IMDB *train* here
  (evaluation only; nothing of IMDB ships) and the blended review score per
  second, which gives the speed row (blend vs rules on the same reviews).
- ``semeval`` / ``mams``: aspect-category polarity with categories given; the
  learned row is a `reviewkit.AspectSentimentClassifier` trained on the
  dataset's train split (gold ``conflict`` dropped from train and test).
- ``proscons``: the held-out 20% of the Pros and Cons data; plain VADER's sign
  against the shipped `reviewkit.ProConClassifier`.
- ``rescore`` / ``kdrama``: the aspect-sentiment rows of
  ``benchmarks/evaluate.py``, run with each backend.

The VADER movie snippets are left out: they are almost the same texts as the
Rotten Tomatoes sentences the polarity model is trained on.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

import reviewkit

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared"
GROUPS = ("imdb", "semeval", "mams", "proscons", "rescore", "kdrama")


def _sibling(name: str) -> ModuleType:
    key = f"_reviewkit_benchmarks_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
    if spec is None or spec.loader is None:  # pragma: no cover - file is there
        raise ImportError(f"cannot load benchmarks/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


ev = _sibling("evaluate")
ds = _sibling("datasets")
restaurants = _sibling("restaurants")


@dataclass
class ModelRow:
    """One line of the table.

    Attributes:
        group: Row group.
        data: Dataset, split and size.
        measure: What is measured.
        vader: Plain VADER's value (None when it has none).
        rules: reviewkit's rule-based value (None when it has none).
        learned: reviewkit's learned value.
        target: The issue's target (None: "better than rule-based").
        lower_is_better: For the speed row.
    """

    group: str
    data: str
    measure: str
    vader: float | None
    rules: float | None
    learned: float
    target: float | None = None
    lower_is_better: bool = False

    @property
    def met(self) -> str:
        """Whether the learned value meets the target (or beats the rules)."""
        if math.isnan(self.learned):
            return "—"
        if self.target is None:
            if self.rules is None:
                return "—"
            return "yes" if self.learned > self.rules else "no"
        if self.lower_is_better:
            return "yes" if self.learned <= self.target else "no"
        return "yes" if self.learned >= self.target else "no"

    def cells(self) -> list[str]:
        """Table cells."""
        target = (
            "> rule-based"
            if self.target is None
            else f"{'≤' if self.lower_is_better else '≥'} {self.target:.2f}"
        )
        return [
            self.data,
            self.measure,
            _fmt(self.vader),
            _fmt(self.rules),
            _fmt(self.learned),
            target,
            self.met,
        ]


@dataclass
class ModelReport:
    """All rows and notes of one run."""

    rows: list[ModelRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_markdown(self) -> str:
        """The table, notes and runtimes."""
        header = [
            "data",
            "measure",
            "plain VADER",
            "rule-based",
            "learned",
            "target",
            "met?",
        ]
        lines = [ev._table(header, [row.cells() for row in self.rows])]
        if self.notes:
            lines += ["", "Notes:", "", *(f"- {n}" for n in self.notes)]
        timing = ", ".join(f"{g} {s:.0f} s" for g, s in self.seconds.items())
        lines += ["", f"Runtime: {timing}.", ""]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready results."""
        return {
            "rows": [dict(asdict(r), met=r.met) for r in self.rows],
            "notes": self.notes,
            "seconds": self.seconds,
        }


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if math.isnan(value):
        return "n/a"
    return f"{value:.3f}"


def _limit_imdb(frame: pd.DataFrame, limit: int | None) -> pd.DataFrame:
    if limit is None:
        return frame
    halves = [g.head((limit + 1) // 2) for _, g in frame.groupby("label", sort=True)]
    return pd.concat(halves, ignore_index=True)


def _timed_scores(
    texts: Sequence[str], nlp: Any, desc: str | None
) -> tuple[list[float], float]:
    started = time.perf_counter()
    scores = [
        reviewkit.analyze(t, nlp=nlp).score or 0.0
        for t in ev._progress(texts, total=len(texts), desc=desc)
    ]
    return scores, time.perf_counter() - started


def evaluate_imdb(shared: Path, limit: int | None, report: ModelReport) -> None:
    """IMDB test: document polarity; the blend speed row."""
    test = _limit_imdb(ds.load_imdb(shared, "test"), limit)
    texts = [str(t) for t in test["text"]]
    gold = np.array([label == "pos" for label in test["label"]])
    vader = np.array(
        ev.mean_sentence_compound(
            (ev._BR.sub("\n", t) for t in texts), total=len(texts), desc="imdb VADER"
        )
    )
    # Rules and blend alternate in chunks so that a busy machine slows both
    # alike; the speed ratio compares time per review on the same texts.
    rules_nlp, blend_nlp = reviewkit.load(), reviewkit.load(backend="blend")
    rules: list[float] = []
    blend: list[float] = []
    rules_seconds = blend_seconds = 0.0
    chunk = 500
    for start in range(0, len(texts), chunk):
        part = texts[start : start + chunk]
        scores, seconds = _timed_scores(part, rules_nlp, None)
        rules += scores
        rules_seconds += seconds
        scores, seconds = _timed_scores(part, blend_nlp, None)
        blend += scores
        blend_seconds += seconds
    model = reviewkit.PolarityModel.default()
    alone = model.polarity([ev._BR.sub(" ", t) for t in texts])
    data = f"IMDB test ({len(texts):,} reviews, never trained on)"
    report.rows.append(
        ModelRow(
            "imdb",
            data,
            "document polarity accuracy (VADER: mean sentence compound ≥ 0.05; "
            "reviewkit: review score > 0)",
            float(((vader >= ev.BAND) == gold).mean()),
            float(((np.array(rules) > 0) == gold).mean()),
            float(((np.array(blend) > 0) == gold).mean()),
            target=0.89,
        )
    )
    report.rows.append(
        ModelRow(
            "imdb",
            f"IMDB test ({len(texts):,} reviews)",
            "blend time per review / rule-based time per review",
            None,
            1.0,
            blend_seconds / rules_seconds,
            target=1.5,
            lower_is_better=True,
        )
    )
    train = _limit_imdb(ds.load_imdb(shared, "train"), limit)
    fitted = reviewkit.PolarityModel(C=30.0).fit(
        [ev._BR.sub(" ", str(t)) for t in train["text"]],
        ["positive" if label == "pos" else "negative" for label in train["label"]],
    )
    in_domain = fitted.polarity([ev._BR.sub(" ", t) for t in texts])
    report.notes += [
        f"imdb: the shipped polarity model alone (whole review, no rules): "
        f"{float(((alone > 0) == gold).mean()):.3f}. For reference, "
        f"`reviewkit.PolarityModel(C=30)` fitted here on IMDB train "
        f"({len(train):,} reviews; evaluation only, not shipped: IMDB has no "
        f"licence): {float(((in_domain > 0) == gold).mean()):.3f} (NBSVM, Wang & "
        "Manning 2012: 0.912).",
        f"imdb: time for {len(texts):,} reviews, analysed alternately in chunks of "
        f"{chunk}: rule-based {rules_seconds:.1f} s "
        f"({len(texts) / rules_seconds:.0f}/s), blend {blend_seconds:.1f} s "
        f"({len(texts) / blend_seconds:.0f}/s).",
    ]


def _acsa(
    *,
    group: str,
    train: pd.DataFrame,
    test: pd.DataFrame,
    lexicon: Any,
    to_aspect: dict[str, str],
    target: float,
    report: ModelReport,
    C: float = 1.0,
) -> None:
    """Aspect-category polarity: VADER, rules, and a classifier trained on train."""
    sentiment = restaurants.restaurant_sentiment()
    train = train.loc[train["polarity"] != "conflict"]
    test = test.loc[test["polarity"] != "conflict"]
    clf = reviewkit.AspectSentimentClassifier(aspects=lexicon, sentiment=sentiment, C=C)
    clf.fit(
        [
            (str(t), to_aspect[c])
            for t, c in zip(train["text"], train["category"], strict=True)
        ],
        train["polarity"].tolist(),
    )
    pairs = [
        (str(t), to_aspect[c])
        for t, c in zip(test["text"], test["category"], strict=True)
    ]
    learned = clf.predict(pairs)
    nlp = reviewkit.load(aspects=lexicon, sentiment=sentiment)
    analysed: dict[str, reviewkit.Review] = {}
    vader: dict[str, str] = {}
    for text in ev._progress(
        list(dict.fromkeys(test["text"])), total=None, desc=f"{group} rules"
    ):
        analysed[text] = reviewkit.analyze(text, nlp=nlp)
        vader[text] = ev.polarity_class(ev._compound(text))
    rules = [
        ev.predict_category(analysed[t], None if a == "miscellaneous" else a)
        for t, a in pairs
    ]
    gold = test["polarity"].to_numpy()
    report.rows.append(
        ModelRow(
            group,
            f"{group} test ({len(test):,} labels; conflict dropped), "
            f"learned model trained on train ({len(train):,} labels)",
            "aspect-category polarity accuracy, categories given",
            float(
                np.mean([vader[t] == g for (t, _), g in zip(pairs, gold, strict=True)])
            ),
            float(np.mean(np.array(rules) == gold)),
            float(np.mean(learned == gold)),
            target=target,
        )
    )


def evaluate_semeval(shared: Path, limit: int | None, report: ModelReport) -> None:
    """SemEval-2014 restaurants ACSA, classifier trained on its train split."""
    test = ds.load_semeval_restaurants(shared, "test")
    if limit is not None:
        test = test.head(limit)
    _acsa(
        group="semeval",
        train=ds.load_semeval_restaurants(shared, "train"),
        test=test,
        lexicon=restaurants.semeval_lexicon(),
        to_aspect=dict(restaurants.SEMEVAL_CATEGORY_TO_ASPECT),
        target=0.85,
        report=report,
        # Grouped 5-fold CV on the train split (benchmarks/tune_acsa.py), with
        # the polarity model's columns: 0.771 at C=1, 0.779 at 3 and at 10
        # (without them 0.778 at C=3, 0.777 at 10, 0.776 at 30).
        C=3.0,
    )


def evaluate_mams(shared: Path, limit: int | None, report: ModelReport) -> None:
    """MAMS ACSA, classifier trained on MAMS train."""
    test = ds.load_mams_acsa(shared, "test")
    if limit is not None:
        test = test.head(limit)
    _acsa(
        group="mams",
        train=ds.load_mams_acsa(shared, "train"),
        test=test,
        lexicon=restaurants.mams_lexicon(),
        to_aspect=dict(restaurants.MAMS_CATEGORY_TO_ASPECT),
        target=0.70,
        report=report,
        # Grouped 5-fold CV on the train split (benchmarks/tune_acsa.py): 0.691 at
        # C=1, 0.696 at 3, 0.700 at 10, 0.701 at 30; the most regularised C
        # within 0.001 of the best.
        C=10.0,
    )


def evaluate_pros_cons(shared: Path, limit: int | None, report: ModelReport) -> None:
    """Held-out Pros and Cons: VADER's sign vs the shipped classifier."""
    test = ds.load_pros_cons(shared, "test")
    if limit is not None:
        test = test.head(limit)
    texts = test["text"].tolist()
    gold = test["label"].to_numpy()
    vader = np.array(["pro" if ev._compound(t) >= 0 else "con" for t in texts])
    learned = reviewkit.ProConClassifier.default().predict(texts)
    report.rows.append(
        ModelRow(
            "proscons",
            f"pros-cons-liu2008 held-out 20% by item id ({len(test):,} entries)",
            "pro/con accuracy (VADER: compound ≥ 0 is pro)",
            float(np.mean(vader == gold)),
            None,
            float(np.mean(learned == gold)),
            target=0.90,
        )
    )


def _backend_rows(
    shared: Path, group: str, split: str, limit: int | None
) -> tuple[list[Any], list[Any]]:
    rules = ev.run_evaluation(
        shared, split, only=[group], limit=limit, progress=False, backend="vader"
    )
    blend = ev.run_evaluation(
        shared, split, only=[group], limit=limit, progress=False, backend="blend"
    )
    return rules.rows, blend.rows


def evaluate_rescore(shared: Path, limit: int | None, report: ModelReport) -> None:
    """rescore-film-aspects (development data): aspect polarity, both backends."""
    rules, blend = _backend_rows(shared, "rescore", "dev", limit)
    for r, b in zip(rules, blend, strict=True):
        if "polarity" not in r.measure and "detection" not in r.measure:
            continue
        report.rows.append(
            ModelRow(
                "rescore",
                r.data,
                r.measure,
                r.vader,
                r.reviewkit,
                b.reviewkit,
                target=r.target,
            )
        )


def evaluate_kdrama(shared: Path, limit: int | None, report: ModelReport) -> None:
    """K-drama reviews: Spearman with the reviewer's rating, both backends."""
    rules, blend = _backend_rows(shared, "kdrama", "test", limit)
    for r, b in zip(rules, blend, strict=True):
        report.rows.append(
            ModelRow("kdrama", r.data, r.measure, r.vader, r.reviewkit, b.reviewkit)
        )


_EVALUATORS: dict[str, Callable[[Path, int | None, ModelReport], None]] = {
    "imdb": evaluate_imdb,
    "semeval": evaluate_semeval,
    "mams": evaluate_mams,
    "proscons": evaluate_pros_cons,
    "rescore": evaluate_rescore,
    "kdrama": evaluate_kdrama,
}


def run(
    shared: Path = DEFAULT_SHARED,
    *,
    only: Sequence[str] | None = None,
    limit: int | None = None,
) -> ModelReport:
    """Run the row groups and return the report.

    Args:
        shared: The shared root.
        only: Row groups to run (from `GROUPS`); all by default.
        limit: First N items of each test set (quick runs).

    Raises:
        ValueError: For an unknown group.
    """
    groups = list(only) if only else list(GROUPS)
    unknown = [g for g in groups if g not in _EVALUATORS]
    if unknown:
        raise ValueError(f"unknown group(s) {unknown}; choose from {GROUPS}")
    report = ModelReport()
    for group in groups:
        started = time.perf_counter()
        _EVALUATORS[group](Path(shared), limit, report)
        report.seconds[group] = time.perf_counter() - started
        print(f"[{group}] {report.seconds[group]:.0f} s", file=sys.stderr)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--only", choices=GROUPS, action="append")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    ev._PROGRESS["enabled"] = False
    report = run(args.shared, only=args.only, limit=args.limit)
    print(report.to_markdown())
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report.to_json(), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

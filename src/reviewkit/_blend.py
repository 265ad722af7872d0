"""The learned layer of the sentiment component: model scores, stance, aspects.

`reviewkit_sentiment` scores every clause with VADER and the domain layer. With
``backend="model"`` or ``"blend"`` this layer adds, per Doc and in a few
vectorised steps:

- the film/TV polarity model's score of each sentence, clause and mention
  scope, replacing VADER's compound (``"model"``) or mixed with it
  (``"blend"``); VADER's ``neg``/``neu``/``pos`` proportions are kept;
- the model's score of the review's opinion text as a whole, which the overall
  score blends in;
- the stance of opinion sentences outside pro/con sections (pro/con
  classifier);
- aspect mentions for opinion sentences that name no lexicon term (aspect
  classifier), marked ``source="model"``.

Every text is tokenized once (`reviewkit._textmodel.TokenizedText`) and each
span looks its hashed columns up, so the layer costs a fraction of the
rule-based analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from reviewkit._textmodel import N_FEATURES, LinearTextModel, TokenizedText, packaged
from reviewkit.errors import ConfigurationError

__all__ = [
    "BACKENDS",
    "DEFAULT_ASPECT_MODEL",
    "DEFAULT_DOCUMENT_MODEL",
    "DEFAULT_POLARITY_MODEL",
    "DEFAULT_PROCON_MODEL",
    "Backend",
    "LearnedLayer",
    "resolve_model",
]

Backend = Literal["vader", "model", "blend"]
BACKENDS: tuple[str, ...] = ("vader", "model", "blend")

DEFAULT_POLARITY_MODEL = "polarity_tv_film_en.v1"
#: Polarity of whole reviews (trained with full reviews weighing more).
DEFAULT_DOCUMENT_MODEL = "polarity_doc_tv_film_en.v1"
DEFAULT_PROCON_MODEL = "procon_en.v1"
DEFAULT_ASPECT_MODEL = "aspects_tv_film_en.v1"

#: Share of the model in a blended clause score. Chosen on development data
#: (benchmarks/tune_blend.py: rescore-film-aspects dev and IMDB train).
BLEND_WEIGHT = 0.5
#: A sentence is a pro (con) when the classifier's leaning (2 P(pro) - 1) and
#: the sentence's compound agree in sign and their mean is at least this far
#: from 0. The classifier knows what reviewers list as pros and cons, the
#: compound what the sentence says: trained on product pros and cons, the
#: classifier alone calls "Still, I would recommend it" a con.
STANCE_MARGIN = 0.2
#: Minimum probability of the aspect classifier to add a mention.
ASPECT_THRESHOLD = 0.6

STANCE_NONE, STANCE_PRO, STANCE_CON = 0, 1, 2
SOURCE_LEXICON, SOURCE_MODEL = 0, 1


def resolve_model(
    value: str | Path | LinearTextModel | Any | None, default: str
) -> Any:
    """A model from ``"default"``, a packaged name, a ``.npz`` path or an object.

    Fitted `reviewkit` estimators (`PolarityModel`, `ProConClassifier`,
    `AspectCategoryClassifier`) are unwrapped to their `LinearTextModel`.

    Returns:
        The `LinearTextModel`, or None for ``None``/``"none"``.

    Raises:
        ConfigurationError: If the value names no model.
    """
    if value is None or value is False or value == "none":
        return None
    if value is True or value == "default":
        return packaged(default)
    if isinstance(value, LinearTextModel):
        return value
    inner = getattr(value, "model_", None)
    if isinstance(inner, LinearTextModel):
        return inner
    if isinstance(value, str | Path):
        path = Path(value)
        if path.suffix == ".npz" or path.exists():
            return LinearTextModel.load(path)
        return packaged(str(value))
    raise ConfigurationError(
        f"Cannot use {type(value).__name__} as a reviewkit model. Pass 'default', "
        "the name of a packaged model, a .npz path written by LinearTextModel.save(), "
        "or a fitted PolarityModel / ProConClassifier / AspectCategoryClassifier."
    )


def packaged_name(value: Any, default: str) -> str | None:
    """The packaged model a `resolve_model` argument names, or None.

    None for objects, ``.npz`` paths and no model: those are not shipped with
    reviewkit, so a saved pipeline must carry them.
    """
    if value is True or value == "default":
        return default
    if isinstance(value, str) and value != "none":
        path = Path(value)
        if path.suffix != ".npz" and not path.exists():
            return value
    return None


@dataclass
class LearnedLayer:
    """The learned models one sentiment component uses.

    Attributes:
        backend: ``"vader"``, ``"model"`` or ``"blend"``.
        polarity: Two-class polarity model (``"negative"``/``"positive"``) of
            sentences and clauses, or None with the ``"vader"`` backend.
        document: Polarity model of the whole opinion text (default: the
            sentence model).
        procon: Two-class pro/con model (``"con"``/``"pro"``), or None.
        aspects: Multi-class aspect model, or None.
        aspect_ids: Aspect ids the model may add (the pipeline's taxonomy).
        blend_weight: Share of the model in a blended score.
        aspect_threshold: Minimum probability of the aspect model to add a
            mention.
    """

    backend: Backend = "vader"
    polarity: LinearTextModel | None = None
    document: LinearTextModel | None = None
    procon: LinearTextModel | None = None
    aspects: LinearTextModel | None = None
    aspect_ids: frozenset[str] = frozenset()
    blend_weight: float = BLEND_WEIGHT
    aspect_threshold: float = ASPECT_THRESHOLD

    def __post_init__(self) -> None:
        if not 0.0 <= self.aspect_threshold <= 1.0:
            raise ConfigurationError(
                f"The aspect threshold must be a probability in [0, 1]; got "
                f"{self.aspect_threshold!r}."
            )
        if self.backend not in BACKENDS:
            raise ConfigurationError(
                f"Unknown sentiment backend {self.backend!r}; expected one of "
                f"{', '.join(map(repr, BACKENDS))}."
            )
        if self.backend != "vader" and self.polarity is None:
            raise ConfigurationError(
                f"The {self.backend!r} backend needs a polarity model; pass "
                "polarity_model='default' or a fitted PolarityModel."
            )
        for name, model in (
            ("polarity", self.polarity),
            ("document", self.document),
            ("procon", self.procon),
            ("aspects", self.aspects),
        ):
            # The layer tokenizes each review once, in the default hashing space.
            if model is not None and model.n_features != N_FEATURES:
                raise ConfigurationError(
                    f"The {name} model hashes into {model.n_features:,} columns; the "
                    f"sentiment component needs models with the default "
                    f"{N_FEATURES:,}. Fit it with n_features left at its default."
                )
        for name, model, wanted in (
            ("polarity", self.polarity, {"negative", "positive"}),
            ("document", self.document, {"negative", "positive"}),
            ("procon", self.procon, {"con", "pro"}),
        ):
            if model is not None and set(model.classes) != wanted:
                raise ConfigurationError(
                    f"The {name} model's classes are {list(model.classes)}; expected "
                    f"{sorted(wanted)}."
                )
        if self.document is None:
            self.document = self.polarity
        self._pro = self.procon.classes.index("pro") == 1 if self.procon else True

    @property
    def active(self) -> bool:
        """Whether the layer changes anything."""
        return (
            self.backend != "vader"
            or self.procon is not None
            or self.aspects is not None
        )

    # -- polarity --

    def polarity_scores(
        self, columns: Sequence[Sequence[int]], *, document: bool = False
    ) -> np.ndarray:
        """The polarity model's scores in [-1, 1] (``2 P(positive) - 1``).

        Args:
            columns: Hashed columns of each text.
            document: Use the document model (whole reviews).
        """
        model = self.document if document else self.polarity
        assert model is not None
        decision = model.decision_columns(columns)
        if model.classes.index("positive") != 1:
            decision = -decision
        scores: np.ndarray = np.tanh(decision / 2.0)
        return scores

    def combine(self, vader: float, model: float) -> float:
        """The backend's compound from VADER's and the model's scores."""
        if self.backend == "model":
            return round(float(model), 4)
        w = self.blend_weight
        return round(max(-1.0, min(1.0, (1.0 - w) * vader + w * float(model))), 4)

    # -- stance --

    def stances(
        self, columns: Sequence[Sequence[int]], compounds: Sequence[float]
    ) -> list[int]:
        """Stance codes (`STANCE_PRO`, `STANCE_CON`, `STANCE_NONE`) of sentences.

        Args:
            columns: Hashed columns of each sentence.
            compounds: Each sentence's compound score.

        Returns:
            One code per sentence.
        """
        assert self.procon is not None
        decision = self.procon.decision_columns(columns)
        if not self._pro:
            decision = -decision
        leaning = np.tanh(decision / 2.0)  # 2 P(pro) - 1
        compound = np.asarray(compounds, dtype=float)
        combined = 0.5 * leaning + 0.5 * compound
        agree = np.sign(leaning) == np.sign(compound)
        return [
            STANCE_PRO if same and value >= STANCE_MARGIN
            else STANCE_CON if same and value <= -STANCE_MARGIN
            else STANCE_NONE
            for value, same in zip(combined.tolist(), agree.tolist(), strict=True)
        ]  # fmt: skip

    # -- aspects --

    def aspect_labels(
        self, columns: Sequence[Sequence[int]]
    ) -> list[tuple[str, float] | None]:
        """The aspect classifier's label of each text, when confident enough.

        Args:
            columns: Hashed columns of each text (`TokenizedText.columns`).

        Returns:
            ``(aspect, probability)`` or None per text.
        """
        assert self.aspects is not None
        if not columns:
            return []
        proba = self.aspects.proba_columns(columns)
        classes = self.aspects.classes
        best = proba.argmax(axis=1)
        top = proba[np.arange(len(proba)), best]
        out: list[tuple[str, float] | None] = []
        for index, value in zip(best.tolist(), top.tolist(), strict=True):
            aspect = classes[index]
            if value >= self.aspect_threshold and aspect in self.aspect_ids:
                out.append((aspect, value))
            else:
                out.append(None)
        return out

    def apply(
        self,
        text: str,
        sentences: list[list[Any]],
        clauses: list[list[Any]],
        stance_of: list[int],
        section_kinds: Sequence[str],
    ) -> tuple[TokenizedText | None, dict[tuple[int, int], float], float | None]:
        """Rescore sentences and clauses in place; set stances of opinion sentences.

        Args:
            text: The Doc's text.
            sentences: Sentence rows of the sentiment component (compound at
                index 9, first clause at 10, clause count at 11, scored at 5,
                role at 4, section at 2).
            clauses: Clause rows (start, end, neg, neu, pos, compound).
            stance_of: Stance code per sentence, updated for opinion
                sentences outside pro/con sections.
            section_kinds: Kind of each section.

        Returns:
            The tokenized text (for mention scopes), the model score per
            (start, end) span, and the model's score of the opinion text as a
            whole (None without a polarity model).
        """
        if not self.active:
            return None, {}, None
        tokenized = TokenizedText(text)
        model_scores: dict[tuple[int, int], float] = {}
        text_rows = [row for row in sentences if row[4] == 2]
        overall: float | None = None
        if self.polarity is not None and self.backend != "vader":
            spans: list[tuple[int, int]] = [(c[0], c[1]) for c in clauses]
            spans.extend((row[0], row[1]) for row in text_rows if row[11] > 1)
            columns = [tokenized.columns(a, b) for a, b in spans]
            scores = self.polarity_scores(columns) if columns else np.zeros(0)
            model_scores = dict(zip(spans, scores.tolist(), strict=True))
            for clause in clauses:
                clause[5] = self.combine(
                    clause[5], model_scores[(clause[0], clause[1])]
                )
            for row in text_rows:
                if row[11] > 1:
                    row[9] = self.combine(row[9], model_scores[(row[0], row[1])])
                else:
                    row[9] = clauses[row[10]][5]
            union: set[int] = set().union(
                *(tokenized.columns(row[0], row[1]) for row in text_rows if row[5])
            )
            if union:
                overall = float(self.polarity_scores([sorted(union)], document=True)[0])
        if self.procon is not None:
            targets = [
                index
                for index, row in enumerate(sentences)
                if row[4] == 2
                and row[5]
                and section_kinds[row[2]] not in ("pros", "cons")
            ]
            if targets:
                codes = self.stances(
                    [
                        tokenized.columns(sentences[i][0], sentences[i][1])
                        for i in targets
                    ],
                    [sentences[i][9] for i in targets],
                )
                for index, code in zip(targets, codes, strict=True):
                    stance_of[index] = code
        return tokenized, model_scores, overall

    def aspect_mentions(
        self,
        tokenized: TokenizedText,
        sentences: list[list[Any]],
        mentioned: set[int],
        item_aspects: Sequence[str | None],
    ) -> list[list[Any]]:
        """Mention rows for opinion sentences that name no aspect.

        Args:
            tokenized: The Doc's text, tokenized.
            sentences: Sentence rows (with stance appended).
            mentioned: Indices of sentences that already hold a mention.
            item_aspects: Per sentence, the aspect of the labelled item that
                holds it (such sentences already count for that aspect).

        Returns:
            Mention rows in the component's layout, ``source`` = model.
        """
        if self.aspects is None:
            return []
        targets = [
            index
            for index, row in enumerate(sentences)
            if row[4] == 2
            and row[5]
            and index not in mentioned
            and item_aspects[index] is None
        ]
        labels = self.aspect_labels(
            [tokenized.columns(sentences[i][0], sentences[i][1]) for i in targets]
        )
        rows: list[list[Any]] = []
        for index, label in zip(targets, labels, strict=True):
            if label is None:
                continue
            row = sentences[index]
            start, end = row[0], row[1]
            rows.append(
                [
                    label[0],
                    "",
                    start,
                    end,
                    index,
                    start,
                    end,
                    *row[6:10],
                    0,
                    "",
                    row[5],
                    SOURCE_MODEL,
                ]
            )
        return rows

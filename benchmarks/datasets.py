"""Loaders for the evaluation data in ``../shared/data``.

Every loader reads the files where they are (nothing is copied into this
repository), takes the shared root and a split, and returns pandas DataFrames.
The data are third-party; each loader's docstring states the licence as the
dataset's README gives it. None of it may ship in the reviewkit package.

Splits: a dataset with an official split takes ``"train"``/``"test"`` (MAMS
also ``"val"``); one without a split takes ``"all"``; the rescore set only has
its development part here (``"dev"``; 12 further reviews are held back
elsewhere).
"""

from __future__ import annotations

import csv
import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

__all__ = [
    "DEFAULT_SHARED",
    "RescoreData",
    "load_imdb",
    "load_kdrama",
    "load_mams_acsa",
    "load_pang_lee",
    "load_pros_cons",
    "load_rescore",
    "load_rt_polarity",
    "load_semeval_restaurants",
    "load_vader_ground_truth",
    "load_vader_ratings",
    "pros_cons_held_out",
]

#: ``../shared`` next to the repository.
DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"

VaderDomain = Literal["tweets", "movie", "amazon", "nyt"]
_VADER_FILES: dict[str, str] = {
    "tweets": "tweets",
    "movie": "movieReviewSnippets",
    "amazon": "amazonReviewSnippets",
    "nyt": "nytEditorialSnippets",
}


def _data(shared: Path, *parts: str) -> Path:
    path = Path(shared, "data", *parts)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist; pass the shared folder with --shared (it "
            "holds data/<dataset>/...)."
        )
    return path


def _check_split(split: str, allowed: Iterable[str], dataset: str) -> None:
    allowed = tuple(allowed)
    if split not in allowed:
        raise ValueError(
            f"{dataset} has the splits {', '.join(map(repr, allowed))}; got {split!r}."
        )


# -- VADER ground truth --


def load_vader_ground_truth(
    shared: Path = DEFAULT_SHARED,
    split: Literal["all"] = "all",
    *,
    domain: VaderDomain = "movie",
) -> pd.DataFrame:
    """Load one domain of VADER's human-rated gold set (``*_GroundTruth.txt``).

    Licence as stated: MIT (cjhutto/vaderSentiment); cite Hutto & Gilbert 2014.
    VADER was tuned with this data in view, so VADER scores here are optimistic.

    Args:
        shared: The shared root.
        split: Only ``"all"``: the set has no split.
        domain: ``"tweets"``, ``"movie"``, ``"amazon"`` or ``"nyt"``.

    Returns:
        Columns ``id`` (str), ``mean`` (float, the mean human valence in
        -4..+4), ``text`` (str), ``domain``; one row per snippet.
    """
    _check_split(split, ("all",), "vader-ground-truth")
    if domain not in _VADER_FILES:
        raise ValueError(
            f"domain must be one of {', '.join(_VADER_FILES)}; got {domain!r}."
        )
    path = _data(
        shared, "vader-ground-truth", f"{_VADER_FILES[domain]}_GroundTruth.txt"
    )
    frame = pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=["id", "mean", "text"],
        quoting=csv.QUOTE_NONE,
        encoding="utf-8-sig",
        dtype={"id": str, "mean": float, "text": str},
        keep_default_na=False,
    )
    frame["domain"] = domain
    return frame


def load_vader_ratings(
    shared: Path = DEFAULT_SHARED,
    split: Literal["all"] = "all",
    *,
    domain: VaderDomain = "movie",
) -> pd.DataFrame:
    """Load the raw human ratings of one VADER domain (``*_anonDataRatings.txt``).

    Licence as stated: MIT (cjhutto/vaderSentiment). For tweets, 199 means
    differ from ``*_GroundTruth.txt`` (this file's mean matches its ratings).

    Args:
        shared: The shared root.
        split: Only ``"all"``.
        domain: ``"tweets"``, ``"movie"``, ``"amazon"`` or ``"nyt"``.

    Returns:
        Columns ``id``, ``mean``, ``std``, ``ratings`` (a list of ints in
        -4..+4), ``domain``.
    """
    import ast

    _check_split(split, ("all",), "vader-ground-truth")
    if domain not in _VADER_FILES:
        raise ValueError(
            f"domain must be one of {', '.join(_VADER_FILES)}; got {domain!r}."
        )
    path = _data(
        shared, "vader-ground-truth", f"{_VADER_FILES[domain]}_anonDataRatings.txt"
    )
    frame = pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=["id", "mean", "std", "ratings"],
        quoting=csv.QUOTE_NONE,
        encoding="utf-8-sig",
        dtype={"id": str, "mean": float, "std": float, "ratings": str},
        keep_default_na=False,
    )
    frame["ratings"] = [list(ast.literal_eval(value)) for value in frame["ratings"]]
    frame["domain"] = domain
    return frame


# -- rescore --


@dataclass(frozen=True)
class RescoreData:
    """The rescore film reviews and their sentence-level aspect labels.

    Attributes:
        reviews: One row per review: ``review_id``, ``title``, ``body``,
            ``score`` (the reviewer's, e.g. ``"9/10"``), ``overall`` (the
            annotators' -2..2 as a string, may be empty) and
            ``annotated_sentences`` (the annotators' list of
            ``{"text", "aspects", "comment"}``).
        labels: ``sentence_aspects.csv``: one row per (sentence, aspect), plus
            rows with an empty ``aspect`` for sentences without aspects.
            ``score`` is a nullable integer.
    """

    reviews: pd.DataFrame
    labels: pd.DataFrame


def load_rescore(
    shared: Path = DEFAULT_SHARED, split: Literal["dev"] = "dev"
) -> RescoreData:
    """Load the rescore film-aspect set (41 reviews, 447 sentences).

    Licence as stated: GPL-3.0 (charlieegan3/rescore); evaluation use only,
    keep it out of the package. Only the development part is here (``"dev"``);
    12 reviews of 12 other films are held back for independent evaluation.

    Args:
        shared: The shared root.
        split: Only ``"dev"``.

    Returns:
        A `RescoreData` with the reviews and the flat label table.
    """
    _check_split(split, ("dev",), "rescore-film-aspects")
    folder = _data(shared, "rescore-film-aspects")
    with (folder / "reviews.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    reviews = pd.DataFrame.from_records(
        records,
        columns=[
            "review_id",
            "title",
            "body",
            "score",
            "overall",
            "annotated_sentences",
        ],
    )
    dtypes: dict[str, Any] = {
        "review_id": str,
        "title": str,
        "sentence_index": int,
        "sentence_text": str,
        "aspect": str,
        "aspect_normalized": str,
        "score_raw": str,
        "score": "Int64",
        "aspect_words": str,
        "justification": str,
        "sentence_comment": str,
    }
    labels = pd.read_csv(
        folder / "sentence_aspects.csv",
        dtype=dtypes,
        keep_default_na=False,
        na_values={"score": [""]},
    )
    return RescoreData(reviews=reviews, labels=labels)


# -- restaurants (SemEval-2014, MAMS) --


def _category_rows(path: Path, *, with_ids: bool) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    root = ET.parse(path).getroot()
    for number, sentence in enumerate(root.iter("sentence")):
        text = sentence.findtext("text") or ""
        sentence_id = sentence.get("id") if with_ids else None
        rows.extend(
            {
                "sentence_id": sentence_id or str(number),
                "text": text,
                "category": category.get("category", ""),
                "polarity": category.get("polarity", ""),
            }
            for category in sentence.iter("aspectCategory")
        )
    frame: pd.DataFrame = pd.DataFrame(
        rows, columns=["sentence_id", "text", "category", "polarity"]
    )
    return frame


def load_semeval_restaurants(
    shared: Path = DEFAULT_SHARED, split: Literal["train", "test"] = "test"
) -> pd.DataFrame:
    """Load SemEval-2014 Task 4 restaurant sentences with aspect categories.

    Licence as stated: none for the data (© the SemEval-2014 organisers);
    research/evaluation use only, do not redistribute. ``"train"`` is the
    official train v2 (3,041 sentences, 3,713 categories), ``"test"`` the
    official gold test set (800 sentences, 1,025 categories).

    Args:
        shared: The shared root.
        split: ``"train"`` or ``"test"``.

    Returns:
        One row per (sentence, category): ``sentence_id``, ``text``,
        ``category`` (food, service, price, ambience,
        anecdotes/miscellaneous) and ``polarity`` (positive, negative,
        neutral, conflict).
    """
    _check_split(split, ("train", "test"), "semeval2014 restaurants")
    name = (
        "Restaurants_Train_v2.xml" if split == "train" else "Restaurants_Test_Gold.xml"
    )
    return _category_rows(_data(shared, "semeval2014-task4-absa", name), with_ids=True)


def load_mams_acsa(
    shared: Path = DEFAULT_SHARED, split: Literal["train", "val", "test"] = "test"
) -> pd.DataFrame:
    """Load the MAMS aspect-category (ACSA) set.

    Licence as stated: Apache-2.0 (siat-nlp/MAMS-for-ABSA). Every sentence has
    at least two categories with different polarities. Splits: ``"train"``
    (3,149 sentences), ``"val"`` (400) and ``"test"`` (400).

    Args:
        shared: The shared root.
        split: ``"train"``, ``"val"`` or ``"test"``.

    Returns:
        One row per (sentence, category): ``sentence_id`` (the sentence's
        position in the file), ``text``, ``category`` and ``polarity``
        (positive, negative, neutral).
    """
    _check_split(split, ("train", "val", "test"), "MAMS ACSA")
    return _category_rows(_data(shared, "mams", "ACSA", f"{split}.xml"), with_ids=False)


# -- documents with ratings --


def load_imdb(
    shared: Path = DEFAULT_SHARED, split: Literal["train", "test"] = "test"
) -> pd.DataFrame:
    """Load the IMDb Large Movie Review Dataset (Maas et al. 2011).

    Licence as stated: none; cite the paper; research/evaluation use only.
    ``"train"`` and ``"test"`` are the official 25,000-review splits (disjoint
    titles). The text is unchanged and still holds ``<br />`` tags: reviewkit
    reads HTML, so they are kept.

    Args:
        shared: The shared root.
        split: ``"train"`` or ``"test"``.

    Returns:
        Columns ``review_id``, ``split``, ``label`` (pos/neg), ``rating``
        (1-4 or 7-10), ``imdb_title_id``, ``source_url``, ``text``.
    """
    _check_split(split, ("train", "test"), "IMDb")
    return pd.read_csv(
        _data(shared, "imdb-large-movie-review", f"{split}.csv"),
        dtype={
            "review_id": str,
            "split": str,
            "label": str,
            "rating": int,
            "imdb_title_id": str,
            "source_url": str,
            "text": str,
        },
        keep_default_na=False,
        low_memory=False,
    )


def load_kdrama(
    shared: Path = DEFAULT_SHARED, split: Literal["all"] = "all"
) -> pd.DataFrame:
    """Load the 167 personal MyDramaList K-drama reviews with their ratings.

    Licence as stated: **none** (no LICENSE in dsherbini/kdrama-recommendations);
    internal evaluation only, do not redistribute or quote at length. There is
    no split (``"all"``). The one review rated 0.0 ("an okay drama...") is
    dropped: 0 is probably "unrated", not a score, so 166 rows remain.

    Args:
        shared: The shared root.
        split: Only ``"all"``.

    Returns:
        Columns ``title``, ``review`` (the reviewer's text) and ``rating``
        (the reviewer's own 0-10 rating, float).
    """
    _check_split(split, ("all",), "kdrama")
    frame = pd.read_csv(
        _data(shared, "kdrama-personal-mdl-reviews", "kdrama_reviews.csv"),
        usecols=["Title", "Review", "Rating"],
        dtype={"Title": str, "Review": str, "Rating": float},
        keep_default_na=False,
    )
    frame = frame.rename(
        columns={"Title": "title", "Review": "review", "Rating": "rating"}
    )
    rated: pd.DataFrame = frame.loc[frame["rating"] != 0].reset_index(drop=True)
    return rated


# -- short texts --


def pros_cons_held_out(item_id: str) -> bool:
    """Whether a Pros/Cons item is in reviewkit's fixed 20% held-out part.

    The data has no official split; reviewkit holds out every item whose
    SHA-1 of ``item_id`` is 0 mod 5. ``scripts/train_models.py`` trains on the
    rest and never sees these.
    """
    return int(hashlib.sha1(item_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def load_pros_cons(
    shared: Path = DEFAULT_SHARED,
    split: Literal["all", "train", "test"] = "all",
) -> pd.DataFrame:
    """Load the Pros/Cons box entries (Ganapathibhotla & Liu 2008).

    Licence as stated: CC BY 4.0 (via NLTK); cite the paper. No official
    split (``"all"``: 22,940 pros + 22,935 cons, 8 of them empty strings);
    ``"train"``/``"test"`` are reviewkit's fixed 80/20 split by item id
    (`pros_cons_held_out`), empty texts dropped.

    Args:
        shared: The shared root.
        split: ``"all"``, ``"train"`` or ``"test"``.

    Returns:
        Columns ``item_id``, ``label`` (pro/con), ``text``.
    """
    _check_split(split, ("all", "train", "test"), "pros-cons")
    frame = pd.read_csv(
        _data(shared, "pros-cons-liu2008", "pros_cons.csv"),
        dtype={"item_id": str, "label": str, "text": str},
        keep_default_na=False,
    )
    if split == "all":
        return frame
    frame = frame.loc[frame["text"].str.strip() != ""]
    held = frame["item_id"].map(pros_cons_held_out)
    chosen: pd.DataFrame = frame.loc[held if split == "test" else ~held]
    return chosen.reset_index(drop=True)


def load_rt_polarity(
    shared: Path = DEFAULT_SHARED, split: Literal["all"] = "all"
) -> pd.DataFrame:
    """Load the Rotten Tomatoes sentence-polarity snippets (Pang & Lee 2005).

    Licence as stated: CC BY 4.0 (via NLTK); cite the paper. No split
    (``"all"``: 5,331 pos + 5,331 neg, lower-cased and tokenised). Almost the
    same texts as the VADER movie snippets.

    Args:
        shared: The shared root.
        split: Only ``"all"``.

    Returns:
        Columns ``text`` and ``label`` (pos/neg).
    """
    _check_split(split, ("all",), "rt-polarity")
    folder = _data(shared, "rt-sentence-polarity")
    rows: list[dict[str, str]] = []
    for label in ("pos", "neg"):
        with (folder / f"rt-polarity.{label}").open(encoding="utf-8") as handle:
            rows.extend(
                {"text": line.strip(), "label": label}
                for line in handle
                if line.strip()
            )
    frame: pd.DataFrame = pd.DataFrame(rows, columns=["text", "label"])
    return frame


def load_pang_lee(
    shared: Path = DEFAULT_SHARED, split: Literal["all"] = "all"
) -> pd.DataFrame:
    """Load the 2,000 full critic reviews of polarity v2.0 (Pang & Lee 2004).

    Licence as stated: CC BY 4.0 (via NLTK, with the authors' permission);
    cite the paper. No split (``"all"``); the ``fold`` column gives the
    paper's 10 cross-validation folds.

    Args:
        shared: The shared root.
        split: Only ``"all"``.

    Returns:
        Columns ``review_id``, ``label`` (pos/neg), ``cv_index``, ``fold``,
        ``source_html_id``, ``text`` (one lower-cased, tokenised sentence per
        line).
    """
    _check_split(split, ("all",), "pang-lee")
    path = _data(shared, "pang-lee-polarity-v2", "reviews.jsonl")
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    frame: pd.DataFrame = pd.DataFrame.from_records(
        records,
        columns=["review_id", "label", "cv_index", "fold", "source_html_id", "text"],
    )
    return frame

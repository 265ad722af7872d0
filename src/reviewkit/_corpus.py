"""Corpus scoring: many reviews in, tidy frames out, nothing lost.

`score_corpus` reads records from a folder, a table file, a DataFrame or any
iterable; analyses them in chunks (in this process or in several); and either
keeps the frames in memory or streams them to Parquet/CSV.

Guarantees:

- every input record yields exactly one row in the ``reviews`` frame: analysed
  (``status == "ok"``) or an error row saying what went wrong (missing text,
  a non-text value, an unreadable file, a duplicate id, an exception);
- output written to disk is committed chunk by chunk (each part file is written
  under a temporary name and renamed; the ``reviews`` part, written last,
  marks the chunk as done), so a run killed at any moment can be run again and
  resumes, skipping the records already committed; a resumed run must be the
  same run (same input, id and text columns, metadata columns, and the same
  analysis: model or ``nlp`` pipeline, backend, format, and the content of the
  aspect lexicon, heading vocabulary and sentiment layer; the parts folder and
  the manifest record them), and reviewkit never writes over its input or over
  files it did not write unless told to start afresh;
- memory stays bounded by the chunk size when streaming to disk: parts are
  merged into the final files part by part.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import json
import logging
import math
import multiprocessing
import operator
import os
import shutil
import sys
import time
import weakref
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from reviewkit._blend import Backend
from reviewkit._frames import (
    KEY,
    LEVELS,
    RESERVED,
    SCHEMAS,
    STRING,
    Rows,
    empty_frame,
    error_rows,
    is_missing,
    meta_dtype,
    misfit,
    review_rows,
    rows_to_frame,
    widen,
)
from reviewkit._lexicon import DEFAULT_LEXICON, AspectLexicon
from reviewkit._readers import FORMATS, bom_encoding
from reviewkit._sentiment import DEFAULT_SENTIMENT, SentimentLexicon
from reviewkit._vocab import DEFAULT_HEADINGS, HeadingVocabulary
from reviewkit.errors import (
    ColumnError,
    ConfigurationError,
    InputError,
    ReviewkitError,
    warn,
)

__all__ = [
    "CorpusResult",
    "Record",
    "Settings",
    "score_chunk",
    "score_corpus",
    "score_partition",
]

logger = logging.getLogger("reviewkit")

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".parquet", ".pq")
SIDECARS = ("metadata.csv", "metadata.jsonl", "metadata.json")
MANIFEST = "_reviewkit.json"
MERGED = "_merged.json"


# -- records and settings --


@dataclass(frozen=True, slots=True)
class Record:
    """One input review: its id, its text (or a file path) and metadata values.

    ``problem`` is set when the record cannot be analysed (missing text, a
    duplicate id...); it then becomes an error row.
    """

    review_id: str
    text: Any
    meta: tuple[Any, ...]
    problem: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to rebuild the pipeline (plain, picklable)."""

    model: str = "blank:en"
    aspects: str | dict[str, Any] = DEFAULT_LEXICON
    headings: str | dict[str, Any] = DEFAULT_HEADINGS
    sentiment: str | dict[str, Any] | None = DEFAULT_SENTIMENT
    format: str = "auto"
    backend: Backend = "vader"

    def build(self) -> Any:
        """Build the spaCy pipeline these settings describe."""
        from reviewkit._pipeline import load

        def lexicon(value: Any, kind: Any) -> Any:
            return kind.from_dict(value) if isinstance(value, dict) else value

        return load(
            self.model,
            aspects=lexicon(self.aspects, AspectLexicon),
            headings=lexicon(self.headings, HeadingVocabulary),
            sentiment=lexicon(self.sentiment, SentimentLexicon),
            backend=self.backend,
        )


_PIPELINES: dict[str, Any] = {}


def _pipeline(settings: Settings) -> Any:
    """The process's pipeline for these settings, built once."""
    key = json.dumps(dataclasses.asdict(settings), sort_keys=True, default=str)
    nlp = _PIPELINES.get(key)
    if nlp is None:
        if len(_PIPELINES) >= 4:
            _PIPELINES.pop(next(iter(_PIPELINES)))
        nlp = _PIPELINES[key] = settings.build()
    return nlp


def _text_problem(value: Any, text_col: str) -> str | None:
    missing = value is None or value is pd.NA or value is pd.NaT
    if missing or (isinstance(value, float) and math.isnan(value)):
        return (
            f"The text in column {text_col!r} is missing (NaN/None). Fill or drop "
            "the row; reviewkit keeps it as an error row so nothing is lost."
        )
    if isinstance(value, str | bytes | Path):
        return None
    return (
        f"The text in column {text_col!r} is of type {type(value).__name__}; "
        "expected a str (the review). Convert the column with .astype(str) if the "
        "values really are reviews."
    )


#: Reviews a pipeline analyses before its chunks run in spaCy memory zones: spaCy
#: does not fill its tokenizer cache inside a zone, so the first ones warm it.
WARM_UP = 5000
_ANALYSED: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def _memory_zone(nlp: Any, count: int) -> contextlib.AbstractContextManager[Any]:
    """The pipeline's memory zone for the next `count` reviews, once it is warm.

    Strings and lexemes first seen inside the zone are freed when it ends, so a
    long batch job does not grow with its corpus's vocabulary (spaCy >= 3.8).
    """
    seen = _ANALYSED.get(nlp, 0)
    _ANALYSED[nlp] = seen + count
    zone = getattr(nlp, "memory_zone", None)
    if zone is None or seen < WARM_UP:
        return contextlib.nullcontext()
    return zone()  # type: ignore[no-any-return]


def score_chunk(records: Sequence[Record], settings: Settings, nlp: Any = None) -> Rows:
    """Analyse a chunk of records into frame rows; a failure becomes an error row.

    This is the one function every execution path uses: in-process runs,
    worker processes, Dask partitions and Spark's ``mapInPandas``.

    Args:
        records: The records.
        settings: How to build the pipeline (ignored when ``nlp`` is given).
        nlp: A ready pipeline, if the caller has one.

    Returns:
        The rows of every level for these records.
    """
    pipeline = nlp if nlp is not None else _pipeline(settings)
    rows = Rows()
    with _memory_zone(pipeline, len(records)):
        for record in records:
            _score_record(pipeline, record, settings.format, rows)
    return rows


def _score_record(pipeline: Any, record: Record, format: str, rows: Rows) -> None:
    """Analyse one record into `rows`; a failure becomes an error row."""
    from reviewkit._api import analyze_with

    key = (record.review_id, *record.meta)
    if record.problem is not None:
        error_rows(key, record.problem, rows)
        return
    try:
        show = key[1]  # "show" comes first among the metadata
        review = analyze_with(
            pipeline,
            record.text,
            format=format,
            # The show's name is then no opinion where the review writes it.
            metadata={"show": show} if isinstance(show, str) else None,
        )
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}"
        logger.debug("review %s failed: %s", record.review_id, message)
        error_rows(key, message, rows)
        return
    if key[1] is None:  # "show" comes first among the metadata
        key = (key[0], review.show, *key[2:])
    review_rows(review, key, rows)


def score_partition(
    frame: pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | None = None,
    level: str | None = None,
    partition: int | str | None = None,
    aspects: str | Path | AspectLexicon | None = None,
    headings: str | Path | HeadingVocabulary | None = None,
    sentiment: str | Path | SentimentLexicon | None = DEFAULT_SENTIMENT,
    model: str = "blank:en",
    format: str = "auto",
    backend: Backend = "vader",
) -> Any:
    """Score one DataFrame partition: the unit of Dask and Spark scale-out.

    It runs `score_chunk`, exactly as `score_corpus` does, and builds the frames
    with the same pinned schemas. Use it with ``mapInPandas`` in Spark or
    ``map_partitions`` anywhere; `reviewkit.dask` wraps it for Dask.

    Args:
        frame: The rows of one partition.
        text_col: The text column.
        id_col: The id column (a column named ``review_id`` by default); without
            one, rows are numbered, prefixed with ``partition`` (``"p3-0"``)
            when it is given so ids stay unique.
        meta_cols: Metadata columns (default: all others).
        level: Return only this level's frame; None returns all five.
        partition: Partition number or label, for generated ids.
        aspects: Aspect lexicon.
        headings: Heading vocabulary.
        sentiment: Domain layer (None for plain VADER).
        model: spaCy model for the pipeline.
        format: Input format of the texts.
        backend: ``"vader"``, ``"model"`` or ``"blend"`` (see `reviewkit.load`).

    Returns:
        One DataFrame (``level`` given) or a dict of all five.
    """
    settings = _settings(
        model=model,
        aspects=aspects,
        headings=headings,
        sentiment=sentiment,
        format=format,
        backend=backend,
    )
    columns, names, dtypes = plan_frame(
        frame, text_col=text_col, id_col=id_col, meta_cols=meta_cols
    )
    id_col = _default_id_col(frame.columns, id_col)
    first: int | str = 0 if partition is None else f"p{partition}"
    records = records_from_frame(frame, text_col, id_col, columns, first)
    rows = score_chunk(records, settings)
    _settle_dtypes(rows, names, dtypes)
    frames = _frames_from_rows(rows, names, dtypes)
    if level is None:
        return frames
    if level not in LEVELS:
        raise ConfigurationError(
            f"level must be one of {', '.join(LEVELS)}; got {level!r}."
        )
    return frames[level]


# -- worker processes --

_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings, pipeline_bytes: bytes | None) -> None:
    """Process initialiser: build the pipeline once per worker."""
    if pipeline_bytes is not None:
        import pickle

        _WORKER["nlp"] = pickle.loads(pipeline_bytes)  # our own pipeline, sent by us
    else:
        _WORKER["nlp"] = settings.build()
    _WORKER["settings"] = settings


def _worker_chunk(records: Sequence[Record]) -> Rows:
    return score_chunk(records, _WORKER["settings"], _WORKER["nlp"])


# -- inputs --


@dataclass
class _Source:
    """A normalised input: metadata names, their dtypes, and record chunks."""

    meta: list[str]
    dtypes: dict[str, Any]
    total: int | None
    chunks: Iterator[list[Record]]
    columns: list[Any] = field(default_factory=list)
    id_col: str | None = None


def _frame_source(
    frames: Iterable[pd.DataFrame],
    first: pd.DataFrame,
    *,
    text_col: str,
    id_col: str | None,
    meta_cols: Sequence[str] | None,
    total: int | None,
    text_meta: bool,
) -> _Source:
    columns = list(first.columns)
    id_col = _default_id_col(columns, id_col)
    if text_col not in columns:
        raise ColumnError(
            f"The text column {text_col!r} is not in the input. Columns are: "
            f"{', '.join(map(str, columns)) or '(none)'}. Pass text_col= with the "
            "column that holds the reviews."
        )
    if id_col is not None and id_col not in columns:
        raise ColumnError(
            f"The id column {id_col!r} is not in the input. Columns are: "
            f"{', '.join(map(str, columns))}. Pass id_col=None to number the rows."
        )
    if meta_cols is None:
        chosen = [c for c in columns if c not in (text_col, id_col)]
    else:
        meta_cols = _column_list(meta_cols)
        missing = [c for c in meta_cols if c not in columns]
        if missing:
            raise ColumnError(
                f"Metadata column(s) {', '.join(map(repr, missing))} are not in the "
                f"input. Columns are: {', '.join(map(str, columns))}."
            )
        chosen = list(meta_cols)
    used = [text_col, *([id_col] if id_col is not None else []), *chosen]
    duplicated = list(dict.fromkeys(c for c in used if columns.count(c) > 1))
    if duplicated:
        raise ColumnError(
            f"The input has more than one column named "
            f"{', '.join(map(repr, duplicated))}; each column reviewkit reads must "
            "have a unique name. Rename the columns, or select the ones to score."
        )
    columns_, names = _show_first(list(chosen), _meta_names(chosen))
    chosen = columns_
    dtypes = {
        name: STRING if text_meta or column is None else meta_dtype(first[column])
        for column, name in zip(chosen, names, strict=True)
    }
    dtypes["show"] = STRING

    def chunks() -> Iterator[list[Record]]:
        position = 0
        for frame in frames:
            yield records_from_frame(frame, text_col, id_col, chosen, position)
            position += len(frame)

    return _Source(names, dtypes, total, chunks(), chosen, id_col)


def records_from_frame(
    frame: pd.DataFrame,
    text_col: str,
    id_col: str | None,
    columns: Sequence[Any],
    first_position: int | str = 0,
) -> list[Record]:
    """Turn a DataFrame chunk into records.

    Args:
        frame: The rows.
        text_col: The text column.
        id_col: The id column, or None to number rows.
        columns: Metadata columns in output order (None for an empty ``show``).
        first_position: Position of the first row in the whole input; a string
            prefix instead (``"p3"``) numbers rows within a partition
            (``"p3-0"``, ``"p3-1"``...).

    Returns:
        One record per row, with a ``problem`` where the text is unusable.
    """
    texts = frame[text_col].tolist()
    if id_col is not None:
        ids = frame[id_col].tolist()
    elif isinstance(first_position, str):
        ids = [f"{first_position}-{i}" for i in range(len(frame))]
    else:
        ids = [str(i) for i in range(first_position, first_position + len(frame))]
    offset = first_position if isinstance(first_position, int) else 0
    meta_values = [
        [None] * len(frame) if column is None else frame[column].tolist()
        for column in columns
    ]
    return [
        Record(
            review_id=_clean_id(ids[index], offset + index),
            text=text,
            meta=tuple(values[index] for values in meta_values),
            problem=_text_problem(text, text_col),
        )
        for index, text in enumerate(texts)
    ]


def plan_frame(
    frame: pd.DataFrame,
    *,
    text_col: str,
    id_col: str | None,
    meta_cols: Sequence[str] | None,
) -> tuple[list[Any], list[str], dict[str, Any]]:
    """Decide the metadata columns, their output names and dtypes for a frame.

    Returns:
        Source columns (None for an added ``show``), output names, dtypes.
    """
    source = _frame_source(
        iter(()),
        frame,
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        total=0,
        text_meta=False,
    )
    return source.columns, source.meta, source.dtypes


def _show_first(columns: list[Any], names: list[str]) -> tuple[list[Any], list[str]]:
    """Put ``show`` first among the metadata (added empty if absent).

    `score_chunk` fills a missing show from the review's title at position 0.
    """
    if "show" in names:
        index = names.index("show")
        columns = [columns[index], *columns[:index], *columns[index + 1 :]]
        names = ["show", *names[:index], *names[index + 1 :]]
    else:
        columns = [None, *columns]
        names = ["show", *names]
    return columns, names


def _clean_id(value: Any, position: int) -> str:
    """The text of an id; a whole-number float is written as an int (4.0 -> "4").

    pandas turns a column of whole-number ids with one missing value into
    floats, so a chunk could otherwise write "4.0" where another wrote "4" and
    a resumed run would not recognise the id.
    """
    if is_missing(value):
        return f"row-{position}"
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _meta_names(columns: Sequence[Any]) -> list[str]:
    """Output names of metadata columns: unique, and never one of reviewkit's.

    A column named like one of reviewkit's own (``score``) is carried as
    ``meta_score``, or ``meta_score_2`` when the input also has a
    ``meta_score`` column; names that are equal as text (``1`` and ``"1"``)
    get a suffix too. A `ReviewkitWarning` lists every rename.
    """
    originals = [str(column) for column in columns]
    taken = set(originals)
    used: set[str] = set()
    names = []
    renamed = []
    for name in originals:
        wanted = f"meta_{name}" if name in RESERVED and name != "show" else name
        candidate, suffix = wanted, 2
        while (
            candidate in used
            or (candidate != name and candidate in taken)
            or (candidate in RESERVED and candidate != "show")
        ):
            candidate, suffix = f"{wanted}_{suffix}", suffix + 1
        if candidate != name:
            renamed.append((name, candidate))
        used.add(candidate)
        names.append(candidate)
    if renamed:
        warn(
            "Metadata column(s) clash with reviewkit's own columns or with each "
            "other and are carried under new names: "
            f"{', '.join(f'{old!r} as {new!r}' for old, new in renamed)}. Rename "
            "them, or choose meta_cols=, to avoid this."
        )
    return names


def _default_id_col(columns: Iterable[Any], id_col: str | None) -> str | None:
    """The id column: ``id_col``, else a column literally named ``review_id``."""
    if id_col is None and KEY in list(columns):
        return KEY
    return id_col


def _table_error(path: Path, exc: BaseException) -> InputError:
    """The error for a table file that pandas or pyarrow cannot read."""
    if isinstance(exc, UnicodeDecodeError):
        bad = exc.object[exc.start : exc.start + 1]
        return InputError(
            f"Cannot read the table {str(path)!r}: it is not UTF-8 text (byte "
            f"{bad!r} at position {exc.start}). Save it as UTF-8, or read it with "
            "pandas (pd.read_csv(path, encoding=...)) and pass the DataFrame."
        )
    detail = " ".join(str(exc).split()).rstrip(".")
    return InputError(
        f"Cannot read the table {str(path)!r}: {type(exc).__name__}: {detail}. "
        "Check that it is a well-formed CSV/TSV/JSONL/JSON/Parquet file of reviews, "
        "or read it with pandas and pass the DataFrame."
    )


def _text_encoding(path: Path) -> str:
    """UTF-8, unless a byte-order mark says otherwise (UTF-8 with a BOM, 16, 32)."""
    with path.open("rb") as handle:
        head = handle.read(4)
    return bom_encoding(head) or "utf-8"


def _checked_chunks(
    path: Path, chunks: Iterable[pd.DataFrame]
) -> Iterator[pd.DataFrame]:
    """Iterate table chunks; a file that turns out malformed is an `InputError`."""
    iterator = iter(chunks)
    try:
        while True:
            try:
                chunk = next(iterator)
            except StopIteration:
                return
            except ReviewkitError:
                raise
            except (ValueError, OSError) as exc:  # parser, decoding, I/O errors
                raise _table_error(path, exc) from exc
            yield chunk
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def _read_table(
    path: Path, chunk_size: int
) -> tuple[pd.DataFrame, Iterable[pd.DataFrame], bool]:
    """First chunk, all chunks (first included), and whether values are all text.

    Raises:
        InputError: If the file is not a table reviewkit reads, or is malformed.
    """
    try:
        first, chunks, text_meta = _open_table(path, chunk_size)
    except ReviewkitError:
        raise
    except (ValueError, OSError) as exc:
        raise _table_error(path, exc) from exc
    return first, _checked_chunks(path, chunks), text_meta


def _open_table(
    path: Path, chunk_size: int
) -> tuple[pd.DataFrame, Iterable[pd.DataFrame], bool]:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        file = pq.ParquetFile(path)
        batches = (b.to_pandas() for b in file.iter_batches(batch_size=chunk_size))
        first = next(batches, None)
        if first is None:
            first = file.schema_arrow.empty_table().to_pandas()
            return first, iter([first]), False
        return first, _chain(first, batches), False
    reader: Iterator[pd.DataFrame]
    encoding = _text_encoding(path) if suffix in TABLE_SUFFIXES else "utf-8"
    if suffix in (".csv", ".tsv"):
        reader = _closing_chunks(
            pd.read_csv(
                path,
                sep="\t" if suffix == ".tsv" else ",",
                chunksize=chunk_size,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                encoding=encoding,
            )
        )
    elif suffix in (".jsonl", ".ndjson") or (
        suffix == ".json" and _is_lines(path, encoding)
    ):
        reader = _closing_chunks(
            pd.read_json(
                path, lines=True, chunksize=chunk_size, dtype=False, encoding=encoding
            )
        )
    elif suffix == ".json":  # a JSON array cannot be streamed: read, then chunk
        whole = pd.read_json(path, dtype=False, encoding=encoding)
        reader = (
            whole.iloc[i : i + chunk_size] for i in range(0, len(whole), chunk_size)
        )
    else:
        raise InputError(
            f"Cannot read {str(path)!r}: expected a folder of reviews or a table file "
            f"({', '.join(TABLE_SUFFIXES)})."
        )
    first = next(reader, None)
    if first is None:
        columns: list[str] = (
            list(
                pd.read_csv(
                    path,
                    sep="\t" if suffix == ".tsv" else ",",
                    nrows=0,
                    encoding=encoding,
                ).columns
            )
            if suffix in (".csv", ".tsv")
            else []
        )
        first = pd.DataFrame(columns=columns)
        return first, iter([first]), True
    if suffix in (".csv", ".tsv"):
        header = _csv_header(path, "\t" if suffix == ".tsv" else ",", encoding)
        if len(set(header)) < len(header) == len(first.columns):
            # pandas renames a repeated name ("text", "text.1"); keep the names
            # as written so that a repeated column is refused, as in a DataFrame.
            first = first.set_axis(header, axis=1)
            reader = (chunk.set_axis(header, axis=1) for chunk in reader)
    return first, _chain(first, reader), True


def _csv_header(path: Path, sep: str, encoding: str) -> list[str]:
    with path.open(encoding=encoding, newline="") as handle:
        return next(csv.reader(handle, delimiter=sep), [])


def _closing_chunks(reader: Any) -> Iterator[pd.DataFrame]:
    """Iterate a pandas chunk reader and close its file however iteration ends."""
    with reader:
        yield from reader


def _is_lines(path: Path, encoding: str = "utf-8") -> bool:
    with path.open(encoding=encoding) as handle:
        head = handle.read(64).lstrip().lstrip("\ufeff")
    return not head.startswith("[")


def _chain(first: pd.DataFrame, rest: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    yield first
    yield from rest


def _column_list(meta_cols: Any) -> list[Any]:
    """``meta_cols`` as a list; a bare string is refused, not split into letters."""
    if isinstance(meta_cols, str | bytes):
        raise ConfigurationError(
            f"meta_cols must be a list of column names; got the string {meta_cols!r}, "
            f"which would be read one character at a time. Pass meta_cols="
            f"[{meta_cols!r}]."
        )
    try:
        return list(meta_cols)
    except TypeError:
        raise ConfigurationError(
            "meta_cols must be a list of column names; got "
            f"{type(meta_cols).__name__}. Pass e.g. meta_cols=['show', 'reviewer']."
        ) from None


def _folder_source(
    folder: Path,
    chunk_size: int,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | None = None,
) -> _Source:
    """Records for the review files of a folder, with sidecar metadata.

    ``id_col`` and ``meta_cols`` name columns of the sidecar (the id column
    defaults to ``review_id``); ``text_col`` does not apply, as each file is
    one review's text.
    """
    if text_col != "text":
        raise ConfigurationError(
            f"text_col={text_col!r} does not apply to a folder: each .txt/.md/.html "
            "file is one review's text. Leave text_col out, or pass a table file "
            "or DataFrame that has a text column."
        )
    # Not is_file(): a broken link or an unreadable entry must still give a row
    # (an error row), never vanish from the run.
    entries = [p for p in folder.rglob("*") if not p.is_dir()]
    files = sorted(p for p in entries if p.suffix.lower() in TEXT_SUFFIXES)
    ignored = [
        p.name
        for p in entries
        if p.suffix.lower() not in TEXT_SUFFIXES and p.name not in SIDECARS
    ]
    if ignored:
        logger.info(
            "%d file(s) in %s are not .txt/.md/.html reviews and were skipped: %s",
            len(ignored),
            folder,
            ", ".join(ignored[:5]),
        )
    sidecar, sidecar_name = _sidecar(folder)
    key = id_col or KEY
    if sidecar is None:
        if id_col is not None or [c for c in meta_cols or () if c != "show"]:
            raise ColumnError(
                f"id_col/meta_cols name columns of a folder's metadata sidecar "
                f"({', '.join(SIDECARS)}), but {str(folder)!r} has none. Add a "
                "sidecar with a 'file' column, or leave id_col and meta_cols out."
            )
        sidecar = pd.DataFrame()
    columns = list(sidecar.columns)
    if id_col is not None and id_col not in columns:
        raise ColumnError(
            f"The id column {id_col!r} is not in {sidecar_name}. Its columns are: "
            f"{', '.join(map(str, columns))}. Leave id_col out to use its "
            f"'{KEY}' column, or the file paths."
        )
    file_col = next((c for c in ("file", "path") if c in columns), None)
    chosen = [c for c in columns if c not in ("file", "path", key)]
    if meta_cols is not None:
        wanted = _column_list(meta_cols)
        missing = [c for c in wanted if c not in columns and c != "show"]
        if missing:
            raise ColumnError(
                f"Metadata column(s) {', '.join(map(repr, missing))} are not in "
                f"{sidecar_name}. Its columns are: {', '.join(map(str, columns))}."
            )
        chosen = [c for c in wanted if c in columns]
    by_file = _sidecar_rows(folder, sidecar, sidecar_name, file_col, files)
    if file_col is None:
        chosen = []
    meta_cols, names = _show_first(list(chosen), _meta_names(chosen))
    meta_cols = ["show" if c is None else c for c in meta_cols]
    dtypes = dict.fromkeys(names, STRING)
    for column, name in zip(meta_cols, names, strict=True):
        if column in columns and name != "show":
            dtypes[name] = meta_dtype(sidecar[column])

    def row_of(path: Path) -> tuple[str, dict[str, Any]]:
        relative = path.relative_to(folder).as_posix()
        return relative, by_file.get(relative) or by_file.get(path.name) or {}

    nameless = [
        relative
        for relative, row in map(row_of, files)
        if row and file_col is not None and is_missing(row.get(key))
    ]
    if nameless:
        warn(
            f"{folder / sidecar_name} gives no {key!r} for {len(nameless)} file(s) "
            f"({_some(nameless)}); they are identified by their paths instead. "
            f"Fill the {key!r} column to choose their ids."
        )

    def chunks() -> Iterator[list[Record]]:
        batch: list[Record] = []
        for path in files:
            relative, row = row_of(path)
            raw_id = row.get(key)
            review_id = relative if is_missing(raw_id) else _clean_id(raw_id, 0)
            meta = tuple(row.get(c) for c in meta_cols)
            batch.append(Record(review_id=review_id, text=path, meta=meta))
            if len(batch) >= chunk_size:
                yield batch
                batch = []
        if batch:
            yield batch

    return _Source(names, dtypes, len(files), chunks(), id_col=key)


def _some(names: Sequence[str], limit: int = 5) -> str:
    """The first few names, quoted, and "..." when there are more."""
    shown = ", ".join(map(repr, names[:limit]))
    return shown + (", ..." if len(names) > limit else "")


def _sidecar_rows(
    folder: Path,
    sidecar: pd.DataFrame,
    name: str,
    file_col: str | None,
    files: Sequence[Path],
) -> dict[str, dict[str, Any]]:
    """Sidecar rows by file name; warns about rows that match no review file."""
    if sidecar.empty and not len(sidecar.columns):
        return {}
    if file_col is None:
        warn(
            f"{folder / name} has no 'file' (or 'path') column naming each review's "
            "file, so none of its metadata can be applied. Add a 'file' column "
            "with the file names (or paths relative to the folder)."
        )
        return {}
    rows: list[dict[str, Any]] = sidecar.to_dict("records")  # type: ignore[assignment]
    by_file: dict[str, dict[str, Any]] = {}
    unnamed = 0
    repeated = []
    for row in rows:
        value = row.get(file_col)
        if is_missing(value) or not str(value).strip():
            unnamed += 1
            continue
        if str(value) in by_file:
            repeated.append(str(value))
        by_file[str(value)] = row
    known = {p.relative_to(folder).as_posix() for p in files} | {p.name for p in files}
    unknown = [f for f in by_file if f not in known]
    problems = []
    if unknown:
        problems.append(
            f"{len(unknown)} row(s) name files that are not reviews in the folder "
            f"({_some(unknown)})"
        )
    if unnamed:
        problems.append(f"{unnamed} row(s) have an empty {file_col!r} cell")
    if repeated:
        problems.append(
            f"{len(repeated)} file(s) have more than one row, the last one is used "
            f"({_some(repeated)})"
        )
    if problems:
        warn(
            f"{folder / name}: {'; '.join(problems)}. Those rows give no metadata; "
            "check the file names (relative to the folder, with their suffix)."
        )
    return by_file


def _sidecar(folder: Path) -> tuple[pd.DataFrame | None, str]:
    """The folder's metadata sidecar and its name (None when there is none)."""
    for name in SIDECARS:
        path = folder / name
        if path.exists():
            try:
                encoding = _text_encoding(path)
                if name.endswith(".csv"):
                    frame = pd.read_csv(
                        path,
                        dtype=str,
                        keep_default_na=False,
                        na_values=[""],
                        encoding=encoding,
                    )
                else:
                    frame = pd.read_json(
                        path,
                        lines=name.endswith(".jsonl"),
                        dtype=False,
                        encoding=encoding,
                    )
            except (ValueError, OSError) as exc:
                raise _table_error(path, exc) from exc
            return frame, name
    return None, ""


def _iterable_source(
    items: Iterable[Any],
    text_col: str,
    id_col: str | None,
    meta_cols: Sequence[str] | None,
    chunk_size: int,
) -> _Source:
    iterator = iter(items)
    head: list[Any] = []
    for item in iterator:
        head.append(item)
        if len(head) >= chunk_size:
            break
    records_like = [i for i in head if isinstance(i, Mapping)]
    if id_col is None and any(KEY in r for r in records_like):
        id_col = KEY
    automatic = meta_cols is None
    if records_like and meta_cols is None:
        meta_cols = list(
            dict.fromkeys(
                k for r in records_like for k in r if k not in (text_col, id_col)
            )
        )
    meta_cols = _column_list(meta_cols or [])
    chosen, names = _show_first(list(meta_cols), _meta_names(meta_cols))
    chosen = ["show" if c is None else c for c in chosen]
    dtypes = dict.fromkeys(names, STRING)
    for column, name in zip(chosen, names, strict=True):
        if records_like and column != "show":
            dtypes[name] = meta_dtype(r.get(column) for r in records_like)

    known = {text_col, id_col, *chosen}
    late: dict[Any, int] = {}

    def chunks() -> Iterator[list[Record]]:
        batch: list[Record] = []
        for position, item in enumerate(_chain_items(head, iterator)):
            if isinstance(item, Mapping):
                if automatic and position >= len(head):
                    for key in item:
                        if key not in known and key not in late:
                            late[key] = position
                            warn(
                                f"Record {position} has the key {key!r}, which no "
                                f"record of the first chunk ({len(head)} records) has; "
                                "metadata columns are chosen from the first chunk, "
                                "so it is not carried. Pass meta_cols= to choose "
                                "them, or a DataFrame."
                            )
                text = item.get(text_col)
                problem = _text_problem(text, text_col)
                if text_col not in item:
                    problem = (
                        f"The record has no {text_col!r} key; its keys are "
                        f"{', '.join(map(str, item))}. Pass text_col=."
                    )
                raw_id = item.get(id_col) if id_col else None
                review_id = _clean_id(raw_id, position) if id_col else str(position)
                meta = tuple(item.get(c) for c in chosen)
            else:
                text, problem, review_id = item, None, str(position)
                if not isinstance(item, str | bytes):
                    problem = _text_problem(item, "text")
                meta = (None,) * len(chosen)
            batch.append(Record(review_id, text, meta, problem))
            if len(batch) >= chunk_size:
                yield batch
                batch = []
        if batch:
            yield batch

    return _Source(names, dtypes, None, chunks(), id_col=id_col)


def _chain_items(head: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from head
    yield from rest


def _open_source(
    source: Any,
    *,
    text_col: str,
    id_col: str | None,
    meta_cols: Sequence[str] | None,
    chunk_size: int,
) -> _Source:
    if isinstance(source, pd.DataFrame):
        frames = (
            source.iloc[i : i + chunk_size]
            for i in range(0, max(len(source), 1), chunk_size)
        )
        return _frame_source(
            frames,
            source,
            text_col=text_col,
            id_col=id_col,
            meta_cols=meta_cols,
            total=len(source),
            text_meta=False,
        )
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.exists():
            raise InputError(
                f"No such file or folder: {str(path)!r}. Pass a folder of .txt/.md/"
                ".html reviews, a CSV/JSONL/Parquet file, a DataFrame, or a list of "
                "texts."
            )
        if path.is_dir():
            return _folder_source(
                path,
                chunk_size,
                text_col=text_col,
                id_col=id_col,
                meta_cols=meta_cols,
            )
        first, table_frames, text_meta = _read_table(path, chunk_size)
        try:
            return _frame_source(
                table_frames,
                first,
                text_col=text_col,
                id_col=id_col,
                meta_cols=meta_cols,
                total=None,
                text_meta=text_meta,
            )
        except Exception:
            close = getattr(table_frames, "close", None)
            if close is not None:
                close()  # release the file now, not at garbage collection
            raise
    if isinstance(source, Mapping):
        raise TypeError(
            "score_corpus() does not read a dict (a mapping): iterating it would "
            "score its keys. For a dict of columns pass pd.DataFrame(data); for "
            "texts keyed by id pass pd.DataFrame({'review_id': list(data), 'text': "
            "list(data.values())}); for one record pass [data]."
        )
    if isinstance(source, bytes) or not isinstance(source, Iterable):
        raise TypeError(
            "score_corpus() reads a folder or file path, a DataFrame, or an iterable "
            f"of texts or records; got {type(source).__name__}. For one review use "
            "reviewkit.analyze()."
        )
    return _iterable_source(source, text_col, id_col, meta_cols, chunk_size)


# -- outputs --


def _output_paths(output: Path) -> tuple[dict[str, Path], Path, str]:
    """Final file per level, the parts folder, and the format.

    ``out/scores.parquet`` holds the review x aspect table; the other levels
    sit beside it as ``out/scores.reviews.parquet`` and so on.
    """
    suffix = output.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise ConfigurationError(
            f"The output must end in .parquet or .csv; got {str(output)!r}."
        )
    stem = output.with_suffix("")
    paths = {
        level: output
        if level == "aspects"
        else stem.with_name(f"{stem.name}.{level}{suffix}")
        for level in LEVELS
    }
    return paths, stem.with_name(f"{stem.name}.parts"), suffix.lstrip(".")


def _manifest_path(paths: Mapping[str, Path]) -> Path:
    main = paths["aspects"]
    return main.with_name(f"{main.with_suffix('').name}.{MANIFEST}")


def _manifest_data(
    paths: Mapping[str, Path],
    meta: Sequence[str],
    run: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What a manifest records: the files, the columns and, for a run, its input."""
    data: dict[str, Any] = {
        "writer": "reviewkit",
        "levels": {level: paths[level].name for level in LEVELS},
        "meta": list(meta),
        "columns": {level: [KEY, *meta, *SCHEMAS[level]] for level in LEVELS},
    }
    if run is not None:
        data["run"] = dict(run)
    return data


def _write_manifest(
    paths: Mapping[str, Path],
    meta: Sequence[str],
    run: Mapping[str, Any] | None = None,
) -> Path:
    """Record which file holds which level (and the run's input) beside them."""
    manifest = _manifest_path(paths)
    data = _manifest_data(paths, meta, run)
    manifest.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return manifest


def _read_json(path: Path) -> Any:
    """A JSON file's content; None when it is absent or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _run_record(
    source: Any,
    opened: _Source,
    text_col: str,
    analysis: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What identifies a run: its input and its analysis (`_analysis_record`).

    A resumed run is checked against it, so that one output never mixes rows
    of two inputs or of two kinds of analysis.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source).resolve()
        kind = "folder" if path.is_dir() else "file"
        where: str | None = str(path)
    else:
        kind = "dataframe" if isinstance(source, pd.DataFrame) else "iterable"
        where = None
    return {
        "source": {"kind": kind, "path": where},
        "text_col": None if kind == "folder" else text_col,
        "id_col": opened.id_col,
        "analysis": None if analysis is None else dict(analysis),
    }


# -- what a run's analysis was --

#: The analysis settings a run records, in the order refusals name them.
ANALYSIS_KEYS = ("model", "backend", "format", "aspects", "headings", "sentiment")
_LEXICON_KEYS = ("aspects", "headings", "sentiment")
#: What the parts of an ``nlp=`` pipeline's record are (`_pipeline_record`).
_PIPELINE_PARTS = {
    "lang": "language",
    "name": "spaCy pipeline name",
    "version": "spaCy pipeline version",
    "pipes": "pipe names",
    "split_sentences": "sentence splitting",
    "structure_aspects": "structure component's aspect lexicon",
    "score_summary": "score_summary",
    "learned": "learned models",
}


def _digest(data: Any) -> str:
    """A short sha256 of plain data, by its canonical JSON."""
    payload = json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


def _lexicon_identity(lexicon: Any) -> dict[str, Any] | None:
    """A lexicon's name (for messages) and the fingerprint of its content."""
    if lexicon is None:
        return None
    data = lexicon.to_dict()
    return {"name": data.get("name"), "sha256": _digest(data)}


def _analysis_record(settings: Settings, nlp: Any = None) -> dict[str, Any]:
    """What decides a run's analysis, as plain JSON data.

    Lexicons are identified by content (name, and a sha256 of their canonical
    JSON), however they were given: a packaged name, a path or an object with
    the same content are the same analysis; an edited file or a lexicon of the
    same name with other terms is not. With ``nlp``, see `_pipeline_record`.
    """
    if nlp is not None:
        return _plain({**_pipeline_record(nlp), "format": settings.format})

    def content(value: Any, kind: Any) -> dict[str, Any] | None:
        # The settings hold an object's to_dict() or a name/path (`_settings`).
        lexicon = kind.from_dict(value) if isinstance(value, dict) else kind.load(value)
        return _lexicon_identity(lexicon)

    return _plain(
        {
            "model": settings.model,
            "backend": settings.backend,
            "format": settings.format,
            "aspects": content(settings.aspects, AspectLexicon),
            "headings": content(settings.headings, HeadingVocabulary),
            "sentiment": content(settings.sentiment, SentimentLexicon),
        }
    )


def _pipeline_record(nlp: Any) -> dict[str, Any]:
    """What a pipeline passed as ``nlp=`` runs, as far as it can be seen.

    ``model`` holds the spaCy pipeline's language, name, version and pipe
    names, with the settings of reviewkit's components that `score_corpus`
    cannot set (sentence splitting, ``score_summary``, the structure
    component's own aspect lexicon) and the learned models: packaged ones by
    name, others by a sha256 of their weights. ``backend`` is the learned
    layer's; ``aspects``, ``headings`` and ``sentiment`` are the lexicons the
    components hold, by content. The weights of spaCy's own components
    (tagger, parser...) are not read: they are known by name and version.
    """
    from reviewkit._pipeline import (
        AspectComponent,
        SentimentComponent,
        StructureComponent,
    )

    names = list(getattr(nlp, "pipe_names", ()))
    meta = getattr(nlp, "meta", None) or {}

    def component(name: str, kind: type) -> Any:
        pipe = nlp.get_pipe(name) if name in names else None
        return pipe if isinstance(pipe, kind) else None

    structure = component("reviewkit_structure", StructureComponent)
    aspects = component("reviewkit_aspects", AspectComponent)
    sentiment = component("reviewkit_sentiment", SentimentComponent)
    described: dict[str, Any] = {
        "lang": getattr(nlp, "lang", None),
        "name": meta.get("name"),
        "version": meta.get("version"),
        "pipes": names,
    }
    backend = None
    if structure is not None:
        described["split_sentences"] = bool(structure.split_sentences)
        described["structure_aspects"] = _lexicon_identity(structure.lexicon)
    if sentiment is not None:
        described["score_summary"] = bool(sentiment.score_summary)
        described["learned"] = _learned_identity(sentiment)
        backend = sentiment.learned.backend
    return {
        "model": {"nlp": described},
        "backend": backend,
        "aspects": _lexicon_identity(aspects.lexicon if aspects else None),
        "headings": _lexicon_identity(structure.headings if structure else None),
        "sentiment": _lexicon_identity(sentiment.scorer.lexicon if sentiment else None),
    }


def _learned_identity(component: Any) -> dict[str, Any]:
    """The learned models of a sentiment component: packaged names or digests."""
    state, files = component._state()  # what nlp.to_disk() would write
    models = {}
    for slot, entry in state["models"].items():
        if entry and "file" in entry:
            model = files[slot]
            weights = model.weights.tocsr()
            digest = hashlib.sha256()
            digest.update(json.dumps(list(model.classes)).encode("utf-8"))
            for array in (weights.indptr, weights.indices, weights.data, model.bias):
                digest.update(np.ascontiguousarray(array).tobytes())
            digest.update(str(model.n_features).encode("ascii"))
            models[slot] = {"sha256": digest.hexdigest()[:16]}
        else:
            models[slot] = entry
    return {
        "models": models,
        "aspect_threshold": state["aspect_threshold"],
        "blend_weight": component.learned.blend_weight,
    }


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """`data` as it reads back from JSON (tuples as lists), for comparisons."""
    plain: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return plain


def _given_pipeline(model: Any) -> Mapping[str, Any] | None:
    """What `_pipeline_record` recorded of an ``nlp=`` pipeline, else None."""
    if isinstance(model, Mapping) and isinstance(model.get("nlp"), Mapping):
        given: Mapping[str, Any] = model["nlp"]
        return given
    return None


def _setting(key: str, value: Any, *, detail: bool = False) -> str:
    """One analysis setting in words: ``backend='vader'``."""
    pipeline = _given_pipeline(value) if key == "model" else None
    if pipeline is not None:
        pipes = ", ".join(map(str, pipeline.get("pipes") or ())) or "no pipes"
        return f"a pipeline passed as nlp= ({pipes})"
    if key in _LEXICON_KEYS and isinstance(value, Mapping):
        text = f"{key}={value.get('name')!r}"
        return f"{text} (content {value.get('sha256')})" if detail else text
    return f"{key}={value!r}"


def _analysis_mismatches(recorded: Any, wanted: Any) -> list[str]:
    """How a recorded analysis differs from this run's, in plain words."""
    if not isinstance(recorded, Mapping):
        return [
            "it does not record how it was analysed (an older reviewkit wrote it, "
            "before runs recorded their model, backend, format and lexicons)"
        ]
    if not isinstance(wanted, Mapping):
        return ["it records an analysis, and this run does not"]
    problems = []
    keys = [*ANALYSIS_KEYS, *sorted(set(recorded) - set(ANALYSIS_KEYS))]
    for key in keys:
        was, now = recorded.get(key), wanted.get(key)
        if was == now:
            continue
        if key not in wanted:
            problems.append(
                f"it records the analysis setting {key!r}, which this reviewkit does "
                "not know (a newer reviewkit wrote it)"
            )
            continue
        before, after = _given_pipeline(was), _given_pipeline(now)
        if key == "model" and before is not None and after is not None:
            changed = sorted(
                part
                for part in {*before, *after}
                if before.get(part) != after.get(part)
            )
            problems.append(
                "it was scored with another pipeline passed as nlp= (it differs "
                "from this run's in its "
                f"{', '.join(_PIPELINE_PARTS.get(p, p) for p in changed)})"
            )
            continue
        same_name = (
            key in _LEXICON_KEYS
            and isinstance(was, Mapping)
            and isinstance(now, Mapping)
            and was.get("name") == now.get("name")
        )
        change = (
            f"it was scored with {_setting(key, was, detail=same_name)}, and this "
            f"run has {_setting(key, now, detail=same_name)}"
        )
        if same_name:
            change += ": the same name, other content"
        problems.append(change)
    return problems


def _input_paths(source: Any) -> list[Path]:
    """Files a run reads, which its output must never overwrite."""
    if not isinstance(source, str | os.PathLike):
        return []
    path = Path(source)
    if path.is_dir():
        return [path / name for name in SIDECARS]
    return [path]


def _describe(source: Any) -> str:
    if not isinstance(source, Mapping):
        return "an unknown input"
    kind, path = source.get("kind"), source.get("path")
    if kind in ("file", "folder"):
        return f"the {kind} {path!r}"
    return "a DataFrame" if kind == "dataframe" else "an iterable of records"


def _is_ours(recorded: Any) -> bool:
    """Whether a manifest was written by reviewkit (this version or an older one)."""
    return isinstance(recorded, Mapping) and (
        recorded.get("writer") == "reviewkit"
        or ("levels" in recorded and "meta" in recorded)
    )


def _mismatches(recorded: Any, expected: Mapping[str, Any]) -> list[str] | None:
    """How a recorded run differs from this one; None if reviewkit did not write it."""
    if not _is_ours(recorded):
        return None
    problems = []
    if recorded.get("levels") != expected["levels"]:
        problems.append("it records the files of another output")
    run, wanted = recorded.get("run"), expected["run"]
    if not isinstance(run, Mapping):
        problems.append(
            "it does not record which input it was scored from (an older reviewkit, "
            "or CorpusResult.to_parquet/to_csv, wrote it)"
        )
    else:
        if run.get("source") != wanted["source"]:
            problems.append(
                f"it was scored from {_describe(run.get('source'))}, and this run "
                f"reads {_describe(wanted['source'])}"
            )
        problems.extend(
            f"it was scored with {option}={run.get(option)!r}, and this run has "
            f"{option}={wanted[option]!r}"
            for option in ("text_col", "id_col")
            if run.get(option) != wanted[option]
        )
        if run.get("analysis") != wanted.get("analysis"):
            problems.extend(
                _analysis_mismatches(run.get("analysis"), wanted.get("analysis"))
            )
    if recorded.get("columns") != expected["columns"]:
        if recorded.get("meta") != expected["meta"]:
            problems.append(
                f"its metadata columns are {recorded.get('meta')}, and this run's are "
                f"{expected['meta']}"
            )
        elif "columns" in recorded:
            problems.append("its columns are those of another reviewkit version")
    return problems


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _arrow_kind(arrow_type: Any) -> str:
    import pyarrow as pa

    if pa.types.is_integer(arrow_type):
        return "int"
    if pa.types.is_floating(arrow_type):
        return "float"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_timestamp(arrow_type):
        return "timestamp"
    return str(arrow_type)


class _PartsWriter:
    """Writes each chunk as committed part files; merges them at the end.

    The parts folder holds a record of the run (the manifest it will write),
    so that only a run of the same input, options, analysis and columns
    resumes it.
    """

    def __init__(
        self,
        output: Path,
        resume: bool,
        *,
        meta: Sequence[str] = ("show",),
        run: Mapping[str, Any] | None = None,
        inputs: Sequence[Path] = (),
    ) -> None:
        self.output = output
        self.paths, self.parts, self.fmt = _output_paths(output)
        self.manifest = _manifest_path(self.paths)
        self.trash = self.parts.with_name(f"{self.parts.name}.deleting")
        self.record = _manifest_data(
            self.paths,
            meta,
            run or {"source": None, "text_col": None, "id_col": None, "analysis": None},
        )
        self._check_location(inputs)
        if resume:
            self._check_owner()
        self._prepare_folder()
        self.done: Counter[str] = Counter()
        # Ids analysed ("ok") in committed parts: their rows at the other levels
        # are never in a previous final file, unless a run killed inside
        # finish() had already merged them into it.
        self.in_parts: set[str] = set()
        self.next_part = 0
        try:
            if resume:
                self._recover()
            else:
                self._clear()
            self._start()
        except OSError as exc:
            raise self._unwritable(exc) from exc

    # -- checks, before anything is written --

    def _unwritable(self, exc: OSError) -> ConfigurationError:
        return ConfigurationError(
            f"Cannot write the output {str(self.output)!r}: "
            f"{exc.strerror or exc}{f' ({exc.filename})' if exc.filename else ''}. "
            "Choose a file in a folder you can write to."
        )

    def _check_location(self, inputs: Sequence[Path]) -> None:
        for path in (*self.paths.values(), self.manifest):
            if path.is_dir():
                raise ConfigurationError(
                    f"The output {str(path)!r} is a folder. Pass a file name ending "
                    f"in .parquet or .csv, e.g. {str(path / 'scores.parquet')!r}; the "
                    "other levels are written beside it."
                )
        if self.parts.exists() and not self.parts.is_dir():
            raise ConfigurationError(
                f"{str(self.parts)!r} is a file, but reviewkit needs that name for the "
                "folder of committed parts. Move it, or choose another output path."
            )
        for ancestor in (self.output.parent, *self.output.parent.parents):
            if ancestor.exists():
                if not ancestor.is_dir():
                    raise ConfigurationError(
                        f"Cannot write the output {str(self.output)!r}: "
                        f"{str(ancestor)!r} is a file, not a folder. Choose a path "
                        "in a folder."
                    )
                break
        for source in inputs:
            for path in (*self.paths.values(), self.manifest):
                if _same_file(source, path):
                    raise ConfigurationError(
                        f"The output {str(path)!r} is the input {str(source)!r}: "
                        "scoring would overwrite it. Choose another output path, "
                        "e.g. 'scores.parquet'."
                    )

    def _committed(self) -> set[str]:
        folder = self.parts / "reviews"
        if not folder.is_dir():
            return set()
        return {p.stem for p in folder.glob(f"part-*.{self.fmt}")}

    def _refusal(self, path: Path, reason: str) -> ConfigurationError:
        stem = self.paths["aspects"].with_suffix("").name
        return ConfigurationError(
            f"Cannot resume into {str(path)!r}: {reason}. Resuming would mix its rows "
            f"with this run's or skip reviews it does not hold. Delete it (and the "
            f"files beside it named {stem}.*), choose another output path, or pass "
            "resume=False (reviewkit score --no-resume) to overwrite it."
        )

    def _check_owner(self) -> None:
        """Refuse to resume into files that are not an earlier run of this one."""
        record = _read_json(self.parts / MANIFEST)
        from_parts = _mismatches(record, self.record)
        if self._committed():
            if from_parts is None:
                raise self._refusal(
                    self.parts,
                    "it holds parts without a record of the run that wrote them",
                )
            if from_parts:
                raise self._refusal(self.parts, "; ".join(from_parts))
        existing = [p for p in self.paths.values() if p.exists()]
        if not existing:
            return
        from_manifest = _mismatches(_read_json(self.manifest), self.record)
        if from_manifest == [] or from_parts == []:
            return  # a finished run, or one killed while merging its parts
        if from_manifest:
            raise self._refusal(existing[0], "; ".join(from_manifest))
        if from_parts:
            raise self._refusal(existing[0], "; ".join(from_parts))
        raise self._refusal(
            existing[0],
            f"reviewkit did not write it (there is no {self.manifest.name} beside it)",
        )

    def _prepare_folder(self) -> None:
        folder = self.output.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unwritable(exc) from exc
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ConfigurationError(
                f"Cannot write the output {str(self.output)!r}: the folder "
                f"{str(folder)!r} is not writable. Choose a folder you can write to."
            )

    # -- starting --

    def _part(self, level: str, number: int) -> Path:
        return self.parts / level / f"part-{number:06d}.{self.fmt}"

    def _discard_parts(self) -> None:
        """Delete the parts folder atomically: renamed away first, then deleted.

        A run killed while deleting leaves only the renamed folder, which the
        next run deletes; never half a set of committed parts.
        """
        shutil.rmtree(self.trash, ignore_errors=True)
        if self.parts.exists():
            os.rename(self.parts, self.trash)
            shutil.rmtree(self.trash, ignore_errors=True)

    def _clear(self) -> None:
        """Start afresh: the parts, then the final files (reviews first)."""
        self._discard_parts()
        for level in ("reviews", *(lv for lv in LEVELS if lv != "reviews")):
            self.paths[level].unlink(missing_ok=True)
        self.manifest.unlink(missing_ok=True)

    def _merged(self) -> bool:
        """Whether the final reviews file already holds the committed parts.

        finish() records the identity of the merged reviews file just before
        renaming it into place, and it merges that level last: when the final
        file is that file, every level holds the parts.
        """
        marker = _read_json(self.parts / MERGED)
        target = self.paths["reviews"]
        if not isinstance(marker, Mapping) or not target.exists():
            return False
        return bool(marker == _identity(target))

    def _recover(self) -> None:
        """Drop uncommitted parts; count the ids already written."""
        shutil.rmtree(self.trash, ignore_errors=True)
        for path in self.paths.values():
            path.with_name(path.name + ".tmp").unlink(missing_ok=True)
        if self._merged():
            self._discard_parts()
        committed = self._committed()
        for level in LEVELS:
            folder = self.parts / level
            if not folder.exists():
                continue
            for path in folder.iterdir():
                if path.name.endswith(".tmp") or path.stem not in committed:
                    path.unlink()
        (self.parts / MERGED).unlink(missing_ok=True)
        if committed:
            self.next_part = max(int(name.split("-")[1]) for name in committed) + 1
            for name in sorted(committed):
                path = self.parts / "reviews" / f"{name}.{self.fmt}"
                ids = self._read(path, [KEY, "status"])
                keys = ids[KEY].astype(str)
                self.done.update(keys)
                self.in_parts.update(keys[ids["status"].astype(str) == "ok"])
        final = self.paths["reviews"]
        if final.exists():
            self.done.update(self._read(final, [KEY])[KEY].astype(str))

    def _start(self) -> None:
        self.parts.mkdir(exist_ok=True)
        record = self.parts / MANIFEST
        if _read_json(record) != self.record:
            record.write_text(json.dumps(self.record, indent=2), encoding="utf-8")

    def _read(self, path: Path, columns: list[str] | None = None) -> pd.DataFrame:
        if self.fmt == "parquet":
            return pd.read_parquet(path, columns=columns)
        return pd.read_csv(
            path,
            usecols=columns,
            dtype={KEY: str},
            keep_default_na=False,
            na_values=[""],
        )

    # -- writing --

    def write(self, frames: Mapping[str, pd.DataFrame]) -> None:
        """Commit one chunk: every level, the ``reviews`` part last."""
        number = self.next_part
        self.next_part += 1
        for level in (*[lv for lv in LEVELS if lv != "reviews"], "reviews"):
            path = self._part(level, number)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            frame = frames[level]
            if self.fmt == "parquet":
                frame.to_parquet(tmp, index=False)
            else:
                frame.to_csv(tmp, index=False, lineterminator="\n")
            os.replace(tmp, path)
        reviews = frames["reviews"]
        self.in_parts.update(reviews.loc[reviews["status"] == "ok", KEY].astype(str))

    def finish(self, meta: Sequence[str], dtypes: Mapping[str, Any]) -> dict[str, Path]:
        """Merge committed parts (and a previous final file) into the final files.

        Safe to run again after a kill at any point. The reviews level is
        merged last, its identity recorded first (see `_merged`); rows of a
        previous final file of another level whose ids were analysed in the
        parts are dropped, as the parts hold them (a final file replaced before
        the kill already holds the parts' rows). The parts folder is renamed
        away before it is deleted.
        """
        if self.fmt == "parquet":
            dtypes = self._joined_dtypes(meta, dtypes)
        in_parts = frozenset(self.in_parts)
        for level in (*[lv for lv in LEVELS if lv != "reviews"], "reviews"):
            target = self.paths[level]
            parts = (
                sorted((self.parts / level).glob(f"part-*.{self.fmt}"))
                if (self.parts / level).exists()
                else []
            )
            if not parts and target.exists():
                continue
            sources = ([target] if target.exists() else []) + parts
            tmp = target.with_name(target.name + ".tmp")
            stale = in_parts if target.exists() and level != "reviews" else frozenset()
            if self.fmt == "parquet":
                self._merge_parquet(level, sources, tmp, meta, dtypes, stale)
            else:
                self._merge_csv(level, sources, tmp, meta, dtypes, stale)
            if level == "reviews":
                marker = self.parts / MERGED
                marker.write_text(json.dumps(_identity(tmp)), encoding="utf-8")
            os.replace(tmp, target)
        _write_manifest(self.paths, meta, self.record["run"])
        self._discard_parts()
        return dict(self.paths)

    def _joined_dtypes(
        self, meta: Sequence[str], dtypes: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Metadata dtypes that hold the values of every source file.

        A column whose values changed type part-way (see `_settle_dtypes`), in
        this run or an earlier one, is written as Float64 (numbers) or text.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        joined = dict(dtypes)
        final = self.paths["reviews"]
        folder = self.parts / "reviews"
        sources = ([final] if final.exists() else []) + (
            sorted(folder.glob("part-*.parquet")) if folder.exists() else []
        )
        schemas = [pq.read_schema(source) for source in sources]
        wanted = pa.Schema.from_pandas(
            empty_frame("reviews", meta, dtypes), preserve_index=False
        )
        for name in meta:
            kinds = {_arrow_kind(wanted.field(name).type)}
            for schema in schemas:
                if name in schema.names and not pa.types.is_null(
                    schema.field(name).type
                ):
                    kinds.add(_arrow_kind(schema.field(name).type))
            if len(kinds) > 1:
                joined[name] = (
                    pd.Float64Dtype() if kinds <= {"int", "float"} else STRING
                )
        return joined

    @staticmethod
    def _merge_parquet(
        level: str,
        sources: list[Path],
        tmp: Path,
        meta: Sequence[str],
        dtypes: Mapping[str, Any],
        stale: frozenset[str] = frozenset(),
    ) -> None:
        """Concatenate ``sources``, dropping ``stale`` ids from the first one."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        schema = pa.Schema.from_pandas(
            empty_frame(level, meta, dtypes), preserve_index=False
        )
        with pq.ParquetWriter(tmp, schema) as writer:
            for index, source in enumerate(sources):
                table = pq.read_table(source)
                if index == 0 and stale:
                    ids = table[KEY].cast(pa.string())
                    table = table.filter(
                        pc.invert(pc.is_in(ids, value_set=pa.array(sorted(stale))))
                    )
                writer.write_table(_conform(table, schema, source))

    @staticmethod
    def _merge_csv(
        level: str,
        sources: list[Path],
        tmp: Path,
        meta: Sequence[str],
        dtypes: Mapping[str, Any],
        stale: frozenset[str] = frozenset(),
    ) -> None:
        """Concatenate ``sources``, dropping ``stale`` ids from the first one."""
        columns = [str(c) for c in empty_frame(level, meta, dtypes).columns]
        with tmp.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)  # quoted as needed: "where, when"
            for index, source in enumerate(sources):
                with source.open(encoding="utf-8", newline="") as handle:
                    header = next(csv.reader(handle), None)
                    if header is None:
                        continue
                    if header != columns:
                        raise _foreign_columns(source, header, columns)
                    if index == 0 and stale:  # the key is the first column
                        writer.writerows(
                            row
                            for row in csv.reader(handle)
                            if not row or row[0] not in stale
                        )
                    else:
                        shutil.copyfileobj(handle, out)


def _identity(path: Path) -> dict[str, int]:
    """What tells one file from another: a rename keeps all three."""
    stat = path.stat()
    return {"inode": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _foreign_columns(
    path: Path, columns: Sequence[str], expected: Sequence[str]
) -> ConfigurationError:
    return ConfigurationError(
        f"{str(path)!r} has the columns {', '.join(map(str, columns))}; this run "
        f"writes {', '.join(expected)}. It was not written by this run: delete it, "
        "or pass resume=False (reviewkit score --no-resume) to start afresh."
    )


def _conform(table: Any, schema: Any, source: Path) -> Any:
    """A part or final table in the merged file's schema.

    Metadata that became text part-way is converted as Python prints it, as
    the in-memory frames do.
    """
    import pyarrow as pa

    if table.schema == schema:
        return table
    if table.schema.names != schema.names:
        raise _foreign_columns(source, table.schema.names, schema.names)
    columns = []
    for target in schema:
        column = table.column(target.name)
        if column.type != target.type:
            as_text = _arrow_kind(target.type) == "string"
            if as_text and _arrow_kind(column.type) != "string":
                column = pa.array(
                    [None if v is None else str(v) for v in column.to_pylist()],
                    type=target.type,
                )
            else:
                column = column.cast(target.type)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)


# -- the result --


@dataclass
class CorpusStats:
    """How a run went.

    Attributes:
        records: Input records seen in this run.
        analysed: Records analysed successfully.
        failed: Records that became error rows.
        skipped: Records skipped because an earlier run already wrote them.
        seconds: Wall-clock time of the run.
    """

    records: int = 0
    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Reviews per second."""
        done = self.analysed + self.failed
        return done / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        parts = [f"{self.analysed} analysed", f"{self.failed} failed"]
        if self.skipped:
            parts.append(f"{self.skipped} already done")
        return (
            f"{self.records} records: {', '.join(parts)} in {self.seconds:.1f} s "
            f"({self.rate:.0f} reviews/s)"
        )


@dataclass
class CorpusResult:
    """Tidy frames of a scored corpus, in memory or backed by written files.

    Attributes:
        meta: The metadata column names carried to every level.
        stats: How the run went.
        paths: Files per level when the run wrote to disk, else None.
    """

    meta: tuple[str, ...]
    stats: CorpusStats
    paths: dict[str, Path] | None = None
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _run: dict[str, Any] | None = field(default=None, repr=False)

    def frame(self, level: str) -> pd.DataFrame:
        """The frame of one level, read from disk on first use if written.

        Args:
            level: ``reviews``, ``sections``, ``sentences``, ``mentions`` or
                ``aspects``.

        Returns:
            The frame.
        """
        if level not in LEVELS:
            raise ConfigurationError(
                f"level must be one of {', '.join(LEVELS)}; got {level!r}."
            )
        if level not in self._frames:
            assert self.paths is not None
            path = self.paths[level]
            self._frames[level] = (
                pd.read_parquet(path)
                if path.suffix == ".parquet"
                else read_csv_frame(path, level, self.meta)
            )
        return self._frames[level]

    @property
    def reviews(self) -> pd.DataFrame:
        """One row per input record (``status`` and ``error`` say how it went)."""
        return self.frame("reviews")

    @property
    def sections(self) -> pd.DataFrame:
        """One row per section."""
        return self.frame("sections")

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence."""
        return self.frame("sentences")

    @property
    def mentions(self) -> pd.DataFrame:
        """One row per aspect mention."""
        return self.frame("mentions")

    @property
    def aspects(self) -> pd.DataFrame:
        """One row per review and aspect mentioned."""
        return self.frame("aspects")

    @property
    def failures(self) -> pd.DataFrame:
        """The records that could not be analysed, with the reason."""
        reviews = self.reviews
        failed: pd.DataFrame = reviews.loc[
            reviews["status"] == "error", [KEY, *self.meta, "error"]
        ]
        return failed

    def frames(self) -> dict[str, pd.DataFrame]:
        """All five frames."""
        return {level: self.frame(level) for level in LEVELS}

    def to_parquet(self, path: str | Path) -> dict[str, Path]:
        """Write the frames as ``path`` (review x aspect) and siblings per level."""
        return self._write(Path(path).with_suffix(".parquet"))

    def to_csv(self, path: str | Path) -> dict[str, Path]:
        """Write the frames as CSV: ``path`` (review x aspect) and siblings."""
        return self._write(Path(path).with_suffix(".csv"))

    def _write(self, output: Path) -> dict[str, Path]:
        paths, _, fmt = _output_paths(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        for level, path in paths.items():
            frame = self.frame(level)
            if fmt == "parquet":
                frame.to_parquet(path, index=False)
            else:
                frame.to_csv(path, index=False, lineterminator="\n")
        _write_manifest(paths, self.meta, self._run)
        return paths

    def summary(self) -> str:
        """A short text report: counts and the first failures."""
        lines = [str(self.stats)]
        failures = self.failures
        lines.extend(
            f"  {getattr(row, KEY)}: {row.error}"
            for row in failures.head(10).itertuples(index=False)
        )
        if len(failures) > 10:
            lines.append(f"  ... and {len(failures) - 10} more (see result.failures)")
        return "\n".join(lines)


def read_csv_frame(path: Path, level: str, meta: Sequence[str]) -> pd.DataFrame:
    """Read a level written as CSV back with its pinned dtypes."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    template = empty_frame(level, meta)
    for column, dtype in template.dtypes.items():
        if column not in frame.columns:
            continue
        if column in meta and column != "show":
            continue  # metadata read from CSV stays text
        values = frame[column]
        if str(dtype) in ("bool", "boolean"):
            values = values.map({"True": True, "False": False})
        elif str(dtype) in ("int32", "int64", "Int32", "Int64", "float64", "Float64"):
            values = pd.to_numeric(values)
        frame[column] = values.astype(dtype)
    return frame


# -- the run --


def _frames_from_rows(
    rows: Rows, meta: Sequence[str], dtypes: Mapping[str, Any]
) -> dict[str, pd.DataFrame]:
    return {
        level: rows_to_frame(level, rows.keys[level], rows.data[level], meta, dtypes)
        for level in LEVELS
    }


def _settings(
    *,
    model: str,
    aspects: Any,
    headings: Any,
    sentiment: Any,
    format: str,
    backend: Backend = "vader",
) -> Settings:
    def plain(value: Any, kind: Any, default: Any) -> Any:
        if value is None:
            return default
        if isinstance(value, kind):
            return value.to_dict()
        return str(value)

    return Settings(
        model=model,
        aspects=plain(aspects, AspectLexicon, DEFAULT_LEXICON),
        headings=plain(headings, HeadingVocabulary, DEFAULT_HEADINGS),
        sentiment=plain(sentiment, SentimentLexicon, None)
        if sentiment is not None
        else None,
        format=format,
        backend=backend,
    )


def score_corpus(
    source: Any,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    meta_cols: Sequence[str] | None = None,
    format: str = "auto",
    n_process: int = 1,
    batch_size: int = 256,
    progress: bool = True,
    output: str | Path | None = None,
    resume: bool = True,
    nlp: Any = None,
    aspects: str | Path | AspectLexicon | None = None,
    headings: str | Path | HeadingVocabulary | None = None,
    sentiment: str | Path | SentimentLexicon | None = DEFAULT_SENTIMENT,
    model: str = "blank:en",
    start_method: str | None = None,
    backend: Backend = "vader",
) -> CorpusResult:
    """Score a corpus of reviews into tidy frames.

    Memory stays flat on long runs: after a pipeline's first 5,000 reviews
    (which warm spaCy's tokenizer cache), each batch runs in a spaCy memory
    zone (`Language.memory_zone`), so the strings and lexemes of words first
    seen in a batch are freed with it instead of piling up in the vocabulary.

    Args:
        source: A folder of ``.txt``/``.md``/``.html`` reviews (metadata from a
            ``metadata.csv``/``.jsonl``/``.json`` sidecar with a ``file``
            column), a CSV/TSV/JSONL/Parquet path, a pandas DataFrame, or an
            iterable of texts or of records (mappings). Not a dict: pass
            ``pd.DataFrame(data)`` for a dict of columns.
        text_col: Column (or key) holding the review text (not for a folder,
            whose files are the texts).
        id_col: Column holding unique review ids; by default a column named
            ``review_id`` if there is one, else records are numbered by
            position (files are named by their path). For a folder it names a
            sidecar column. Whole-number floats are written as ints (``4.0``
            is ``"4"``).
        meta_cols: Metadata columns to carry to every level (a list; for a
            folder, sidecar columns); by default all columns but the text and
            id. Names that clash with reviewkit's columns are prefixed
            ``meta_`` (with a number if that is taken too). A ``show`` column
            is always there, taken from each review's title where the metadata
            has no show. Dtypes come from the first chunk; a later value of
            another type makes the column Float64 or text, with a warning.
        format: ``"auto"``, ``"text"``, ``"markdown"`` or ``"html"``.
        n_process: Worker processes (1 analyses in this process).
        batch_size: Records per chunk (the unit of progress, parallelism and
            committed output).
        progress: Show a progress bar (tqdm, on stderr) with reviews per second
            and a summary of failures at the end.
        output: ``path.parquet`` or ``path.csv`` to stream the frames to disk:
            ``path`` holds the review x aspect table, ``path.<level>.<ext>``
            the others. Without it the frames stay in memory.
        resume: With ``output``, skip the records an earlier (interrupted) run
            of the same input already wrote. The earlier run must also have
            analysed the same way: the same ``model`` (or an ``nlp`` pipeline
            with the same components, lexicons and learned models),
            ``backend``, ``format``, and ``aspects``, ``headings`` and
            ``sentiment`` of the same content (a lexicon of the same name with
            other terms counts as another). Output files that another run, or
            not reviewkit, wrote are refused with a `ConfigurationError` that
            names what differs; False starts afresh, deleting the output's
            files (never the input).
        nlp: A pipeline from `reviewkit.load` to use instead of building one.
        aspects: Aspect lexicon (name, path or `AspectLexicon`).
        headings: Heading vocabulary (name, path or `HeadingVocabulary`).
        sentiment: Domain layer (name, path, `SentimentLexicon`, None for VADER).
        model: spaCy model for the pipeline (``"blank:en"`` or an installed one).
        start_method: Multiprocessing start method (default: the platform's).
        backend: ``"vader"`` (rules, fastest), ``"model"`` or ``"blend"``
            (learned models too; see `reviewkit.load`). Ignored with ``nlp``.

    Returns:
        A `CorpusResult` with ``reviews``, ``sections``, ``sentences``,
        ``mentions`` and ``aspects`` frames.

    Raises:
        ColumnError: If ``text_col``, ``id_col`` or a metadata column is missing.
        InputError: If a path does not exist or cannot be read.
        ConfigurationError: If an option is invalid (checked, and the pipeline
            built, before anything is scored or written), or ``output`` cannot
            be written, is the input, or holds files of another run.
        TypeError: If ``source`` is not something reviewkit can read.
    """
    n_process = _whole_number("n_process", n_process)
    batch_size = _whole_number("batch_size", batch_size)
    if format not in FORMATS:
        raise ConfigurationError(
            f"The 'format' argument must be one of {', '.join(map(repr, FORMATS))}; "
            f"got {format!r}."
        )
    if meta_cols is not None:
        meta_cols = _column_list(meta_cols)
    if output is not None:
        _output_paths(Path(output))  # a bad suffix fails before any work
    settings = _settings(
        model=model,
        aspects=aspects,
        headings=headings,
        sentiment=sentiment,
        format=format,
        backend=backend,
    )
    # Built here even for worker processes: a bad option fails once, clearly,
    # before anything is written, not as error rows or a broken process pool.
    pipeline = nlp if nlp is not None else _pipeline(settings)
    opened = _open_source(
        source,
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        chunk_size=batch_size,
    )
    run = _run_record(source, opened, text_col, _analysis_record(settings, nlp))
    writer = (
        _PartsWriter(
            Path(output),
            resume,
            meta=opened.meta,
            run=run,
            inputs=_input_paths(source),
        )
        if output is not None
        else None
    )
    stats = CorpusStats()
    started = time.perf_counter()
    collected = Rows()
    # Committed rows per id not yet matched to an input record: a resumed run
    # skips as many records of an id as an earlier run wrote (duplicates too).
    remaining: Counter[str] = Counter(writer.done) if writer else Counter()
    seen: dict[str, int] = {}
    bar = _progress(progress, opened.total)

    def prepared(chunk: list[Record]) -> list[Record]:
        out = []
        for record in chunk:
            position = stats.records
            stats.records += 1
            if remaining[record.review_id] > 0:
                remaining[record.review_id] -= 1
                seen.setdefault(record.review_id, position)
                stats.skipped += 1
                continue
            if record.review_id in seen:
                record = Record(
                    record.review_id,
                    None,
                    record.meta,
                    f"Duplicate review_id {record.review_id!r} (first seen in record "
                    f"{seen[record.review_id]}); ids must be unique. This record was "
                    "not analysed.",
                )
            else:
                seen[record.review_id] = position
            out.append(record)
        return out

    def consume(rows: Rows) -> None:
        failed = sum(1 for row in rows.data["reviews"] if row[0] == "error")
        stats.failed += failed
        stats.analysed += len(rows) - failed
        _settle_dtypes(rows, opened.meta, opened.dtypes)
        if writer is not None:
            writer.write(_frames_from_rows(rows, opened.meta, opened.dtypes))
        else:
            collected.extend(rows)
        if bar is not None:
            bar.update(len(rows))

    chunks = (prepared(chunk) for chunk in opened.chunks)
    try:
        if n_process == 1:
            for chunk in chunks:
                if chunk:
                    consume(score_chunk(chunk, settings, pipeline))
        else:
            _run_parallel(chunks, settings, nlp, n_process, start_method, consume)
    finally:
        if bar is not None:
            bar.close()
    stats.seconds = time.perf_counter() - started
    meta = tuple(opened.meta)
    if writer is not None:
        paths = writer.finish(opened.meta, opened.dtypes)
        result = CorpusResult(meta=meta, stats=stats, paths=paths, _run=run)
    else:
        frames = _frames_from_rows(collected, opened.meta, opened.dtypes)
        result = CorpusResult(meta=meta, stats=stats, _frames=frames, _run=run)
    _report(result, progress)
    return result


def _whole_number(name: str, value: Any) -> int:
    """An option that must be a whole number of at least 1."""
    try:
        number = operator.index(value)
    except TypeError:
        number = None
    if number is None or isinstance(value, bool):
        raise ConfigurationError(
            f"{name} must be a whole number of at least 1; got {value!r} "
            f"({type(value).__name__}). Pass a whole number, e.g. {name}=2."
        )
    if number < 1:
        raise ConfigurationError(f"{name} must be at least 1; got {number}.")
    return number


def _settle_dtypes(rows: Rows, meta: Sequence[str], dtypes: dict[str, Any]) -> None:
    """Widen the dtype of a metadata column that a value of this chunk misfits.

    Dtypes are chosen from the first chunk; a later value of another type
    (``"five"`` among star ratings) makes the column Float64 (a fraction among
    whole numbers) or text for the whole run, with a warning, instead of
    crashing the batch.
    """
    keys = rows.keys["reviews"]
    for index, name in enumerate(meta, start=1):
        dtype = dtypes.get(name, STRING)
        if dtype == STRING or not keys:
            continue
        values = [key[index] for key in keys]
        bad, value = misfit(values, dtype)
        if not bad:
            continue
        wider = widen(values, dtype)
        dtypes[name] = wider
        warn(
            f"The metadata column {name!r} held {dtype} values in the first records, "
            f"but a later record has {value!r} ({type(value).__name__}); the column "
            f"is carried as {'Float64' if wider != STRING else 'text (string)'} for "
            "the whole run, so nothing is lost. Convert the column first to choose "
            "its type."
        )


def _run_parallel(
    chunks: Iterator[list[Record]],
    settings: Settings,
    nlp: Any,
    n_process: int,
    start_method: str | None,
    consume: Any,
) -> None:
    """Score chunks in worker processes, in order, with bounded look-ahead."""
    import pickle

    context = multiprocessing.get_context(start_method)
    payload = pickle.dumps(nlp) if nlp is not None else None
    with ProcessPoolExecutor(
        max_workers=n_process,
        mp_context=context,
        initializer=_init_worker,
        initargs=(settings, payload),
    ) as pool:
        pending: deque[Future[Rows]] = deque()
        for chunk in chunks:
            if not chunk:
                continue
            pending.append(pool.submit(_worker_chunk, chunk))
            while len(pending) >= 2 * n_process:
                consume(pending.popleft().result())
        while pending:
            consume(pending.popleft().result())


def _progress(enabled: bool, total: int | None) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(
        total=total,
        unit="review",
        desc="reviewkit",
        file=sys.stderr,
        dynamic_ncols=True,
    )


def _report(result: CorpusResult, progress: bool) -> None:
    stats = result.stats
    logger.info("%s", stats)
    if stats.failed:
        logger.warning(
            "%d of %d records could not be analysed", stats.failed, stats.records
        )
    if progress:
        from tqdm.auto import tqdm

        tqdm.write(result.summary(), file=sys.stderr)

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
  resumes, skipping the review ids already committed;
- memory stays bounded by the chunk size when streaming to disk: parts are
  merged into the final files part by part.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import math
import multiprocessing
import os
import shutil
import sys
import time
import warnings
import weakref
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from reviewkit._blend import Backend
from reviewkit._frames import (
    KEY,
    LEVELS,
    RESERVED,
    STRING,
    Rows,
    empty_frame,
    error_rows,
    meta_dtype,
    review_rows,
    rows_to_frame,
)
from reviewkit._lexicon import DEFAULT_LEXICON, AspectLexicon
from reviewkit._readers import bom_encoding
from reviewkit._sentiment import DEFAULT_SENTIMENT, SentimentLexicon
from reviewkit._vocab import DEFAULT_HEADINGS, HeadingVocabulary
from reviewkit.errors import (
    ColumnError,
    ConfigurationError,
    InputError,
    ReviewkitError,
    ReviewkitWarning,
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
        review = analyze_with(pipeline, record.text, format=format)
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
        id_col: The id column; without one, rows are numbered, prefixed with
            ``partition`` (``"p3-0"``) when it is given so ids stay unique.
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
    first: int | str = 0 if partition is None else f"p{partition}"
    records = records_from_frame(frame, text_col, id_col, columns, first)
    frames = _frames_from_rows(score_chunk(records, settings), names, dtypes)
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

    return _Source(names, dtypes, total, chunks(), chosen)


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
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f"row-{position}"
    return str(value)


def _meta_names(columns: Sequence[Any]) -> list[str]:
    names = []
    renamed = []
    for column in columns:
        name = str(column)
        if name in RESERVED and name not in ("show", KEY):
            renamed.append(name)
            name = f"meta_{name}"
        names.append(name)
    if renamed:
        warnings.warn(
            f"Metadata column(s) {', '.join(map(repr, renamed))} have the names of "
            "reviewkit's own columns and are carried as "
            f"{', '.join(f'meta_{n}' for n in renamed)}. Rename them, or choose "
            "meta_cols=, to avoid this.",
            ReviewkitWarning,
            stacklevel=4,
        )
    return names


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
    return first, _chain(first, reader), True


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


def _folder_source(folder: Path, chunk_size: int) -> _Source:
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
    sidecar = _sidecar(folder)
    meta_cols: list[str] = []
    by_file: dict[str, dict[str, Any]] = {}
    if sidecar is not None:
        meta_cols = [c for c in sidecar.columns if c not in ("file", "path", KEY)]
        rows: list[dict[str, Any]] = sidecar.to_dict("records")  # type: ignore[assignment]
        for row in rows:
            name = row.get("file") or row.get("path")
            if name is not None:
                by_file[str(name)] = row
    meta_cols, names = _show_first(list(meta_cols), _meta_names(meta_cols))
    meta_cols = ["show" if c is None else c for c in meta_cols]
    dtypes = dict.fromkeys(names, STRING)
    if sidecar is not None:
        for column, name in zip(meta_cols, names, strict=True):
            if column in sidecar.columns and name != "show":
                dtypes[name] = meta_dtype(sidecar[column])

    def chunks() -> Iterator[list[Record]]:
        batch: list[Record] = []
        for path in files:
            relative = path.relative_to(folder).as_posix()
            row = by_file.get(relative) or by_file.get(path.name) or {}
            review_id = str(row.get(KEY) or relative)
            meta = tuple(row.get(c) for c in meta_cols)
            batch.append(Record(review_id=review_id, text=path, meta=meta))
            if len(batch) >= chunk_size:
                yield batch
                batch = []
        if batch:
            yield batch

    return _Source(names, dtypes, len(files), chunks())


def _sidecar(folder: Path) -> pd.DataFrame | None:
    for name in SIDECARS:
        path = folder / name
        if path.exists():
            try:
                encoding = _text_encoding(path)
                if name.endswith(".csv"):
                    return pd.read_csv(
                        path,
                        dtype=str,
                        keep_default_na=False,
                        na_values=[""],
                        encoding=encoding,
                    )
                return pd.read_json(
                    path, lines=name.endswith(".jsonl"), dtype=False, encoding=encoding
                )
            except (ValueError, OSError) as exc:
                raise _table_error(path, exc) from exc
    return None


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
    if records_like and meta_cols is None:
        meta_cols = list(
            dict.fromkeys(
                k for r in records_like for k in r if k not in (text_col, id_col)
            )
        )
    chosen, names = _show_first(list(meta_cols or []), _meta_names(meta_cols or []))
    chosen = ["show" if c is None else c for c in chosen]
    dtypes = dict.fromkeys(names, STRING)
    for column, name in zip(chosen, names, strict=True):
        if records_like and column != "show":
            dtypes[name] = meta_dtype(r.get(column) for r in records_like)

    def chunks() -> Iterator[list[Record]]:
        batch: list[Record] = []
        for position, item in enumerate(_chain_items(head, iterator)):
            if isinstance(item, Mapping):
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

    return _Source(names, dtypes, None, chunks())


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
            return _folder_source(path, chunk_size)
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


def _write_manifest(paths: Mapping[str, Path], meta: Sequence[str]) -> Path:
    """Record which file holds which level, beside the aspects file."""
    main = paths["aspects"]
    manifest = main.with_name(f"{main.with_suffix('').name}.{MANIFEST}")
    data = {
        "levels": {level: paths[level].name for level in LEVELS},
        "meta": list(meta),
    }
    manifest.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return manifest


class _PartsWriter:
    """Writes each chunk as committed part files; merges them at the end."""

    def __init__(self, output: Path, resume: bool) -> None:
        self.paths, self.parts, self.fmt = _output_paths(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        if not resume:
            shutil.rmtree(self.parts, ignore_errors=True)
            for path in self.paths.values():
                path.unlink(missing_ok=True)
        self.done: set[str] = set()
        # Ids in committed parts: never in a previous final file, unless a run
        # killed inside finish() had already merged them into it.
        self.in_parts: set[str] = set()
        self.meta_columns: list[str] | None = None
        self.next_part = 0
        self._recover()

    def _part(self, level: str, number: int) -> Path:
        return self.parts / level / f"part-{number:06d}.{self.fmt}"

    def _recover(self) -> None:
        """Drop uncommitted parts; collect the ids already written."""
        committed: set[str] = set()
        if (self.parts / "reviews").exists():
            committed = {
                p.stem for p in (self.parts / "reviews").glob(f"part-*.{self.fmt}")
            }
        for level in LEVELS:
            folder = self.parts / level
            if not folder.exists():
                continue
            for path in folder.iterdir():
                if path.name.endswith(".tmp") or path.stem not in committed:
                    path.unlink()
        if committed:
            self.next_part = max(int(name.split("-")[1]) for name in committed) + 1
            for name in committed:
                ids = self._read(self.parts / "reviews" / f"{name}.{self.fmt}", [KEY])
                self.done.update(ids[KEY].astype(str))
                self.in_parts.update(ids[KEY].astype(str))
        final = self.paths["reviews"]
        if final.exists():
            self.done.update(self._read(final, [KEY])[KEY].astype(str))

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
                frame.to_csv(tmp, index=False)
            os.replace(tmp, path)
        self.in_parts.update(frames["reviews"][KEY].astype(str))

    def finish(self, meta: Sequence[str], dtypes: Mapping[str, Any]) -> dict[str, Path]:
        """Merge committed parts (and a previous final file) into the final files.

        Safe to run again after a kill at any point: rows of a previous final
        file whose ids are in the parts are dropped, as the parts hold them (a
        final file replaced before the kill already holds the parts' rows).
        """
        in_parts = frozenset(self.in_parts)
        for level in LEVELS:
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
            stale = in_parts if target.exists() else frozenset()
            if self.fmt == "parquet":
                self._merge_parquet(level, sources, tmp, meta, dtypes, stale)
            else:
                self._merge_csv(level, sources, tmp, meta, dtypes, stale)
            os.replace(tmp, target)
        shutil.rmtree(self.parts, ignore_errors=True)
        _write_manifest(self.paths, meta)
        return dict(self.paths)

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
                writer.write_table(
                    table.cast(schema) if table.schema != schema else table
                )

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
        import csv

        header = ",".join(empty_frame(level, meta, dtypes).columns) + "\n"
        with tmp.open("w", encoding="utf-8", newline="") as out:
            out.write(header)
            for index, source in enumerate(sources):
                with source.open(encoding="utf-8", newline="") as handle:
                    handle.readline()
                    if index == 0 and stale:  # the key is the first column
                        csv.writer(out, lineterminator="\n").writerows(
                            row
                            for row in csv.reader(handle)
                            if not row or row[0] not in stale
                        )
                    else:
                        shutil.copyfileobj(handle, out)


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
                frame.to_csv(path, index=False)
        _write_manifest(paths, self.meta)
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
            iterable of texts or of records (mappings).
        text_col: Column (or key) holding the review text.
        id_col: Column holding unique review ids; by default records are
            numbered by position (files are named by their path).
        meta_cols: Metadata columns to carry to every level; by default all
            columns but the text and id. Names that clash with reviewkit's
            columns are prefixed ``meta_``. A ``show`` column is always there,
            taken from each review's title where the metadata has no show.
        format: ``"auto"``, ``"text"``, ``"markdown"`` or ``"html"``.
        n_process: Worker processes (1 analyses in this process).
        batch_size: Records per chunk (the unit of progress, parallelism and
            committed output).
        progress: Show a progress bar (tqdm, on stderr) with reviews per second
            and a summary of failures at the end.
        output: ``path.parquet`` or ``path.csv`` to stream the frames to disk:
            ``path`` holds the review x aspect table, ``path.<level>.<ext>``
            the others. Without it the frames stay in memory.
        resume: With ``output``, skip review ids an earlier (interrupted) run
            already wrote; False starts afresh.
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
        ConfigurationError: If an option is invalid.
        TypeError: If ``source`` is not something reviewkit can read.
    """
    if n_process < 1:
        raise ConfigurationError(f"n_process must be at least 1; got {n_process}.")
    if batch_size < 1:
        raise ConfigurationError(f"batch_size must be at least 1; got {batch_size}.")
    settings = _settings(
        model=model,
        aspects=aspects,
        headings=headings,
        sentiment=sentiment,
        format=format,
        backend=backend,
    )
    opened = _open_source(
        source,
        text_col=text_col,
        id_col=id_col,
        meta_cols=meta_cols,
        chunk_size=batch_size,
    )
    writer = _PartsWriter(Path(output), resume) if output is not None else None
    stats = CorpusStats()
    started = time.perf_counter()
    collected = Rows()
    seen: dict[str, int] = dict.fromkeys(writer.done, -1) if writer else {}
    bar = _progress(progress, opened.total)

    def prepared(chunk: list[Record]) -> list[Record]:
        out = []
        for record in chunk:
            stats.records += 1
            if writer is not None and record.review_id in writer.done:
                stats.skipped += 1
                continue
            if record.review_id in seen:
                first = seen[record.review_id]
                where = "an earlier run" if first < 0 else f"record {first}"
                record = Record(
                    record.review_id,
                    None,
                    record.meta,
                    f"Duplicate review_id {record.review_id!r} (first seen in "
                    f"{where}); ids must be unique. This record was not analysed.",
                )
            else:
                seen[record.review_id] = stats.records - 1
            out.append(record)
        return out

    def consume(rows: Rows) -> None:
        failed = sum(1 for row in rows.data["reviews"] if row[0] == "error")
        stats.failed += failed
        stats.analysed += len(rows) - failed
        if writer is not None:
            writer.write(_frames_from_rows(rows, opened.meta, opened.dtypes))
        else:
            collected.extend(rows)
        if bar is not None:
            bar.update(len(rows))

    chunks = (prepared(chunk) for chunk in opened.chunks)
    try:
        if n_process == 1:
            pipeline = nlp if nlp is not None else _pipeline(settings)
            for chunk in chunks:
                if chunk:
                    consume(score_chunk(chunk, settings, pipeline))
        else:
            _run_parallel(chunks, settings, nlp, n_process, start_method, consume)
    finally:
        if bar is not None:
            bar.close()
    stats.seconds = time.perf_counter() - started
    if writer is not None:
        paths = writer.finish(opened.meta, opened.dtypes)
        result = CorpusResult(meta=tuple(opened.meta), stats=stats, paths=paths)
    else:
        frames = _frames_from_rows(collected, opened.meta, opened.dtypes)
        result = CorpusResult(meta=tuple(opened.meta), stats=stats, _frames=frames)
    _report(result, progress)
    return result


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

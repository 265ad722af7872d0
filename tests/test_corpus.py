"""score_corpus(): sources, error rows, metadata, streaming, resume, processes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import reviewkit
from reviewkit import score_corpus
from reviewkit._corpus import _analysis_record, _settings, score_partition
from reviewkit._frames import LEVELS, SCHEMAS
from reviewkit.errors import (
    ColumnError,
    ConfigurationError,
    InputError,
    ReviewkitWarning,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "reviews"
TEXTS = [
    "Review: Tidewater\n\nThe Good:\nThe Acting- superb.\n\nThe Bad:\nBoring- it drags.",
    "The OST slaps and the chemistry was off the charts.",
    "Honestly the finale was rushed.",
]


def schema_ok(result: reviewkit.CorpusResult) -> None:
    for level in LEVELS:
        frame = result.frame(level)
        for column, dtype in SCHEMAS[level].items():
            assert frame[column].dtype == dtype, (level, column)
        assert list(frame.columns[: 1 + len(result.meta)]) == [
            "review_id",
            *result.meta,
        ]


class TestSources:
    def test_folder_with_sidecar_metadata(self) -> None:
        result = score_corpus(SAMPLE, progress=False)
        meta = pd.read_csv(SAMPLE / "metadata.csv")
        assert result.stats.records == len(meta) == len(result.reviews)
        assert set(result.reviews["review_id"]) == set(meta["review_id"])
        assert result.meta[:2] == ("show", "reviewer")
        for level in LEVELS:
            frame = result.frame(level)
            assert frame["show"].notna().all(), level
            assert frame["reviewer"].notna().all(), level
        schema_ok(result)

    def test_dataframe_with_bad_rows_keeps_one_row_per_record(self) -> None:
        frame = pd.DataFrame(
            {
                "id": ["a", "b", "c", "a", "d"],
                "text": [TEXTS[0], None, 42, TEXTS[1], float("nan")],
                "reviewer": ["x", "y", "z", "x", "w"],
            }
        )
        result = score_corpus(frame, id_col="id", progress=False)
        reviews = result.reviews
        assert reviews["review_id"].tolist() == ["a", "b", "c", "a", "d"]
        assert reviews["status"].tolist() == ["ok", "error", "error", "error", "error"]
        errors = reviews["error"].tolist()
        assert "missing" in errors[1]
        assert "of type int" in errors[2]
        assert "Duplicate review_id 'a'" in errors[3]
        assert result.stats.failed == 4
        assert list(result.failures.columns) == [
            "review_id",
            "show",
            "reviewer",
            "error",
        ]
        schema_ok(result)

    def test_show_comes_from_the_title_when_metadata_has_none(self) -> None:
        result = score_corpus(TEXTS, progress=False)
        assert result.reviews["show"].tolist()[:1] == ["Tidewater"]
        assert (
            result.aspects.loc[result.aspects["review_id"] == "0", "show"]
            .eq("Tidewater")
            .all()
        )

    def test_iterable_of_records(self) -> None:
        records = [
            {"text": TEXTS[1], "show": "A", "rating": 9},
            {"body": "no text key", "show": "B", "rating": 3},
        ]
        with pytest.warns(ReviewkitWarning, match="meta_rating"):
            result = score_corpus(records, progress=False)
        assert result.reviews["status"].tolist() == ["ok", "error"]
        assert "no 'text' key" in result.reviews["error"].iloc[1]
        assert result.reviews["meta_rating"].tolist() == [9, 3]

    @pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
    def test_table_files(self, tmp_path: Path, suffix: str) -> None:
        frame = pd.DataFrame({"text": TEXTS, "show": ["A", "B", "C"], "n": [1, 2, 3]})
        path = tmp_path / f"reviews{suffix}"
        if suffix == ".csv":
            frame.to_csv(path, index=False)
        elif suffix == ".jsonl":
            frame.to_json(path, orient="records", lines=True)
        else:
            frame.to_parquet(path)
        result = score_corpus(path, progress=False, batch_size=2)
        assert result.reviews["show"].tolist() == ["A", "B", "C"]
        assert result.stats.analysed == 3
        schema_ok(result)

    def test_empty_input_gives_empty_frames_with_schema(self) -> None:
        result = score_corpus(
            pd.DataFrame({"text": pd.Series([], dtype=str)}), progress=False
        )
        for level in LEVELS:
            assert len(result.frame(level)) == 0
        schema_ok(result)

    def test_unreadable_file_in_a_folder_is_an_error_row(self, tmp_path: Path) -> None:
        (tmp_path / "good.txt").write_text(TEXTS[1], encoding="utf-8")
        os.symlink(tmp_path / "missing-target.txt", tmp_path / "broken.txt")
        result = score_corpus(tmp_path, progress=False)
        by_id = dict(
            zip(result.reviews["review_id"], result.reviews["status"], strict=True)
        )
        assert by_id == {"broken.txt": "error", "good.txt": "ok"}
        assert "No review file" in result.failures["error"].iloc[0]


class TestBadArguments:
    def test_missing_text_column_lists_the_columns(self) -> None:
        with pytest.raises(ColumnError, match=r"'body'.*Columns are: text, show"):
            score_corpus(pd.DataFrame({"text": ["x"], "show": ["A"]}), text_col="body")

    def test_missing_id_and_meta_columns(self) -> None:
        frame = pd.DataFrame({"text": ["x"]})
        with pytest.raises(ColumnError, match="id column 'rid'"):
            score_corpus(frame, id_col="rid")
        with pytest.raises(ColumnError, match="'season'"):
            score_corpus(frame, meta_cols=["season"])

    def test_missing_path(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="No such file or folder"):
            score_corpus(tmp_path / "nope.csv")

    def test_not_a_corpus(self) -> None:
        with pytest.raises(TypeError, match="int"):
            score_corpus(5)

    @pytest.mark.parametrize(
        "kwargs", [{"n_process": 0}, {"batch_size": 0}, {"output": "x.xlsx"}]
    )
    def test_bad_options(self, kwargs: dict[str, object]) -> None:
        with pytest.raises(ConfigurationError):
            score_corpus(TEXTS, progress=False, **kwargs)  # type: ignore[arg-type]


class TestStreaming:
    @pytest.mark.parametrize("suffix", [".parquet", ".csv"])
    def test_writes_every_level_and_reads_back_the_schema(
        self, tmp_path: Path, suffix: str
    ) -> None:
        output = tmp_path / f"scores{suffix}"
        result = score_corpus(SAMPLE, output=output, batch_size=5, progress=False)
        assert result.paths is not None
        assert result.paths["aspects"] == output
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [
                f"scores{suffix}",
                *(f"scores.{lv}{suffix}" for lv in LEVELS if lv != "aspects"),
                "scores._reviewkit.json",
            ]
        )
        schema_ok(result)
        in_memory = score_corpus(SAMPLE, progress=False)
        pd.testing.assert_frame_equal(
            result.aspects.reset_index(drop=True), in_memory.aspects, check_dtype=False
        )
        manifest = json.loads((tmp_path / "scores._reviewkit.json").read_text())
        assert manifest["meta"] == list(result.meta)
        assert manifest["run"]["analysis"]["model"] == "blank:en"
        assert manifest["run"]["analysis"]["backend"] == "vader"

    def test_resume_skips_what_is_written(self, tmp_path: Path) -> None:
        output = tmp_path / "scores.parquet"
        first = score_corpus(SAMPLE, output=output, batch_size=4, progress=False)
        again = score_corpus(SAMPLE, output=output, batch_size=4, progress=False)
        assert again.stats.skipped == first.stats.records
        assert again.stats.analysed == 0
        assert again.reviews["review_id"].is_unique
        assert len(again.reviews) == first.stats.records
        fresh = score_corpus(
            SAMPLE, output=output, batch_size=4, progress=False, resume=False
        )
        assert fresh.stats.analysed == first.stats.records

    def test_interrupted_run_recovers_from_committed_parts(
        self, tmp_path: Path
    ) -> None:
        output = tmp_path / "scores.parquet"
        frame = pd.DataFrame({"text": TEXTS * 4, "rid": [f"r{i}" for i in range(12)]})
        score_corpus(
            frame.iloc[:8], id_col="rid", output=output, batch_size=4, progress=False
        )
        # Simulate a crash after the first run: its final files look like parts
        # that were committed, plus debris of a chunk that never committed.
        parts = tmp_path / "scores.parts"
        (parts / "sentences").mkdir(parents=True)
        (parts / "sentences" / "part-000009.parquet").write_bytes(b"half written")
        (parts / "reviews").mkdir(parents=True)
        (parts / "reviews" / "part-000009.parquet.tmp").write_bytes(b"half written")
        result = score_corpus(
            frame, id_col="rid", output=output, batch_size=4, progress=False
        )
        assert result.stats.skipped == 8
        assert result.stats.analysed == 4
        assert sorted(result.reviews["review_id"]) == sorted(frame["rid"])
        assert not parts.exists()


def test_progress_bar_and_failure_summary(capsys: pytest.CaptureFixture[str]) -> None:
    score_corpus([TEXTS[1], None], progress=True)
    err = capsys.readouterr().err
    assert "2 records: 1 analysed, 1 failed" in err
    assert "1: The text in column 'text' is missing" in err


def test_score_partition_matches_score_corpus() -> None:
    frame = pd.DataFrame({"text": TEXTS, "show": ["A", "B", "C"]})
    parts = score_partition(frame)
    whole = score_corpus(frame, progress=False)
    for level in LEVELS:
        pd.testing.assert_frame_equal(parts[level], whole.frame(level))
    assert (
        score_partition(frame, level="aspects", partition=2)["review_id"]
        .str.startswith("p2-")
        .all()
    )


@pytest.mark.slow
def test_two_processes_under_spawn_give_the_same_frames() -> None:
    frame = pd.DataFrame({"text": TEXTS * 6, "show": list("ABC") * 6})
    single = score_corpus(frame, progress=False, batch_size=4)
    double = score_corpus(
        frame, progress=False, batch_size=4, n_process=2, start_method="spawn"
    )
    for level in LEVELS:
        pd.testing.assert_frame_equal(single.frame(level), double.frame(level))


def test_custom_lexicon_reaches_the_workers() -> None:
    lexicon = reviewkit.AspectLexicon.from_dict(
        {"name": "food", "aspects": {"food": ["pasta"]}}
    )
    result = score_corpus(["The pasta was divine."], aspects=lexicon, progress=False)
    assert result.aspects["aspect"].tolist() == ["food"]


def test_memory_zones_free_batch_strings_and_change_no_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    nlp = reviewkit.load()
    monkeypatch.setattr(reviewkit._corpus, "WARM_UP", 10**9)
    unzoned = score_corpus(texts, nlp=nlp, progress=False, batch_size=2)
    # Every batch in a zone: the same frames, and nothing new stays behind.
    monkeypatch.setattr(reviewkit._corpus, "WARM_UP", 0)
    zoned = score_corpus(texts, nlp=nlp, progress=False, batch_size=2)
    for level in LEVELS:
        pd.testing.assert_frame_equal(unzoned.frame(level), zoned.frame(level))
    strings = len(nlp.vocab.strings)
    fresh = [
        f"The zorblax{k} acting was superb but the plot dragged." for k in range(6)
    ]
    score_corpus(fresh, nlp=nlp, progress=False, batch_size=2)
    assert len(nlp.vocab.strings) == strings
    monkeypatch.setattr(reviewkit._corpus, "WARM_UP", 10**9)
    score_corpus(fresh, nlp=nlp, progress=False, batch_size=2)
    assert len(nlp.vocab.strings) > strings


class TestIdsAndColumns:
    def test_whole_number_float_ids_are_written_as_ints(self, tmp_path: Path) -> None:
        # pandas makes a column of whole numbers with a gap float: 4 -> 4.0.
        frame = pd.DataFrame({"id": [1, 2, None], "text": TEXTS})
        result = score_corpus(frame, id_col="id", progress=False)
        assert result.reviews["review_id"].tolist() == ["1", "2", "row-2"]
        path = tmp_path / "ids.jsonl"
        lines = [{"id": i, "text": TEXTS[1]} for i in range(6)]
        lines[1]["id"] = None  # only the first chunk of two has a gap
        path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
        result = score_corpus(path, id_col="id", batch_size=2, progress=False)
        assert result.reviews["review_id"].tolist() == [
            "0", "row-1", "2", "3", "4", "5"
        ]  # fmt: skip

    def test_a_review_id_column_is_the_id_by_default(self) -> None:
        frame = pd.DataFrame({"review_id": ["x", "x", "y"], "text": TEXTS})
        result = score_corpus(frame, progress=False)
        reviews = result.reviews
        assert reviews["review_id"].tolist() == ["x", "x", "y"]
        assert reviews["status"].tolist() == ["ok", "error", "ok"]
        assert "Duplicate review_id 'x'" in reviews["error"].iloc[1]
        assert result.meta == ("show",)
        records = [{"review_id": "a", "text": t} for t in TEXTS[:2]]
        listed = score_corpus(records, progress=False).reviews
        assert listed["status"].tolist() == ["ok", "error"]

    def test_a_review_id_column_beside_id_col_is_metadata(self) -> None:
        frame = pd.DataFrame(
            {"rid": ["a", "b", "c"], "review_id": ["x", "x", "y"], "text": TEXTS}
        )
        with pytest.warns(ReviewkitWarning, match="'review_id' as 'meta_review_id'"):
            result = score_corpus(frame, id_col="rid", progress=False)
        assert result.reviews["review_id"].tolist() == ["a", "b", "c"]
        assert result.reviews["meta_review_id"].tolist() == ["x", "x", "y"]
        assert result.reviews["status"].eq("ok").all()

    def test_renamed_metadata_never_overwrites_a_real_column(self) -> None:
        frame = pd.DataFrame({"text": TEXTS[:1], "score": [1], "meta_score": [2]})
        with pytest.warns(ReviewkitWarning, match="'score' as 'meta_score_2'") as w:
            result = score_corpus(frame, progress=False)
        assert w[0].filename == __file__  # the warning points at the caller
        reviews = result.reviews
        assert reviews[["meta_score_2", "meta_score"]].values.tolist() == [[1, 2]]
        assert reviews["score"].notna().all()  # reviewkit's own score

    def test_a_later_metadata_value_of_another_type_becomes_text(
        self, tmp_path: Path
    ) -> None:
        records = [
            {"text": TEXTS[1], "stars": 1},
            {"text": TEXTS[1], "stars": 2},
            {"text": TEXTS[1], "stars": "five"},
        ]
        for output in (None, tmp_path / "s.parquet", tmp_path / "s.csv"):
            with pytest.warns(ReviewkitWarning, match="'stars'.*'five'.*text"):
                result = score_corpus(
                    iter(records), batch_size=2, output=output, progress=False
                )
            assert result.reviews["stars"].tolist() == ["1", "2", "five"], output
            assert result.stats.analysed == 3
            schema_ok(result)

    def test_a_fraction_among_whole_numbers_becomes_float(self) -> None:
        records = [{"text": TEXTS[1], "stars": s} for s in (1, 2, 4.5)]
        with pytest.warns(ReviewkitWarning, match="Float64"):
            result = score_corpus(records, batch_size=2, progress=False)
        assert result.reviews["stars"].dtype == "Float64"
        assert result.reviews["stars"].tolist() == [1.0, 2.0, 4.5]

    def test_keys_first_seen_after_the_first_chunk_are_reported(self) -> None:
        records = [{"text": TEXTS[1]}, {"text": TEXTS[1], "late": "x"}]
        with pytest.warns(ReviewkitWarning, match="'late'.*not carried"):
            result = score_corpus(records, batch_size=1, progress=False)
        assert len(result.reviews) == 2

    def test_a_dict_is_refused_not_scored_as_its_keys(self) -> None:
        with pytest.raises(TypeError, match=r"pd\.DataFrame\(data\)"):
            score_corpus({"text": [TEXTS[0]]}, progress=False)

    def test_folder_options_name_sidecar_columns(self) -> None:
        result = score_corpus(SAMPLE, meta_cols=["show", "reviewer"], progress=False)
        assert result.meta == ("show", "reviewer")
        with pytest.warns(ReviewkitWarning, match="'review_id' as 'meta_review_id'"):
            by_reviewer = score_corpus(SAMPLE, id_col="reviewer", progress=False)
        meta = pd.read_csv(SAMPLE / "metadata.csv")
        reviews = by_reviewer.reviews.sort_values("meta_review_id")
        assert (
            reviews["review_id"].tolist()
            == meta.sort_values("review_id")["reviewer"].tolist()
        )
        with pytest.raises(ColumnError, match=r"'season'.*metadata\.csv"):
            score_corpus(SAMPLE, meta_cols=["season"], progress=False)
        with pytest.raises(ColumnError, match="id column 'rid'"):
            score_corpus(SAMPLE, id_col="rid", progress=False)
        with pytest.raises(ConfigurationError, match="does not apply to a folder"):
            score_corpus(SAMPLE, text_col="body", progress=False)

    def test_csv_header_with_a_comma_in_a_column_name(self, tmp_path: Path) -> None:
        frame = pd.DataFrame({"text": TEXTS, "where, when": ["a", "b", "c"]})
        output = tmp_path / "scores.csv"
        result = score_corpus(frame, output=output, batch_size=2, progress=False)
        for level in LEVELS:
            written = pd.read_csv(result.paths[level] if result.paths else output)
            assert list(written.columns[:3]) == ["review_id", "show", "where, when"]
        reviews = pd.read_csv(tmp_path / "scores.reviews.csv")
        assert reviews["where, when"].tolist() == ["a", "b", "c"]
        assert reviews["status"].tolist() == ["ok", "ok", "ok"]


class TestOptionsFailBeforeScoring:
    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"format": "pdf"}, "'format' argument"),
            ({"backend": "bert"}, "backend 'bert'"),
            ({"aspects": "nope"}, "aspect lexicon 'nope'"),
            ({"backend": "bert", "n_process": 2}, "backend 'bert'"),
            ({"aspects": "nope", "n_process": 2}, "aspect lexicon 'nope'"),
            ({"batch_size": "10"}, "batch_size must be a whole number"),
            ({"n_process": 1.5}, "n_process must be a whole number"),
            ({"meta_cols": "show"}, r"meta_cols=\['show'\]"),
        ],
    )
    def test_bad_options_raise_and_write_nothing(
        self, tmp_path: Path, kwargs: dict[str, object], message: str
    ) -> None:
        frame = pd.DataFrame({"text": TEXTS, "show": ["A", "B", "C"]})
        output = tmp_path / "scores.parquet"
        with pytest.raises(ConfigurationError, match=message):
            score_corpus(frame, output=output, progress=False, **kwargs)  # type: ignore[arg-type]
        assert list(tmp_path.iterdir()) == []
        # Nothing was recorded as done: the corrected run analyses everything.
        result = score_corpus(frame, output=output, progress=False)
        assert result.stats.analysed == 3


def test_the_show_column_names_the_show_for_scoring() -> None:
    """The show's name in the text is no opinion ("Killing Eve is brilliant")."""
    text = "Killing Eve is brilliant from start to finish."
    frame = pd.DataFrame({"text": [text, text], "show": ["Killing Eve", None]})
    reviews = reviewkit.score_corpus(frame, progress=False).reviews
    named, unnamed = reviews["score"].tolist()
    assert named == pytest.approx(
        reviewkit.analyze(text, metadata={"show": "Killing Eve"}).score
    )
    assert named > unnamed


def test_the_analysis_record_knows_lexicons_by_content(tmp_path: Path) -> None:
    # A resumed run must analyse as the first did; lexicons count by content,
    # however they are given (packaged name, JSON path, object).
    lexicon = reviewkit.AspectLexicon.default()
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(lexicon.to_dict()), encoding="utf-8")

    def record(**changes: Any) -> dict[str, Any]:
        options: dict[str, Any] = {
            "model": "blank:en",
            "aspects": None,
            "headings": None,
            "sentiment": "tv_film_en.v1",
            "format": "auto",
        }
        options.update(changes)
        return _analysis_record(_settings(**options))

    default = record()
    for aspects in ("tv_film_en.v1", lexicon, path):
        assert record(aspects=aspects) == default, aspects
    assert json.loads(json.dumps(default)) == default  # as a manifest reads back
    other = record(aspects=lexicon.with_terms("soundtrack", ["kazoo"]))
    assert other["aspects"]["name"] == default["aspects"]["name"]
    assert other["aspects"] != default["aspects"]
    assert {k for k in default if other[k] != default[k]} == {"aspects"}
    assert record(backend="blend")["backend"] == "blend"
    assert record(sentiment=None)["sentiment"] != default["sentiment"]

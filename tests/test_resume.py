"""`reviewkit score` killed with SIGKILL mid-run resumes without loss or duplicates.

The command runs as a real subprocess on a CSV of generated reviews. Once the
streaming writer has committed at least two chunks (a ``reviews`` part file in
``OUT.parts/reviews/``, which the writer renames into place last for each
chunk), the process is killed with SIGKILL, so nothing gets to clean up. The
same command then runs to completion, and all five levels are read back.

A second test stops an in-process run right after each file the writer renames
into place (every part of every chunk, then every final file while the parts
are merged) and checks that resuming writes every review exactly once.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import reviewkit
from reviewkit import AspectLexicon, score_corpus
from reviewkit._frames import LEVELS
from reviewkit.errors import ConfigurationError, ReviewkitWarning

POSIX_ONLY = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL and POSIX process semantics"
)

N_REVIEWS = 3000
BATCH = 50
COMMITTED_BEFORE_KILL = 2
START_TIMEOUT = 60.0  # seconds until the first chunks must be committed
RUN_TIMEOUT = 120.0  # seconds for the resumed run to finish

SHOWS = ["Lanterns Over Keelport", "The Glass Orchard", "Salt and Static"]
LABELS = ["The Acting", "Music", "Pacing", "The Villain", "Chemistry", "The Ending"]
GOOD = [
    "the lead is warm and convincing.",
    "gentle, lovely and never too loud.",
    "every scene with the grandmother is a joy.",
    "clever and surprisingly funny.",
]
BAD = [
    "it drags badly in the middle.",
    "wooden and hard to believe.",
    "rushed, and the twist fell flat.",
    "confusing from start to finish.",
]
CLOSING = [
    "Overall I would recommend it.",
    "Skip it unless you love the cast.",
    "Worth a watch on a slow weekend.",
    "",
]

# (level, columns that identify one row of it)
ROW_KEYS = {
    "reviews": ["review_id"],
    "sections": ["review_id", "section_index"],
    "sentences": ["review_id", "sentence_index"],
    "mentions": ["review_id", "mention_index"],
    "aspects": ["review_id", "aspect"],
}
# level -> the column of the reviews level that counts its rows per review
COUNTS = {
    "sections": "n_sections",
    "sentences": "n_sentences",
    "mentions": "n_mentions",
    "aspects": "n_aspects",
}


def make_corpus(path: Path) -> list[str]:
    """Write a CSV of short generated reviews; return their ids."""
    rng = random.Random(7)
    ids = [f"rev-{i:05d}" for i in range(N_REVIEWS)]
    texts = []
    for index in range(N_REVIEWS):
        show = SHOWS[index % len(SHOWS)]
        text = (
            f"Review: {show}\n\nThe Good:\n{rng.choice(LABELS)}- {rng.choice(GOOD)}\n\n"
            f"The Bad:\n{rng.choice(LABELS)}- {rng.choice(BAD)}\n\n"
            f"{rng.choice(CLOSING)}"
        )
        texts.append(text.strip())
    frame = pd.DataFrame(
        {"id": ids, "text": texts, "show": [SHOWS[i % 3] for i in range(N_REVIEWS)]}
    )
    frame.to_csv(path, index=False)
    return ids


def level_paths(output: Path) -> dict[str, Path]:
    """The final file of each level (``OUT`` holds the aspects level)."""
    stem = output.with_suffix("")
    return {
        level: output
        if level == "aspects"
        else stem.with_name(f"{stem.name}.{level}{output.suffix}")
        for level in LEVELS
    }


def parts_folder(output: Path) -> Path:
    """Where the writer keeps the part files of each chunk until the run ends."""
    return output.with_name(f"{output.stem}.parts")


def committed_parts(output: Path) -> list[Path]:
    """The committed chunks: ``reviews`` part files (temporary files excluded)."""
    folder = parts_folder(output) / "reviews"
    if not folder.is_dir():
        return []
    return sorted(folder.glob("part-*.parquet"))


def logs(stdout: Path, stderr: Path) -> str:
    return (
        f"\n--- stdout ---\n{stdout.read_text(errors='replace')[-3000:]}"
        f"\n--- stderr ---\n{stderr.read_text(errors='replace')[-3000:]}"
    )


@POSIX_ONLY
@pytest.mark.slow
def test_sigkill_mid_run_then_resume_writes_every_review_once(tmp_path: Path) -> None:
    source = tmp_path / "reviews.csv"
    ids = make_corpus(source)
    output = tmp_path / "out" / "scores.parquet"
    command = [
        sys.executable,
        "-m",
        "reviewkit.cli",
        "score",
        str(source),
        "-o",
        str(output),
        "--id-col",
        "id",
        "--batch-size",
        str(BATCH),
        "--no-progress",
        "--no-table",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    stdout, stderr = tmp_path / "first.out", tmp_path / "first.err"

    # 1. Start, wait for committed chunks, SIGKILL.
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while len(committed_parts(output)) < COMMITTED_BEFORE_KILL:
                if process.poll() is not None:
                    pytest.fail(
                        f"`reviewkit score` exited (code {process.returncode}) before "
                        f"{COMMITTED_BEFORE_KILL} chunks were committed: the run "
                        f"failed, or the corpus is too small to interrupt."
                        f"{logs(stdout, stderr)}"
                    )
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"No {COMMITTED_BEFORE_KILL} committed chunks in "
                        f"{output.parent} after {START_TIMEOUT:.0f} s."
                        f"{logs(stdout, stderr)}"
                    )
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
            code = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
    assert code == -signal.SIGKILL, (
        f"expected the run to die from SIGKILL mid-run, got exit code {code}: it "
        f"finished before the kill; make the corpus bigger.{logs(stdout, stderr)}"
    )
    finals = level_paths(output)
    assert not finals["reviews"].exists(), "the killed run wrote its final files"
    done_before = len(committed_parts(output))
    assert 0 < done_before * BATCH < N_REVIEWS, "the kill did not land mid-run"

    # 2. The same command again, to completion.
    stdout, stderr = tmp_path / "second.out", tmp_path / "second.err"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        try:
            finished = subprocess.run(
                command, stdout=out, stderr=err, env=env, timeout=RUN_TIMEOUT
            )
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"the resumed run took more than {RUN_TIMEOUT:.0f} s"
                f"{logs(stdout, stderr)}"
            )
    assert finished.returncode == 0, (
        f"the resumed run exited {finished.returncode}{logs(stdout, stderr)}"
    )
    assert not parts_folder(output).exists(), "the parts folder was not cleaned up"

    # 3. Every id exactly once; other levels consistent with the reviews level.
    assert_written_once({level: pd.read_parquet(p) for level, p in finals.items()}, ids)


def assert_written_once(frames: dict[str, pd.DataFrame], ids: list[str]) -> None:
    """Every id once in ``reviews``; no stray, duplicated or missing other rows."""
    reviews = frames["reviews"]
    counted = reviews["review_id"].value_counts()
    duplicated = counted[counted > 1]
    assert duplicated.empty, f"ids written more than once: {duplicated.head(10)}"
    assert sorted(reviews["review_id"]) == sorted(ids), "ids lost or invented"
    assert (reviews["status"] == "ok").all(), reviews.loc[
        reviews["status"] != "ok", ["review_id", "error"]
    ].head()
    known = set(ids)
    for level, columns in ROW_KEYS.items():
        frame = frames[level]
        assert len(frame), f"level {level!r} is empty"
        stray = set(frame["review_id"]) - known
        assert not stray, f"{level}: ids not in the reviews level: {sorted(stray)[:5]}"
        repeated = frame[frame.duplicated(columns, keep=False)]
        assert repeated.empty, (
            f"{level}: duplicated {columns} rows:\n{repeated[columns].head(10)}"
        )
    # Nothing lost within a review: each level holds exactly as many rows per
    # review as the reviews level says (a dropped or doubled part would not).
    expected = reviews.set_index("review_id")
    for level, column in COUNTS.items():
        actual = frames[level].groupby("review_id").size()
        wanted = expected[column].astype("int64")
        actual = actual.reindex(wanted.index, fill_value=0).astype("int64")
        mismatch = wanted[wanted != actual]
        assert mismatch.empty, (
            f"{level}: row counts differ from reviews.{column} for "
            f"{len(mismatch)} review(s), e.g. {list(mismatch.index[:5])}"
        )


# -- a kill at every file operation, in process --


class Killed(BaseException):
    """Stands for SIGKILL: nothing catches it, nothing after it runs."""


SMALL = pd.DataFrame(
    {
        "rid": [f"r{i}" for i in range(4)],
        "text": [
            "Review: Tidewater\n\nThe Good:\nThe Acting- superb.\n\n"
            "The Bad:\nBoring- it drags.",
            "The OST slaps and the chemistry was off the charts.",
            "Honestly the finale was rushed.",
            "Pros:\n- Great cast\nCons:\n- The villain is wooden",
        ],
    }
)


def replace_calls(output: Path) -> int:
    """How many times one uninterrupted run renames a file into place."""
    real = os.replace
    calls = 0

    def counting(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        real(src, dst)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", counting)
        score_corpus(SMALL, id_col="rid", output=output, batch_size=2, progress=False)
    return calls


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_kill_at_any_rename_resumes_to_every_review_once(
    tmp_path: Path, suffix: str
) -> None:
    # The part files of each chunk, then the final file of each level (in
    # finish()), are renamed into place: stop the run right after each rename.
    # (Stopping before one leaves a ".tmp" file, which test_corpus covers.)
    total = replace_calls(tmp_path / "count" / f"scores{suffix}")
    assert total == 2 * len(LEVELS) + len(LEVELS)  # 2 chunks, then the merge
    real = os.replace
    for stop in range(total):
        output = tmp_path / str(stop) / f"scores{suffix}"
        calls = 0

        def replace(src: Any, dst: Any, stop: int = stop) -> None:
            nonlocal calls
            calls += 1
            real(src, dst)
            if calls == stop + 1:
                raise Killed

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "replace", replace)
            with pytest.raises(Killed):
                score_corpus(
                    SMALL, id_col="rid", output=output, batch_size=2, progress=False
                )
        result = score_corpus(
            SMALL, id_col="rid", output=output, batch_size=2, progress=False
        )
        where = f"killed after rename #{stop + 1} of {total}"
        assert not parts_folder(output).exists(), where
        try:
            assert_written_once(result.frames(), list(SMALL["rid"]))
        except AssertionError as exc:
            raise AssertionError(f"{where}: {exc}") from None


# -- what may be resumed --


def test_a_kill_while_deleting_the_parts_loses_nothing(tmp_path: Path) -> None:
    # finish() deletes the parts folder once merged; a kill half-way through
    # (some parts of a level gone, the reviews parts still there) must not make
    # the next run drop or repeat anything.
    output = tmp_path / "scores.parquet"
    score_corpus(
        SMALL.iloc[:1], id_col="rid", output=output, batch_size=1, progress=False
    )
    real = shutil.rmtree

    def dying(path: Any, *args: Any, **kwargs: Any) -> None:
        sections = sorted((Path(path) / "sections").glob("part-*"))
        if sections:
            sections[0].unlink()  # the first file deleted...
            raise Killed  # ...then SIGKILL
        real(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shutil, "rmtree", dying)
        with pytest.raises(Killed):
            score_corpus(
                SMALL, id_col="rid", output=output, batch_size=1, progress=False
            )
    result = score_corpus(
        SMALL, id_col="rid", output=output, batch_size=1, progress=False
    )
    assert result.stats.skipped == len(SMALL)
    assert not parts_folder(output).exists()
    assert not any(p.name.endswith(".deleting") for p in tmp_path.iterdir())
    assert_written_once(result.frames(), list(SMALL["rid"]))


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_kill_just_before_the_reviews_file_is_replaced(
    tmp_path: Path, suffix: str
) -> None:
    # The reviews level is merged last; its merged file is recorded before it
    # is renamed into place, so a kill on either side of the rename resumes.
    output = tmp_path / f"scores{suffix}"
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == level_paths(output)["reviews"]:
            raise Killed
        real(src, dst)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", replace)
        with pytest.raises(Killed):
            score_corpus(
                SMALL, id_col="rid", output=output, batch_size=2, progress=False
            )
    result = score_corpus(
        SMALL, id_col="rid", output=output, batch_size=2, progress=False
    )
    assert_written_once(result.frames(), list(SMALL["rid"]))


def test_duplicate_ids_keep_their_error_rows_across_a_resume(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"rid": ["a", "b", "c", "a", "d", "b"], "text": list(SMALL["text"][:3]) * 2}
    )
    whole = score_corpus(
        frame, id_col="rid", output=tmp_path / "whole.parquet", batch_size=3,
        progress=False,
    )  # fmt: skip
    output = tmp_path / "resumed.parquet"
    score_corpus(
        frame.iloc[:3], id_col="rid", output=output, batch_size=3, progress=False
    )
    resumed = score_corpus(
        frame, id_col="rid", output=output, batch_size=3, progress=False
    )
    assert len(whole.reviews) == 6
    assert resumed.stats.skipped == 3
    columns = ["review_id", "status", "error"]
    pd.testing.assert_frame_equal(whole.reviews[columns], resumed.reviews[columns])
    again = score_corpus(frame, id_col="rid", output=output, progress=False)
    assert (again.stats.skipped, len(again.reviews)) == (6, 6)


def _scores_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_resume_refuses_an_output_of_another_run(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / "reviews.csv"
    SMALL.assign(show=["A", "B", "A", "B"], reviewer="x").to_csv(source, index=False)
    other = tmp_path / "other.csv"
    SMALL.iloc[:2].to_csv(other, index=False)
    output = tmp_path / "out" / f"scores{suffix}"
    score_corpus(source, id_col="rid", output=output, progress=False)
    before = _scores_files(output.parent)
    refused: list[dict[str, Any]] = [
        {"source": other, "id_col": "rid"},  # another input
        {"source": source},  # other ids (by position)
        {"source": source, "id_col": "rid", "meta_cols": ["show"]},  # other columns
        {"source": pd.read_csv(source), "id_col": "rid"},  # a DataFrame
    ]
    for kwargs in refused:
        with pytest.raises(ConfigurationError, match="Cannot resume into") as caught:
            score_corpus(output=output, progress=False, **kwargs)
        assert "resume=False" in str(caught.value)
        assert _scores_files(output.parent) == before, kwargs
    # The same run resumes; resume=False starts afresh with the other input.
    again = score_corpus(source, id_col="rid", output=output, progress=False)
    assert again.stats.skipped == len(SMALL)
    fresh = score_corpus(
        other, id_col="rid", output=output, progress=False, resume=False
    )
    assert sorted(fresh.reviews["review_id"]) == ["r0", "r1"]


def interrupted(frame: pd.DataFrame, output: Path, **kwargs: Any) -> None:
    """A run of `frame` (one record a chunk) killed once two chunks are committed."""
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        real(src, dst)
        if Path(dst).name.startswith("part-000001") and "reviews" in str(dst):
            raise Killed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", replace)
        with pytest.raises(Killed):
            score_corpus(
                frame, id_col="rid", output=output, batch_size=1, progress=False,
                **kwargs,
            )  # fmt: skip


def test_resume_refuses_the_parts_of_another_run(tmp_path: Path) -> None:
    output = tmp_path / "scores.parquet"
    interrupted(SMALL, output)
    with pytest.raises(ConfigurationError, match="metadata columns"):
        score_corpus(
            SMALL.assign(reviewer="x"), id_col="rid", output=output, progress=False
        )
    result = score_corpus(SMALL, id_col="rid", output=output, progress=False)
    assert result.stats.skipped == 2
    assert_written_once(result.frames(), list(SMALL["rid"]))


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_an_output_reviewkit_did_not_write_is_left_alone(
    tmp_path: Path, suffix: str
) -> None:
    output = tmp_path / f"people{suffix}"
    people = pd.DataFrame({"name": ["bob"], "age": [3]})
    if suffix == ".csv":
        people.to_csv(output, index=False)
    else:
        people.to_parquet(output)
    before = output.read_bytes()
    with pytest.raises(ConfigurationError, match="reviewkit did not write it"):
        score_corpus(SMALL, id_col="rid", output=output, progress=False)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [output.name]
    result = score_corpus(
        SMALL, id_col="rid", output=output, progress=False, resume=False
    )
    assert_written_once(result.frames(), list(SMALL["rid"]))


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_the_input_is_never_the_output(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"reviews{suffix}"
    if suffix == ".csv":
        SMALL.to_csv(source, index=False)
        output = source
    else:
        SMALL.to_json(source, orient="records", lines=True)
        output = tmp_path / "reviews.csv"
        (tmp_path / "reviews.reviews.csv").symlink_to(source)  # a level file
    before = source.read_bytes()
    for resume in (True, False):
        with pytest.raises(ConfigurationError, match="is the input"):
            score_corpus(source, output=output, progress=False, resume=resume)
    assert source.read_bytes() == before
    # A folder's metadata sidecar is an input too.
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(str(SMALL["text"][0]), encoding="utf-8")
    (folder / "metadata.csv").write_text("file,review_id\na.txt,r1\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="is the input"):
        score_corpus(folder, output=folder / "metadata.csv", progress=False)


def test_meta_dtypes_that_differ_between_runs_are_joined(tmp_path: Path) -> None:
    # A resumed run whose chunks settle on another metadata dtype (the value that
    # made the first run fall back to text is in a chunk already written).
    output = tmp_path / "scores.parquet"
    records = [
        {"rid": rid, "text": text, "stars": stars}
        for rid, text, stars in zip(
            SMALL["rid"], SMALL["text"], [1, 2, 3, 4], strict=True
        )
    ]
    with pytest.warns(ReviewkitWarning, match="'two'"):
        score_corpus(
            [records[0], {**records[1], "stars": "two"}],
            id_col="rid", output=output, batch_size=1, progress=False,
        )  # fmt: skip
    result = score_corpus(
        records, id_col="rid", output=output, batch_size=1, progress=False
    )
    assert result.reviews["stars"].tolist() == ["1", "two", "3", "4"]
    assert_written_once(result.frames(), list(SMALL["rid"]))


# -- the same analysis --


def kazoo_lexicon() -> AspectLexicon:
    """The default lexicon with one more term: the same name, other content."""
    return AspectLexicon.default().with_terms("soundtrack", ["kazoo"])


def folder_files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_resume_with_the_same_analysis_skips_what_is_done(tmp_path: Path) -> None:
    output = tmp_path / "scores.parquet"
    settings: dict[str, Any] = {"backend": "vader", "format": "auto"}
    interrupted(SMALL, output, aspects=kazoo_lexicon(), **settings)
    # An equal lexicon built anew is the same analysis: it is known by content.
    result = score_corpus(
        SMALL, id_col="rid", output=output, progress=False, aspects=kazoo_lexicon(),
        **settings,
    )  # fmt: skip
    assert (result.stats.skipped, result.stats.analysed) == (2, 2)
    assert_written_once(result.frames(), list(SMALL["rid"]))
    manifest = json.loads(output.with_name("scores._reviewkit.json").read_text())
    analysis = manifest["run"]["analysis"]
    assert analysis["backend"] == "vader"
    assert analysis["aspects"]["name"] == AspectLexicon.default().name


# (what the second run changes, what the refusal must say); built per test
CHANGED: dict[str, tuple[Any, str]] = {
    "backend": (
        lambda: {"backend": "model"},
        "backend='vader', and this run has backend='model'",
    ),
    "format": (
        lambda: {"format": "text"},
        "format='auto', and this run has format='text'",
    ),
    "sentiment": (lambda: {"sentiment": None}, "and this run has sentiment='vader'"),
    "aspects": (lambda: {"aspects": kazoo_lexicon()}, "the same name, other content"),
    "nlp": (
        lambda: {"nlp": reviewkit.load()},
        "this run has a pipeline passed as nlp=",
    ),
}


@pytest.mark.parametrize("changed", list(CHANGED))
def test_resume_refuses_the_parts_of_another_analysis(
    tmp_path: Path, changed: str
) -> None:
    make, said = CHANGED[changed]
    change: dict[str, Any] = make()
    output = tmp_path / "scores.parquet"
    interrupted(SMALL, output)
    before = folder_files(tmp_path)
    with pytest.raises(ConfigurationError, match="Cannot resume into") as caught:
        score_corpus(SMALL, id_col="rid", output=output, progress=False, **change)
    message = str(caught.value)
    assert said in message
    assert "resume=False" in message
    assert folder_files(tmp_path) == before, "a refused run changed the output"
    # Starting afresh analyses everything the new way.
    fresh = score_corpus(
        SMALL, id_col="rid", output=output, progress=False, resume=False, **change
    )
    assert (fresh.stats.skipped, fresh.stats.analysed) == (0, len(SMALL))
    assert_written_once(fresh.frames(), list(SMALL["rid"]))
    again = score_corpus(SMALL, id_col="rid", output=output, progress=False, **change)
    assert again.stats.skipped == len(SMALL)


def test_a_finished_output_of_another_analysis_is_refused(tmp_path: Path) -> None:
    # The manifest beside finished files is checked as the parts folder is,
    # including one that CorpusResult.to_parquet wrote.
    text = "The kazoo score was lovely."
    frame = SMALL.assign(text=[*SMALL["text"][:3], text])
    written = tmp_path / "written.parquet"
    score_corpus(frame, id_col="rid", progress=False).to_parquet(written)
    streamed = tmp_path / "streamed.csv"
    score_corpus(frame, id_col="rid", output=streamed, progress=False)
    for output in (written, streamed):
        with pytest.raises(ConfigurationError, match="the same name, other content"):
            score_corpus(
                frame, id_col="rid", output=output, progress=False,
                aspects=kazoo_lexicon(),
            )  # fmt: skip
        same = score_corpus(frame, id_col="rid", output=output, progress=False)
        assert same.stats.skipped == len(frame)
    fresh = score_corpus(
        frame, id_col="rid", output=streamed, progress=False, resume=False,
        aspects=kazoo_lexicon(),
    )  # fmt: skip
    assert "kazoo" in set(fresh.mentions["term"])


def _drop_analysis(manifest: Path) -> None:
    """Make a record look like one an older reviewkit wrote (no analysis)."""
    data = json.loads(manifest.read_text(encoding="utf-8"))
    del data["run"]["analysis"]
    manifest.write_text(json.dumps(data), encoding="utf-8")


def test_a_record_without_the_analysis_is_refused(tmp_path: Path) -> None:
    older = "it does not record how it was analysed (an older reviewkit wrote it"
    output = tmp_path / "parts" / "scores.parquet"
    interrupted(SMALL, output)
    _drop_analysis(parts_folder(output) / "_reviewkit.json")
    with pytest.raises(ConfigurationError, match=re.escape(older)):
        score_corpus(SMALL, id_col="rid", output=output, progress=False)
    output = tmp_path / "finished" / "scores.parquet"
    score_corpus(SMALL, id_col="rid", output=output, progress=False)
    _drop_analysis(output.with_name("scores._reviewkit.json"))
    with pytest.raises(ConfigurationError, match=re.escape(older)):
        score_corpus(SMALL, id_col="rid", output=output, progress=False)
    fresh = score_corpus(
        SMALL, id_col="rid", output=output, progress=False, resume=False
    )
    assert fresh.stats.analysed == len(SMALL)


def test_nlp_pipelines_are_known_by_what_they_run(tmp_path: Path) -> None:
    output = tmp_path / "scores.parquet"
    interrupted(SMALL, output, nlp=reviewkit.load())
    refused = {
        "backend='vader', and this run has backend='blend'": reviewkit.load(
            backend="blend"
        ),
        "in its score_summary": reviewkit.load(score_summary=True),
        "aspects='tv_film_en' (content": reviewkit.load(aspects=kazoo_lexicon()),
    }
    for said, nlp in refused.items():
        with pytest.raises(ConfigurationError, match=re.escape(said)):
            score_corpus(SMALL, id_col="rid", output=output, progress=False, nlp=nlp)
    with pytest.raises(ConfigurationError, match="model='blank:en'"):
        score_corpus(SMALL, id_col="rid", output=output, progress=False)
    # An equal pipeline, built anew, resumes.
    result = score_corpus(
        SMALL, id_col="rid", output=output, progress=False, nlp=reviewkit.load()
    )
    assert result.stats.skipped == 2
    assert_written_once(result.frames(), list(SMALL["rid"]))

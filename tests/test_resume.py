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

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from reviewkit import score_corpus
from reviewkit._frames import LEVELS

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

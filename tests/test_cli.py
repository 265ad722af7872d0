"""The reviewkit command line: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from reviewkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "reviews"
ONE = SAMPLE / "our-borrowed-winter--mina.txt"
runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("reviewkit ")


def test_parse_table_and_json() -> None:
    result = runner.invoke(app, ["parse", str(ONE)])
    assert result.exit_code == 0, result.output
    assert "The Cozy:" in result.stdout
    data = json.loads(runner.invoke(app, ["parse", str(ONE), "--json"]).stdout)
    assert data["show"] == "Our Borrowed Winter"
    assert [s["kind"] for s in data["sections"]][:3] == ["intro", "summary", "pros"]


def test_analyze_shows_aspects_and_verdict() -> None:
    result = runner.invoke(app, ["analyze", str(ONE)])
    assert result.exit_code == 0, result.output
    assert "Mixed recommendation" in result.stdout
    assert "acting" in result.stdout
    assert "positive" in result.stdout
    data = json.loads(runner.invoke(app, ["analyze", str(ONE), "--json"]).stdout)
    assert data["aspects"]["acting"]["polarity"] == "positive"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse", "no/such/file.txt"], "no such file"),
        (["analyze", str(ONE), "--format", "docx"], "'format'"),
        (["score", "no/such/folder", "-o", "x.parquet"], "no such file"),
        (["score", str(SAMPLE), "-o", "x.xlsx"], ".parquet or .csv"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_score_and_compare(tmp_path: Path) -> None:
    output = tmp_path / "scores.parquet"
    result = runner.invoke(
        app, ["score", str(SAMPLE), "-o", str(output), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "Mean aspect score by show" in result.stdout
    assert pd.read_parquet(output)["show"].nunique() == 5
    table = runner.invoke(app, ["compare", str(output), "--by", "show"])
    assert table.exit_code == 0, table.output
    assert "Harrowgate" in table.stdout
    assert "acting" in table.stdout
    test = runner.invoke(
        app,
        [
            "compare",
            str(output),
            "--a",
            "Our Borrowed Winter",
            "--b",
            "Emberfall Station",
        ],
    )
    assert test.exit_code == 0, test.output
    assert "p_adjusted" in test.stdout
    bad = runner.invoke(
        app, ["compare", str(output), "--a", "Nope", "--b", "Emberfall Station"]
    )
    assert bad.exit_code == 2


def test_score_with_failures_exits_1(tmp_path: Path) -> None:
    source = tmp_path / "reviews.csv"
    pd.DataFrame({"text": ["Great cast.", None], "show": ["A", "B"]}).to_csv(
        source, index=False
    )
    result = runner.invoke(
        app, ["score", str(source), "-o", str(tmp_path / "o.csv"), "--no-progress"]
    )
    assert result.exit_code == 1
    assert "could not be analysed" in result.output


def test_score_missing_column_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "reviews.csv"
    pd.DataFrame({"body": ["Great cast."]}).to_csv(source, index=False)
    result = runner.invoke(app, ["score", str(source), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    assert "Columns are: body" in result.output


def _small_csv(path: Path) -> Path:
    pd.DataFrame(
        {"id": ["a", "b"], "text": ["Great cast.", "The ending drags."], "show": "A"}
    ).to_csv(path, index=False)
    return path


def test_score_bad_format_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    source = _small_csv(tmp_path / "reviews.csv")
    output = tmp_path / "out" / "scores.parquet"
    args = ["score", str(source), "-o", str(output), "--no-progress", "--no-table"]
    result = runner.invoke(app, [*args, "--format", "pdf"])
    assert result.exit_code == 2, result.output
    assert "'format'" in result.output
    assert not output.parent.exists()
    fixed = runner.invoke(app, args)  # nothing was recorded as done
    assert fixed.exit_code == 0, fixed.output
    assert len(pd.read_parquet(tmp_path / "out" / "scores.reviews.parquet")) == 2


@pytest.mark.parametrize("n_process", ["1", "2"])
def test_score_bad_backend_exits_2(tmp_path: Path, n_process: str) -> None:
    source = _small_csv(tmp_path / "reviews.csv")
    result = runner.invoke(
        app,
        ["score", str(source), "-o", str(tmp_path / "o.parquet"), "--no-progress",
         "--backend", "bert", "--n-process", n_process],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "backend 'bert'" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews.csv"]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("reviews.csv/out.parquet", "is a file, not a folder"),
        ("folder.parquet", "is a folder"),
        ("reviews.csv", "is the input"),
    ],
)
def test_score_unusable_output_exits_2(
    tmp_path: Path, output: str, message: str
) -> None:
    source = _small_csv(tmp_path / "reviews.csv")
    (tmp_path / "folder.parquet").mkdir()
    before = source.read_bytes()
    result = runner.invoke(
        app, ["score", str(source), "-o", str(tmp_path / output), "--no-progress"]
    )
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())  # rich wraps long lines
    assert "Traceback" not in result.output
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "folder.parquet",
        "reviews.csv",
    ]


def test_score_refuses_a_foreign_output_unless_no_resume(tmp_path: Path) -> None:
    source = _small_csv(tmp_path / "reviews.csv")
    people = tmp_path / "people.csv"
    people.write_text("name,age\nbob,3\n", encoding="utf-8")
    args = ["score", str(source), "-o", str(people), "--no-progress", "--no-table"]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2, refused.output
    assert "--no-resume" in refused.output
    assert people.read_text(encoding="utf-8") == "name,age\nbob,3\n"
    overwritten = runner.invoke(app, [*args, "--no-resume"])
    assert overwritten.exit_code == 0, overwritten.output
    assert pd.read_csv(tmp_path / "people.reviews.csv")["status"].eq("ok").all()


def test_score_meta_selects_sidecar_columns_of_a_folder(tmp_path: Path) -> None:
    output = tmp_path / "scores.parquet"
    result = runner.invoke(
        app,
        ["score", str(SAMPLE), "-o", str(output), "--no-progress", "--no-table",
         "--meta", "show", "--meta", "reviewer"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    columns = list(pd.read_parquet(tmp_path / "scores.reviews.parquet").columns)
    assert columns[:4] == ["review_id", "show", "reviewer", "status"]


def test_compare_groups_of_a_numeric_column(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"text": ["Great cast.", "The acting was superb.", "Wooden acting."] * 2,
         "stars": [5, 5, 1, 1, 5, 1]},
    )  # fmt: skip
    source = tmp_path / "reviews.parquet"
    frame.to_parquet(source)
    output = tmp_path / "scores.parquet"
    runner.invoke(app, ["score", str(source), "-o", str(output), "--no-progress"])
    result = runner.invoke(
        app, ["compare", str(output), "--by", "stars", "--a", "5", "--b", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "acting" in result.stdout
    missing = runner.invoke(
        app, ["compare", str(output), "--by", "stars", "--a", "5", "--b", "3"]
    )
    assert missing.exit_code == 2
    assert "'3' are not in the frame" in missing.output

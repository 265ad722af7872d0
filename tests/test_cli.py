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

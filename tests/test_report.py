"""The corpus report: one self-contained HTML file (write_report, `reviewkit report`)."""

from __future__ import annotations

import base64
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

import reviewkit
from reviewkit._report import load_frames, render_report, write_report
from reviewkit.cli import app
from reviewkit.errors import ColumnError, FrameSchemaError, InputError

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "reviews"
SECTIONS = ("summary", "matrix", "pros-cons", "reviews", "failures")
BROKEN = {"hm-draft": "is missing", "go-scan": "of type float"}
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr"}
runner = CliRunner()


class Report(HTMLParser):
    """Elements with their enclosing section, show card and pros/cons block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.section: str | None = None
        self.group: str | None = None
        self.block: str | None = None
        self.in_h4 = False
        self.rows: list[dict[str, Any]] = []  # pros/cons rows with their context
        self.text: dict[str, list[str]] = {}  # section id -> text
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        if tag == "section":
            self.section = values.get("id")
        if tag == "article":
            self.group = values.get("data-group")
        if tag == "h4":
            self.in_h4 = True
            self.block = ""
        if tag == "tr" and "data-aspect" in values and self.group:
            self.rows.append(
                {
                    "group": self.group,
                    "block": self.block,
                    "aspect": values["data-aspect"],
                }
            )
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> at {self.getpos()}")
            return
        self.stack.pop()
        if tag == "h4":
            self.in_h4 = False
        if tag == "article":
            self.group = None
        if tag == "section":
            self.section = None

    def handle_data(self, data: str) -> None:
        if self.in_h4:
            self.block = (self.block or "") + data
        if self.section:
            self.text.setdefault(self.section, []).append(data)

    def section_text(self, name: str) -> str:
        return " ".join(self.text.get(name, []))


def parse_report(markup: str) -> Report:
    report = Report()
    report.feed(markup)
    report.close()
    assert not report.errors, report.errors[:5]
    assert not report.stack, report.stack
    return report


def check_self_contained(markup: str, report: Report) -> None:
    tags = {tag for tag, _ in report.elements}
    assert "script" not in tags
    assert "<script" not in markup.lower()
    assert not tags & {"iframe", "object", "embed", "link"}
    for _, attrs in report.elements:
        for name in ("src", "href"):
            value = attrs.get(name, "")
            assert not value.startswith(("http://", "https://", "//")), value
        assert not any(name.startswith("on") for name in attrs)
    assert "url(" not in markup
    assert "@import" not in markup


def sample_frame() -> pd.DataFrame:
    meta = pd.read_csv(SAMPLE / "metadata.csv")
    meta["text"] = [(SAMPLE / f).read_text(encoding="utf-8") for f in meta["file"]]
    broken = pd.DataFrame(
        [
            {"review_id": "hm-draft", "show": "Harrowgate Marsh", "text": None},
            {"review_id": "go-scan", "show": "The Glass Orchard", "text": 3.5},
        ]
    )
    return pd.concat([meta.drop(columns="file"), broken], ignore_index=True)


@pytest.fixture(scope="module")
def result() -> reviewkit.CorpusResult:
    return reviewkit.score_corpus(
        sample_frame(),
        id_col="review_id",
        meta_cols=["show", "reviewer", "platform"],
        progress=False,
    )


@pytest.fixture(scope="module")
def written(result: reviewkit.CorpusResult, tmp_path_factory: Any) -> Path:
    pytest.importorskip("pyarrow")
    folder = tmp_path_factory.mktemp("scores")
    result.to_parquet(folder / "scores.parquet")
    return folder / "scores.parquet"


@pytest.fixture(scope="module")
def markup(result: reviewkit.CorpusResult, tmp_path_factory: Any) -> str:
    target = write_report(result, tmp_path_factory.mktemp("report") / "r.html")
    return target.read_text(encoding="utf-8")


def test_sections_present(markup: str) -> None:
    report = parse_report(markup)
    ids = [a["id"] for tag, a in report.elements if tag == "section"]
    assert ids == list(SECTIONS)
    assert markup.startswith("<!DOCTYPE html>")
    titles = [a for tag, a in report.elements if tag == "title"]
    assert titles


def test_summary_counts(markup: str, result: reviewkit.CorpusResult) -> None:
    report = parse_report(markup)
    stats = {a["data-stat"]: a for tag, a in report.elements if "data-stat" in a}
    assert {"records", "analysed", "failed", "shows", "reviewers"} <= set(stats)
    text = report.section_text("summary")
    assert "20 records" in " ".join(text.split())
    assert "18 analysed" in " ".join(text.split())
    assert "2 failed" in " ".join(text.split())
    assert "5 shows" in " ".join(text.split())
    assert "8 reviewers" in " ".join(text.split())


def test_every_show_is_listed(markup: str, result: reviewkit.CorpusResult) -> None:
    report = parse_report(markup)
    shows = sorted(result.aspects["show"].unique())
    assert len(shows) == 5
    cards = [a["data-group"] for tag, a in report.elements if tag == "article"]
    assert cards == shows
    matrix = report.section_text("matrix")
    for show in shows:
        assert show in matrix
        assert show in report.section_text("reviews")


def test_heatmap_is_an_inline_png(markup: str) -> None:
    pytest.importorskip("matplotlib")
    report = parse_report(markup)
    images = [a for tag, a in report.elements if tag == "img"]
    assert len(images) == 1
    src = images[0]["src"]
    assert src.startswith("data:image/png;base64,")
    png = base64.b64decode(src.split(",", 1)[1])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert images[0]["alt"]


def test_self_contained(markup: str) -> None:
    check_self_contained(markup, parse_report(markup))


def test_failures_listed_with_reasons(markup: str) -> None:
    report = parse_report(markup)
    text = report.section_text("failures")
    assert "2 of 20 records could not be analysed" in text
    for review_id, reason in BROKEN.items():
        assert review_id in text
        assert reason in text


def test_pros_and_cons_with_evidence(
    markup: str, result: reviewkit.CorpusResult
) -> None:
    report = parse_report(markup)
    table = result.aspects.reviewkit.table(by="show")
    placed = {(r["group"], r["aspect"]): r["block"] for r in report.rows}
    for row in table.itertuples(index=False):
        if row.aspect == "overall":
            continue
        block = placed[(row.show, row.aspect)]
        if row.mean_score >= 0.05:
            assert block == "Pros"
        elif row.mean_score <= -0.05:
            assert block == "Cons"
        else:
            assert block == "Mixed or neutral"
    assert placed[("Harrowgate Marsh", "acting")] == "Pros"
    assert placed[("Our Borrowed Winter", "pacing")] == "Cons"
    text = report.section_text("pros-cons")
    # The strongest evidence is quoted with who said it.
    evidence = result.mentions.reviewkit.evidence(n=1, polarity="positive")
    top = evidence[
        (evidence["show"] == "Harrowgate Marsh") & (evidence["aspect"] == "acting")
    ].iloc[0]
    assert " ".join(str(top["evidence"]).split())[:60] in " ".join(text.split())
    assert "— Theo Vance" in text or "— Priya K." in text or "— Hollis Grey" in text


def test_from_written_files_with_the_cli(written: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    outcome = runner.invoke(app, ["report", str(written), "-o", str(target)])
    assert outcome.exit_code == 0, outcome.output
    assert "wrote" in outcome.stdout
    markup = target.read_text(encoding="utf-8")
    report = parse_report(markup)
    check_self_contained(markup, report)
    assert [a["id"] for tag, a in report.elements if tag == "section"] == list(SECTIONS)
    for review_id in BROKEN:
        assert review_id in report.section_text("failures")
    assert "aspect mentions" in report.section_text("pros-cons")


def test_cli_usage_errors(written: Path, tmp_path: Path) -> None:
    reviews = written.with_name("scores.reviews.parquet")
    cases = [
        (["report", "no/such.parquet", "-o", str(tmp_path / "r.html")], "no such"),
        (["report", str(reviews), "-o", str(tmp_path / "r.html")], "reviews frame"),
        (["report", str(written), "-o", str(tmp_path / "r.pdf")], ".html"),
        (["report", str(written), "-o", str(tmp_path / "r.html"), "--by", "x"], "'x'"),
    ]
    for args, message in cases:
        outcome = runner.invoke(app, args)
        assert outcome.exit_code == 2, (args, outcome.output)
        assert message in outcome.output


def test_aspects_file_alone(written: Path, tmp_path: Path) -> None:
    alone = tmp_path / "alone.parquet"
    alone.write_bytes(written.read_bytes())
    frames = load_frames(alone)
    assert frames.reviews is None
    assert frames.mentions is None
    markup = render_report(alone)
    report = parse_report(markup)
    assert "alone.reviews.parquet was not found" in report.section_text("summary")
    assert "Unknown" in report.section_text("failures")
    assert len([a for tag, a in report.elements if tag == "article"]) == 5


def test_csv_output(tmp_path: Path) -> None:
    output = tmp_path / "scores.csv"
    reviewkit.score_corpus(SAMPLE, output=output, progress=False)
    frames = load_frames(output)
    assert frames.reviews is not None
    assert frames.mentions is not None
    markup = render_report(output, title="Sample <corpus>")
    assert "<h1>Sample &lt;corpus&gt;</h1>" in markup
    assert "<title>Sample &lt;corpus&gt;</title>" in markup
    report = parse_report(markup)
    assert len([a for tag, a in report.elements if tag == "article"]) == 5


def test_inputs_and_errors(result: reviewkit.CorpusResult, tmp_path: Path) -> None:
    frames = {"aspects": result.aspects, "reviews": result.reviews}
    report = parse_report(render_report(frames, by="platform"))
    cards = [a["data-group"] for tag, a in report.elements if tag == "article"]
    assert cards == sorted(result.aspects["platform"].unique())
    parse_report(render_report(result.aspects))
    with pytest.raises(FrameSchemaError, match="reviews frame"):
        render_report(result.reviews)
    with pytest.raises(ColumnError, match="nope"):
        render_report(result, by="nope")
    with pytest.raises(InputError, match="No scores file"):
        render_report(tmp_path / "missing.parquet")
    with pytest.raises(InputError, match="'aspects' key"):
        render_report({"reviews": result.reviews})
    with pytest.raises(TypeError, match="CorpusResult"):
        render_report(42)


def test_text_is_escaped(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "text": [
                "The Good:\nThe Acting- superb <script>x</script>.\n"
                "The Bad:\nBoring- it drags.",
                None,
            ],
            "show": ["<script>alert(1)</script>", "<b>Bold</b>"],
        }
    )
    scored = reviewkit.score_corpus(frame, progress=False)
    markup = render_report(scored)
    assert "<script" not in markup.lower()
    assert "<b>Bold" not in markup
    report = parse_report(markup)
    assert "<script>alert(1)</script>" in report.section_text("matrix")


def test_all_failed_and_no_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    failed = reviewkit.score_corpus(
        pd.DataFrame({"text": [None, None], "show": ["A", "B"]}), progress=False
    )
    report = parse_report(render_report(failed))
    assert "No aspect scores" in report.section_text("matrix")
    assert "2 of 2 records" in report.section_text("failures")
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    some = reviewkit.score_corpus(
        pd.DataFrame({"text": ["The acting was great."], "show": ["A"]}),
        progress=False,
    )
    markup = render_report(some)
    assert "<img" not in markup
    assert "reviewkit[viz]" in markup


def test_show_cards_count_reviews_and_verdicts(
    markup: str, result: reviewkit.CorpusResult
) -> None:
    from reviewkit._style import VERDICT_LABELS

    report = parse_report(markup)
    text = " ".join(report.section_text("pros-cons").split())
    ok = result.reviews[result.reviews["status"] == "ok"]
    for show, part in ok.groupby("show"):
        assert f"{show} {len(part)} review(s)" in text
        for verdict, n in part["verdict"].value_counts().items():
            if n:
                assert f"{n} × {VERDICT_LABELS[verdict]}" in text

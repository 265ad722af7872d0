"""The corpus report: one self-contained HTML file (``reviewkit report``).

`write_report` takes a `CorpusResult`, the ``OUT.parquet``/``OUT.csv`` file of
``reviewkit score`` (its sibling level files ``OUT.reviews.parquet``,
``OUT.mentions.parquet``... are used when present), a mapping of level names to
frames or paths, or the aspects frame alone, and writes:

- the corpus summary: records, analysed, failed, shows, reviewers;
- the show x aspect table and its heatmap (an inline PNG when matplotlib is
  installed);
- per show, its pros and cons: each aspect's mean score with the strongest
  praise and the strongest criticism (from the mentions frame when present,
  else from each review's top evidence in the aspects frame);
- the reviews, and the records that could not be scored with the reason.

The file has inline CSS, no scripts and nothing fetched from the network.
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from reviewkit import _accessor as _accessor  # registers df.reviewkit
from reviewkit._frames import KEY, LEVELS, SCHEMAS
from reviewkit._html import BASE_CSS, escape, page, score_bar, shorten, tint
from reviewkit._style import (
    POLARITY_COLOURS,
    VERDICT_COLOURS,
    VERDICT_LABELS,
    score_colour,
)
from reviewkit.errors import (
    ColumnError,
    FrameSchemaError,
    InputError,
    MissingDependencyError,
)

__all__ = ["ReportFrames", "load_frames", "render_report", "write_report"]

#: |mean| below which an aspect is neither a pro nor a con.
THRESHOLD = 0.05
_ASPECT_COLUMNS = ("aspect", "score", "polarity", "mentions", "review_id")

REPORT_CSS = """
.rk-report section { margin: 0 0 28px; }
.rk-report .rk-cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.rk-report .rk-card { border: 1px solid #d0d7de; border-radius: 6px;
  padding: 8px 14px; min-width: 110px; }
.rk-report .rk-card b { display: block; font-size: 1.6em; line-height: 1.2; }
.rk-report .rk-card span { color: #57606a; font-size: 0.85em; }
.rk-report .rk-scroll { overflow-x: auto; max-width: 100%; }
.rk-report table.rk-matrix td { text-align: center; min-width: 90px;
  font-variant-numeric: tabular-nums; }
.rk-report table.rk-matrix th { text-align: center; }
.rk-report table.rk-matrix th.rk-group { text-align: left; white-space: nowrap; }
.rk-report table.rk-matrix small { color: #57606a; }
.rk-report img.rk-plot { max-width: 100%; height: auto; display: block;
  margin: 6px 0 10px; }
.rk-report .rk-show-card { border: 1px solid #d0d7de; border-radius: 6px;
  padding: 4px 16px 10px; margin: 12px 0; }
.rk-report .rk-show-card h3 { margin-top: 0.6em; }
.rk-report .rk-show-card h4 { margin: 0.8em 0 0.2em; font-size: 0.95em; }
.rk-report table.rk-procon { table-layout: fixed; width: 100%; }
.rk-report .rk-quote { font-size: 0.92em; }
.rk-report .rk-who { color: #57606a; font-size: 0.85em; white-space: nowrap; }
.rk-report .rk-toc { font-size: 0.95em; }
.rk-report .rk-toc a { margin-right: 14px; }
.rk-report .rk-failures td.rk-error { color: #cf222e; }
.rk-report td.rk-nowrap { white-space: nowrap; }
.rk-report .rk-note { color: #57606a; font-size: 0.9em; }
"""


@dataclass
class ReportFrames:
    """The frames a report is built from.

    Attributes:
        aspects: The review x aspect frame (required).
        reviews: The review-level frame, with error rows (None when absent).
        mentions: The mention-level frame (None when absent).
        source: Where the frames came from, for the report's subtitle.
        notes: Remarks shown in the summary (a sibling file that was not
            found, a frame that was set aside).
    """

    aspects: pd.DataFrame
    reviews: pd.DataFrame | None = None
    mentions: pd.DataFrame | None = None
    source: str = "a scored corpus"
    notes: list[str] = field(default_factory=list)


def _read(path: Path, level: str, meta: list[str] | None) -> pd.DataFrame:
    from reviewkit._corpus import read_csv_frame

    try:
        if path.suffix.lower() == ".parquet":
            return pd.read_parquet(path)
        if meta is None:
            header = pd.read_csv(path, nrows=0).columns
            meta = [c for c in header if c != KEY and c not in SCHEMAS[level]]
        return read_csv_frame(path, level, meta)
    except (OSError, ValueError, ImportError) as exc:
        raise InputError(f"Cannot read the {level} frame {str(path)!r}: {exc}") from exc


def load_frames(path: str | Path) -> ReportFrames:
    """Read the files ``reviewkit score -o OUT`` wrote, starting from ``OUT``.

    Args:
        path: ``OUT.parquet`` or ``OUT.csv``, the review x aspect file. The
            level files beside it (``OUT.reviews.parquet``...) are read when
            they exist.

    Returns:
        The frames found.

    Raises:
        InputError: If ``path`` does not exist or cannot be read.
    """
    target = Path(path)
    if not target.is_file():
        raise InputError(
            f"No scores file at {str(target)!r}. Pass the OUT.parquet or OUT.csv "
            "file that `reviewkit score -o OUT` wrote."
        )
    suffix = target.suffix.lower()
    stem = target.with_suffix("")
    names = {level: f"{stem.name}.{level}{suffix}" for level in LEVELS}
    meta: list[str] | None = None
    manifest = stem.with_name(f"{stem.name}._reviewkit.json")
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            names.update(data.get("levels", {}))
            meta = list(data.get("meta", [])) or None
        except (OSError, ValueError):
            pass  # a damaged manifest: fall back to the naming convention
    frames = ReportFrames(
        aspects=_read(target, "aspects", meta), source=str(target.name)
    )
    for level in ("reviews", "mentions"):
        sibling = target.with_name(names[level])
        if sibling.is_file() and sibling != target:
            setattr(frames, level, _read(sibling, level, meta))
        else:
            frames.notes.append(f"{names[level]} was not found next to {target.name}.")
    return frames


def _frames(source: Any) -> ReportFrames:
    from reviewkit._corpus import CorpusResult

    if isinstance(source, ReportFrames):
        return source
    if isinstance(source, CorpusResult):
        return ReportFrames(
            aspects=source.aspects,
            reviews=source.reviews,
            mentions=source.mentions,
            source="a CorpusResult",
        )
    if isinstance(source, str | Path):
        return load_frames(source)
    if isinstance(source, pd.DataFrame):
        return ReportFrames(aspects=source, source="an aspects frame")
    if isinstance(source, Mapping):
        loaded: dict[str, pd.DataFrame] = {}
        for level, value in source.items():
            if level not in ("aspects", "reviews", "mentions"):
                continue
            loaded[level] = (
                value
                if isinstance(value, pd.DataFrame)
                else _read(Path(value), level, None)
            )
        if "aspects" not in loaded:
            raise InputError(
                "A report needs the aspects frame: pass a mapping with an 'aspects' "
                f"key (got keys {', '.join(map(repr, source))})."
            )
        return ReportFrames(
            aspects=loaded["aspects"],
            reviews=loaded.get("reviews"),
            mentions=loaded.get("mentions"),
            source="the given frames",
        )
    raise TypeError(
        "write_report() takes a CorpusResult, the OUT.parquet/OUT.csv path of "
        "`reviewkit score`, a mapping of level names to frames or paths, or the "
        f"aspects frame; got {type(source).__name__}."
    )


def _check(frames: ReportFrames, by: str) -> None:
    aspects = frames.aspects
    missing = [c for c in _ASPECT_COLUMNS if c not in aspects.columns]
    if missing:
        hint = ""
        if "status" in aspects.columns:
            hint = " This looks like the reviews frame; pass OUT.parquet itself."
        raise FrameSchemaError(
            f"The report needs the aspects frame of score_corpus() (the OUT file of "
            f"`reviewkit score`); this frame lacks {', '.join(missing)}. Its columns "
            f"are {', '.join(map(str, aspects.columns)) or '(none)'}.{hint}"
        )
    if by not in aspects.columns:
        raise ColumnError(
            f"Cannot group the report by {by!r}: the aspects frame has no such "
            f"column. Metadata columns: "
            f"{', '.join(_meta_columns(aspects, 'aspects')) or '(none)'}."
        )
    if frames.mentions is not None and not {"clause", "compound", by} <= set(
        frames.mentions.columns
    ):
        frames.notes.append("The mentions frame lacks clause/compound columns.")
        frames.mentions = None
    if frames.reviews is not None and not {"status", KEY} <= set(
        frames.reviews.columns
    ):
        frames.notes.append("The reviews frame lacks status/review_id columns.")
        frames.reviews = None


# -- pieces --


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "group"


def _present(value: Any) -> bool:
    if value is None or value is pd.NA:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _cell_style(score: float) -> str:
    strength = min(1.0, abs(score))
    alpha = f"{int(24 + 150 * strength):02x}"
    return f"background: {tint(score_colour(score), alpha)};"


def _fmt(value: Any, pattern: str = "{:+.2f}") -> str:
    return pattern.format(float(value)) if _present(value) else "–"


def _summary(frames: ReportFrames, by: str, groups: list[str]) -> str:
    aspects = frames.aspects
    reviews = frames.reviews
    cards: list[tuple[str, str]] = []
    if reviews is not None:
        status = reviews["status"].astype(str)
        cards += [
            ("records", str(len(reviews))),
            ("analysed", str(int((status == "ok").sum()))),
            ("failed", str(int((status == "error").sum()))),
        ]
    else:
        cards.append(("reviews with aspects", str(aspects[KEY].nunique())))
    cards.append((f"{by}s" if not by.endswith("s") else by, str(len(groups))))
    for frame in (reviews, aspects):
        if frame is not None and "reviewer" in frame.columns and by != "reviewer":
            count = frame["reviewer"].dropna().nunique()
            cards.append(("reviewers", str(count)))
            break
    cards.append(("review x aspect scores", str(len(aspects))))
    if frames.mentions is not None:
        cards.append(("aspect mentions", str(len(frames.mentions))))
    body = "".join(
        f'<div class="rk-card" data-stat="{escape(name)}"><b>{escape(value)}</b>'
        f"<span>{escape(name)}</span></div>"
        for name, value in cards
    )
    notes = "".join(f'<p class="rk-note">{escape(n)}</p>' for n in frames.notes)
    return (
        '<section id="summary"><h2>Corpus summary</h2>'
        f'<div class="rk-cards">{body}</div>{notes}</section>'
    )


def _heatmap_png(aspects: pd.DataFrame, by: str, groups: int, columns: int) -> str:
    """The heatmap as a base64 PNG, or "" when matplotlib is missing."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        return ""
    from reviewkit import viz

    figure = Figure(
        figsize=(
            max(6.0, min(11.0, 0.62 * columns + 2.8)),
            max(2.4, 0.5 * groups + 1.9),
        ),
        layout="constrained",
    )
    axes = figure.subplots()
    viz.heatmap(aspects, by=by, ax=axes)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _matrix(frames: ReportFrames, by: str, table: pd.DataFrame) -> str:
    columns = sorted(
        table["aspect"].astype(str).unique(),
        key=lambda a: (-int(table.loc[table["aspect"] == a, "reviews"].sum()), a),
    )
    groups = sorted(table[by].astype(str).unique())
    cells = {
        (str(row[by]), str(row["aspect"])): row
        for row in table.to_dict(orient="records")
    }
    try:
        png = _heatmap_png(frames.aspects, by, len(groups), len(columns))
    except MissingDependencyError:
        png = ""
    if png:
        figure = (
            '<img class="rk-plot" alt="Heatmap of the mean aspect score by '
            f'{escape(by)}" src="data:image/png;base64,{png}">'
        )
    else:
        figure = (
            '<p class="rk-note">The heatmap needs matplotlib: pip install '
            "'reviewkit[viz]'.</p>"
        )
    # Aspects down, groups across, as in the terminal's table (it fits).
    head = "".join(f"<th>{escape(g)}</th>" for g in groups)
    rows = []
    for aspect in columns:
        row = [f'<th class="rk-group" scope="row">{escape(aspect)}</th>']
        for group in groups:
            cell = cells.get((group, aspect))
            if cell is None:
                row.append('<td class="rk-muted" title="not mentioned">·</td>')
                continue
            mean = float(cell["mean_score"])
            hover = (
                f"{group} · {aspect}: mean {mean:+.2f} over {cell['reviews']} "
                f"review(s), {cell['mentions']} mention(s)"
            )
            row.append(
                f'<td style="{_cell_style(mean)}" title="{escape(hover)}">'
                f"{mean:+.2f} <small>({int(cell['mentions'])})</small></td>"
            )
        rows.append(f"<tr>{''.join(row)}</tr>")
    return (
        f'<section id="matrix"><h2>{escape(by.capitalize())} × aspect</h2>'
        '<p class="rk-note">Mean of the review-level aspect scores (−1..+1), with '
        "the number of mentions in brackets; · means no review of that "
        f"{escape(by)} mentions the aspect.</p>{figure}"
        '<div class="rk-scroll"><table class="rk-table rk-matrix"><thead><tr>'
        f'<th class="rk-group">aspect</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _who(row: Mapping[str, Any]) -> str:
    parts = [str(row[KEY])]
    reviewer = row.get("reviewer")
    if _present(reviewer):
        parts.insert(0, str(reviewer))
    return " · ".join(parts)


def _evidence(frames: ReportFrames, by: str) -> dict[tuple[str, str, str], Any]:
    """Strongest positive and negative evidence per (group, aspect).

    From the scored mentions when the mentions frame is there; otherwise, and
    for aspects whose score no mention carries (an item, a rating), from each
    review's top evidence in the aspects frame.
    """
    reviewers: dict[str, Any] = {}
    for frame in (frames.reviews, frames.aspects):
        if frame is not None and "reviewer" in frame.columns:
            reviewers.update(
                zip(frame[KEY].astype(str), frame["reviewer"], strict=True)
            )
            break
    found: dict[tuple[str, str, str], Any] = {}
    sources = [frames.aspects]  # each review's top evidence: the fallback
    if frames.mentions is not None:
        sources.append(frames.mentions)  # scored mentions: preferred
    for frame in sources:
        for polarity in ("positive", "negative"):
            top = frame.reviewkit.evidence(by=by, n=1, polarity=polarity)
            for row in top.to_dict(orient="records"):
                row["reviewer"] = reviewers.get(str(row[KEY]))
                found[(str(row[by]), str(row["aspect"]), polarity)] = row
    return found


def _quote(row: Any, polarity: str) -> str:
    if row is None:
        return '<td class="rk-muted">–</td>'
    colour = POLARITY_COLOURS[polarity]
    text = str(row["evidence"])
    return (
        f'<td class="rk-quote" title="{escape(shorten(text, 2000))}">'
        f'<span class="rk-pol" style="color: {colour};">'
        f"{float(row['score']):+.2f}</span> “{escape(shorten(text, 220))}” "
        f'<span class="rk-who">— {escape(_who(row))}</span></td>'
    )


def _verdict_counts(reviews: pd.DataFrame | None, by: str) -> dict[str, str]:
    """Per group, how many reviews recommend the show, are mixed, advise against."""
    if reviews is None or by not in reviews.columns or "verdict" not in reviews:
        return {}
    ok = reviews[reviews["status"] == "ok"]
    labels = ok["verdict"].astype(object).where(ok["verdict"].notna(), "none")
    counts = labels.groupby(ok[by].astype(str)).value_counts()
    found: dict[str, str] = {}
    for group in counts.index.get_level_values(0).unique():
        per = counts.loc[group]
        bits = []
        for verdict in ("recommend", "mixed", "not_recommend", None):
            n = int(per.get(verdict or "none", 0))
            if n:
                bits.append(
                    f'<span style="color: {VERDICT_COLOURS[verdict]}; '
                    f'font-weight: 600;">{n} × {escape(VERDICT_LABELS[verdict])}'
                    "</span>"
                )
        found[str(group)] = " · ".join(bits)
    return found


def _show_cards(frames: ReportFrames, by: str, table: pd.DataFrame) -> str:
    evidence = _evidence(frames, by)
    verdicts = _verdict_counts(frames.reviews, by)
    aspects = frames.aspects
    counts = aspects[KEY].groupby(aspects[by].astype(str)).nunique()
    cards = []
    for group, part in table.groupby(table[by].astype(str), sort=True):
        group = str(group)
        facts = [f"{int(counts.get(group, 0))} review(s)"]
        overall = part[part["aspect"] == "overall"]
        if len(overall):
            score = float(overall["mean_score"].iloc[0])
            facts.append(
                f'overall <span class="rk-pol" style="color: {score_colour(score)};">'
                f"{score:+.2f}</span>"
            )
        if verdicts.get(group):
            facts.append(verdicts[group])
        rows = part[part["aspect"] != "overall"]
        blocks = []
        for title, selected in (
            ("Pros", rows[rows["mean_score"] >= THRESHOLD].sort_values(
                "mean_score", ascending=False
            )),
            ("Cons", rows[rows["mean_score"] <= -THRESHOLD].sort_values("mean_score")),
            ("Mixed or neutral", rows[rows["mean_score"].abs() < THRESHOLD]),
        ):  # fmt: skip
            if selected.empty:
                continue
            lines = []
            for row in selected.to_dict(orient="records"):
                aspect = str(row["aspect"])
                mean = float(row["mean_score"])
                interval = ""
                if _present(row["ci_low"]):
                    interval = (
                        f'<br><small class="rk-muted">95% CI {row["ci_low"]:+.2f}'
                        f" to {row['ci_high']:+.2f}</small>"
                    )
                lines.append(
                    f'<tr data-aspect="{escape(aspect)}"><td><b>{escape(aspect)}</b>'
                    f'</td><td class="rk-num" style="color: {score_colour(mean)};">'
                    f"{mean:+.2f}{score_bar(mean)}{interval}</td>"
                    f'<td class="rk-num">{int(row["reviews"])}</td>'
                    + _quote(evidence.get((group, aspect, "positive")), "positive")
                    + _quote(evidence.get((group, aspect, "negative")), "negative")
                    + "</tr>"
                )
            blocks.append(
                f'<h4 class="rk-{_slug(title)}">{title}</h4>'
                '<table class="rk-table rk-procon"><colgroup><col style="width: 12%">'
                '<col style="width: 15%"><col style="width: 7%"><col><col>'
                "</colgroup><thead><tr><th>aspect</th>"
                '<th class="rk-num">mean</th><th class="rk-num">reviews</th>'
                "<th>strongest praise</th><th>strongest criticism</th></tr></thead>"
                f"<tbody>{''.join(lines)}</tbody></table>"
            )
        cards.append(
            f'<article class="rk-show-card" id="{by}-{_slug(group)}" '
            f'data-group="{escape(group)}"><h3>{escape(group)}</h3>'
            f'<div class="rk-muted">{" · ".join(facts)}</div>{"".join(blocks)}'
            "</article>"
        )
    source = (
        "aspect mentions" if frames.mentions is not None else "reviews' top evidence"
    )
    return (
        f'<section id="pros-cons"><h2>Pros and cons per {escape(by)}</h2>'
        f'<p class="rk-note">Aspects with a mean score of at least +{THRESHOLD} are '
        f"pros, at most −{THRESHOLD} cons. Evidence: the strongest positive and "
        f"negative {source} for each aspect.</p>{''.join(cards)}</section>"
    )


def _meta_columns(frame: pd.DataFrame, level: str) -> list[str]:
    return [c for c in frame.columns if c != KEY and c not in SCHEMAS[level]]


def _reviews_table(frames: ReportFrames, by: str) -> str:
    reviews = frames.reviews
    if reviews is None:
        return ""
    ok = reviews[reviews["status"] == "ok"]
    meta = [c for c in _meta_columns(reviews, "reviews") if c != by][:2]
    sort = [c for c in (by, *meta, KEY) if c in ok.columns]
    ok = ok.sort_values(sort, kind="stable")
    head = "".join(f"<th>{escape(c)}</th>" for c in (by, *meta, KEY))
    rows = []
    for row in ok.to_dict(orient="records"):
        verdict = row.get("verdict")
        verdict = verdict if _present(verdict) else None
        score = row.get("score")
        cells = "".join(
            f"<td>{escape(row[c]) if _present(row[c]) else ''}</td>"
            for c in (by, *meta, KEY)
        )
        colour = score_colour(float(score)) if _present(score) else "inherit"
        rows.append(
            f"<tr>{cells}"
            f'<td style="color: {VERDICT_COLOURS[verdict]}; font-weight: 600;">'
            f"{escape(VERDICT_LABELS[verdict])}</td>"
            f'<td class="rk-num" style="color: {colour};">{_fmt(score)}</td>'
            f'<td class="rk-num">{_fmt(row.get("rating"), "{:.0%}")}</td>'
            f'<td class="rk-num">{_fmt(row.get("n_aspects"), "{:.0f}")}</td></tr>'
        )
    return (
        f'<section id="reviews"><h2>Reviews ({len(ok)} analysed)</h2>'
        f'<table class="rk-table rk-reviews"><thead><tr>{head}<th>verdict</th>'
        '<th class="rk-num">score</th><th class="rk-num">rating</th>'
        '<th class="rk-num">aspects</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _failures(frames: ReportFrames, by: str) -> str:
    reviews = frames.reviews
    title = '<section id="failures"><h2>Reviews that could not be scored</h2>'
    if reviews is None:
        return (
            f'{title}<p class="rk-note">Unknown: the reviews frame (with the error '
            "rows) was not available.</p></section>"
        )
    failed = reviews[reviews["status"] == "error"]
    if failed.empty:
        return (
            f"{title}<p>None: all {len(reviews)} records were analysed.</p></section>"
        )
    meta = [c for c in (by, *_meta_columns(reviews, "reviews")) if c in failed]
    meta = list(dict.fromkeys(meta))[:3]
    head = "".join(f"<th>{escape(c)}</th>" for c in (KEY, *meta))
    rows = []
    for row in failed.to_dict(orient="records"):
        cells = "".join(
            f'<td class="rk-nowrap">{escape(row[c]) if _present(row[c]) else ""}</td>'
            for c in (KEY, *meta)
        )
        rows.append(
            f'<tr>{cells}<td class="rk-error">{escape(row.get("error") or "")}'
            "</td></tr>"
        )
    return (
        f"{title}<p>{len(failed)} of {len(reviews)} records could not be analysed; "
        "they stay in the reviews frame as error rows.</p>"
        f'<table class="rk-table rk-failures"><thead><tr>{head}<th>reason</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def render_report(source: Any, *, by: str = "show", title: str | None = None) -> str:
    """Build the corpus report as one self-contained HTML document.

    Args:
        source: A `CorpusResult`; the ``OUT.parquet``/``OUT.csv`` path of
            ``reviewkit score`` (sibling level files are read when present); a
            mapping of ``"aspects"``/``"reviews"``/``"mentions"`` to frames or
            paths; or the aspects frame alone.
        by: The grouping column (``show`` by default).
        title: The report's title.

    Returns:
        The HTML.

    Raises:
        InputError: If a file cannot be read.
        FrameSchemaError: If the aspects frame is not one.
        ColumnError: If ``by`` is not a column.
    """
    from reviewkit import __version__

    frames = _frames(source)
    _check(frames, by)
    aspects = frames.aspects
    heading = title or f"reviewkit report: {frames.source}"
    groups = sorted(aspects[by].dropna().astype(str).unique())
    parts = [
        '<div class="rk-report">',
        f"<h1>{escape(heading)}</h1>",
        f'<p class="rk-note">Aspect sentiment of reviews, grouped by {escape(by)}, '
        f"from {escape(frames.source)}. Written by reviewkit {escape(__version__)}."
        "</p>",
        '<nav class="rk-toc"><a href="#summary">Summary</a>'
        f'<a href="#matrix">{escape(by.capitalize())} × aspect</a>'
        '<a href="#pros-cons">Pros and cons</a>'
        + ('<a href="#reviews">Reviews</a>' if frames.reviews is not None else "")
        + '<a href="#failures">Not scored</a></nav>',
        _summary(frames, by, groups),
    ]
    table = aspects.reviewkit.table(by=by) if len(aspects) else pd.DataFrame()
    if table.empty:
        parts.append(
            '<section id="matrix"><h2>Aspects</h2><p class="rk-note">No aspect '
            "scores: no review was analysed, or none mentions an aspect.</p>"
            "</section>"
        )
    else:
        parts.append(_matrix(frames, by, table))
        parts.append(_show_cards(frames, by, table))
    parts.append(_reviews_table(frames, by))
    parts.append(_failures(frames, by))
    parts.append("</div>")
    return page(heading, "".join(parts), BASE_CSS + REPORT_CSS)


def write_report(
    result_or_paths: Any,
    path: str | Path,
    *,
    by: str = "show",
    title: str | None = None,
) -> Path:
    """Write the corpus report to an HTML file.

    Args:
        result_or_paths: A `CorpusResult`, the ``OUT.parquet``/``OUT.csv``
            path of ``reviewkit score``, a mapping of level names to frames or
            paths, or the aspects frame (see `render_report`).
        path: The HTML file to write (its folder is created).
        by: The grouping column.
        title: The report's title.

    Returns:
        The path written.

    Examples:
        >>> import reviewkit
        >>> from reviewkit._report import write_report
        >>> result = reviewkit.score_corpus("data/reviews")  # doctest: +SKIP
        >>> write_report(result, "out/report.html")  # doctest: +SKIP
        PosixPath('out/report.html')
    """
    document = render_report(result_or_paths, by=by, title=title)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")
    return target

"""The ``reviewkit`` command line.

Commands::

    reviewkit parse FILE                 the review's structure
    reviewkit analyze FILE               sections, aspects and verdict, in colour
    reviewkit score SOURCE -o OUT.parquet|OUT.csv
    reviewkit compare SCORES --by show   show x aspect table, or a test of two shows
    reviewkit report SCORES -o report.html

Exit codes: 0 success; 1 the run finished but some reviews could not be
analysed (their error rows are in the output); 2 bad usage: a missing path, an
unknown format or option, a missing column, an output that cannot be written,
is the input, or holds files of another run (``--no-resume`` overwrites them).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from reviewkit._style import (
    POLARITY_COLOURS,
    SECTION_LABELS,
    VERDICT_COLOURS,
    VERDICT_LABELS,
    score_colour,
)
from reviewkit.errors import ReviewkitError, ReviewkitWarning

if TYPE_CHECKING:
    from reviewkit._blend import Backend

__all__ = ["app", "main"]

app = typer.Typer(
    name="reviewkit",
    help="Structure, aspect sentiment and corpus analytics for reviews of TV and film.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
EXIT_FAILURES = 1
EXIT_USAGE = 2


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _fail(message: str) -> typer.Exit:
    _console(stderr=True).print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(EXIT_USAGE)


@contextmanager
def _warnings_as_messages(limit: int = 10) -> Iterator[None]:
    """Print reviewkit's warnings as ``warning:`` lines on stderr.

    A warning such as a file that is not UTF-8 is news for the user, not a
    Python traceback-style report pointing into reviewkit's code.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReviewkitWarning)
        try:
            yield
        finally:
            console = _console(stderr=True)
            for item in caught[:limit]:
                console.print(f"[yellow]warning:[/] {escape(str(item.message))}")
            if len(caught) > limit:
                console.print(f"[yellow]... and {len(caught) - limit} more warnings[/]")


def _version(value: bool) -> None:
    if value:
        from reviewkit import __version__

        typer.echo(f"reviewkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """reviewkit: turn written reviews into data."""


def _path(value: str) -> Path:
    path = Path(value)
    if not path.exists():
        raise _fail(f"no such file or folder: {value}")
    return path


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="A .txt, .md or .html review.")],
    format: Annotated[str, typer.Option(help="auto, text, markdown or html.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a review's structure: title, sections, items, ratings."""
    import reviewkit

    try:
        with _warnings_as_messages():
            review = reviewkit.parse(_path(file), format=format)
    except (ReviewkitError, TypeError) as exc:
        raise _fail(str(exc)) from None
    if as_json:
        data = review.to_dict()
        data.pop("source", None)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = _console()
    console.print(_header(review))
    console.print(_sections_table(review))


@app.command()
def analyze(
    file: Annotated[str, typer.Argument(help="A .txt, .md or .html review.")],
    format: Annotated[str, typer.Option(help="auto, text, markdown or html.")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Analyse one review: sections, aspect sentiment and the verdict."""
    import reviewkit

    try:
        with _warnings_as_messages():
            review = reviewkit.analyze(_path(file), format=format)
    except (ReviewkitError, TypeError) as exc:
        raise _fail(str(exc)) from None
    if as_json:
        data = review.to_dict()
        data.pop("source", None)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    render_review(review, _console())


def render_review(review: Any, console: Console) -> None:
    """Print the terminal view of an analysed review (same wording as HTML)."""
    console.print(_header(review))
    console.print(_sections_table(review))
    console.print(_aspects_table(review))
    if review.verdict_evidence:
        evidence = Table(title="Verdict evidence", show_header=False, box=None)
        for item in review.verdict_evidence[:5]:
            evidence.add_row(
                Text(VERDICT_LABELS[item.verdict], style=VERDICT_COLOURS[item.verdict]),
                item.text,
            )
        console.print(evidence)


def _header(review: Any) -> Panel:
    lines = Text()
    lines.append(review.show or review.title or "(untitled review)", style="bold")
    if review.title and review.title != review.show:
        lines.append(f"\n{review.title}", style="dim")
    from reviewkit._html import review_facts  # the same facts as the HTML view

    lines.append("\n" + " · ".join(review_facts(review)), style="dim")
    if review.is_analyzed:
        lines.append("\n")
        lines.append(
            VERDICT_LABELS[review.verdict],
            style=f"bold {VERDICT_COLOURS[review.verdict]}",
        )
        lines.append(f"   score {review.score:+.2f}", style=score_colour(review.score))
    return Panel(lines, expand=False)


def _sections_table(review: Any) -> Table:
    table = Table(title="Sections")
    table.add_column("#", justify="right")
    table.add_column("section")
    table.add_column("heading")
    table.add_column("items")
    for section in review.sections:
        items = ", ".join(
            f"{item.label or '•'}→{item.aspect or '?'}" for item in section.items
        )
        table.add_row(
            str(section.index),
            SECTION_LABELS[section.kind],
            section.heading or "",
            items,
        )
    return table


def _aspects_table(review: Any) -> Table:
    table = Table(title="Aspects")
    table.add_column("aspect")
    table.add_column("polarity")
    table.add_column("score", justify="right")
    table.add_column("mentions", justify="right")
    table.add_column("strongest evidence", overflow="fold")
    for aspect, result in sorted(
        review.aspects.items(), key=lambda kv: -abs(kv[1].score)
    ):
        colour = POLARITY_COLOURS[result.polarity]
        top = result.evidence[0].text if result.evidence else ""
        table.add_row(
            aspect,
            Text(result.polarity, style=colour),
            Text(f"{result.score:+.2f}", style=colour),
            str(result.mentions),
            top if len(top) <= 140 else top[:137] + "...",
        )
    return table


@app.command()
def score(
    source: Annotated[
        str, typer.Argument(help="Folder of reviews, or CSV/JSONL/Parquet file.")
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", help="OUT.parquet or OUT.csv")
    ],
    text_col: Annotated[
        str, typer.Option(help="Column with the review text.")
    ] = "text",
    id_col: Annotated[
        str | None,
        typer.Option(
            help="Column with unique review ids (default: a review_id column)."
        ),
    ] = None,
    meta: Annotated[
        list[str] | None,
        typer.Option(
            "--meta",
            help="Metadata column to carry (repeatable; default all; for a "
            "folder, columns of its metadata sidecar).",
        ),
    ] = None,
    format: Annotated[str, typer.Option(help="auto, text, markdown or html.")] = "auto",
    n_process: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Reviews per chunk.")] = 256,
    resume: Annotated[
        bool,
        typer.Option(
            help="Skip reviews an earlier run of the same input wrote to OUT; "
            "--no-resume starts afresh, overwriting OUT and its level files."
        ),
    ] = True,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    table: Annotated[bool, typer.Option(help="Print the show x aspect table.")] = True,
    backend: Annotated[
        str, typer.Option(help="vader (rules, fastest), model or blend.")
    ] = "vader",
) -> None:
    """Score a corpus and write its tidy frames (review x aspect in OUT)."""
    import reviewkit

    _path(source)
    if not output.endswith((".parquet", ".csv")):
        raise _fail(f"the output must end in .parquet or .csv, got {output}")
    try:
        with _warnings_as_messages():
            result = reviewkit.score_corpus(
                source,
                output=output,
                text_col=text_col,
                id_col=id_col,
                meta_cols=meta or None,
                format=format,
                n_process=n_process,
                batch_size=batch_size,
                resume=resume,
                progress=progress,
                backend=cast("Backend", backend),  # checked by load()
            )
    except (ReviewkitError, TypeError, KeyError) as exc:
        raise _fail(str(exc)) from None
    console = _console()
    paths = result.paths or {}
    console.print(
        f"[bold]wrote[/] {paths.get('aspects')} (+ {len(paths) - 1} level files)"
    )
    if table and len(result.aspects) and "show" in result.aspects:
        console.print(_show_table(result.aspects))
    if result.stats.failed:
        _console(stderr=True).print(
            f"[yellow]{result.stats.failed} review(s) could not be analysed; "
            "see the error rows (status == 'error').[/]"
        )
        raise typer.Exit(EXIT_FAILURES)


def _show_table(aspects: Any, by: str = "show") -> Table:
    """Mean aspect score per group: aspects down, groups across (fits terminals)."""
    wide = aspects.reviewkit.table(by=by, wide=True).T
    table = Table(title=f"Mean aspect score by {by} (· = not mentioned)")
    table.add_column("aspect")
    for column in wide.columns:
        table.add_column(str(column), justify="right")
    for aspect, row in wide.iterrows():
        cells = []
        for value in row:
            if value != value:  # NaN: not mentioned
                cells.append(Text("·", style="dim"))
            else:
                cells.append(Text(f"{value:+.2f}", style=score_colour(float(value))))
        table.add_row(str(aspect), *cells)
    return table


def _load_scores(path: str) -> Any:
    import pandas as pd

    target = _path(path)
    try:
        return (
            pd.read_parquet(target)
            if target.suffix == ".parquet"
            else pd.read_csv(target)
        )
    except Exception as exc:
        raise _fail(f"cannot read {path}: {exc}") from None


@app.command()
def compare(
    scores: Annotated[
        str, typer.Argument(help="The OUT file written by `reviewkit score`.")
    ],
    by: Annotated[str, typer.Option(help="Column to group by.")] = "show",
    a: Annotated[str | None, typer.Option(help="First group to test.")] = None,
    b: Annotated[str | None, typer.Option(help="Second group to test.")] = None,
    test: Annotated[str, typer.Option(help="mannwhitney or welch.")] = "mannwhitney",
) -> None:
    """Compare aspect sentiment across shows (or test two of them)."""
    frame = _load_scores(scores)
    console = _console()
    try:
        if a is None and b is None:
            console.print(_show_table(frame, by))
            return
        if a is None or b is None:
            raise _fail("give both --a and --b to test two groups")
        result = frame.reviewkit.compare(a, b, by=by, test=test)
    except (ReviewkitError, AttributeError) as exc:
        raise _fail(str(exc)) from None
    table = Table(title=f"{a} vs {b} ({test}, Holm-adjusted)")
    for column in ("aspect", "n_a", "n_b", "mean_a", "mean_b", "p_adjusted"):
        table.add_column(column, justify="left" if column == "aspect" else "right")
    for row in result.itertuples(index=False):
        style = "bold" if row.significant else ""
        table.add_row(
            Text(row.aspect, style=style),
            str(row.n_a),
            str(row.n_b),
            "" if row.mean_a != row.mean_a else f"{row.mean_a:+.2f}",
            "" if row.mean_b != row.mean_b else f"{row.mean_b:+.2f}",
            "" if row.p_adjusted != row.p_adjusted else f"{row.p_adjusted:.3f}",
        )
    console.print(table)


@app.command()
def report(
    scores: Annotated[
        str,
        typer.Argument(
            help="The OUT file written by `reviewkit score` (its sibling level "
            "files are used when present)."
        ),
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", help="The HTML file to write.")
    ],
    by: Annotated[str, typer.Option(help="Column to group by.")] = "show",
    title: Annotated[str | None, typer.Option(help="The report's title.")] = None,
) -> None:
    """Write a self-contained HTML report of a scored corpus."""
    from reviewkit._report import write_report

    source = _path(scores)
    if not output.endswith((".html", ".htm")):
        raise _fail(f"the output must end in .html, got {output}")
    try:
        written = write_report(source, output, by=by, title=title)
    except (ReviewkitError, OSError) as exc:
        raise _fail(str(exc)) from None
    _console().print(f"[bold]wrote[/] {written}")


def main() -> None:
    """Entry point of the ``reviewkit`` console script."""
    app(prog_name="reviewkit")


if __name__ == "__main__":  # pragma: no cover
    main()

"""Write docs/aspects.md, the readable page of the default aspect taxonomy.

The page is generated from the packaged lexicon
``src/reviewkit/resources/aspects_tv_film_en.v1.json``: a summary table, one
section per aspect with all its terms, and the excluded phrases. Regenerate it
whenever the JSON changes (``tests/test_aspects_doc.py`` fails until you do).

Usage::

    .venv/bin/python scripts/aspects_doc.py > docs/aspects.md
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from reviewkit import AspectLexicon

PACKAGED = "aspects_tv_film_en.v1.json"
PACKAGED_NAME = "tv_film_en.v1"
COMMAND = ".venv/bin/python scripts/aspects_doc.py > docs/aspects.md"

HOW_TERMS_MATCH = """\
## How terms match

- **Terms** are matched case-insensitively in running text, and their plural
  forms are generated, so `villain` also finds "Villains".
- **Label terms** are used only for item and rating labels, such as
  "The Score-" or "Music: 9/10"; in running text only the terms count.
- **Evaluative terms** carry the reviewer's judgement ("boring" is a negative
  statement about pacing), so they keep their sentiment when a mention is
  scored. All other terms are topics ("romance", "villain"): their own
  dictionary valence is masked, so "the romance is the weakest part" reads as
  negative.
- **Excluded phrases** never count as mentions: an aspect term inside one
  (the "end" in "in the end", the "plot" in "plot of land") is ignored.
- A term names exactly one aspect.

## Extending it

`reviewkit.AspectLexicon` is the public, immutable form of this taxonomy.
`AspectLexicon.default()` returns it; `with_terms` (with `label_only=True` or
`evaluative=True` where needed), `with_aspects`, `merge` and `without` return
new lexicons; `AspectLexicon.from_dict`, `AspectLexicon.from_json` and
`AspectLexicon.load` build one from data of the same shape as the JSON file.
Pass the result, a packaged name or a JSON path as `aspects=` to
`reviewkit.analyze` or `reviewkit.load`:

```python
import reviewkit

lexicon = (
    reviewkit.AspectLexicon.default()
    .with_terms("pacing", ["draggy"], evaluative=True)
    .with_terms("subtitles", ["subtitle", "translation"])
)
review = reviewkit.analyze("The subtitles were awful.", aspects=lexicon)
nlp = reviewkit.load(aspects=lexicon)  # or aspects="my_aspects.json"
```
"""


def _code(text: str) -> str:
    """Return ``text`` as Markdown inline code, whatever backticks it holds.

    Args:
        text: A term or phrase.

    Returns:
        The text wrapped in a backtick fence longer than any run inside it.
    """
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _code_list(terms: Sequence[str]) -> str:
    """Return terms as comma-separated inline code, or a dash if there are none.

    Args:
        terms: Terms in display order.

    Returns:
        One line of Markdown.
    """
    return ", ".join(_code(term) for term in terms) if terms else "-"


def _count(number: int, noun: str) -> str:
    """Return ``number`` followed by ``noun``, made plural unless it is 1.

    Args:
        number: How many.
        noun: A singular noun, e.g. ``"aspect"``.

    Returns:
        For example ``"1 aspect"`` or ``"14 aspects"``.
    """
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def render(path: Path | None = None) -> str:
    """Return the Markdown page describing an aspect lexicon JSON file.

    Args:
        path: The lexicon file; the packaged ``aspects_tv_film_en.v1.json`` if
            None.

    Returns:
        The page, ending with exactly one newline. The same file always gives
        the same text.
    """
    # The library's own reader: the page shows what reviewkit loads.
    lexicon = AspectLexicon.load(PACKAGED_NAME if path is None else path)
    name, version, exclude = lexicon.name, lexicon.version, list(lexicon.exclude)
    specs = {
        aspect: (
            list(terms),
            list(lexicon.label_terms.get(aspect, ())),
            [term for term in terms if term in lexicon.evaluative],
        )
        for aspect, terms in lexicon.aspects.items()
    }

    shown = f"src/reviewkit/resources/{PACKAGED}" if path is None else path.name
    lines = [
        f"# The default aspect taxonomy (`{name}` v{version})",
        "",
        f"*Generated from `{shown}`",
        "by `scripts/aspects_doc.py`; do not edit it by hand. To update it, run",
        f"`{COMMAND}`.*",
        "",
        "This page lists which words map to which aspect when reviewkit reads a",
        "review.",
        "",
        HOW_TERMS_MATCH,
        "## Summary",
        "",
        f"{_count(len(specs), 'aspect')}, {_count(len(exclude), 'excluded phrase')}.",
        "",
        "| Aspect | Terms | Label terms | Evaluative terms |",
        "|---|---:|---:|---:|",
    ]
    for aspect, (terms, labels, evaluative) in specs.items():
        lines.append(
            f"| [{_code(aspect)}](#{aspect}) | {len(terms)} | {len(labels)} "
            f"| {len(evaluative)} |"
        )
    for aspect, (terms, labels, evaluative) in specs.items():
        lines += [
            "",
            f"## {aspect}",
            "",
            f"**Terms** ({len(terms)}): {_code_list(terms)}",
            "",
            f"**Label terms** ({len(labels)}): {_code_list(labels)}",
            "",
            f"**Evaluative terms** ({len(evaluative)}): {_code_list(evaluative)}",
        ]
    lines += [
        "",
        "## Excluded phrases",
        "",
        f"{_count(len(exclude), 'phrase')}: {_code_list(exclude)}",
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    """Print the page of the packaged default lexicon to standard output.

    Returns:
        The exit status, 0.
    """
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

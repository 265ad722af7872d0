"""docs/aspects.md is generated from the packaged aspect lexicon and up to date."""

from __future__ import annotations

import json
from pathlib import Path

from tests.benchmark_scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "aspects_doc.py"
DOC = ROOT / "docs" / "aspects.md"
PACKAGED = ROOT / "src" / "reviewkit" / "resources" / "aspects_tv_film_en.v1.json"
COMMAND = ".venv/bin/python scripts/aspects_doc.py > docs/aspects.md"


aspects_doc = load_script(SCRIPT, "_reviewkit_scripts_aspects_doc")


def test_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == aspects_doc.render(), (
        f"docs/aspects.md is out of date with the packaged lexicon; run: {COMMAND}"
    )


def test_render_names_every_aspect_and_term() -> None:
    data = json.loads(PACKAGED.read_text(encoding="utf-8"))
    text = aspects_doc.render()
    assert text.startswith(
        f"# The default aspect taxonomy (`{data['name']}` v{data['version']})\n"
    )
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    for aspect, spec in data["aspects"].items():
        assert f"\n## {aspect}\n" in text
        for term in (*spec["terms"], *spec.get("label_terms", ())):
            assert f"`{term}`" in text, (aspect, term)
        for term in spec.get("evaluative", ()):
            assert f"`{term}`" in text, (aspect, term)
    for phrase in data["exclude"]:
        assert f"`{phrase}`" in text, phrase


def test_render_custom_file(tmp_path: Path) -> None:
    path = tmp_path / "aspects_mine.json"
    path.write_text(
        json.dumps(
            {
                "name": "mine",
                "version": 3,
                "aspects": {
                    "food": {
                        "terms": ["food", "dish", "bland"],
                        "label_terms": ["the food"],
                        "evaluative": ["bland"],
                    },
                    "service": {"terms": ["service", "waiter"]},
                },
                "exclude": ["food for thought"],
            }
        ),
        encoding="utf-8",
    )
    text = aspects_doc.render(path)
    assert text.startswith("# The default aspect taxonomy (`mine` v3)\n")
    assert text.endswith("`food for thought`\n")
    assert text == aspects_doc.render(path)
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## How terms match",
        "## Extending it",
        "## Summary",
        "## food",
        "## service",
        "## Excluded phrases",
    ]
    assert "| [`food`](#food) | 3 | 1 | 1 |" in text
    assert "| [`service`](#service) | 2 | 0 | 0 |" in text
    assert "**Terms** (3): `food`, `dish`, `bland`" in text
    assert "**Label terms** (1): `the food`" in text
    assert "**Evaluative terms** (1): `bland`" in text
    assert "**Terms** (2): `service`, `waiter`" in text
    assert "1 phrase: `food for thought`" in text
    assert "2 aspects, 1 excluded phrase." in text
    assert "aspects_tv_film_en" not in text

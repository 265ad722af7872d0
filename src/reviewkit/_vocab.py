"""Heading vocabularies: which section headings mean pros, cons, verdict...

A `HeadingVocabulary` maps section kinds to regular expressions matched against a
whole, normalised heading. The default ships as
``resources/headings_blog_en.v1.json``; users extend it (`with_patterns`) or load
their own. Headings no vocabulary knows are still resolved when they come as a
pair of contrasting headings (see `reviewkit._structure`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reviewkit.errors import LexiconError

__all__ = [
    "DEFAULT_HEADINGS",
    "HEADING_KINDS",
    "HeadingVocabulary",
    "normalize_heading",
]

DEFAULT_HEADINGS = "blog_en.v1"
#: Kinds a vocabulary may assign (`signoff` and `body` come from position).
HEADING_KINDS: tuple[str, ...] = (
    "pros",
    "cons",
    "verdict",
    "summary",
    "ratings",
    "intro",
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'"})
_LEADING_NOISE = re.compile(r"^[\W\d_]*?(?=[^\W\d_])|^(?:[ivx]+[.)]\s+)")
_TRAILING_NOISE = re.compile(r"[\s:;,.!~=*_#|–—-]+$")
_EMPHASIS = re.compile(r"[*_#]+")


def normalize_heading(text: str) -> str:
    """Normalise a heading for vocabulary lookup.

    Args:
        text: A heading as written, e.g. ``"## **The Good:**"``.

    Returns:
        The lower-cased heading without Markdown marks, leading numbering or
        symbols and trailing punctuation, e.g. ``"the good"``.

    Examples:
        >>> normalize_heading("3) WHAT DIDN’T WORK!")
        "what didn't work"
    """
    value = _EMPHASIS.sub("", text.translate(_QUOTES)).strip()
    value = _LEADING_NOISE.sub("", value)
    value = _TRAILING_NOISE.sub("", value)
    return " ".join(value.lower().split())


@dataclass(frozen=True)
class HeadingVocabulary:
    """A validated, immutable map from section kinds to heading patterns.

    Attributes:
        name: A short name, e.g. ``"blog_en"``.
        families: Section kind -> regular expressions (whole-heading matches,
            case-insensitive, a leading ``"the "`` optional).
        version: Version of the data.

    Examples:
        >>> vocab = HeadingVocabulary.default().with_patterns("pros", ["sunshine"])
        >>> vocab.kind_of("Sunshine:")
        'pros'
    """

    name: str
    families: Mapping[str, tuple[str, ...]]
    version: int = 1

    def __post_init__(self) -> None:
        families: dict[str, tuple[str, ...]] = {}
        if not isinstance(self.families, Mapping):
            raise LexiconError(
                "A heading vocabulary's 'families' must map section kinds to lists of "
                f"patterns; got {type(self.families).__name__}."
            )
        for kind, patterns in self.families.items():
            if kind not in HEADING_KINDS:
                raise LexiconError(
                    f"Heading vocabulary {self.name!r} has unknown kind {kind!r}; "
                    f"kinds are {', '.join(HEADING_KINDS)}."
                )
            if isinstance(patterns, str) or not isinstance(patterns, Iterable):  # type: ignore[unreachable]  # user data may be anything
                raise LexiconError(
                    f"The patterns of kind {kind!r} must be a list of strings; got "
                    f"{type(patterns).__name__}."
                )
            cleaned = tuple(patterns)
            for pattern in cleaned:
                try:
                    re.compile(pattern)
                except (re.error, TypeError) as exc:
                    raise LexiconError(
                        f"Heading pattern {pattern!r} of kind {kind!r} is not a valid "
                        f"regular expression: {exc}."
                    ) from None
            families[kind] = cleaned
        object.__setattr__(self, "families", MappingProxyType(families))

    @classmethod
    def default(cls) -> HeadingVocabulary:
        """Return the packaged vocabulary of English review blogs."""
        return _packaged(DEFAULT_HEADINGS)

    @classmethod
    def load(cls, name_or_path: str | Path | HeadingVocabulary) -> HeadingVocabulary:
        """Return a vocabulary given by packaged name, JSON path, or as is.

        Raises:
            LexiconError: If the name is unknown or the file is malformed.
        """
        if isinstance(name_or_path, HeadingVocabulary):
            return name_or_path
        if isinstance(name_or_path, Path) or str(name_or_path).endswith(".json"):
            try:
                data = json.loads(Path(name_or_path).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise LexiconError(
                    f"Cannot read heading vocabulary {str(name_or_path)!r}: {exc}."
                ) from None
            return cls.from_dict(data)
        return _packaged(str(name_or_path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HeadingVocabulary:
        """Build a vocabulary from ``{"name": ..., "families": {kind: [patterns]}}``."""
        if not isinstance(data, Mapping) or "families" not in data:
            raise LexiconError(
                "A heading vocabulary must be a mapping with a 'families' key, e.g. "
                "{'name': 'mine', 'families': {'pros': ['sunshine']}}."
            )
        return cls(
            name=str(data.get("name", "custom")),
            families=data["families"],
            version=int(data.get("version", 1)),
        )

    def with_patterns(self, kind: str, patterns: Iterable[str]) -> HeadingVocabulary:
        """Return a copy with patterns added to a kind.

        Args:
            kind: One of `HEADING_KINDS`.
            patterns: Regular expressions (or plain lower-case phrases).

        Returns:
            The new vocabulary.
        """
        families = dict(self.families)
        families[kind] = (*families.get(kind, ()), *patterns)
        return HeadingVocabulary(
            name=self.name, families=families, version=self.version
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the vocabulary as plain data (the shape `from_dict` reads)."""
        return {
            "name": self.name,
            "version": self.version,
            "families": {k: list(v) for k, v in self.families.items()},
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # Mapping proxies do not pickle; rebuild from plain data instead.
        return (HeadingVocabulary.from_dict, (self.to_dict(),))

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the content: equal vocabularies, equal fingerprints."""
        payload = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha1(payload).hexdigest()[:12]

    @cached_property
    def _compiled(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple(
            (kind, re.compile(rf"(?:the\s+)?(?:{'|'.join(patterns)})", re.IGNORECASE))
            for kind, patterns in self.families.items()
            if patterns
        )

    def kind_of(self, heading: str) -> str | None:
        """Return the section kind a heading names, or None if unknown.

        Args:
            heading: The heading as written.

        Returns:
            ``"pros"``, ``"cons"``, ``"verdict"``, ``"summary"``, ``"ratings"``,
            ``"intro"`` or None.
        """
        key = normalize_heading(heading)
        if not key:
            return None
        for kind, pattern in self._compiled:
            if pattern.fullmatch(key):
                return kind
        return None


@cache
def _packaged(name: str) -> HeadingVocabulary:
    available = sorted(
        entry.name.removeprefix("headings_").removesuffix(".json")
        for entry in resources.files("reviewkit.resources").iterdir()
        if entry.name.startswith("headings_")
    )
    if name not in available:
        raise LexiconError(
            f"Unknown heading vocabulary {name!r}. Packaged: {', '.join(available)}. "
            "Pass a path to a JSON file or a HeadingVocabulary to use your own."
        )
    path = resources.files("reviewkit.resources").joinpath(f"headings_{name}.json")
    return HeadingVocabulary.from_dict(json.loads(path.read_text(encoding="utf-8")))

"""Aspect lexicons: which words name which aspect of a show.

An `AspectLexicon` maps canonical aspect ids (``plot``, ``acting``...) to the
terms that name them in running text, plus terms used only in labels
(``"The Score-"``, ``"Music: 9/10"``), plus phrases whose matches are excluded
("in the end" is not about the ending). Lexicons are data: the default ships as
``resources/aspects_tv_film_en.v1.json``; users load their own from JSON or a
dict, add terms, or replace the taxonomy (a restaurant lexicon, say).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reviewkit.errors import LexiconError

__all__ = ["DEFAULT_LEXICON", "AspectLexicon", "normalize_label"]

DEFAULT_LEXICON = "tv_film_en.v1"
_ASPECT_ID = re.compile(r"[a-z][a-z0-9_]*")
_LABEL_NOISE = re.compile(r"[*_#`~>\[\](){}\"“”‘’'!?.,;:|=+–—-]+")
_LEADING_WORDS = re.compile(r"^(?:the|my|our|a|an|some|on|about|re)\s+")


def normalize_label(label: str) -> str:
    """Normalise an item or rating label for lookup.

    Lower-cases, turns ``/`` and ``&`` into spaces, drops punctuation and
    Markdown marks, collapses spaces and removes a leading article.

    Args:
        label: A label as written, e.g. ``"The Acting-"`` or ``"Acting/Cast"``.

    Returns:
        The normalised label, e.g. ``"acting"`` or ``"acting cast"``.

    Examples:
        >>> normalize_label("**The Aesthetic:**")
        'aesthetic'
    """
    text = label.lower().replace("/", " ").replace("&", " and ")
    text = " ".join(_LABEL_NOISE.sub(" ", text).split())
    return _LEADING_WORDS.sub("", text)


def _plural_forms(term: str) -> tuple[str, ...]:
    """Return a term and its regular plural forms (last word inflected)."""
    head, _, last = term.rpartition(" ")
    if not last or not last[-1].isalpha() or len(last) < 3:
        return (term,)
    prefix = f"{head} " if head else ""
    forms = [term]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        forms.append(f"{prefix}{last[:-1]}ies")
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(f"{prefix}{last}es")
    else:
        forms.append(f"{prefix}{last}s")
    return tuple(forms)


def _clean_terms(aspect: str, terms: object, what: str) -> tuple[str, ...]:
    if isinstance(terms, str) or not isinstance(terms, Iterable):
        raise LexiconError(
            f"The {what} of aspect {aspect!r} must be a list of strings; got "
            f"{type(terms).__name__}."
        )
    cleaned: list[str] = []
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise LexiconError(
                f"The {what} of aspect {aspect!r} must be non-empty strings; got "
                f"{term!r}. Remove it or write the word."
            )
        normal = " ".join(term.lower().split())
        if normal not in cleaned:
            cleaned.append(normal)
    return tuple(cleaned)


@dataclass(frozen=True)
class AspectLexicon:
    """A validated, immutable mapping from aspect ids to the terms naming them.

    Build one with `AspectLexicon.default`, `AspectLexicon.load`,
    `AspectLexicon.from_dict` or `AspectLexicon.from_json`; derive new ones with
    `with_terms`, `with_aspects`, `merge` and `without`. Every method returns a
    new lexicon; none mutates.

    Attributes:
        name: A short name, e.g. ``"tv_film_en"``.
        aspects: Aspect id -> terms matched in running text (lower-case).
        label_terms: Aspect id -> extra terms matched only in labels.
        evaluative: Terms that are themselves a judgement ("boring" for
            pacing): they keep their sentiment when a mention is scored, while
            the dictionary valence of topic terms ("romance") is masked.
        exclude: Phrases whose matches cancel aspect matches inside them.
        version: Version of the lexicon data.
        description: Free text.

    Examples:
        >>> food = AspectLexicon.from_dict(
        ...     {"name": "restaurants", "aspects": {"food": ["food", "dish"],
        ...      "service": ["service", "waiter"]}})
        >>> food.aspect_of_label("The Waiters")
        'service'
    """

    name: str
    aspects: Mapping[str, tuple[str, ...]]
    label_terms: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    exclude: tuple[str, ...] = ()
    version: int = 1
    description: str = ""
    evaluative: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise LexiconError(
                f"An aspect lexicon needs a non-empty 'name'; got {self.name!r}."
            )
        if not isinstance(self.aspects, Mapping) or not self.aspects:
            raise LexiconError(
                f"Aspect lexicon {self.name!r} must map at least one aspect id to "
                "its terms, e.g. {'food': ['food', 'dish']}."
            )
        aspects: dict[str, tuple[str, ...]] = {}
        owner: dict[str, str] = {}
        for aspect, terms in self.aspects.items():
            if not isinstance(aspect, str) or not _ASPECT_ID.fullmatch(aspect):
                raise LexiconError(
                    f"Aspect ids must be lower-case identifiers such as 'plot' or "
                    f"'rewatch_value'; got {aspect!r} in lexicon {self.name!r}."
                )
            cleaned = _clean_terms(aspect, terms, "terms")
            for term in cleaned:
                if term in owner and owner[term] != aspect:
                    raise LexiconError(
                        f"The term {term!r} is listed under both {owner[term]!r} and "
                        f"{aspect!r} in lexicon {self.name!r}; a term must name one "
                        "aspect. Remove it from one of them."
                    )
                owner[term] = aspect
            aspects[aspect] = cleaned
        labels: dict[str, tuple[str, ...]] = {}
        for aspect, terms in self.label_terms.items():
            if aspect not in aspects:
                raise LexiconError(
                    f"label_terms names aspect {aspect!r}, which lexicon "
                    f"{self.name!r} does not define. Known aspects: "
                    f"{', '.join(aspects)}."
                )
            labels[aspect] = _clean_terms(aspect, terms, "label_terms")
        exclude = _clean_terms("(exclude)", self.exclude, "exclusions")
        evaluative = frozenset(
            _clean_terms("(evaluative)", self.evaluative, "evaluative")
        )
        unknown = sorted(evaluative - set(owner))
        if unknown:
            raise LexiconError(
                f"Evaluative terms must also be terms of an aspect; lexicon "
                f"{self.name!r} does not list {', '.join(map(repr, unknown))}."
            )
        object.__setattr__(self, "evaluative", evaluative)
        object.__setattr__(self, "aspects", MappingProxyType(aspects))
        object.__setattr__(self, "label_terms", MappingProxyType(labels))
        object.__setattr__(self, "exclude", exclude)

    # -- construction --

    @classmethod
    def default(cls) -> AspectLexicon:
        """Return the packaged film/TV lexicon (``tv_film_en.v1``)."""
        return _packaged(DEFAULT_LEXICON)

    @classmethod
    def load(cls, name_or_path: str | Path | AspectLexicon) -> AspectLexicon:
        """Return a lexicon given by packaged name, JSON path, or as is.

        Args:
            name_or_path: ``"tv_film_en.v1"``, a path to a JSON file, or a lexicon.

        Returns:
            The lexicon.

        Raises:
            LexiconError: If the name is unknown or the file is malformed.
        """
        if isinstance(name_or_path, AspectLexicon):
            return name_or_path
        if isinstance(name_or_path, Path) or str(name_or_path).endswith(".json"):
            return cls.from_json(name_or_path)
        return _packaged(str(name_or_path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AspectLexicon:
        """Build a lexicon from plain data.

        Args:
            data: ``{"name": ..., "aspects": {aspect: [terms] | {"terms": [...],
                "label_terms": [...]}}, "exclude": [...]}``.

        Returns:
            The validated lexicon.

        Raises:
            LexiconError: If the data does not have that shape.
        """
        if not isinstance(data, Mapping) or "aspects" not in data:
            raise LexiconError(
                "An aspect lexicon must be a mapping with an 'aspects' key, e.g. "
                "{'name': 'mine', 'aspects': {'food': ['food', 'dish']}}; got "
                f"{type(data).__name__}."
            )
        raw = data["aspects"]
        if not isinstance(raw, Mapping):
            raise LexiconError(
                "'aspects' must map aspect ids to term lists; got "
                f"{type(raw).__name__}."
            )
        aspects: dict[str, Any] = {}
        labels: dict[str, Any] = {}
        evaluative: list[str] = []
        for aspect, spec in raw.items():
            if isinstance(spec, Mapping):
                aspects[aspect] = spec.get("terms", ())
                if spec.get("label_terms"):
                    labels[aspect] = spec["label_terms"]
                evaluative.extend(spec.get("evaluative", ()))
            else:
                aspects[aspect] = spec
        return cls(
            name=str(data.get("name", "custom")),
            aspects=aspects,
            label_terms=labels,
            exclude=tuple(data.get("exclude", ())),
            version=int(data.get("version", 1)),
            description=str(data.get("description", "")),
            evaluative=frozenset(evaluative),
        )

    @classmethod
    def from_json(cls, path: str | Path) -> AspectLexicon:
        """Load a lexicon from a JSON file (same shape as `from_dict`).

        Raises:
            LexiconError: If the file is missing or not valid JSON.
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise LexiconError(f"No aspect lexicon file at {str(path)!r}.") from None
        except json.JSONDecodeError as exc:
            raise LexiconError(
                f"The aspect lexicon {str(path)!r} is not valid JSON: {exc}."
            ) from None
        return cls.from_dict(data)

    # -- derivation --

    def with_terms(
        self,
        aspect: str,
        terms: Iterable[str],
        *,
        label_only: bool = False,
        evaluative: bool = False,
    ) -> AspectLexicon:
        """Return a copy with terms added to an aspect (created if new).

        Args:
            aspect: The aspect id, existing or new.
            terms: Terms to add.
            label_only: Add them as label terms only.
            evaluative: The terms are judgements ("draggy"), not topics.

        Returns:
            The new lexicon.
        """
        new_terms = _clean_terms(aspect, terms, "terms")
        aspects = dict(self.aspects)
        labels = dict(self.label_terms)
        if label_only:
            aspects.setdefault(aspect, ())
            labels[aspect] = (*labels.get(aspect, ()), *new_terms)
        else:
            aspects[aspect] = (*aspects.get(aspect, ()), *new_terms)
        return AspectLexicon(
            name=self.name,
            aspects=aspects,
            label_terms=labels,
            exclude=self.exclude,
            version=self.version,
            description=self.description,
            evaluative=self.evaluative | (set(new_terms) if evaluative else set()),
        )

    def with_aspects(self, aspects: Mapping[str, Iterable[str]]) -> AspectLexicon:
        """Return a copy with several aspects' terms added."""
        lexicon = self
        for aspect, terms in aspects.items():
            lexicon = lexicon.with_terms(aspect, terms)
        return lexicon

    def merge(self, other: AspectLexicon) -> AspectLexicon:
        """Return a lexicon holding this one's terms and another's."""
        lexicon = self.with_aspects(other.aspects)
        for aspect, terms in other.label_terms.items():
            lexicon = lexicon.with_terms(aspect, terms, label_only=True)
        return AspectLexicon(
            name=f"{self.name}+{other.name}",
            aspects=lexicon.aspects,
            label_terms=lexicon.label_terms,
            exclude=(*self.exclude, *other.exclude),
            description=self.description,
            evaluative=self.evaluative | other.evaluative,
        )

    def without(self, *aspects: str) -> AspectLexicon:
        """Return a copy without the given aspects."""
        unknown = [a for a in aspects if a not in self.aspects]
        if unknown:
            raise LexiconError(
                f"Cannot remove {', '.join(map(repr, unknown))}: lexicon "
                f"{self.name!r} has no such aspect. Known: {', '.join(self.aspects)}."
            )
        return AspectLexicon(
            name=self.name,
            aspects={k: v for k, v in self.aspects.items() if k not in aspects},
            label_terms={k: v for k, v in self.label_terms.items() if k not in aspects},
            exclude=self.exclude,
            version=self.version,
            description=self.description,
            evaluative=frozenset(
                t
                for t in self.evaluative
                if any(t in v for k, v in self.aspects.items() if k not in aspects)
            ),
        )

    # -- lookup --

    @property
    def ids(self) -> tuple[str, ...]:
        """The aspect ids, in lexicon order."""
        return tuple(self.aspects)

    def __reduce__(self) -> tuple[Any, ...]:
        # Mapping proxies do not pickle; rebuild from plain data instead.
        return (AspectLexicon.from_dict, (self.to_dict(),))

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the content: equal lexicons have equal fingerprints."""
        payload = json.dumps(self.to_dict(), sort_keys=True).encode()
        return hashlib.sha1(payload).hexdigest()[:12]

    def iter_patterns(self) -> Iterator[tuple[str, str, str]]:
        """Yield ``(aspect, surface form, canonical term)`` for running text.

        Surface forms include regular plurals of each term's last word.
        """
        for aspect, terms in self.aspects.items():
            for term in terms:
                for form in _plural_forms(term):
                    yield aspect, form, term

    @cached_property
    def _label_index(self) -> Mapping[str, str]:
        index: dict[str, str] = {}
        for aspect, terms in self.aspects.items():
            for term in terms:
                for form in _plural_forms(term):
                    index.setdefault(normalize_label(form), aspect)
        for aspect, terms in self.label_terms.items():
            for term in terms:
                index[normalize_label(term)] = aspect
        index.pop("", None)
        return MappingProxyType(index)

    @cached_property
    def _label_search(self) -> re.Pattern[str] | None:
        keys = sorted(self._label_index, key=len, reverse=True)
        if not keys:
            return None
        alternation = "|".join(re.escape(k) for k in keys)
        return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")

    def aspect_of_label(self, label: str, *, exact: bool = False) -> str | None:
        """Map an item or rating label to an aspect id.

        The whole normalised label is looked up first (``"The Aesthetic"`` ->
        ``visuals``); otherwise, unless ``exact``, the first term found inside it
        decides (``"Costumes and sets"`` -> ``visuals``).

        Args:
            label: The label as written.
            exact: Only accept a label that is itself a term.

        Returns:
            The aspect id, or None when no term fits.
        """
        key = normalize_label(label)
        if not key:
            return None
        found = self._label_index.get(key)
        if found is not None or exact:
            return found
        return self.aspect_of_text(key)

    def aspect_of_text(self, text: str) -> str | None:
        """Return the aspect of the first term in a short text, or None.

        The first term usually names the topic ("The OST is excellent; the
        piano theme..." is about the soundtrack); where terms overlap at the
        same position the longest wins.

        Args:
            text: A label or a short list entry such as ``"Great cast"``.

        Returns:
            The aspect id of the earliest matching term.
        """
        pattern = self._label_search
        if pattern is None:
            return None
        match = pattern.search(text.lower())
        return None if match is None else self._label_index[match.group()]

    def to_dict(self) -> dict[str, Any]:
        """Return the lexicon as plain data (the JSON shape `from_dict` reads)."""
        return {
            "name": self.name,
            "version": self.version,
            "description": self.description,
            "aspects": {
                aspect: {
                    "terms": list(terms),
                    "label_terms": list(self.label_terms.get(aspect, ())),
                    "evaluative": [t for t in terms if t in self.evaluative],
                }
                for aspect, terms in self.aspects.items()
            },
            "exclude": list(self.exclude),
        }


@cache
def _packaged(name: str) -> AspectLexicon:
    available = sorted(
        entry.name.removeprefix("aspects_").removesuffix(".json")
        for entry in resources.files("reviewkit.resources").iterdir()
        if entry.name.startswith("aspects_")
    )
    if name not in available:
        raise LexiconError(
            f"Unknown aspect lexicon {name!r}. Packaged lexicons: "
            f"{', '.join(available)}. Pass a path to a JSON file or an "
            "AspectLexicon to use your own."
        )
    text = resources.files("reviewkit.resources").joinpath(f"aspects_{name}.json")
    return AspectLexicon.from_dict(json.loads(text.read_text(encoding="utf-8")))

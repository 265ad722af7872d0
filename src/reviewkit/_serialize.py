"""Plain-data (JSON-ready) views of reviewkit's value objects."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from reviewkit._types import Review

__all__ = ["review_to_dict", "to_plain"]

# Large or derived fields left out of the JSON view.
_SKIP = frozenset({"source_map"})


def to_plain(value: Any) -> Any:
    """Turn dataclasses, tuples and mappings into dicts, lists and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _SKIP
        }
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    return value


def review_to_dict(review: Review) -> dict[str, Any]:
    """Return a review as JSON-ready plain data."""
    plain: dict[str, Any] = to_plain(review)
    return plain

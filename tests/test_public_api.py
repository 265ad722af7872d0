"""The public surface: __all__ is sorted, complete and importable."""

from __future__ import annotations

import inspect

import reviewkit


def test_all_is_sorted() -> None:
    assert list(reviewkit.__all__) == sorted(reviewkit.__all__)


def test_all_names_exist() -> None:
    for name in reviewkit.__all__:
        assert hasattr(reviewkit, name), name


def test_all_is_complete() -> None:
    public = {
        name
        for name, value in vars(reviewkit).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and name not in {"annotations", "logging", "version", "PackageNotFoundError"}
    }
    assert public <= set(reviewkit.__all__)


def test_private_modules_are_private() -> None:
    for name in reviewkit.__all__:
        value = getattr(reviewkit, name)
        module = getattr(value, "__module__", "reviewkit")
        assert module.startswith("reviewkit"), (name, module)

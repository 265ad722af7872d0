"""Shared fixtures: the ../shared folder (CI only), sample data, a pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REVIEWKIT_SHARED", ROOT.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, or skip (fail in CI) when it is absent.

    ../shared is not on users' machines: tests that need it skip there, but in CI
    a missing ../shared is a broken set-up and must fail loudly.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"CI needs {path} but it does not exist.")
        pytest.skip(f"{path} is absent (only needed in CI).")
    return path


@pytest.fixture(scope="session")
def seed_review_path() -> Path:
    return shared_path("seeds", "soundtrack-1-review.txt")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return ROOT / "data"

"""Exceptions and warnings raised by reviewkit.

Every error message has one shape: what was wrong, what was expected, what was got,
and how to fix it. Each error also inherits the built-in exception a caller would
naturally catch, so ``except ValueError`` keeps working.

Exception tree::

    ReviewkitError
    ├── ConfigurationError (ValueError)      bad arguments, unknown names, bad options
    │   └── LexiconError                     an aspect lexicon, heading vocabulary or
    │                                        sentiment layer that does not validate
    ├── InputError (ValueError)              a review or corpus that cannot be read
    │   └── ColumnError (KeyError)           a column that is missing from a table
    ├── PipelineError (RuntimeError)         a Doc that did not go through reviewkit
    ├── FrameSchemaError (AttributeError)    a DataFrame without the expected columns
    └── MissingDependencyError (ImportError) an optional extra that is not installed

    ReviewkitWarning (UserWarning)
    └── DecodingWarning                      bytes that were not clean UTF-8
"""

from __future__ import annotations

import os
import sys
import warnings

__all__ = [
    "ColumnError",
    "ConfigurationError",
    "DecodingWarning",
    "FrameSchemaError",
    "InputError",
    "LexiconError",
    "MissingDependencyError",
    "PipelineError",
    "ReviewkitError",
    "ReviewkitWarning",
]


class ReviewkitError(Exception):
    """Base class of every error reviewkit raises on purpose."""


class ConfigurationError(ReviewkitError, ValueError):
    """An argument, option or registered name is not valid."""


class LexiconError(ConfigurationError):
    """An aspect lexicon, heading vocabulary or sentiment layer is malformed."""


class InputError(ReviewkitError, ValueError):
    """A review, file or corpus cannot be read as given."""


class ColumnError(InputError, KeyError):
    """A table lacks a column that was asked for."""

    def __str__(self) -> str:
        # KeyError would otherwise wrap the message in quotes.
        return str(self.args[0]) if self.args else ""


class PipelineError(ReviewkitError, RuntimeError):
    """A spaCy Doc lacks the annotations reviewkit's components set."""


class FrameSchemaError(ReviewkitError, AttributeError):
    """A DataFrame does not have the columns a reviewkit method needs."""


class MissingDependencyError(ReviewkitError, ImportError):
    """An optional dependency is needed for this feature but is not installed."""


class ReviewkitWarning(UserWarning):
    """Base class of reviewkit's warnings."""


class DecodingWarning(ReviewkitWarning):
    """Bytes were not valid UTF-8 and were decoded with a fallback."""


def missing_dependency(
    feature: str, package: str, extra: str
) -> MissingDependencyError:
    """Build the error raised when an optional extra is missing.

    Args:
        feature: What the user tried to do, e.g. ``"plotting"``.
        package: The import name that failed, e.g. ``"matplotlib"``.
        extra: The reviewkit extra that installs it, e.g. ``"viz"``.

    Returns:
        The error, to be raised ``from`` the original ImportError.
    """
    return MissingDependencyError(
        f"{feature} needs the optional package {package!r}, which is not installed. "
        f"Install it with: pip install 'reviewkit[{extra}]'"
    )


_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def warn(message: str, category: type[Warning] = ReviewkitWarning) -> None:
    """Issue a warning attributed to the caller's code, outside reviewkit.

    A fixed ``stacklevel`` points at the wrong line as soon as a public
    function reaches the warning through a different number of internal calls
    (``parse`` and ``analyze`` both read reviews); this walks out of the
    package instead, so the warning names the user's line.

    Args:
        message: What happened and how to avoid it.
        category: The warning class.
    """
    frame = sys._getframe(1)
    level = 2
    while frame.f_back is not None and os.path.abspath(
        frame.f_code.co_filename
    ).startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)

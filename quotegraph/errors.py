"""One exception hierarchy, so callers can catch `QuotegraphError` and nothing else.

Messages name the bad value, what was allowed, and where (file, line, offset).
"""

from __future__ import annotations

__all__ = [
    "QuotegraphError",
    "InputFormatError",
    "OffsetMismatchError",
    "UnsupportedLanguageError",
    "ModelNotFoundError",
]


class QuotegraphError(Exception):
    """Base class of every error quotegraph raises on purpose."""


class InputFormatError(QuotegraphError):
    """An input file or row cannot be read as an article.

    >>> str(InputFormatError("bad.csv", "no 'text' column", line=3))
    "bad.csv:3: no 'text' column"
    """

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class OffsetMismatchError(QuotegraphError):
    """A span's offsets do not slice the text it claims to cover."""


class UnsupportedLanguageError(QuotegraphError):
    """No lexicon or model exists for a language.

    >>> str(UnsupportedLanguageError("xx", ["en"]))
    "language 'xx' is not supported; available: en"
    """

    def __init__(self, lang: str, available: list[str] | tuple[str, ...]) -> None:
        self.lang = lang
        self.available = tuple(available)
        super().__init__(
            f"language {lang!r} is not supported; available: {', '.join(self.available) or 'none'}"
        )


class ModelNotFoundError(QuotegraphError):
    """A spaCy pipeline named by the user is not installed."""


class WorkersLostError(QuotegraphError):
    """A Dask cluster has had no live worker for longer than the configured timeout.

    The run stops (exit status 1) rather than wait forever; articles already
    extracted are in the cache, so the next run resumes from there.
    """

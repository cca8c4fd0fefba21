"""File names of inputs: which kind of article a name holds, its stem, its sidecar.

Pure string functions, shared by the readers and the folder walk.
"""

from __future__ import annotations

import os

from quotegraph.io.frontmatter import SIDECAR_SUFFIXES

__all__ = [
    "ARTICLE_SUFFIXES",
    "article_stem",
    "is_gzip",
    "is_sidecar",
    "kind_of",
    "suffix_of",
    "uncompressed",
    "without_suffix",
]

#: File extensions read as articles, by kind.
ARTICLE_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}

def kind_of(name: str) -> str | None:
    """The kind of article a file name holds ("text", "html", "jsonl", "csv", "tsv"), or None.

    >>> kind_of("a/b.HTML.gz"), kind_of("notes.pdf")
    ('html', None)
    """
    return ARTICLE_SUFFIXES.get(suffix_of(uncompressed(name)))


def is_gzip(name: str) -> bool:
    """Whether the name ends in ``.gz``."""
    return name.lower().endswith(".gz")


def uncompressed(name: str) -> str:
    """The name without ``.gz``."""
    return name[:-3] if is_gzip(name) else name


def suffix_of(name: str) -> str:
    """The lower-cased extension."""
    return os.path.splitext(name)[1].lower()


def article_stem(name: str) -> str:
    """The name without ``.gz`` and extension."""
    return os.path.splitext(uncompressed(name))[0]


def without_suffix(path: str) -> str:
    """A relative path without ``.gz`` and extension, with ``/`` separators (for doc ids)."""
    stem = os.path.splitext(uncompressed(path))[0]
    return stem.replace(os.sep, "/").lstrip("./") or stem


def is_sidecar(name: str, article_stems: set[str]) -> bool:
    """Whether ``name`` is the metadata sidecar of one of ``article_stems``."""
    lowered = name.lower()
    for suffix in SIDECAR_SUFFIXES:
        if lowered.endswith(suffix) and name[: -len(suffix)] in article_stems:
            return True
    return False

"""The extract journal: per-article results on disk as they come, so a crash loses nothing.

``quotegraph extract -o quotes.jsonl`` links speakers across the whole corpus,
so it can only write its output at the end. Meanwhile every article's own
quotes go to ``quotes.jsonl.journal``, one JSON line per article, flushed per
batch. A killed run leaves the journal behind; the next run with the same
output reads it and parses only the articles it lacks, then removes it.

A journal line is ``{"key": <article_key>, "quotes": [...]}``: the key hashes
the text and the extraction settings (`quotegraph.cache.article_key`), so a
journal from other settings or other texts is simply not used. A line cut
short by the crash is skipped.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from quotegraph.model import Article
>>> path = Path(tempfile.mkdtemp()) / "quotes.jsonl.journal"
>>> article = Article("a1", "Nothing quoted here.")
>>> with Journal(path) as journal:
...     journal.put(article, [], model="m")
>>> Journal(path).get(article, model="m")
[]
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import IO, Any, Sequence

from quotegraph.cache import QuoteCache, article_key
from quotegraph.model import Article, Quote, stamp_quote

__all__ = ["Journal", "journal_path"]

logger = logging.getLogger(__name__)


def journal_path(output: str | Path) -> Path:
    """Where the journal of an output file lives: beside it, with ``.journal`` added."""
    output = Path(output)
    return output.with_name(output.name + ".journal")


class Journal:
    """An append-only JSONL of per-article quotes with the cache's ``get``/``put``/``commit``.

    Parameters
    ----------
    path : str or Path
        The journal file; lines already there are read first (a resumed run).
    backing : QuoteCache, optional (default=None)
        Also look articles up there and store new results there (``--cache``);
        the journal closes it when it closes.
    """

    def __init__(self, path: str | Path, *, backing: QuoteCache | None = None) -> None:
        self.path = Path(path)
        self.backing = backing
        self._known: dict[str, list[dict[str, Any]]] = {}
        self._warnings: dict[str, list[str]] = {}
        _read(self.path, self._known, self._warnings)
        if self._known:
            logger.info("%s: resuming; %d articles already extracted", self.path, len(self._known))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: IO[str] | None = self.path.open("a", encoding="utf-8")
        if self.path.stat().st_size and not _ends_with_newline(self.path):
            self._handle.write("\n")  # end the line a crash cut short, so the next one parses

    def __len__(self) -> int:
        return len(self._known)

    def get(self, article: Article, *, model: str) -> list[Quote] | None:
        """The journalled quotes of ``article`` (else the backing cache's), or None."""
        items = self._known.get(article_key(article, model=model))
        if items is not None:
            return [stamp_quote(Quote.from_dict(item), article) for item in items]
        return self.backing.get(article, model=model) if self.backing is not None else None

    def put(
        self, article: Article, quotes: list[Quote], *, model: str, warnings: Sequence[str] = ()
    ) -> None:
        key = article_key(article, model=model)
        items = [q.to_dict() for q in quotes]
        if self._handle is not None and key not in self._known:
            entry = {"key": key, "quotes": items, "warnings": list(warnings)}
            self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._known[key] = items
        self._warnings[key] = list(warnings)
        if self.backing is not None:
            self.backing.put(article, quotes, model=model, warnings=warnings)

    def get_warnings(self, article: Article, *, model: str) -> tuple[str, ...]:
        key = article_key(article, model=model)
        if key in self._warnings:
            return tuple(self._warnings[key])
        return self.backing.get_warnings(article, model=model) if self.backing is not None else ()

    def commit(self) -> None:
        """Flush to disk (the engine calls it after every batch)."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
        if self.backing is not None:
            self.backing.commit()

    def close(self) -> None:
        """Flush and close the journal, and the backing cache with it."""
        self.commit()
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self.backing is not None:
            self.backing.close()
            self.backing = None

    def discard(self) -> None:
        """Close and delete the journal: the output it protected is written."""
        self.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read(path: Path, known: dict[str, list[dict[str, Any]]], warnings: dict[str, list[str]]) -> None:
    if not path.is_file():
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                entry = json.loads(line)
                known[str(entry["key"])] = list(entry["quotes"])
                warnings[str(entry["key"])] = [str(w) for w in entry.get("warnings", [])]
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # the line the crash cut short


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"

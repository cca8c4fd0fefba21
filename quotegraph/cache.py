"""An SQLite cache of per-article quotes, so re-runs only parse what changed.

The key is a hash of the article text, the settings that change extraction
(pipeline name, coreference, the topics file's content, ...) and the
quotegraph version: editing an article, switching ``--model`` or ``--topics``,
or upgrading quotegraph misses the cache. Article metadata (id, title, source) is not in the key;
a hit is re-stamped with the article it was asked for.

>>> from quotegraph.model import Article
>>> cache = QuoteCache(":memory:")
>>> article = Article("a1", "Nothing quoted here.")
>>> cache.get(article, model="m") is None
True
>>> cache.put(article, [], model="m")
>>> cache.get(article, model="m")
[]
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

from quotegraph import __version__
from quotegraph.model import Article, Quote, stamp_quote

__all__ = ["ArticleStore", "QuoteCache", "article_key"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS quotes (
    key TEXT PRIMARY KEY,
    quotes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS warnings (
    key TEXT PRIMARY KEY,
    warnings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS positions (
    node TEXT PRIMARY KEY,
    x REAL NOT NULL,
    y REAL NOT NULL
);
"""


def article_key(article: Article, *, model: str) -> str:
    """Hash of what decides an article's quotes: its text, the settings, our version.

    ``model`` is the settings fingerprint (`PipelineConfig` gives it as
    ``config.fingerprint``); a bare pipeline name works too.
    """
    digest = hashlib.sha256()
    for part in (__version__, _code_fingerprint(), model, article.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of the extraction code and lexicons, so a changed rule never serves stale quotes.

    The version alone would miss edits between releases (a development checkout).
    """
    digest = hashlib.sha256()
    nlp_dir = Path(__file__).parent / "nlp"
    for path in sorted(nlp_dir.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".jsonl") and "coref_model" not in path.parts:
            digest.update(path.relative_to(nlp_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ArticleStore(Protocol):
    """What the engine needs of a cache: `QuoteCache`, or the extract `~quotegraph.journal.Journal`."""

    def get(self, article: Article, *, model: str) -> list[Quote] | None: ...

    def put(
        self, article: Article, quotes: list[Quote], *, model: str, warnings: Sequence[str] = ()
    ) -> None: ...

    def get_warnings(self, article: Article, *, model: str) -> tuple[str, ...]: ...

    def commit(self) -> None: ...


class QuoteCache:
    """Quotes per article, and the last layout, in one SQLite file (or ``":memory:"``).

    Parameters
    ----------
    path : str or Path
    commit_every : int, optional (default=8)
        Articles per transaction: one batch of the engine, so a killed run loses
        at most the batches in flight. The database is in WAL mode, where a
        commit costs little.
    """

    def __init__(self, path: str | Path, *, commit_every: int = 8) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self.commit_every = max(1, commit_every)
        self._db = sqlite3.connect(self.path)
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._pending = 0

    def get(self, article: Article, *, model: str) -> list[Quote] | None:
        """The cached quotes of ``article``, re-stamped with its metadata, or None."""
        row = self._db.execute(
            "SELECT quotes FROM quotes WHERE key = ?", (article_key(article, model=model),)
        ).fetchone()
        if row is None:
            return None
        return [stamp_quote(Quote.from_dict(item), article) for item in json.loads(row[0])]

    def put(
        self, article: Article, quotes: list[Quote], *, model: str, warnings: Sequence[str] = ()
    ) -> None:
        """Store ``article``'s quotes, and its warnings, so a re-run still counts them."""
        key = article_key(article, model=model)
        payload = json.dumps([q.to_dict() for q in quotes], ensure_ascii=False)
        self._db.execute("INSERT OR REPLACE INTO quotes (key, quotes) VALUES (?, ?)", (key, payload))
        if warnings:
            self._db.execute(
                "INSERT OR REPLACE INTO warnings (key, warnings) VALUES (?, ?)",
                (key, json.dumps(list(warnings), ensure_ascii=False)),
            )
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit()

    def get_warnings(self, article: Article, *, model: str) -> tuple[str, ...]:
        """The warnings extraction gave ``article`` (empty when none, or not cached)."""
        row = self._db.execute(
            "SELECT warnings FROM warnings WHERE key = ?", (article_key(article, model=model),)
        ).fetchone()
        return tuple(json.loads(row[0])) if row is not None else ()

    def positions(self) -> dict[str, tuple[float, float]]:
        """Node positions of the last build (they warm-start the next layout)."""
        return {n: (x, y) for n, x, y in self._db.execute("SELECT node, x, y FROM positions")}

    def save_positions(self, positions: dict[str, tuple[float, float]]) -> None:
        """Replace the stored positions with ``positions`` and commit."""
        self._db.execute("DELETE FROM positions")
        self._db.executemany("INSERT INTO positions VALUES (?, ?, ?)", [(n, x, y) for n, (x, y) in positions.items()])
        self.commit()

    def commit(self) -> None:
        self._db.commit()
        self._pending = 0

    def close(self) -> None:
        self.commit()
        self._db.close()

    def __enter__(self) -> QuoteCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Re-runs that redo only what changed: build digests, layout memory, unchanged pages.

Three things make a warm ``quotegraph build`` cheap:

- **The build digest.** A hash of every input article (its cache key: text and
  extraction settings), the graph and page settings and the code. When it
  equals the digest of the build that wrote the output folder, and those
  files are all still there, linking, the graph, the layout and every writer
  are skipped: nothing they depend on has changed.
- **Layout memory.** The node positions of the last build are kept in the
  cache; the next layout starts from them (`quotegraph.graph.layout`), so
  50 new articles cost a short settling run, not a fresh layout, and the
  picture stays where the reader left it.
- **Unchanged pages.** Each article view's inputs (the article and its linked
  quotes) are hashed; a view whose hash is unchanged and whose file exists is
  neither rendered nor written again.

Examples
--------
>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> up_to_date(out, "abc")
False
>>> (out / "graph.html").write_text("x")
1
>>> record_build(out, "abc", [out / "graph.html"], summary="1 node")
>>> up_to_date(out, "abc"), up_to_date(out, "abd")
(True, False)
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = [
    "MANIFEST",
    "build_digest",
    "code_fingerprint",
    "page_digest",
    "read_manifest",
    "record_build",
    "up_to_date",
]

logger = logging.getLogger(__name__)

#: The build record in the output folder.
MANIFEST = ".quotegraph-build.json"


def build_digest(article_keys: Iterable[str], settings: Mapping[str, Any]) -> str:
    """Hash of the inputs of everything after extraction, in input order."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for key in article_keys:
        digest.update(key.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def page_digest(article: Any, quotes: Iterable[Any]) -> str:
    """Hash of what an article view shows: the article and its (linked) quotes."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(article.to_dict(), sort_keys=True, ensure_ascii=False).encode())
    for quote in quotes:
        digest.update(json.dumps(quote.to_dict(), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the package's code and templates: new code never serves old outputs."""
    from quotegraph import __version__

    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".js", ".css", ".html", ".txt", ".jsonl") and "coref_model" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def read_manifest(out_dir: str | Path) -> dict[str, Any]:
    """The build record of ``out_dir`` (empty when missing or unreadable)."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def up_to_date(out_dir: str | Path, digest: str) -> bool:
    """Whether ``out_dir`` holds the complete outputs of a build with this digest."""
    record = read_manifest(out_dir)
    if record.get("digest") != digest:
        return False
    return all((Path(out_dir) / name).is_file() for name in record.get("files", []))


def record_build(out_dir: str | Path, digest: str, files: Iterable[Path], *, summary: str = "") -> None:
    """Write the build record after every output was written."""
    out = Path(out_dir)
    names = sorted({p.relative_to(out).as_posix() for p in files if p.is_relative_to(out)})
    record = {"digest": digest, "files": names, "summary": summary}
    (out / MANIFEST).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")

"""`ArticleDraft`: what a reader found, before the checks that make it an `Article`.

Every reader kind (text, HTML, JSONL/CSV row, stdin) produces drafts; one place
(`quotegraph.io.readers`) then rejects empty and non-English texts, normalises the
date and gives the article a doc_id unique within the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from quotegraph.io.frontmatter import METADATA_KEYS

__all__ = ["ArticleDraft", "draft_of", "metadata_from"]


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article text and its metadata as read.

    ``doc_ids`` lists the preferred doc_id first, then fallbacks used in order when
    it is taken (a longer, path-qualified id). ``where`` and ``line`` locate the
    input for failure messages.
    """

    doc_ids: tuple[str, ...]
    text: str
    where: str
    line: int | None = None
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None


def draft_of(
    ids: tuple[str, ...], text: str, where: str, meta: Mapping[str, str], *, line: int | None = None
) -> ArticleDraft:
    """A draft carrying the metadata `metadata_from` found (title, source, date, url).

    >>> draft_of(("a",), "Text.", "a.txt", {"title": "T"}).title
    'T'
    """
    return ArticleDraft(
        doc_ids=ids,
        text=text,
        where=where,
        line=line,
        title=meta.get("title"),
        source=meta.get("source"),
        date=meta.get("date"),
        url=meta.get("url"),
    )


def metadata_from(*layers: Mapping[str, Any]) -> dict[str, str]:
    """Title, source, date and url from metadata mappings; later layers win.

    Keys are matched case-insensitively against `METADATA_KEYS` and their
    aliases; values that are not scalars are ignored.

    >>> metadata_from({"title": "A", "Publisher": "CNN"}, {"title": "B", "url": None})
    {'title': 'B', 'source': 'CNN'}
    """
    merged: dict[str, str] = {}
    for layer in layers:
        lowered = {str(key).strip().lower(): value for key, value in layer.items()}
        for field, aliases in METADATA_KEYS.items():
            value = next((lowered[a] for a in aliases if _scalar(lowered.get(a))), None)
            if value is not None:
                merged[field] = " ".join(str(value).split())
    return merged


def _scalar(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    return isinstance(value, (str, int, float)) and str(value).strip() != ""

"""Article metadata kept beside the text: a front matter block or a sidecar JSON file.

A ``.txt``/``.md`` file may start with a block of ``key: value`` lines between two
``---`` lines. The article text is everything after the closing line's line break,
byte for byte; the block itself is not part of `Article.text`.

>>> meta, start = split_front_matter("---\\ntitle: Kirby speaks\\ndate: May 1, 2023\\n---\\nKirby said.")
>>> meta
{'title': 'Kirby speaks', 'date': 'May 1, 2023'}
>>> "---\\ntitle: Kirby speaks\\ndate: May 1, 2023\\n---\\nKirby said."[start:]
'Kirby said.'
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from quotegraph.errors import InputFormatError

__all__ = ["METADATA_KEYS", "split_front_matter", "find_sidecar", "read_sidecar"]

#: Metadata an article may carry, and the other spellings accepted for each.
METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "source": ("source", "publisher", "outlet"),
    "date": ("date", "published", "published_at", "publication_date"),
    "url": ("url", "link"),
}
SIDECAR_SUFFIXES = (".meta.json", ".json")

_OPEN = re.compile(r"---[ \t]*(\r\n|\n|\r)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)")
_ENTRY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_LINE = re.compile(r"[^\r\n]*(\r\n|\n|\r)")
_MAX_LINES = 40


def split_front_matter(text: str) -> tuple[dict[str, str], int]:
    """The front matter of ``text`` and the offset where the article starts.

    Parameters
    ----------
    text : str
        The file as read (BOM already removed).

    Returns
    -------
    (dict, int)
        Lower-cased keys with their values (surrounding quotes removed), and the
        offset of the first character after the block. ``({}, 0)`` when the file
        has no well-formed block: every line between the ``---`` lines must be
        ``key: value``, blank or a ``#`` comment, and the block is closed within
        40 lines; otherwise the ``---`` is taken to be part of the text.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return {}, 0
    meta: dict[str, str] = {}
    position = opening.end()
    for _ in range(_MAX_LINES):
        closing = _CLOSE.match(text, position)
        if closing is not None:
            return meta, closing.end()
        line, position = _next_line(text, position)
        if position < 0:
            return {}, 0
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry = _ENTRY.match(line)
        if entry is None:
            return {}, 0
        meta[entry[1].lower()] = _unquote(entry[2])
    return {}, 0


def find_sidecar(path: Path) -> Path | None:
    """``<name>.meta.json`` or ``<name>.json`` beside ``path``, whichever exists first."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(path.stem + suffix)
        if candidate != path and candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict[str, Any]:
    """The JSON object in a sidecar file.

    Raises
    ------
    InputFormatError
        When the file is not UTF-8 JSON holding one object.
    """
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputFormatError(str(path), f"sidecar metadata is not valid JSON ({error}); ignored") from None
    if not isinstance(data, dict):
        reason = f"sidecar metadata must be a JSON object, not {type(data).__name__}; ignored"
        raise InputFormatError(str(path), reason)
    return {str(key).lower(): value for key, value in data.items()}


def _next_line(text: str, position: int) -> tuple[str, int]:
    match = _LINE.match(text, position)
    if match is None:
        return "", -1
    return match.group(0).rstrip("\r\n"), match.end()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value

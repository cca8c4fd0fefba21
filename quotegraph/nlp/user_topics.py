"""User topics (``--topics FILE``): a YAML or JSON map of topic -> keywords or patterns.

They take precedence over derived topics: see `quotegraph.nlp.topics.assign_topics`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from quotegraph.errors import InputFormatError
from quotegraph.model import slugify

__all__ = ["load_user_topics", "match_user_topics"]

#: A user topic map frozen for caching: ((topic, (entry, ...)), ...).
_Topics = tuple[tuple[str, tuple[str, ...]], ...]
_Matchers = tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
_REGEX_PREFIX = "re:"


def match_user_topics(
    text: str, derived: list[str], user_topics: Mapping[str, Sequence[str]] | None
) -> list[str]:
    """User topics matching ``text`` first, then the derived topics they do not cover."""
    if not user_topics:
        return derived
    return _merge_user_topics(text, derived, _compile_user_topics(_freeze(user_topics)))


def load_user_topics(path: Path | None) -> dict[str, list[str]] | None:
    """Read a YAML or JSON map of topic -> keywords or patterns.

    A YAML/JSON list of labels is also accepted (each label is its own keyword).
    ``.json`` files are read as JSON, anything else as YAML (a superset of JSON).
    The file is parsed once per change (cached on path and modification time).

    Raises
    ------
    InputFormatError
        When the file is missing, does not parse, is not a map of topic to a
        string or list of strings, or holds a pattern that is not a valid regex.

    Examples
    --------
    >>> load_user_topics(None) is None
    True
    """
    if path is None:
        return None
    target = Path(path)
    try:
        stamp = target.stat()
    except OSError as error:
        raise InputFormatError(str(target), f"cannot read topics file: {error.strerror}") from None
    cached = _read_user_topics(str(target), stamp.st_mtime_ns, stamp.st_size)
    return {topic: list(entries) for topic, entries in cached}


def _merge_user_topics(text: str, derived: list[str], matchers: _Matchers) -> list[str]:
    """User topics matching ``text`` first, then derived topics they do not cover."""
    chosen = [(topic, pats) for topic, pats in matchers if any(p.search(text) for p in pats)]
    if not chosen:
        return derived
    covered = {slugify(topic) for topic, _ in chosen}
    rest = [
        label
        for label in derived
        if slugify(label) not in covered
        and not any(p.search(label) for _, patterns in chosen for p in patterns)
    ]
    return [topic for topic, _ in chosen] + rest


def _freeze(topics: Mapping[str, Sequence[str]] | None) -> _Topics:
    return tuple((str(k), tuple(str(v) for v in vs or ())) for k, vs in (topics or {}).items())


@lru_cache(maxsize=32)
def _compile_user_topics(topics: _Topics) -> _Matchers:
    return tuple(
        (topic, tuple(_compile_entry(entry) for entry in (entries or (topic,))))
        for topic, entries in topics
    )


def _compile_entry(entry: str) -> re.Pattern[str]:
    """``re:X`` and ``/X/`` are regexes; anything else a whole-word keyword (plural too)."""
    if entry.startswith(_REGEX_PREFIX):
        return re.compile(entry[len(_REGEX_PREFIX) :], re.IGNORECASE)
    if len(entry) > 2 and entry.startswith("/") and entry.endswith("/"):
        return re.compile(entry[1:-1], re.IGNORECASE)
    words = r"\s+".join(re.escape(word) for word in entry.split())
    return re.compile(rf"(?<!\w){words}(?:e?s)?(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def _read_user_topics(path: str, mtime_ns: int, size: int) -> _Topics:
    del mtime_ns, size  # cache keys only: a changed file is read again
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputFormatError(path, f"cannot read topics file: {error}") from None
    data = _parse_topics_text(path, text)
    topics = _validate_topics(path, data)
    for topic, entries in topics:
        for entry in entries:
            try:
                _compile_entry(entry)
            except re.error as error:
                reason = f"topic {topic!r}: bad pattern {entry!r}: {error}"
                raise InputFormatError(path, reason) from None
    return topics


def _parse_topics_text(path: str, text: str) -> Any:
    if path.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            reason = f"not valid JSON: {error.msg}"
            raise InputFormatError(path, reason, line=error.lineno) from None
    import yaml  # only needed for topic files

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or "parse error"
        raise InputFormatError(path, f"not valid YAML: {problem}", line=line) from None


def _validate_topics(path: str, data: Any) -> _Topics:
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        data = {item: [] for item in data}
    if not isinstance(data, dict) or not data:
        reason = "expected a non-empty map of topic -> keyword or list of keywords"
        raise InputFormatError(path, reason)
    topics = []
    for topic, entries in data.items():
        if entries is None:
            entries = []
        elif isinstance(entries, str):
            entries = [entries]
        if not isinstance(topic, str) or not topic.strip():
            raise InputFormatError(path, f"topic {topic!r} is not a non-empty string")
        if not isinstance(entries, list) or not all(_is_keyword(e) for e in entries):
            reason = f"topic {topic!r}: expected a keyword or a list of keywords"
            raise InputFormatError(path, reason)
        topics.append((topic.strip(), tuple(e.strip() for e in entries)))
    return tuple(topics)


def _is_keyword(entry: Any) -> bool:
    return isinstance(entry, str) and bool(entry.strip())

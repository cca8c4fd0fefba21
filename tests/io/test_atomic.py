"""Outputs are replaced atomically: an interrupted write leaves the old file intact."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotegraph.io import atomic_write, write_quotes_jsonl
from quotegraph.model import Quote, QuoteKind, Speaker


def test_atomic_keeps_old_file_on_exception(tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_write(path) as handle:
            handle.write("half of the new")
            raise RuntimeError("boom")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


def test_atomic_keeps_old_file_on_keyboard_interrupt(tmp_path: Path) -> None:
    path = tmp_path / "quotes.jsonl"
    path.write_text("old\n", encoding="utf-8")

    def quotes():
        yield Quote("a", "a-q0", "x", 0, 1, QuoteKind.DIRECT, Speaker.unknown())
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_quotes_jsonl(quotes(), path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.jsonl"]


def test_atomic_writes_binary_and_creates_folders(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "graph.graphml"
    with atomic_write(path, "wb") as handle:
        handle.write(b"<graphml/>")
    assert path.read_bytes() == b"<graphml/>"


def test_atomic_text_is_utf8_and_newlines_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    with atomic_write(path, newline="") as handle:
        handle.write("Zoë,\u201cyes\u201d\r\n")
    assert path.read_bytes() == "Zoë,\u201cyes\u201d\r\n".encode("utf-8")


def test_atomic_keeps_permissions(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.txt"
    with atomic_write(fresh) as handle:
        handle.write("x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    existing = tmp_path / "existing.txt"
    existing.write_text("old", encoding="utf-8")
    existing.chmod(0o640)
    with atomic_write(existing) as handle:
        handle.write("new")
    assert existing.stat().st_mode & 0o777 == 0o640


def test_atomic_rejects_other_modes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mode must be 'w' or 'wb', not 'a'"):
        atomic_write(tmp_path / "x", "a")  # type: ignore[call-overload]

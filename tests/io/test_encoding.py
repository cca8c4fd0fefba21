"""Bytes → text: exact, BOM stripped, legacy code pages only when plausible (issue 9)."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from quotegraph.errors import InputFormatError
from quotegraph.io import InputFailure, iter_articles
from quotegraph.model import Article
from quotegraph.io.encoding import decode_bytes, detect_encoding, looks_binary

TRICKY = "Kirby said:\r\n\u201cIt\u2019s\u00a0over\u200b,\u201d \u00abnon\u00bb \u201eja\u201c \u300cはい\u300d\ufeff\u2028end\r\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii", "plain ascii"),
        (codecs.BOM_UTF8 + "Zoë said.".encode(), "Zoë said."),
        (codecs.BOM_UTF8 + codecs.BOM_UTF8 + b"x", "\ufeffx"),
        ("\u201cNo,\u201d she said.".encode("cp1252"), "\u201cNo,\u201d she said."),
        ("Le café était très bon, a déclaré le ministre.".encode("latin-1"), "Le café était très bon, a déclaré le ministre."),
        (codecs.BOM_UTF16_LE + "Zoë said.".encode("utf-16-le"), "Zoë said."),
        (TRICKY.encode("utf-8"), TRICKY),
    ],
    ids=["ascii", "utf8-bom", "only-first-bom", "cp1252-smart-quotes", "latin1", "utf16-bom", "tricky-unicode-kept"],
)
def test_encoding_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary file (contains NUL bytes), not text"),
        (bytes(range(1, 32)) * 10 + b"abc", "binary file (too many control characters), not text"),
        (bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(2000)), "undecodable: not UTF-8"),
        (b"\xff\xfe\x00\xd8", "has a UTF-16 byte-order mark but is not UTF-16"),
    ],
    ids=["zip-header", "control-characters", "high-byte-junk", "broken-utf16"],
)
def test_encoding_rejects_binary(data: bytes, reason: str) -> None:
    with pytest.raises(InputFormatError) as error:
        decode_bytes(data, where="junk.txt")
    assert error.value.path == "junk.txt"
    assert error.value.reason.startswith(reason)


def test_encoding_no_fallbacks_means_utf8_only() -> None:
    with pytest.raises(InputFormatError, match=r"^x: not UTF-8 \(invalid UTF-8 byte 0x93 at offset 0\)$"):
        decode_bytes("\u201cNo\u201d".encode("cp1252"), where="x", fallbacks=())


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("id,text\n1,caf\u00e9".encode()[:-1], "utf-8-sig"),
        (b"id,text\n1,\x93Quoted,\x94 she said\n", "cp1252"),
    ],
    ids=["cut-multibyte", "cp1252"],
)
def test_encoding_detect_encoding(prefix: bytes, expected: str) -> None:
    assert detect_encoding(prefix) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("tabs\tand\r\nnewlines\x0c", False), ("\x1b[31mred\x1b[0m", False), ("\x01\x02\x03\x04 abc", True), ("", False)],
    ids=["whitespace", "ansi-escape", "controls", "empty"],
)
def test_encoding_looks_binary(text: str, expected: bool) -> None:
    assert looks_binary(text) is expected


@pytest.mark.parametrize(
    ("data", "expected_text"),
    [
        (codecs.BOM_UTF8 + TRICKY.encode("utf-8"), TRICKY),
        ("\u201cNo,\u201d Kirby said.\r\n".encode("cp1252"), "\u201cNo,\u201d Kirby said.\r\n"),
    ],
    ids=["bom-crlf-nbsp-zero-width", "cp1252"],
)
def test_encoding_files_are_read_exactly(tmp_path: Path, data: bytes, expected_text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [article] = list(iter_articles([path], check_language=False))
    assert isinstance(article, Article)
    assert article.text == expected_text
    # Offsets found in the text as read slice the same characters.
    start = article.text.index("\u201c")
    assert article.text[start : start + 1] == "\u201c"


def test_encoding_binary_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [failure] = list(iter_articles([path]))
    assert isinstance(failure, InputFailure)
    assert failure.message == f"{path}: binary file (contains NUL bytes), not text"
    assert failure.level == "error"


def test_encoding_binary_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b"\x00\x01\x02\n" * 50)
    assert [f.message for f in iter_articles([path])] == [f"{path}: binary file (contains NUL bytes), not JSONL"]

"""Bytes → text without guessing wildly: UTF-8 (BOM stripped), else a plausible legacy code page.

>>> decode_bytes(b"\\xef\\xbb\\xbfKirby said")
'Kirby said'
>>> decode_bytes(b"\\x93It failed,\\x94 he said.")
'“It failed,” he said.'
>>> decode_bytes(b"PK\\x03\\x04\\x00\\x00binary", where="x.txt")
Traceback (most recent call last):
...
quotegraph.errors.InputFormatError: x.txt: binary file (contains NUL bytes), not text
"""

from __future__ import annotations

import codecs
import logging
from typing import Sequence

from quotegraph.errors import InputFormatError

__all__ = ["DEFAULT_ENCODING_FALLBACKS", "decode_bytes", "detect_encoding", "looks_binary"]

logger = logging.getLogger(__name__)

#: Legacy encodings tried, in this order, when a file is not UTF-8.
DEFAULT_ENCODING_FALLBACKS: tuple[str, ...] = ("cp1252", "latin_1")

# Control characters that plain text does not contain (tab, newlines and form feed
# are fine). A text with more than this share of them is treated as binary.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c\x1b") | {"\x7f"}
_MAX_CONTROL_RATIO = 0.01
# charset-normalizer's "mess" ratio above which a decoding is not plausible text.
_MAX_CHAOS = 0.2


def decode_bytes(
    data: bytes,
    *,
    where: str = "<bytes>",
    fallbacks: Sequence[str] = DEFAULT_ENCODING_FALLBACKS,
    declared: str | None = None,
) -> str:
    """Decode one file's bytes exactly, or raise naming why they are not text.

    Parameters
    ----------
    data : bytes
        The whole file.
    where : str, optional (default="<bytes>")
        The file name used in the error message.
    fallbacks : sequence of str, optional (default=("cp1252", "latin_1"))
        Legacy encodings to consider when ``data`` is not UTF-8. A fallback is
        used only when charset-normalizer finds the decoded text plausible.
    declared : str or None, optional (default=None)
        An encoding the file declares for itself (an HTML ``<meta charset>``):
        tried, strictly, after UTF-8 and before the fallbacks.

    Returns
    -------
    str
        The text as read: a UTF-8 (or UTF-16) byte-order mark is removed, nothing
        else is changed (CRLF, NBSP, zero-width characters stay).

    Raises
    ------
    InputFormatError
        For binary data (NUL bytes, many control characters) or bytes that are
        neither UTF-8 nor plausible text in one of ``fallbacks``.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, where)
    if b"\x00" in data:
        raise InputFormatError(where, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        declared_text = _decode_declared(data, declared)
        # Decode ourselves: charset-normalizer's str() may differ from the codec's output.
        text = declared_text or data.decode(_legacy_encoding(data, where, fallbacks, error))
    if looks_binary(text):
        raise InputFormatError(where, "binary file (too many control characters), not text")
    return text


def looks_binary(text: str) -> bool:
    """True when more than 1% of the characters are control characters.

    >>> looks_binary("plain\\r\\ntext\\t")
    False
    >>> looks_binary("\\x01\\x02\\x03abc")
    True
    """
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for char in sample if char in _CONTROL)
    return controls / len(sample) > _MAX_CONTROL_RATIO


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_utf16(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        reason = f"has a UTF-16 byte-order mark but is not UTF-16 ({error.reason})"
        raise InputFormatError(where, reason) from None


def _legacy_encoding(data: bytes, where: str, fallbacks: Sequence[str], error: UnicodeDecodeError) -> str:
    from charset_normalizer import from_bytes

    position = f"invalid UTF-8 byte 0x{data[error.start]:02x} at offset {error.start}"
    if not fallbacks:
        raise InputFormatError(where, f"not UTF-8 ({position})")
    best = from_bytes(data, cp_isolation=list(fallbacks)).best()
    if best is None or best.chaos > _MAX_CHAOS:
        tried = ", ".join(fallbacks)
        reason = f"undecodable: not UTF-8 ({position}) and not plausible text in {tried}"
        raise InputFormatError(where, reason)
    logger.info("%s: not UTF-8, read as %s", where, best.encoding)
    return str(best.encoding)


def detect_encoding(
    prefix: bytes,
    *,
    where: str = "<bytes>",
    fallbacks: Sequence[str] = DEFAULT_ENCODING_FALLBACKS,
) -> str:
    """The codec to stream a large file with, judged from its first bytes.

    Returns ``"utf-8-sig"`` when ``prefix`` is UTF-8 (a multi-byte character cut
    at the end of the prefix is fine), else the plausible legacy encoding.

    >>> detect_encoding(b"id,text\\n1,caf\\xc3")
    'utf-8-sig'
    >>> detect_encoding(b"id,text\\n1,\\x93Quoted,\\x94 she said\\n")
    'cp1252'

    Raises
    ------
    InputFormatError
        As `decode_bytes` does.
    """
    if b"\x00" in prefix:
        raise InputFormatError(where, "binary file (contains NUL bytes), not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=False)
    except UnicodeDecodeError as error:
        return _legacy_encoding(prefix, where, fallbacks, error)
    return "utf-8-sig"

"""Write a file so that readers see either the old version or the complete new one.

An interrupted run (exception, Ctrl-C) leaves the previous output untouched: the
data goes to a temporary file in the same directory, which replaces the target
with `os.replace` only once everything was written and flushed.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(folder / "out.txt") as handle:
...     _ = handle.write("new")
>>> (folder / "out.txt").read_text(encoding="utf-8")
'new'
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from functools import cache
import os
import tempfile
from pathlib import Path
from typing import IO, Any, Iterator, Literal, overload

__all__ = ["atomic_write"]


@overload
def atomic_write(
    path: str | Path,
    mode: Literal["w"] = "w",
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
    durable: bool = True,
) -> AbstractContextManager[IO[str]]: ...


@overload
def atomic_write(
    path: str | Path,
    mode: Literal["wb"],
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
    durable: bool = True,
) -> AbstractContextManager[IO[bytes]]: ...


def atomic_write(
    path: str | Path,
    mode: Literal["w", "wb"] = "w",
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
    durable: bool = True,
) -> AbstractContextManager[IO[Any]]:
    """Open ``path`` for writing; the file appears only if the block succeeds.

    Parameters
    ----------
    path : str or Path
        Target file. Its directory is created when missing.
    mode : {"w", "wb"}, optional (default="w")
        Text or binary. Binary suits writers that encode themselves (networkx's
        ``write_graphml``/``write_gexf``).
    encoding : str, optional (default="utf-8")
        Text mode only.
    newline : str or None, optional (default=None)
        Text mode only; pass ``""`` for the `csv` module.
    durable : bool, optional (default=True)
        ``fsync`` the file before it replaces the target. Thousands of small
        files that a re-run regenerates (article views) skip it: still atomic,
        and the sync would cost more than writing them.

    Yields
    ------
    IO
        The open temporary file. On an exception it is deleted and the target is
        left as it was; the exception propagates.

    Notes
    -----
    The new file gets the permissions of the file it replaces, or the usual
    ``0o666 & ~umask`` for a new file (a plain temporary file would be 0600).
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    return _atomic(Path(path), mode, encoding, newline, durable)


@contextlib.contextmanager
def _atomic(target: Path, mode: str, encoding: str, newline: str | None, durable: bool) -> Iterator[IO[Any]]:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        if "b" in mode:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, _target_mode(target))
        os.replace(tmp, target)
    except BaseException:
        # Also on KeyboardInterrupt: the half-written temporary file must go.
        tmp.unlink(missing_ok=True)
        raise


def _target_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


@cache
def _umask() -> int:
    # os.umask can only be read by setting it; do that once, not per file.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask

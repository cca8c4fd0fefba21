"""Stage timings of a build: read, extract, link, graph, layout, export, page.

The library marks its stages with ``with stage("link"): ...``; nothing is
measured unless a caller opened a `StageTimer` (``quotegraph build
--timings``, ``make bench``), so the marks cost nothing otherwise.

Reading is lazy and interleaved with extraction: ``read`` is the time the
main process spends inside the readers, and ``extract`` the rest of the
extraction loop (waiting for workers included).

Examples
--------
>>> with StageTimer() as timer:
...     with stage("link"):
...         pass
>>> sorted(timer.seconds)[:3]
['export', 'extract', 'graph']
>>> timer.seconds["link"] >= 0.0
True
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Iterable, Iterator, TypeVar

__all__ = ["STAGES", "StageTimer", "stage", "timed_iter"]

#: The stages of a build, in order.
STAGES = ("read", "extract", "link", "graph", "layout", "export", "page")

_T = TypeVar("_T")
_ACTIVE: ContextVar[StageTimer | None] = ContextVar("quotegraph_timer", default=None)


class StageTimer:
    """Seconds per stage while it is open (a context manager); also counts."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.counts: dict[str, Any] = {}
        self._started = time.perf_counter()
        self.total = 0.0
        self._token: Any = None

    def __enter__(self) -> StageTimer:
        self._started = time.perf_counter()
        self._token = _ACTIVE.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.total = time.perf_counter() - self._started
        _ACTIVE.reset(self._token)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def to_dict(self) -> dict[str, Any]:
        return {"stages": {k: round(v, 3) for k, v in self.seconds.items()},
                "total": round(self.total, 3), **self.counts}  # fmt: skip

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        return path

    def table(self) -> str:
        """A plain-text table: stage, seconds, share of the total."""
        total = self.total or sum(self.seconds.values()) or 1.0
        rows = [f"{'stage':<10}{'seconds':>10}{'share':>8}"]
        rows += [f"{k:<10}{v:>10.2f}{100 * v / total:>7.1f}%" for k, v in self.seconds.items()]
        rows.append(f"{'total':<10}{total:>10.2f}")
        return "\n".join(rows)


@contextmanager
def stage(name: str, *, minus: str | None = None) -> Iterator[None]:
    """Add the block's wall time to stage ``name`` of the open timer, if any.

    With ``minus``, the time that stage gained inside the block is left out
    (``extract`` minus the ``read`` interleaved with it).
    """
    timer = _ACTIVE.get()
    if timer is None:
        yield
        return
    started = time.perf_counter()
    before = timer.seconds.get(minus, 0.0) if minus else 0.0
    try:
        yield
    finally:
        inner = timer.seconds.get(minus, 0.0) - before if minus else 0.0
        timer.add(name, time.perf_counter() - started - inner)


def timed_iter(items: Iterable[_T], name: str) -> Iterator[_T]:
    """Yield from ``items``, adding the time spent producing each item to stage ``name``."""
    timer = _ACTIVE.get()
    if timer is None:
        yield from items
        return
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            timer.add(name, time.perf_counter() - started)
            return
        timer.add(name, time.perf_counter() - started)
        yield item

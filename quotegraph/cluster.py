"""Dask for extraction: connect, forward worker logs, and never wait on a dead cluster.

A future whose workers have all died waits forever in ``future.result()``.
`Watchdog.result` waits in short slices instead and checks the scheduler
between them: once the cluster has had no live worker for ``timeout``
seconds, it raises `WorkersLostError` (one line; the CLI exits 1).

Examples
--------
>>> describe_loss("tcp://127.0.0.1:8786", 120.0)
'the Dask cluster at tcp://127.0.0.1:8786 has had no live worker for 120 s; stopping (articles extracted so far are in the cache)'
"""

from __future__ import annotations

import logging
import time
from typing import Any

from quotegraph.errors import QuotegraphError, WorkersLostError

__all__ = ["Watchdog", "connect", "describe_loss"]

logger = logging.getLogger(__name__)

_POLL_S = 1.0


def connect(address: str, *, timeout: float) -> Any:
    """A `distributed.Client` on ``address`` that forwards our workers' log records here.

    Raises
    ------
    QuotegraphError
        When Dask is not installed or the scheduler cannot be reached in ``timeout`` s.
    """
    try:
        from distributed import Client
    except ImportError:
        raise QuotegraphError("--scheduler needs Dask: pip install 'quotegraph[dask]'") from None
    try:
        client = Client(address, timeout=f"{max(1.0, timeout)}s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise QuotegraphError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    # Worker warnings (quote marks, coreferee) reach this process's "quotegraph" logger.
    level = logging.getLogger("quotegraph").getEffectiveLevel()
    client.forward_logging("quotegraph", level=level)  # type: ignore[no-untyped-call]
    return client


def describe_loss(address: str, timeout: float) -> str:
    return (
        f"the Dask cluster at {address} has had no live worker for {timeout:.0f} s; "
        "stopping (articles extracted so far are in the cache)"
    )


class Watchdog:
    """Waits on futures of one client, giving up when the cluster has no worker left.

    Parameters
    ----------
    client : distributed.Client
    address : str
        Shown in the error.
    timeout : float
        Seconds without any live worker before `WorkersLostError`.
    """

    def __init__(self, client: Any, address: str, timeout: float) -> None:
        self.client = client
        self.address = address
        self.timeout = timeout
        self._alone_since: float | None = None

    def watch(self, future: Any) -> _Watched:
        """``future`` with a ``result()`` that gives up on a cluster without workers."""
        return _Watched(future, self)

    def result(self, future: Any) -> Any:
        """``future.result()``, or `WorkersLostError` once no worker has been alive for ``timeout``."""
        while True:
            try:
                return future.result(timeout=_POLL_S)
            except TimeoutError:
                self._check_workers()

    def _check_workers(self) -> None:
        try:
            workers = self.client.scheduler_info().get("workers", {})
        except (OSError, TimeoutError):
            workers = {}  # the scheduler itself is gone: no worker either
        if workers:
            self._alone_since = None
            return
        now = time.monotonic()
        self._alone_since = self._alone_since or now
        if now - self._alone_since >= self.timeout:
            raise WorkersLostError(describe_loss(self.address, self.timeout))
        logger.debug("no live Dask worker for %.0f s", now - self._alone_since)


class _Watched:
    def __init__(self, future: Any, watchdog: Watchdog) -> None:
        self.future, self.watchdog = future, watchdog

    def result(self) -> Any:
        return self.watchdog.result(self.future)

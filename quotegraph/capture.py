"""Per-article warnings, collected instead of printed: quiet by default.

A corpus of 5,000 articles has hundreds of unbalanced quote marks. Each is
worth a line in ``errors.jsonl``, none is worth a line on the terminal. While
a batch is extracted, `article_warnings` takes the WARNING records of
``quotegraph.nlp`` that name one of the batch's articles (they start with
``"<doc_id>: "``) and files them under that article; the engine puts them on
the article's result, the run report counts them, and the CLI writes them to
``errors.jsonl`` (and prints them with ``--verbose``). Any other record goes
on to the usual handlers.

Examples
--------
>>> log = logging.getLogger("quotegraph.nlp.example")
>>> with article_warnings(["a1"]) as caught:
...     log.warning("a1: quote opened at offset 5 is not closed; ending it at 9")
>>> caught["a1"]
['quote opened at offset 5 is not closed; ending it at 9']
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterable, Iterator

__all__ = ["article_warnings"]

_SOURCE = logging.getLogger("quotegraph.nlp")
_LOCK = threading.Lock()


@contextmanager
def article_warnings(doc_ids: Iterable[str]) -> Iterator[dict[str, list[str]]]:
    """Collect the warnings that name one of ``doc_ids``, keyed by doc id (prefix removed).

    Yields
    ------
    dict of str to list of str
        Filled while the block runs; records that name no article of the
        batch are passed on unchanged to the ``quotegraph`` logger's handlers.
    """
    caught: dict[str, list[str]] = defaultdict(list)
    handler = _Collector(set(doc_ids), caught)
    with _LOCK:  # one batch at a time per process swaps the logger's routing
        saved = _SOURCE.propagate
        _SOURCE.addHandler(handler)
        _SOURCE.propagate = False
        try:
            yield caught
        finally:
            _SOURCE.removeHandler(handler)
            _SOURCE.propagate = saved


class _Collector(logging.Handler):
    def __init__(self, doc_ids: set[str], caught: dict[str, list[str]]) -> None:
        super().__init__(logging.DEBUG)
        self.doc_ids = doc_ids
        self.caught = caught

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            message = record.getMessage()
            doc_id, sep, rest = message.partition(": ")
            if sep and doc_id in self.doc_ids:
                self.caught[doc_id].append(rest)
                return
        parent = _SOURCE.parent
        if parent is not None and record.levelno >= parent.getEffectiveLevel():
            parent.handle(record)  # not about one article: the usual route

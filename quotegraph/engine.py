"""Run the NLP stages over a stream of articles: batches, worker processes, chunks, cache.

Articles are read lazily and results come back in input order as soon as they
are ready, so memory stays flat however large the corpus. Each worker process
builds its own pipeline once (coreferee cannot be pickled into a worker).
A failure inside one article is recorded on its result; it never stops the batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from quotegraph.cache import QuoteCache
from quotegraph.config import PipelineConfig
from quotegraph.model import Article, Quote

__all__ = ["ArticleResult", "Extractor", "WorkerPool", "extract_articles", "default_workers"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The quotes of one article, or the reason it failed."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    error: str | None = None
    cached: bool = False
    warnings: tuple[str, ...] = field(default=())


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extract_articles(
    articles: Iterable[Article], *, config: PipelineConfig, cache: QuoteCache | None = None
) -> Iterator[ArticleResult]:
    """Yield one `ArticleResult` per article, in input order.

    Parameters
    ----------
    articles : iterable of Article
        Consumed lazily.
    config : PipelineConfig
        ``workers`` (None: one per core), ``batch_size``, ``max_chunk_chars``, ``model``.
    cache : QuoteCache or None, optional (default=None)
        Articles found here are not parsed again; new results are stored.
    """
    workers = config.workers or default_workers()
    batches = _batches(articles, config.batch_size)
    # A corpus of a few batches is not worth starting (and loading pipelines in) workers for.
    head = list(islice(batches, 2 * workers))
    batches = chain(head, batches)
    results: Iterator[ArticleResult]
    if config.scheduler:
        results = _on_dask(batches, config=config, cache=cache)
    elif workers <= 1 or len(head) < 2 * workers:
        # Load the pipeline only when some article misses the cache.
        def process(misses: Sequence[Article]) -> list[ArticleResult]:
            return _extractor_for(config).process(misses)

        results = (
            r for batch in batches for r in _cached_or(batch, cache, config, process)
        )
    else:
        results = _parallel(batches, config=config, cache=cache, workers=workers)
    for result in results:
        if cache is not None and not result.cached and result.error is None:
            cache.put(result.article, list(result.quotes), model=config.fingerprint)
        yield result
    if cache is not None:
        cache.commit()


class Extractor:
    """One loaded pipeline and the stages behind it; lives once per process."""

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config
        self.nlp = _shared_pipeline(config.model, config.coref)

    def process(self, batch: Sequence[Article]) -> list[ArticleResult]:
        """Parse a batch with ``nlp.pipe``; isolate the article at fault if it fails."""
        try:
            return self._process_batch(batch)
        except Exception:  # noqa: BLE001  (re-run one by one to find the bad article)
            if len(batch) == 1:
                return [self._failed(batch[0])]
            return [r for article in batch for r in self.process([article])]

    def _process_batch(self, batch: Sequence[Article]) -> list[ArticleResult]:
        from quotegraph.nlp.pipeline import chunk_text, extract_quotes

        pieces = [
            (index, offset, chunk)
            for index, article in enumerate(batch)
            for offset, chunk in chunk_text(article.text, self.config.max_chunk_chars)
        ]
        found: list[list[Quote]] = [[] for _ in batch]
        errors: list[str | None] = [None] * len(batch)
        docs = self.nlp.pipe((chunk for _, _, chunk in pieces), batch_size=self.config.batch_size)
        for (index, offset, _), doc in zip(pieces, docs):
            if errors[index] is not None:
                continue
            doc.user_data["offset"] = offset
            try:
                found[index].extend(extract_quotes(doc, batch[index], config=self.config))
            except Exception as error:  # noqa: BLE001  (one article never stops the batch)
                logger.debug("extraction failed on %s", batch[index].doc_id, exc_info=True)
                errors[index] = _describe(error)
        return [
            ArticleResult(article, tuple(quotes), error=error)
            for article, quotes, error in zip(batch, found, errors)
        ]

    def _failed(self, article: Article) -> ArticleResult:
        try:
            return self._process_batch([article])[0]
        except Exception as error:  # noqa: BLE001
            logger.debug("parsing failed on %s", article.doc_id, exc_info=True)
            return ArticleResult(article, error=_describe(error))


@lru_cache(maxsize=2)
def _shared_pipeline(model: str, use_coref: bool) -> Any:
    """Load a pipeline once per process: API users call `from_texts` many times."""
    from quotegraph.nlp.pipeline import load_pipeline

    return load_pipeline(model, use_coref=use_coref)


def _init_worker(config: PipelineConfig, log_level: int) -> None:
    # A spawned worker starts with fresh logging: keep the parent's verbosity (--quiet).
    logging.getLogger("quotegraph").setLevel(log_level)
    _extractor_for(config)  # load the pipeline now, once per process


def _run_batch(batch: list[Article], config: PipelineConfig) -> list[ArticleResult]:
    """One batch in a worker process (pool or Dask), with that process's own pipeline."""
    return _extractor_for(config).process(batch) if batch else []


@lru_cache(maxsize=2)
def _extractor_for(config: PipelineConfig) -> Extractor:
    return Extractor(config)


def _parallel(
    batches: Iterator[list[Article]],
    *,
    config: PipelineConfig,
    cache: QuoteCache | None,
    workers: int,
) -> Iterator[ArticleResult]:
    with WorkerPool(config, workers) as pool:
        yield from pool.run(batches, cache=cache)


class WorkerPool:
    """N processes, each with its own pipeline, fed batches in order.

    At most ``2 * workers`` batches are in flight, so a huge corpus streams
    through with flat memory.
    """

    def __init__(self, config: PipelineConfig, workers: int) -> None:
        # spawn, not fork: a forked copy of a parent with threads (BLAS, tqdm) can hang.
        context = multiprocessing.get_context("spawn")
        self.config = config
        self.workers = workers
        log_level = logging.getLogger("quotegraph").getEffectiveLevel()
        self._pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(config, log_level)
        )

    def warm_up(self) -> None:
        """Wait until every worker has loaded its pipeline (benchmarks time the rest)."""
        list(self._pool.map(_run_batch, [[]] * self.workers, [self.config] * self.workers))

    def run(
        self, batches: Iterable[list[Article]], *, cache: QuoteCache | None = None
    ) -> Iterator[ArticleResult]:
        pending: deque[_Pending] = deque()
        for batch in batches:
            hits, misses = _split_cached(batch, cache, self.config)
            future = self._pool.submit(_run_batch, misses, self.config) if misses else None
            pending.append((batch, hits, future))
            while sum(1 for *_, f in pending if f is not None) > 2 * self.workers:
                yield from _merge_pending(pending.popleft())
        while pending:
            yield from _merge_pending(pending.popleft())

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_Pending = tuple[list[Article], list[ArticleResult], "Future[list[ArticleResult]] | None"]


def _on_dask(
    batches: Iterator[list[Article]], *, config: PipelineConfig, cache: QuoteCache | None
) -> Iterator[ArticleResult]:
    """Send batches to a Dask cluster; each worker process keeps one pipeline."""
    try:
        from distributed import Client
    except ImportError:
        from quotegraph.errors import QuotegraphError

        raise QuotegraphError(
            "--scheduler needs Dask: pip install 'quotegraph[dask]'"
        ) from None
    with Client(config.scheduler) as client:  # type: ignore[no-untyped-call]
        limit = 2 * max(1, sum(client.nthreads().values()))
        pending: deque[_Pending] = deque()
        for batch in batches:
            hits, misses = _split_cached(batch, cache, config)
            future = client.submit(_run_batch, misses, config, pure=False) if misses else None
            pending.append((batch, hits, future))
            while sum(1 for *_, f in pending if f is not None) > limit:
                yield from _merge_pending(pending.popleft())
        while pending:
            yield from _merge_pending(pending.popleft())


def _merge_pending(entry: _Pending) -> list[ArticleResult]:
    batch, hits, future = entry
    return _in_order(batch, hits, future.result() if future is not None else [])


def _cached_or(
    batch: list[Article],
    cache: QuoteCache | None,
    config: PipelineConfig,
    process: Callable[[Sequence[Article]], list[ArticleResult]],
) -> list[ArticleResult]:
    hits, misses = _split_cached(batch, cache, config)
    return _in_order(batch, hits, process(misses) if misses else [])


def _in_order(
    batch: list[Article], hits: list[ArticleResult], fresh: list[ArticleResult]
) -> list[ArticleResult]:
    # Hits hold the batch's own Article objects; fresh results (maybe from a worker) follow
    # the misses' order. Merging by identity keeps input order even with duplicate ids.
    hit_queue, fresh_queue = deque(hits), deque(fresh)
    merged = []
    for article in batch:
        if hit_queue and hit_queue[0].article is article:
            merged.append(hit_queue.popleft())
        else:
            merged.append(fresh_queue.popleft())
    return merged


def _split_cached(
    batch: list[Article], cache: QuoteCache | None, config: PipelineConfig
) -> tuple[list[ArticleResult], list[Article]]:
    if cache is None:
        return [], batch
    hits, misses = [], []
    for article in batch:
        quotes = cache.get(article, model=config.fingerprint)
        if quotes is None:
            misses.append(article)
        else:
            hits.append(ArticleResult(article, tuple(quotes), cached=True))
    return hits, misses


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _describe(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"internal error while extracting ({type(error).__name__}{': ' + text if text else ''})"

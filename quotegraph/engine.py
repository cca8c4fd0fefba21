"""Schedule the NLP stages over a stream of articles: batches, worker processes, Dask, cache.

Articles are read lazily and results come back in input order as soon as they
are ready, so memory stays flat however large the corpus. Each worker process
keeps its own pipeline (coreferee cannot be pickled into a worker). Parsing
itself (``nlp.pipe``, chunks, offsets) is `quotegraph.nlp.pipeline`'s; this
module never touches a spaCy object. A failure inside one article is recorded
on its result; it never stops the batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

from quotegraph.cache import ArticleStore
from quotegraph.config import PipelineConfig
from quotegraph.errors import WorkersLostError
from quotegraph.model import Article, Quote

__all__ = [
    "ArticleResult",
    "Extractor",
    "WorkerPool",
    "default_workers",
    "extract_articles",
    "run_in_flight",
]

logger = logging.getLogger(__name__)

#: Sends one batch of cache misses off; returns something with ``.result()``
#: (a `concurrent.futures.Future`, a Dask future, or a finished local result).
Submit = Callable[[list[Article]], Any]


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
    articles: Iterable[Article], *, config: PipelineConfig, cache: ArticleStore | None = None
) -> Iterator[ArticleResult]:
    """Yield one `ArticleResult` per article, in input order.

    Parameters
    ----------
    articles : iterable of Article
        Consumed lazily.
    config : PipelineConfig
        ``workers`` (None: one per core), ``batch_size``, ``max_chunk_chars``,
        ``model``, ``scheduler`` (a Dask cluster instead of local processes).
    cache : QuoteCache, Journal or None, optional (default=None)
        Articles found here are not parsed again; new results are stored and
        committed every ``config.batch_size`` articles.
    """
    workers = config.workers or default_workers()
    batches = _batches(articles, config.batch_size)
    # A corpus of a few batches is not worth starting (and loading pipelines in) workers for.
    head = list(islice(batches, 2 * workers))
    local = workers <= 1 or len(head) < 2 * workers
    with _scheduler(config, workers, local=local) as (submit, limit):
        results = run_in_flight(chain(head, batches), submit=submit, limit=limit, cache=cache, config=config)
        stored = 0
        for result in results:
            if cache is not None and not result.cached and result.error is None:
                quotes, warned = list(result.quotes), result.warnings
                cache.put(result.article, quotes, model=config.fingerprint, warnings=warned)
                stored += 1
                if stored % config.batch_size == 0:
                    cache.commit()  # a batch is on disk: a crash loses at most those in flight
            yield result
    if cache is not None:
        cache.commit()


def run_in_flight(
    batches: Iterable[list[Article]],
    *,
    submit: Submit,
    limit: int,
    cache: ArticleStore | None = None,
    config: PipelineConfig,
) -> Iterator[ArticleResult]:
    """The one scheduling loop, for local runs, the process pool and Dask alike.

    Each batch's cache misses go to ``submit``; at most ``limit`` submitted
    batches are in flight (0: each is collected before the next is read), and
    results come back in input order. When a submitted batch fails as a whole
    (a worker died, a result could not be sent back), its articles are tried
    again one by one, so only the article at fault is lost and it is reported
    once.
    """
    pending: deque[_Job] = deque()
    busy = 0
    for batch in batches:
        hits, misses = _split_cached(batch, cache, config)
        job = _Job(batch, hits, misses, _submit(submit, misses) if misses else None)
        pending.append(job)
        busy += job.future is not None
        while busy > limit:
            done = pending.popleft()
            busy -= done.future is not None
            yield from _collect(done, submit)
    while pending:
        yield from _collect(pending.popleft(), submit)


class Extractor:
    """The stages behind one loaded pipeline; lives once per process."""

    def __init__(self, config: PipelineConfig) -> None:
        from quotegraph.nlp.pipeline import shared_pipeline

        self.config = config
        shared_pipeline(config.model, config.coref)  # load now, once per process

    def process(self, batch: Sequence[Article]) -> list[ArticleResult]:
        """Parse a batch in one go; isolate the article at fault if the parse fails."""
        from quotegraph.capture import article_warnings
        from quotegraph.nlp.pipeline import extract_batch

        try:
            with article_warnings(a.doc_id for a in batch) as warned:
                found = extract_batch(batch, config=self.config)
        except Exception as error:  # noqa: BLE001  (re-run one by one to find the bad article)
            if len(batch) == 1:
                logger.debug("parsing failed on %s", batch[0].doc_id, exc_info=True)
                return [ArticleResult(batch[0], error=_describe(error))]
            return [r for article in batch for r in self.process([article])]
        return [
            ArticleResult(article, error=_describe(quotes))
            if isinstance(quotes, BaseException)
            else ArticleResult(article, tuple(quotes), warnings=tuple(warned.get(article.doc_id, ())))
            for article, quotes in zip(batch, found)
        ]


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

    def submit(self, batch: list[Article]) -> Any:
        """Send one batch to a worker; the future's result is its `ArticleResult` list."""
        return self._pool.submit(_run_batch, batch, self.config)

    def run(
        self, batches: Iterable[list[Article]], *, cache: ArticleStore | None = None
    ) -> Iterator[ArticleResult]:
        return run_in_flight(batches, submit=self.submit, limit=2 * self.workers, cache=cache, config=self.config)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Job(NamedTuple):
    batch: list[Article]
    hits: list[ArticleResult]
    misses: list[Article]
    future: Any  # None when every article was a cache hit


class _Done:
    """A result computed here and now, or the error computing (or submitting) it raised."""

    def __init__(self, value: list[ArticleResult] | None = None, error: BaseException | None = None) -> None:
        self.value, self.error = value, error

    def result(self) -> list[ArticleResult]:
        if self.error is not None:
            raise self.error
        return self.value or []


@contextmanager
def _scheduler(config: PipelineConfig, workers: int, *, local: bool) -> Iterator[tuple[Submit, int]]:
    """``(submit, limit)`` for this run: Dask, the process pool, or this process."""
    if config.scheduler:
        with _dask_client(config) as (client, watchdog):
            limit = 2 * max(1, sum(client.nthreads().values()))
            yield (lambda misses: watchdog.watch(client.submit(_run_batch, misses, config, pure=False))), limit
    elif local:
        # Load the pipeline only when some article misses the cache.
        yield (lambda misses: _Done(_extractor_for(config).process(misses))), 0
    else:
        with _LazyPool(config, workers) as pool:
            yield pool.submit, 2 * workers


class _LazyPool:
    """A `WorkerPool` started at the first cache miss: a re-run that hits the cache for
    every article never spawns workers (nor loads a pipeline in each)."""

    def __init__(self, config: PipelineConfig, workers: int) -> None:
        self.config, self.workers = config, workers
        self._pool: WorkerPool | None = None

    def submit(self, batch: list[Article]) -> Any:
        if self._pool is None:
            self._pool = WorkerPool(self.config, self.workers)
        return self._pool.submit(batch)

    def __enter__(self) -> _LazyPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.close()


@contextmanager
def _dask_client(config: PipelineConfig) -> Iterator[tuple[Any, Any]]:
    """A client, and the `~quotegraph.cluster.Watchdog` that stops a run left without workers."""
    from quotegraph.cluster import Watchdog, connect

    address = str(config.scheduler)
    with connect(address, timeout=config.dask_timeout) as client:
        yield client, Watchdog(client, address, config.dask_timeout)


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


def _submit(submit: Submit, misses: list[Article]) -> Any:
    try:
        return submit(misses)
    except Exception as error:  # noqa: BLE001  (a broken pool: the batch fails, the run goes on)
        return _Done(error=error)


def _collect(job: _Job, submit: Submit) -> list[ArticleResult]:
    fresh = _fresh(job.future, job.misses, submit) if job.future is not None else []
    return _in_order(job.batch, job.hits, fresh)


def _fresh(future: Any, misses: list[Article], submit: Submit) -> list[ArticleResult]:
    """The finished batch's results; if the batch failed as a whole, each article alone."""
    try:
        return list(future.result())
    except WorkersLostError:
        raise  # no worker left to retry on: the run stops (exit 1)
    except Exception as error:  # noqa: BLE001  (one article never stops the batch)
        if len(misses) == 1:
            logger.debug("extraction failed on %s", misses[0].doc_id, exc_info=True)
            return [ArticleResult(misses[0], error=_describe(error))]
        logger.debug("a batch of %d failed as a whole; retrying one by one", len(misses), exc_info=True)
        return [r for article in misses for r in _fresh(_submit(submit, [article]), [article], submit)]


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
    batch: list[Article], cache: ArticleStore | None, config: PipelineConfig
) -> tuple[list[ArticleResult], list[Article]]:
    if cache is None:
        return [], batch
    hits, misses = [], []
    for article in batch:
        quotes = cache.get(article, model=config.fingerprint)
        if quotes is None:
            misses.append(article)
        else:
            warned = cache.get_warnings(article, model=config.fingerprint)
            hits.append(ArticleResult(article, tuple(quotes), cached=True, warnings=warned))
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

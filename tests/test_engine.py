"""The scheduler: one in-flight loop for this process, the worker pool and Dask."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from quotegraph.api import RunReport, extract
from quotegraph.config import PipelineConfig
from quotegraph.engine import ArticleResult, run_in_flight
from quotegraph.model import Article, Quote, QuoteKind, Speaker

GOOD = [
    Article(f"pier-{i}", f'"We will reopen pier {i} on Monday," Mayor Ana Ruiz said. She added that fares would fall.')
    for i in range(7)
]


def _said(article: Article) -> ArticleResult:
    quote = Quote(article.doc_id, f"{article.doc_id}:0-1", article.text[:1], 0, 1, QuoteKind.DIRECT, Speaker.unknown())
    return ArticleResult(article, (quote,))


def _work(batch: list[Article]) -> list[ArticleResult]:
    if any(article.doc_id == "bad" for article in batch):
        raise RuntimeError("worker lost")
    return [_said(article) for article in batch]


@pytest.mark.parametrize("limit", [0, 1, 4], ids=["local", "one-in-flight", "four-in-flight"])
def test_engine_run_in_flight_retries_a_failed_batch_one_by_one(limit):
    articles = GOOD[:3] + [Article("bad", "x")] + GOOD[3:]
    batches = [articles[i : i + 2] for i in range(0, len(articles), 2)]
    with ThreadPoolExecutor(2) as pool:
        results = list(
            run_in_flight(
                batches, submit=lambda misses: pool.submit(_work, misses), limit=limit, config=PipelineConfig()
            )
        )
    assert [r.article.doc_id for r in results] == [a.doc_id for a in articles]
    failed = [r for r in results if r.error is not None]
    assert [r.article.doc_id for r in failed] == ["bad"]
    assert "RuntimeError: worker lost" in failed[0].error
    assert all(len(r.quotes) == 1 for r in results if r.error is None)


@pytest.mark.model
def test_engine_two_workers_one_bad_article_is_reported_once(nlp):
    # A text longer than spaCy's max_length makes nlp.pipe raise inside the worker.
    config = PipelineConfig(workers=2, batch_size=2, coref=False, max_chunk_chars=2_000_000)
    bad = Article("too-long", "word " * 240_000)
    articles = GOOD[:3] + [bad] + GOOD[3:]
    local = {a.doc_id: list(extract([a], config=PipelineConfig(workers=1, coref=False))) for a in GOOD}
    report = RunReport()
    quotes = list(extract(articles, config=config, report=report))
    assert [(f.path, "ValueError" in f.reason) for f in report.failed] == [("too-long", True)]
    assert report.processed == len(GOOD)
    assert all(local.values())
    assert quotes == [q for a in GOOD for q in local[a.doc_id]]

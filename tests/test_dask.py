"""Extraction on a Dask cluster (a LocalCluster on loopback) gives the local result."""

from __future__ import annotations

import pytest

from quotegraph.config import PipelineConfig
from quotegraph.engine import extract_articles
from quotegraph.model import Article

distributed = pytest.importorskip("distributed")

ARTICLES = [
    Article(f"a{i}", f'"We will reopen pier {i} on Monday," Mayor Ana Ruiz said. She added that fares would fall.')
    for i in range(6)
]


@pytest.mark.model
def test_dask_local_cluster_matches_local_extraction(nlp):
    local = [r.quotes for r in extract_articles(ARTICLES, config=PipelineConfig(workers=1, batch_size=2))]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as cluster:
        config = PipelineConfig(batch_size=2, scheduler=cluster.scheduler_address)
        remote = list(extract_articles(ARTICLES, config=config))
    assert [r.article.doc_id for r in remote] == [a.doc_id for a in ARTICLES]
    assert [r.quotes for r in remote] == local
    assert all(r.quotes for r in remote)

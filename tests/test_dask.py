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


@pytest.mark.model
def test_issue16_dask_run_without_workers_exits_1(tmp_path):
    """Every worker of a loopback cluster is killed mid-run: one error line, exit 1, no hang."""
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(f'{{"doc_id": "{a.doc_id}", "text": "{a.text.replace(chr(34), chr(92) + chr(34))}"}}\n'
                for a in ARTICLES),
        encoding="utf-8",
    )  # fmt: skip
    with distributed.LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        worker = subprocess.Popen(  # no nanny, so nothing restarts it once killed
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--no-nanny",
             "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            with distributed.Client(address) as client:
                client.wait_for_workers(1, timeout=120)
                run = subprocess.Popen(
                    [sys.executable, "-m", "quotegraph", "extract", str(corpus), "-q",
                     "-o", str(tmp_path / "quotes.jsonl"), "--scheduler", address, "--dask-timeout", "3"],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                )  # fmt: skip
                deadline = time.monotonic() + 120
                while not client.processing() or not any(client.processing().values()):
                    assert time.monotonic() < deadline and run.poll() is None
                    time.sleep(0.1)
            os.kill(worker.pid, signal.SIGKILL)
            started = time.monotonic()
            _, err = run.communicate(timeout=120)
        finally:
            worker.kill()
    assert run.returncode == 1
    assert time.monotonic() - started < 60
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[-1].startswith("error: the Dask cluster at ") and "no live worker for 3 s" in lines[-1]
    assert "Traceback" not in err


def test_issue16_worker_warnings_reach_the_client_log(caplog):
    import logging
    import time

    from quotegraph.cluster import connect

    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as cluster:
        with caplog.at_level(logging.WARNING, logger="quotegraph"), connect(
            cluster.scheduler_address, timeout=60
        ) as client:
            client.submit(
                lambda: logging.getLogger("quotegraph.nlp.worker").warning("a1: quote not closed"), pure=False
            ).result()
            deadline = time.monotonic() + 30
            while "a1: quote not closed" not in caplog.text and time.monotonic() < deadline:
                time.sleep(0.1)
    assert "a1: quote not closed" in caplog.text

"""Incremental builds and stage timings (issue 16)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotegraph.cli import app
from quotegraph.timings import STAGES

runner = CliRunner()


def _corpus(folder, count, start=0):
    folder.mkdir(exist_ok=True)
    for i in range(start, start + count):
        (folder / f"a{i}.txt").write_text(
            f'"Pier {i} reopens on Monday," Mayor Ana Ruiz said. Council member Tom Lee said fares would fall.\n',
            encoding="utf-8",
        )


@pytest.mark.model
def test_issue16_rebuild_redoes_only_what_changed(tmp_path, nlp):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _corpus(corpus, 3)
    args = ["build", str(corpus), "-o", str(out), "--workers", "1", "--timings"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    timings = json.loads((out / "timings.json").read_text())
    assert list(timings["stages"]) == list(STAGES) and timings["articles"] == 3
    assert all(name in first.stderr for name in STAGES)
    page = out / "articles" / "a0.html"
    before = page.stat().st_mtime_ns, (out / "graph.html").stat().st_mtime_ns

    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "is up to date" in again.stderr
    assert (page.stat().st_mtime_ns, (out / "graph.html").stat().st_mtime_ns) == before

    _corpus(corpus, 1, start=3)
    grown = runner.invoke(app, args)
    assert grown.exit_code == 0 and "3 from cache" in grown.stderr
    assert (out / "articles" / "a3.html").is_file()
    assert page.stat().st_mtime_ns == before[0]  # its article and quotes did not change
    assert (out / "graph.html").stat().st_mtime_ns != before[1]


def test_issue16_all_cached_starts_no_workers(monkeypatch):
    from quotegraph import engine
    from quotegraph.cache import QuoteCache
    from quotegraph.config import PipelineConfig
    from quotegraph.model import Article

    config = PipelineConfig(workers=2, batch_size=2)
    articles = [Article(f"a{i}", f"Nothing quoted in article {i}.") for i in range(12)]
    cache = QuoteCache(":memory:")
    for article in articles:
        cache.put(article, [], model=config.fingerprint)

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a run with no cache miss")

    monkeypatch.setattr(engine, "WorkerPool", no_pool)
    results = list(engine.extract_articles(articles, config=config, cache=cache))
    assert [r.cached for r in results] == [True] * 12


def _without_positions(graphml: str) -> str:
    """The layout starts from the last build's positions (by design); everything else must agree."""
    return "\n".join(line for line in graphml.splitlines() if '<data key="x">' not in line and '<data key="y">' not in line)


@pytest.mark.model
def test_issue16_incremental_build_equals_fresh_build(tmp_path, nlp):
    import shutil
    from pathlib import Path

    examples = sorted((Path(__file__).parent.parent / "examples" / "articles").glob("*.txt"))
    assert len(examples) > 4
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in examples[:-3]:
        shutil.copy(path, corpus / path.name)
    fresh, grown = tmp_path / "fresh", tmp_path / "grown"
    assert runner.invoke(app, ["build", str(corpus), "-o", str(grown), "--workers", "1"]).exit_code == 0
    for path in examples[-3:]:
        shutil.copy(path, corpus / path.name)
    added = runner.invoke(app, ["build", str(corpus), "-o", str(grown), "--workers", "1"])
    assert added.exit_code == 0 and f"{len(examples) - 3} from cache" in added.stderr
    assert runner.invoke(app, ["build", str(corpus), "-o", str(fresh), "--workers", "1"]).exit_code == 0
    for name in ("quotes.jsonl", "articles.jsonl", "quotes.csv", "edges.csv", "sources.csv"):
        assert (grown / name).read_bytes() == (fresh / name).read_bytes(), name
    graphml = [_without_positions((out / "graph.graphml").read_text(encoding="utf-8")) for out in (grown, fresh)]
    assert graphml[0] == graphml[1]

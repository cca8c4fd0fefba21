"""``quotegraph build`` as one function: extract, link, graph, layout, export, page.

`build` runs the stages in order and does only what changed since the last
build into the same folder (`quotegraph.incremental`): an unchanged corpus
skips everything after extraction, a grown one re-lays the graph from the old
positions and rewrites only the article views whose quotes changed. Stage
times go to an open `quotegraph.timings.StageTimer`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from quotegraph.config import PipelineConfig
from quotegraph.model import Article, Quote

if TYPE_CHECKING:
    from quotegraph.api import QuoteGraph
    from quotegraph.engine import ArticleResult

__all__ = ["BuildResult", "build"]

logger = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """What `build` wrote, or that the outputs were already up to date."""

    written: list[Path] = field(default_factory=list)
    up_to_date: bool = False
    summary: str = ""
    graph: QuoteGraph | None = None


def build(
    results: Iterable[ArticleResult],
    out_dir: str | Path,
    *,
    config: PipelineConfig,
    formats: Sequence[str],
    title: str = "quotegraph",
) -> BuildResult:
    """Gather extraction results and write every chosen output into ``out_dir``.

    Parameters
    ----------
    results : iterable of ArticleResult
        From `quotegraph.api.iter_results` (consumed here: extraction runs now).
    out_dir : str or Path
    config : PipelineConfig
        ``cache`` keeps the layout between builds; ``fingerprint``,
        ``min_topic_support`` and ``seed`` are part of the build digest.
    formats : sequence of str
        As `quotegraph.api.ALL_FORMATS`.
    title : str, optional (default="quotegraph")

    Returns
    -------
    BuildResult
    """
    from quotegraph.api import QuoteGraph
    from quotegraph.cache import article_key
    from quotegraph.incremental import build_digest, read_manifest, record_build, up_to_date
    from quotegraph.timings import stage

    out = Path(out_dir)
    quotes: list[Quote] = []
    articles: dict[str, Article] = {}
    keys: list[str] = []
    with stage("extract", minus="read"):  # results are extracted as they are consumed
        for result in results:
            quotes.extend(result.quotes)
            articles[result.article.doc_id] = result.article
            keys.append(f"{result.article.doc_id}\0{article_key(result.article, model=config.fingerprint)}")
    settings = {"formats": sorted(formats), "title": title, **_graph_settings(config)}
    digest = build_digest(keys, settings)
    if up_to_date(out, digest):
        return BuildResult(up_to_date=True, summary=str(read_manifest(out).get("summary", "")))
    qg = QuoteGraph.linked(quotes, articles=articles, config=config)
    qg.previous_positions = _positions(config)
    written = qg.save(out, formats=formats, title=title)
    graph = qg.graph
    summary = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    with stage("export"):
        _store_positions(config, {str(n): (d["x"], d["y"]) for n, d in graph.nodes(data=True)})
        record_build(out, digest, written, summary=summary)
    return BuildResult(written=written, summary=summary, graph=qg)


def _graph_settings(config: PipelineConfig) -> dict[str, str]:
    """Every setting that can change an output (not workers, cache, scheduler), files by content."""
    import hashlib
    from dataclasses import asdict

    runtime = {"workers", "cache", "strict", "scheduler", "dask_timeout", "batch_size"}
    settings = {k: repr(v) for k, v in asdict(config).items() if k not in runtime}
    for name, value in asdict(config).items():
        if name not in runtime and isinstance(value, Path) and value.is_file():
            settings[name] = hashlib.sha256(value.read_bytes()).hexdigest()
    return settings


def _positions(config: PipelineConfig) -> dict[str, tuple[float, float]] | None:
    from quotegraph.cache import QuoteCache

    if config.cache is None or not Path(config.cache).is_file():
        return None
    with QuoteCache(config.cache) as cache:
        return cache.positions() or None


def _store_positions(config: PipelineConfig, positions: dict[str, tuple[float, float]]) -> None:
    from quotegraph.cache import QuoteCache

    if config.cache is not None:
        with QuoteCache(config.cache) as cache:
            cache.save_positions(positions)

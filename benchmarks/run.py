"""``make bench``: throughput, memory, cache and graph timings, as ratios within one run.

Absolute times on shared machines are noisy, so every figure that matters is a
ratio against a bare spaCy parse of the same corpus, measured in the same run.

Corpus: ``../shared/corpora/polnear/dev.jsonl`` when present, else the bundled
examples repeated. Results are printed and saved to ``output/bench.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotegraph.cache import QuoteCache  # noqa: E402
from quotegraph.config import PipelineConfig  # noqa: E402
from quotegraph.engine import Extractor, WorkerPool, _batches, extract_articles  # noqa: E402
from quotegraph.io import iter_articles  # noqa: E402
from quotegraph.model import (  # noqa: E402
    Article,
    Quote,
    QuoteKind,
    Speaker,
    SpeakerKind,
    make_entity_id,
)

POLNEAR_DEV = ROOT.parent / "shared" / "corpora" / "polnear" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=None, help="JSONL or folder to use.")
    parser.add_argument("--synthetic-quotes", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench.json")
    args = parser.parse_args()
    # Quote-mark warnings from messy corpora are not what a benchmark is about.
    logging.getLogger("quotegraph").setLevel(logging.ERROR)

    articles = _load_corpus(args.corpus)
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {len(articles)} articles, {words:,} words ({_corpus_name(args.corpus)})")
    config = PipelineConfig(workers=1)
    figures: dict[str, float] = {"articles": len(articles), "words": words}

    bare = _time_bare_parse(articles, config)
    figures["bare_parse_words_per_s"] = words / bare
    one = _time_extract(articles, config, workers=1)
    figures["extract_1_worker_words_per_s"] = words / one
    two = _time_extract(articles, config, workers=2)
    figures["extract_2_workers_words_per_s"] = words / two
    figures["ratio_extract_1_to_bare"] = bare / one
    figures["speedup_2_over_1_workers"] = one / two
    first, second = _time_cache(articles, config)
    figures["cache_first_run_s"] = first
    figures["cache_second_run_s"] = second
    figures["cache_speedup"] = first / second
    build_s, html_s, nodes = _time_graph(args.synthetic_quotes)
    figures.update(graph_build_s=build_s, html_render_s=html_s, graph_nodes=nodes)
    archive_build, archive_html, archive_nodes = _time_archive(10_000)
    figures.update(
        archive_10k_articles_graph_s=archive_build,
        archive_10k_articles_html_s=archive_html,
        archive_10k_articles_nodes=archive_nodes,
    )
    stages = _time_corpus_stages(1_000)
    figures.update(stages)
    # Extraction of the same number of articles at the measured 1-worker rate (words per article as in the corpus).
    extract_1000_s = 1_000 * (words / len(articles)) / figures["extract_1_worker_words_per_s"]
    figures["ratio_corpus_stages_to_extract_1000_articles"] = stages["corpus_stages_1000_articles_s"] / extract_1000_s
    browser_s = _time_browser()
    if browser_s is not None:
        figures["browser_ready_s"] = browser_s
    figures["peak_rss_mb_main"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["peak_rss_mb_workers"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    _print_table(figures)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"saved {args.out}")


def _load_corpus(path: Path | None) -> list[Article]:
    source = path or (POLNEAR_DEV if POLNEAR_DEV.is_file() else None)
    if source is not None:
        return [a for a in iter_articles([source]) if isinstance(a, Article)]
    examples = [a for a in iter_articles([ROOT / "examples" / "articles"]) if isinstance(a, Article)]
    # Repeat the bundled corpus (with fresh ids and texts) to about 40,000 words.
    repeated, copy = [], 0
    while sum(len(a.text.split()) for a in repeated) < 40_000:
        copy += 1
        repeated += [replace(a, doc_id=f"{a.doc_id}-{copy}", text=a.text + f"\n\n(copy {copy})") for a in examples]
    return repeated


def _corpus_name(path: Path | None) -> str:
    if path is not None:
        return str(path)
    return "PolNeAR dev" if POLNEAR_DEV.is_file() else "bundled examples, repeated"


def _time_bare_parse(articles: list[Article], config: PipelineConfig) -> float:
    import spacy

    nlp = spacy.load(config.model)
    list(nlp.pipe(["warm up the pipeline."]))
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=config.batch_size):
        pass
    return time.perf_counter() - start


def _time_extract(articles: list[Article], config: PipelineConfig, *, workers: int) -> float:
    """Seconds for full extraction, pipelines already loaded (loading is a one-off cost)."""
    if workers == 1:
        extractor = Extractor(config)
        extractor.process([Article("warm-up", 'Warm-up text, "it is," she said.')])
        start = time.perf_counter()
        for batch in _batches(articles, config.batch_size):
            extractor.process(batch)
        return time.perf_counter() - start
    with WorkerPool(replace(config, workers=workers), workers) as pool:
        pool.warm_up()
        start = time.perf_counter()
        for _ in pool.run(_batches(articles, config.batch_size)):
            pass
        return time.perf_counter() - start


def _time_cache(articles: list[Article], config: PipelineConfig) -> tuple[float, float]:
    """First run fills an empty cache; the second finds every article in it."""
    with tempfile.TemporaryDirectory() as folder:
        timings = []
        for _ in range(2):
            with QuoteCache(Path(folder) / "cache.sqlite") as cache:
                start = time.perf_counter()
                for _ in extract_articles(articles, config=config, cache=cache):
                    pass
                timings.append(time.perf_counter() - start)
        return timings[0], timings[1]


def _time_graph(count: int) -> tuple[float, float, int]:
    """Build and render the graph of ``count`` synthetic quotes (about 5,000 nodes at 10,000)."""
    from quotegraph.graph.build import build_speaker_graph
    from quotegraph.views.page import render_html

    quotes = _synthetic_quotes(count, seed=0)
    start = time.perf_counter()
    graph = build_speaker_graph(quotes)
    built = time.perf_counter()
    page = render_html(graph, quotes)
    rendered = time.perf_counter()
    _LAST_PAGE["html"] = page
    return built - start, rendered - built, graph.number_of_nodes()


_LAST_PAGE: dict[str, str] = {}


def _time_browser() -> float | None:
    """Seconds until the big graph page is ready and a node can be focused, in headless Chromium."""
    import shutil

    browser, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver_path and _LAST_PAGE):
        print("  (headless Chromium not installed: browser timing skipped)")
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--proxy-server=127.0.0.1:9", "--disable-background-networking", "--no-first-run",
                f"--user-data-dir={tempfile.mkdtemp(prefix='qg-bench-')}"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "graph.html"
            page.write_text(_LAST_PAGE["html"], encoding="utf-8")
            start = time.perf_counter()
            driver.get(page.as_uri())
            while not driver.execute_script("return !!(window.quotegraph && window.quotegraph.ready)"):
                if time.perf_counter() - start > 300:
                    return None
                time.sleep(0.05)
            node = driver.execute_script("return quotegraph.data.nodes[0].id")
            driver.execute_script("quotegraph.focusNode(arguments[0])", node)
            return time.perf_counter() - start
    finally:
        driver.quit()


def _time_archive(articles: int) -> tuple[float, float, int]:
    """Graph and page for an archive of ``articles`` (5 quotes each, 5,000 recurring speakers)."""
    from quotegraph.graph.build import build_speaker_graph
    from quotegraph.views.page import render_html

    quotes = _synthetic_quotes(articles * 5, seed=1, people=5_000)
    start = time.perf_counter()
    graph = build_speaker_graph(quotes)
    built = time.perf_counter()
    render_html(graph, quotes)
    return built - start, time.perf_counter() - built, graph.number_of_nodes()


def _time_corpus_stages(articles: int) -> dict[str, float]:
    """The corpus-wide steps of ``build`` after extraction, on ``articles`` synthetic articles.

    Linking, reprint detection (one article in ten is a lightly edited reprint of another),
    topic keyness and the graph, timed apart: what issue 14 added must not slow ``build``.
    """
    from quotegraph.graph.build import build_speaker_graph
    from quotegraph.nlp.entities import link_entities
    from quotegraph.nlp.keyness import select_topics
    from quotegraph.reprints import mark_reprints

    quotes = _wire_quotes(articles, seed=2)
    timings = {}
    start = time.perf_counter()
    linked, entities = link_entities(quotes)
    timings["link_1000_articles_s"] = time.perf_counter() - start
    start = time.perf_counter()
    marked = mark_reprints(linked)
    timings["reprints_1000_articles_s"] = time.perf_counter() - start
    start = time.perf_counter()
    chosen = select_topics(marked, entities=entities)
    timings["keyness_1000_articles_s"] = time.perf_counter() - start
    start = time.perf_counter()
    build_speaker_graph(chosen)
    timings["graph_1000_articles_s"] = time.perf_counter() - start
    timings["corpus_stages_1000_articles_s"] = sum(timings.values())
    return timings


def _wire_quotes(articles: int, *, seed: int) -> list[Quote]:
    """Ten quotes an article from a 3,000-word vocabulary; every tenth article reprints another."""
    from wordfreq import top_n_list

    rng = random.Random(seed)
    vocabulary = top_n_list("en", 3_000)
    people = [f"Person {i}" for i in range(articles // 2)]
    quotes: list[Quote] = []
    for a in range(articles):
        doc = f"wire-{a}"
        if a % 10 == 9:  # a reprint of an earlier article, one word dropped from each quote
            source = [q for q in quotes if q.doc_id == f"wire-{rng.randrange(a - 1)}"]
            quotes += [replace(q, doc_id=doc, quote_id=f"{doc}:{q.start}", text=q.text.split(" ", 1)[1])
                       for q in source]  # fmt: skip
            continue
        for n in range(10):
            name = rng.choice(people)
            words = rng.choices(vocabulary, k=rng.randint(8, 40))
            text = " ".join(words)
            topics = (" ".join(words[:2]), words[-1])
            speaker = Speaker(name, kind=SpeakerKind.PERSON, organisation=f"Organisation {int(name.split()[-1]) % 50}")
            quotes.append(Quote(doc, f"{doc}:{n * 500}", text, n * 500, n * 500 + len(text),
                                QuoteKind.INDIRECT, speaker, topics=topics, date="2026-03-02"))  # fmt: skip
    return quotes


def _synthetic_quotes(count: int, *, seed: int, people: int | None = None) -> list[Quote]:
    rng = random.Random(seed)
    people = [f"Person {i}" for i in range(people or count * 4 // 10)]
    orgs = [f"Organisation {i}" for i in range(count // 20)]
    topics = [f"topic {i}" for i in range(count // 20)]
    quotes = []
    for i in range(count):
        name = rng.choice(people)
        speaker = Speaker(
            name,
            entity_id=make_entity_id(SpeakerKind.PERSON, name),
            kind=SpeakerKind.PERSON,
            organisation=rng.choice(orgs),
        )
        doc = f"doc-{i // 5}"
        text = f'"Synthetic quote number {i}."'
        quotes.append(
            Quote(doc, f"{doc}:{i}", text, 0, len(text), QuoteKind.DIRECT, speaker,
                  topics=tuple(rng.sample(topics, 2)), date=f"2026-0{1 + i % 9}-1{i % 9}")
        )
    return quotes


def _print_table(figures: dict[str, float]) -> None:
    width = max(map(len, figures))
    for key, value in figures.items():
        shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"
        print(f"  {key:<{width}}  {shown}")


if __name__ == "__main__":
    main()

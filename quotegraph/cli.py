"""The ``quotegraph`` command: one thin command per verb over `quotegraph.api`.

Each command parses its options, builds a `PipelineConfig`, calls the API and
writes the output. Input problems become one line each on stderr (and in
``errors.jsonl``), never a traceback; the exit status is the report's.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, List, Optional

import typer

from quotegraph import __version__
from quotegraph.api import ALL_FORMATS, RunReport, iter_results
from quotegraph.config import DEFAULT_MODEL, PipelineConfig
from quotegraph.errors import InputFormatError, QuotegraphError

if TYPE_CHECKING:
    from quotegraph.engine import ArticleResult

__all__ = ["app", "main"]

logger = logging.getLogger("quotegraph")

app = typer.Typer(
    help="Who said what, about what, and who stands with whom: quotes and speaker graphs from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

INPUTS = typer.Argument(
    ..., help="Files or folders (txt, md, html, jsonl, csv; folders recursively); '-' reads stdin."
)
MODEL = typer.Option(DEFAULT_MODEL, "--model", help="Installed spaCy pipeline to use.")
WORKERS = typer.Option(None, "--workers", "-w", min=1, help="Worker processes [default: one per core].")
CACHE = typer.Option(None, "--cache", help="SQLite cache of extracted quotes (re-runs skip unchanged articles).")
STRICT = typer.Option(False, "--strict", help="Stop at the first input that fails.")
NO_COREF = typer.Option(False, "--no-coref", help="Skip coreferee (pronouns are then resolved by rules only).")
SCHEDULER = typer.Option(
    None, "--scheduler", help="Dask scheduler address: run extraction on that cluster (needs the dask extra)."
)
JOIN_RUNS = typer.Option(
    False,
    "--join-quote-runs",
    help='Join \'"A," X said. "B."\' into one quote, as PolNeAR annotates it (default: two quotes).',
)
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bar or warnings.")
VERBOSE = typer.Option(False, "--verbose", "-v", help="Log progress details.")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"quotegraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", is_eager=True, callback=_print_version
    ),
) -> None:
    """Who said what, about what, and who stands with whom."""


@app.command()
def extract(
    inputs: List[str] = INPUTS,
    output: str = typer.Option("-", "--output", "-o", help="Output file; '-' is stdout."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv."),
    topics: Optional[Path] = typer.Option(None, "--topics", help="YAML or JSON map of topic to keywords or patterns."),
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    cache: Optional[Path] = CACHE,
    strict: bool = STRICT,
    no_coref: bool = NO_COREF,
    scheduler: Optional[str] = SCHEDULER,
    join_quote_runs: bool = JOIN_RUNS,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Extract every quote, one JSON object (or CSV row) per quote."""
    from quotegraph.api import QuoteGraph
    from quotegraph.io import write_quotes_csv, write_quotes_jsonl

    if format not in ("jsonl", "csv"):
        _fail(f"--format must be jsonl or csv, not {format!r}")
    _setup_logging(quiet, verbose)
    config = PipelineConfig(
        model=model,
        workers=workers,
        cache=cache,
        strict=strict,
        coref=not no_coref,
        scheduler=scheduler,
        join_quote_runs=join_quote_runs,
        topics_file=topics,
    )
    _check_topics_file(topics)
    report = RunReport()
    quotes = [q for result in _progress(inputs, config, report, quiet) for q in result.quotes]
    linked = QuoteGraph.linked(quotes, config=config).quote_list
    if format == "csv":
        write_quotes_csv(linked, output)
    else:
        write_quotes_jsonl(linked, output)
    errors_path = None if output == "-" else Path(output).with_name("errors.jsonl")
    _finish(report, errors_path, quiet)


@app.command()
def build(
    inputs: List[str] = INPUTS,
    output: Path = typer.Option(Path("output"), "--output", "-o", help="Output folder."),
    formats: str = typer.Option(",".join(ALL_FORMATS), "--formats", help="Comma-separated: " + ",".join(ALL_FORMATS)),
    title: str = typer.Option("quotegraph", "--title", help="Title of graph.html."),
    topics: Optional[Path] = typer.Option(None, "--topics", help="YAML or JSON map of topic to keywords or patterns."),
    min_topic_support: int = typer.Option(2, "--min-topic-support", min=1, help="Quotes a derived topic needs."),
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    cache: Optional[Path] = CACHE,
    strict: bool = STRICT,
    no_coref: bool = NO_COREF,
    scheduler: Optional[str] = SCHEDULER,
    join_quote_runs: bool = JOIN_RUNS,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Extract quotes and write the graph: graph.html, graph.graphml, graph.gexf, CSV and JSON."""
    from quotegraph.api import QuoteGraph

    _setup_logging(quiet, verbose)
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = sorted(set(chosen) - set(ALL_FORMATS))
    if unknown:
        _fail(f"unknown --formats {', '.join(unknown)}; choose from {', '.join(ALL_FORMATS)}")
    config = PipelineConfig(
        model=model,
        workers=workers,
        cache=cache if cache is not None else output / ".quotegraph-cache.sqlite",
        strict=strict,
        coref=not no_coref,
        topics_file=topics,
        min_topic_support=min_topic_support,
        scheduler=scheduler,
        join_quote_runs=join_quote_runs,
    )
    _check_topics_file(topics)
    report = RunReport()
    quotes, articles = [], {}
    for result in _progress(inputs, config, report, quiet, exclude=(output,)):
        quotes.extend(result.quotes)
        articles[result.article.doc_id] = result.article
    qg = QuoteGraph.linked(quotes, articles=articles, config=config)
    written = qg.save(output, formats=chosen, title=title)
    _finish(report, output / "errors.jsonl", quiet)
    if not quiet:
        graph = qg.graph
        typer.echo(
            f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; wrote "
            + ", ".join(p.name for p in written if p.parent == output)
            + f" to {output}/",
            err=True,
        )


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSONL (the format of ../shared/seeds/gold.jsonl)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Score this quotes JSONL instead of running extraction."),
    threshold: List[float] = typer.Option([0.3, 0.8], "--threshold", "-t", help="Overlap thresholds (repeatable)."),
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    join_quote_runs: Optional[bool] = typer.Option(
        None,
        "--join-quote-runs/--separate-quote-runs",
        help='Extract \'"A," X said. "B."\' as one quote or two [default: as the gold file annotates them].',
    ),
    quiet: bool = QUIET,
) -> None:
    """Score extraction against gold quotes: P/R/F1, type, speaker mention and name accuracy."""
    from quotegraph.evaluate import evaluate as run_evaluation
    from quotegraph.evaluate import format_report

    _setup_logging(quiet, False)
    config = PipelineConfig(model=model, workers=workers)
    if pred is None:
        from quotegraph.nlp.pipeline import check_model

        check_model(model)
    result = run_evaluation(
        gold, pred_path=pred, thresholds=tuple(threshold), config=config, join_quote_runs=join_quote_runs
    )
    typer.echo(format_report(result))


@app.command()
def highlight(
    inputs: List[str] = INPUTS,
    output: Path = typer.Option(Path("output/articles"), "--output", "-o", help="Output folder."),
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    cache: Optional[Path] = CACHE,
    quiet: bool = QUIET,
) -> None:
    """Write one page per article with every quote highlighted, plus index.html."""
    from quotegraph.api import QuoteGraph
    from quotegraph.views.articles import write_highlights

    _setup_logging(quiet, False)
    config = PipelineConfig(model=model, workers=workers, cache=cache)
    report = RunReport()
    quotes, articles = [], []
    for result in _progress(inputs, config, report, quiet, exclude=(output,)):
        quotes.extend(result.quotes)
        articles.append(result.article)
    linked = QuoteGraph.linked(quotes, config=config).quote_list
    written = write_highlights(articles, linked, output)
    _finish(report, output / "errors.jsonl", quiet)
    if not quiet:
        typer.echo(f"wrote {len(written)} pages to {output}/ (open index.html)", err=True)


def main() -> None:
    """Entry point: run the app, turning our own errors into one line and exit status 2."""
    try:
        app()
    except InputFormatError as error:  # --strict stopped at a bad input
        typer.echo(f"error: {error}", err=True)
        sys.exit(1)
    except QuotegraphError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("interrupted; earlier outputs are left as they were", err=True)
        sys.exit(130)


def _progress(
    inputs: List[str], config: PipelineConfig, report: RunReport, quiet: bool, *, exclude: tuple[Path, ...] = ()
) -> Iterator[ArticleResult]:
    from tqdm import tqdm

    from quotegraph.nlp.pipeline import check_model

    if not config.scheduler:  # a cluster's workers may have models this machine lacks
        check_model(config.model)
    results = iter_results(inputs, config=config, report=report, exclude=exclude)
    with tqdm(results, desc="articles", unit="article", disable=quiet, file=sys.stderr, mininterval=0.5) as bar:
        for result in bar:
            bar.set_postfix(quotes=report.quotes, failed=len(report.failed), refresh=False)
            yield result


def _finish(report: RunReport, errors_path: Path | None, quiet: bool) -> None:
    from quotegraph.io import write_errors_jsonl

    for failure in report.failed:
        typer.echo(f"error: {failure.message}", err=True)
    if not quiet:
        for notice in report.notices:
            typer.echo(f"skipped: {notice.message}", err=True)
    if errors_path is not None and (report.failed or errors_path.exists()):
        write_errors_jsonl(report.failed + report.notices, errors_path)
    if not quiet or report.failed:
        where = f" (see {errors_path})" if errors_path is not None and report.failed else ""
        typer.echo(f"{report.summary()}{where}", err=True)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def _check_topics_file(path: Path | None) -> None:
    """A bad --topics file is one setup error, not a failure of every article."""
    from quotegraph.nlp.topics import load_user_topics

    try:
        load_user_topics(path)
    except QuotegraphError as error:
        _fail(str(error))


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _setup_logging(quiet: bool, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    logger.propagate = False

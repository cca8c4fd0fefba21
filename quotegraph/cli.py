"""The ``quotegraph`` command: one thin command per verb over `quotegraph.api`.

Each command parses its options, builds a `PipelineConfig`, calls the API and
writes the output. Input problems become one line each on stderr (and in
``errors.jsonl``), never a traceback; the exit status is the report's.
"""

from __future__ import annotations

import logging
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, List, Optional

import typer
from typer.core import TyperCommand

from quotegraph import __version__
from quotegraph.api import ALL_FORMATS, RunReport, check_formats, check_setup, iter_results, link, score
from quotegraph.config import COUNT_MODES, DEFAULT_MODEL, GENDER_MODES, UNNAMED_SOURCE_MODES, PipelineConfig
from quotegraph.errors import InputFormatError, QuotegraphError, WorkersLostError

if TYPE_CHECKING:
    from quotegraph.engine import ArticleResult

__all__ = ["app", "main"]

logger = logging.getLogger("quotegraph")

class _Command(TyperCommand):
    """Usage lines as people write them: ``build [OPTIONS] INPUT...``, not ``{inputs}...``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(str(param.display_name_raw).upper() + ("..." if param.nargs != 1 else ""))
        return pieces


# Plain click help: rich shows every flag as taking a <bool> and eats "[...]" as markup.
app = typer.Typer(
    help="Who said what, about what, and who stands with whom: quotes and speaker graphs from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command = partial(app.command, cls=_Command)  # type: ignore[method-assign]

INPUTS = typer.Argument(
    ...,
    metavar="INPUT",
    show_default=False,
    help="Files or folders (txt, md, html, jsonl, csv; folders recursively); '-' reads stdin.",
)
# The extraction options: every command that extracts takes all of them, so
# `build`, `extract` and `highlight` read the same article the same way.
TOPICS = typer.Option(None, "--topics", help="YAML or JSON map of topic to keywords or patterns.")
MODEL = typer.Option(DEFAULT_MODEL, "--model", help="Installed spaCy pipeline to use.")
WORKERS = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: one per core).")
CACHE = typer.Option(None, "--cache", help="SQLite cache of extracted quotes (re-runs skip unchanged articles).")
STRICT = typer.Option(False, "--strict", help="Stop at the first input that fails.")
NO_COREF = typer.Option(False, "--no-coref", help="Skip coreferee (pronouns are then resolved by rules only).")
SCHEDULER = typer.Option(
    None, "--scheduler", help="Dask scheduler address: run extraction on that cluster (needs the dask extra)."
)
DASK_TIMEOUT = typer.Option(
    120.0, "--dask-timeout", min=1.0,
    help="Seconds a --scheduler run waits while the cluster has no live worker, then exits 1.",
)
JOIN_RUNS = typer.Option(
    False,
    "--join-quote-runs",
    help='Write a statement in pieces (\'"A," X said. "B."\') as one quote with parts, as PolNeAR '
    "annotates it (default: one quote per piece, sharing a statement_id).",
)
GENDER = typer.Option(
    "text+names",
    "--gender",
    help="Speaker gender from text evidence then first names (text+names), text only (text), or not at all (off).",
)
CORRECTIONS = typer.Option(
    None, "--corrections", help="YAML or CSV corrections (merge, split, gender, reassign, not_quote), applied every run."
)
HEADLINES = typer.Option(
    False,
    "--headline-quotes",
    help="Read a headline-style first line ('Name: claim', 'X Says Y') as a quote, as PolNeAR annotates it.",
)
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bar or warnings.")
VERBOSE = typer.Option(False, "--verbose", "-v", help="Log progress details.")

_DEFAULTS = PipelineConfig()


# The graph options of `build`.
MIN_TOPIC_SUPPORT = typer.Option(
    _DEFAULTS.min_topic_support, "--min-topic-support", min=1, help="Speakers or articles a derived topic needs."
)
COUNT = typer.Option(
    _DEFAULTS.count, "--count",
    help="Edge weights count 'statements' (a reprinted quote once) or 'reprints' (every occurrence).",
)  # fmt: skip
UNNAMED_SOURCES = typer.Option(
    _DEFAULTS.unnamed_sources, "--unnamed-sources",
    help="'count': unnamed and group sources are counted per outlet, not drawn; "
    "'node': one node per kind of source and outlet.",
)  # fmt: skip
TIMINGS = typer.Option(
    False, "--timings", help="Print the time of each stage and write it to timings.json in the output folder."
)


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
    topics: Optional[Path] = TOPICS,
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    cache: Optional[Path] = CACHE,
    strict: bool = STRICT,
    no_coref: bool = NO_COREF,
    scheduler: Optional[str] = SCHEDULER,
    dask_timeout: float = DASK_TIMEOUT,
    join_quote_runs: bool = JOIN_RUNS,
    gender: str = GENDER,
    corrections: Optional[Path] = CORRECTIONS,
    headline_quotes: bool = HEADLINES,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Extract every quote, one JSON object (or CSV row) per quote."""
    from quotegraph.io import write_quotes_csv, write_quotes_jsonl
    from quotegraph.journal import journal_path

    if format not in ("jsonl", "csv"):
        _fail(f"--format must be jsonl or csv, not {format!r}")
    _setup_logging(quiet, verbose)
    config = _pipeline_config(
        model=model, workers=workers, cache=cache, strict=strict, no_coref=no_coref,
        scheduler=scheduler, dask_timeout=dask_timeout, join_quote_runs=join_quote_runs, headline_quotes=headline_quotes, topics=topics,
        gender=gender, corrections=corrections,
    )  # fmt: skip
    report = RunReport()
    # Per-article results stream to a journal beside the output; a killed run resumes from it.
    journal = None if output == "-" else journal_path(output)
    qg = link(_progress(inputs, config, report, quiet, journal=journal), config=config, keep_articles=False)
    qg.report_corrections(report)
    linked = qg.quote_list
    if format == "csv":
        write_quotes_csv(linked, output)
    else:
        write_quotes_jsonl(linked, output)
    if journal is not None:
        journal.unlink(missing_ok=True)  # the output it protected is written
    errors_path = None if output == "-" else Path(output).with_name("errors.jsonl")
    _finish(report, errors_path, quiet, verbose)


@app.command()
def build(
    inputs: List[str] = INPUTS,
    output: Path = typer.Option(Path("output"), "--output", "-o", help="Output folder."),
    formats: str = typer.Option(",".join(ALL_FORMATS), "--formats", help="Comma-separated: " + ",".join(ALL_FORMATS)),
    title: str = typer.Option("quotegraph", "--title", help="Title of graph.html."),
    topics: Optional[Path] = TOPICS,
    min_topic_support: int = MIN_TOPIC_SUPPORT,
    count: str = COUNT,
    unnamed_sources: str = UNNAMED_SOURCES,
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    cache: Optional[Path] = CACHE,
    strict: bool = STRICT,
    no_coref: bool = NO_COREF,
    scheduler: Optional[str] = SCHEDULER,
    dask_timeout: float = DASK_TIMEOUT,
    join_quote_runs: bool = JOIN_RUNS,
    gender: str = GENDER,
    corrections: Optional[Path] = CORRECTIONS,
    timings: bool = TIMINGS,
    headline_quotes: bool = HEADLINES,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Extract quotes and write the graph: graph.html, graph.graphml, graph.gexf, CSV and JSON."""
    from quotegraph.builder import build as build_outputs
    from quotegraph.timings import StageTimer

    _setup_logging(quiet, verbose)
    chosen = _check_formats(formats)
    _check_choice("--count", count, COUNT_MODES)
    _check_choice("--unnamed-sources", unnamed_sources, UNNAMED_SOURCE_MODES)
    config = _pipeline_config(
        model=model, workers=workers, strict=strict, no_coref=no_coref, scheduler=scheduler, dask_timeout=dask_timeout,
        join_quote_runs=join_quote_runs, headline_quotes=headline_quotes, topics=topics, min_topic_support=min_topic_support,
        cache=cache if cache is not None else output / ".quotegraph-cache.sqlite",
        gender=gender, corrections=corrections, count=count, unnamed_sources=unnamed_sources,
    )  # fmt: skip
    report = RunReport()
    with StageTimer() as timer:
        results = _progress(inputs, config, report, quiet, exclude=(output,))
        built = build_outputs(results, output, config=config, formats=chosen, title=title)
    if built.graph is not None:
        built.graph.report_corrections(report)
    if timings:
        timer.counts.update(articles=report.processed, quotes=report.quotes, cached=report.cached)
        typer.echo(timer.table(), err=True)
        timer.write(output / "timings.json")
    _finish(report, output / "errors.jsonl", quiet, verbose)
    if not quiet:
        typer.echo(_built_line(built, output), err=True)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSONL (the format of ../shared/seeds/gold.jsonl)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Score this quotes JSONL instead of running extraction."),
    threshold: List[float] = typer.Option([0.3, 0.8], "--threshold", "-t", help="Overlap thresholds (repeatable)."),
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    join_quote_runs: bool = typer.Option(
        False,
        "--join-quote-runs/--separate-quote-runs",
        help='Score a statement in pieces (\'"A," X said. "B."\') as one quote (PolNeAR) or one per piece '
        "(GGT, seeds); a hint is printed when the gold seems to follow the other convention.",
    ),
    relative_mentions: bool = typer.Option(False, "--relative-mentions/--antecedent-mentions", help=(
        "Score 'who' in 'Kirby, who said' as the speaker mention (PolNeAR) or its antecedent (GGT, seeds).")),
    gender: str = GENDER,
    headline_quotes: bool = HEADLINES,
    quiet: bool = QUIET,
) -> None:
    """Score extraction against gold quotes: P/R/F1, type, speaker mention and name accuracy."""
    from quotegraph.evaluate import evaluate as score_predictions
    from quotegraph.evaluate import format_report

    _setup_logging(quiet, False)
    _check_choice("--gender", gender, GENDER_MODES)
    config = PipelineConfig(model=model, workers=workers, gender=gender, headline_quotes=headline_quotes)
    if pred is not None:
        result = score_predictions(
            gold, pred_path=pred, thresholds=tuple(threshold), config=config, join_quote_runs=join_quote_runs,
            relative_mentions=relative_mentions,
        )
    else:
        try:
            check_setup(config)
        except QuotegraphError as error:
            _fail(str(error))
        result = score(gold, config=config, thresholds=tuple(threshold), join_quote_runs=join_quote_runs,
                       relative_mentions=relative_mentions)
    typer.echo(format_report(result))


@app.command()
def highlight(
    inputs: List[str] = INPUTS,
    output: Path = typer.Option(Path("output/articles"), "--output", "-o", help="Output folder."),
    topics: Optional[Path] = TOPICS,
    model: str = MODEL,
    workers: Optional[int] = WORKERS,
    cache: Optional[Path] = CACHE,
    strict: bool = STRICT,
    no_coref: bool = NO_COREF,
    scheduler: Optional[str] = SCHEDULER,
    dask_timeout: float = DASK_TIMEOUT,
    join_quote_runs: bool = JOIN_RUNS,
    headline_quotes: bool = HEADLINES,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Write one page per article with every quote highlighted, plus index.html."""
    from quotegraph.views.articles import write_highlights

    _setup_logging(quiet, verbose)
    config = _pipeline_config(
        model=model, workers=workers, cache=cache, strict=strict, no_coref=no_coref,
        scheduler=scheduler, dask_timeout=dask_timeout, join_quote_runs=join_quote_runs, headline_quotes=headline_quotes, topics=topics,
    )  # fmt: skip
    report = RunReport()
    qg = link(_progress(inputs, config, report, quiet, exclude=(output,)), config=config)
    written = write_highlights(list(qg.articles.values()), qg.quote_list, output)
    _finish(report, output / "errors.jsonl", quiet, verbose)
    if not quiet:
        typer.echo(f"wrote {len(written)} pages to {output}/ (open index.html)", err=True)


def main() -> None:
    """Entry point: run the app, turning our own errors into one line and exit status 2."""
    try:
        app()
    except (InputFormatError, WorkersLostError) as error:  # --strict stopped, or no Dask worker left
        typer.echo(f"error: {error}", err=True)
        sys.exit(1)
    except QuotegraphError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("interrupted; earlier outputs are left as they were", err=True)
        sys.exit(130)


def _pipeline_config(
    *,
    model: str,
    workers: int | None,
    cache: Path | None,
    strict: bool,
    no_coref: bool,
    scheduler: str | None,
    dask_timeout: float,
    join_quote_runs: bool,
    topics: Path | None,
    headline_quotes: bool = False,
    min_topic_support: int = _DEFAULTS.min_topic_support,
    gender: str = _DEFAULTS.gender,
    corrections: Path | None = None,
    count: str = _DEFAULTS.count,
    unnamed_sources: str = _DEFAULTS.unnamed_sources,
) -> PipelineConfig:
    """The one place the extraction options become a `PipelineConfig`, checked by `check_setup`."""
    config = PipelineConfig(
        model=model,
        workers=workers,
        cache=cache,
        strict=strict,
        coref=not no_coref,
        scheduler=scheduler,
        dask_timeout=dask_timeout,
        join_quote_runs=join_quote_runs,
        headline_quotes=headline_quotes,
        topics_file=topics,
        min_topic_support=min_topic_support,
        gender=gender,
        corrections=corrections,
        count=count,
        unnamed_sources=unnamed_sources,
    )
    try:
        check_setup(config)
    except QuotegraphError as error:  # a setup error, not a failure of every article
        _fail(str(error))
    return config


def _progress(
    inputs: List[str],
    config: PipelineConfig,
    report: RunReport,
    quiet: bool,
    *,
    exclude: tuple[Path, ...] = (),
    journal: Path | None = None,
) -> Iterator[ArticleResult]:
    """`api.iter_results` under a progress bar on stderr."""
    from tqdm import tqdm

    results = iter_results(inputs, config=config, report=report, exclude=exclude, journal=journal)
    # No bar when stderr is a log file or a pipe: `_finish` prints one summary line there.
    plain = not sys.stderr.isatty()
    with tqdm(results, desc="articles", unit="article", disable=quiet or plain, file=sys.stderr, mininterval=0.5) as bar:
        for result in bar:
            bar.set_postfix(quotes=report.quotes, failed=len(report.failed), refresh=False)
            yield result
    _require_articles(report, inputs)  # before anything is written from the results


def _finish(report: RunReport, errors_path: Path | None, quiet: bool, verbose: bool = False) -> None:
    from quotegraph.io import write_errors_jsonl

    for failure in report.failed:
        typer.echo(f"error: {failure.message}", err=True)
    if not quiet:
        for notice in report.notices:
            typer.echo(f"skipped: {notice.message}", err=True)
    if verbose:  # per-article warnings: counted in the summary, listed here or in errors.jsonl
        for warning in report.warnings:
            typer.echo(f"warning: {warning.message}", err=True)
    if errors_path is not None and (report.failed or report.warnings or errors_path.exists()):
        write_errors_jsonl(report.failed + report.notices + report.warnings, errors_path)
    if not quiet or report.failed:
        listed = report.failed or (report.warnings and not verbose)
        where = f" (see {errors_path})" if errors_path is not None and listed else ""
        typer.echo(f"{report.summary()}{where}", err=True)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def _built_line(built: Any, output: Path) -> str:
    """The closing line of ``build``: what was written, or that nothing changed."""
    if built.up_to_date:
        return f"{built.summary}; nothing changed since the last build: {output}/ is up to date"
    return f"{built.summary}; wrote " + ", ".join(p.name for p in built.written if p.parent == output) + f" to {output}/"


def _check_formats(formats: str) -> list[str]:
    try:
        return check_formats(formats.split(","))
    except ValueError as error:
        _fail(str(error))
        raise  # unreachable: _fail exits


def _check_choice(option: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        _fail(f"{option} must be one of {', '.join(allowed)}, not {value!r}")


def _require_articles(report: RunReport, inputs: List[str]) -> None:
    """No article read at all (an empty folder, only unsupported files): one line, exit 1, nothing written."""
    if report.processed:
        return
    problems = report.failed + report.notices
    shown = ", ".join(inputs[:3]) + (", ..." if len(inputs) > 3 else "")
    reason = f" ({problems[0].message}" + (f"; {len(problems) - 1} more" if len(problems) > 1 else "") + ")"
    typer.echo(f"error: no article could be read from {shown}{reason if problems else ''}", err=True)
    raise typer.Exit(1)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _setup_logging(quiet: bool, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    logger.propagate = False

"""The Python API: what the CLI and the notebook use.

Two layers, as in citron: `extract` streams `Quote` objects per article, and
`QuoteGraph` holds a corpus's linked quotes with tables, the graph and exports.

Examples
--------
Rebuild a graph from saved quotes without parsing anything again:

>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> kirby = Speaker("John Kirby", entity_id="person:john-kirby", kind=SpeakerKind.PERSON,
...                 organisation="White House")
>>> quote = Quote("a1", "a1:0-9", '"It is."', 0, 8, QuoteKind.DIRECT, kirby)
>>> qg = QuoteGraph([quote])
>>> len(qg)
1
>>> qg.quotes.loc[0, "speaker_name"]
'John Kirby'
"""

from __future__ import annotations

import logging
import warnings
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from quotegraph.config import PipelineConfig
from quotegraph.corpus import ALL_FORMATS, QuoteGraph, check_formats
from quotegraph.model import Article, Quote

if TYPE_CHECKING:
    from quotegraph.engine import ArticleResult
    from quotegraph.io import InputFailure

__all__ = [
    "ALL_FORMATS",
    "QuoteGraph",
    "RunReport",
    "check_formats",
    "check_setup",
    "extract",
    "iter_results",
    "link",
    "from_paths",
    "from_quotes",
    "from_texts",
    "run",
    "score",
]

logger = logging.getLogger(__name__)

#: Exit codes of the CLI, derived from a `RunReport`.
EXIT_OK, EXIT_INPUT_ERRORS = 0, 1


@dataclass
class RunReport:
    """What happened to every input of a run (black's ``Report``).

    >>> report = RunReport()
    >>> report.exit_code
    0
    """

    processed: int = 0
    quotes: int = 0
    cached: int = 0
    failed: list[InputFailure] = field(default_factory=list)
    notices: list[InputFailure] = field(default_factory=list)
    warnings: list[InputFailure] = field(default_factory=list)

    def record(self, failure: InputFailure) -> None:
        (self.notices if failure.level == "notice" else self.failed).append(failure)

    def done(self, result: ArticleResult) -> None:
        """Count a processed article and keep its warnings (quiet by default: see `quotegraph.capture`)."""
        from quotegraph.io import InputFailure

        self.processed += 1
        self.quotes += len(result.quotes)
        self.cached += int(result.cached)
        where = result.article.path or result.article.doc_id
        if where != result.article.doc_id:
            where = f"{where} ({result.article.doc_id})"
        self.warnings += [InputFailure(where, w, level="warning") for w in result.warnings]

    @property
    def exit_code(self) -> int:
        """0 when every input was processed, 1 when any input failed."""
        return EXIT_INPUT_ERRORS if self.failed else EXIT_OK

    def summary(self) -> str:
        parts = [f"{self.processed} articles", f"{self.quotes} quotes"]
        if self.cached:
            parts.append(f"{self.cached} from cache")
        if self.notices:
            parts.append(f"{len(self.notices)} skipped")
        if self.warnings:
            parts.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) > 1 else ''}")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


def check_setup(config: PipelineConfig) -> None:
    """Fail fast, before any input is read, on a setup a whole run would trip over.

    Checks that the spaCy pipeline is installed (unless a Dask cluster, whose
    workers may have models this machine lacks, runs extraction), that the
    topics and corrections files read and that the gender mode exists.

    Raises
    ------
    QuotegraphError
        `ModelNotFoundError` or the topics file's error, as one line.
    """
    from quotegraph.config import GENDER_MODES
    from quotegraph.corrections import read_corrections
    from quotegraph.errors import QuotegraphError
    from quotegraph.nlp.pipeline import check_model
    from quotegraph.nlp.topics import load_user_topics

    load_user_topics(config.topics_file)
    if config.gender not in GENDER_MODES:
        raise QuotegraphError(f"gender mode {config.gender!r} is unknown; choose from {', '.join(GENDER_MODES)}")
    if config.corrections is not None:
        read_corrections(config.corrections)
    if not config.scheduler:
        check_model(config.model)


def iter_results(
    inputs: Iterable[str | Path | Article],
    *,
    config: PipelineConfig | None = None,
    report: RunReport | None = None,
    exclude: Iterable[str | Path] = (),
    journal: str | Path | None = None,
) -> Iterator[ArticleResult]:
    """The one runner: read, look up the cache, extract; yield each article's result in input order.

    Parameters
    ----------
    inputs : iterable of str, Path or Article
        Files, folders and ``-`` (stdin), read lazily; or `Article` objects.
    config : PipelineConfig, optional
        Defaults to ``PipelineConfig()``; ``cache`` and ``strict`` are honoured.
    report : RunReport, optional
        Receives every read or extraction failure (those are not yielded).
    exclude : iterable of str or Path, optional
        Paths never read as inputs (such as the output folder).
    journal : str or Path, optional
        Stream every article's quotes to this file (`quotegraph.journal.Journal`);
        articles already in it are not parsed again. The caller deletes it once
        its own output is written.

    Raises
    ------
    InputFormatError
        With ``config.strict``, at the first failure.
    QuotegraphError
        From `check_setup`, before anything is read.

    Notes
    -----
    Quotes come with speakers resolved within their article; `link` joins
    the name variants of the whole corpus.
    """
    from quotegraph.engine import extract_articles
    from quotegraph.io import InputFailure

    from quotegraph.timings import timed_iter

    config = config or PipelineConfig()
    report = report if report is not None else RunReport()
    check_setup(config)
    with _open_cache(config, journal) as cache:
        articles = timed_iter(_read(inputs, config, report, exclude), "read")
        for result in extract_articles(articles, config=config, cache=cache):
            if result.error is not None:
                failure = InputFailure(result.article.path or result.article.doc_id, result.error)
                report.record(failure)
                _maybe_stop(failure, config)
                continue
            report.done(result)
            yield result


def link(
    results: Iterable[ArticleResult], *, config: PipelineConfig | None = None, keep_articles: bool = True
) -> QuoteGraph:
    """Gather the results of `iter_results` and link speaker names across the corpus."""
    from quotegraph.timings import stage

    quotes: list[Quote] = []
    articles: dict[str, Article] = {}
    with stage("extract", minus="read"):  # results are extracted as they are consumed
        for result in results:
            quotes.extend(result.quotes)
            if keep_articles:
                articles[result.article.doc_id] = result.article
    return QuoteGraph.linked(quotes, articles=articles, config=config)


def extract(
    articles: Iterable[Article | str],
    *,
    config: PipelineConfig | None = None,
    report: RunReport | None = None,
) -> Iterator[Quote]:
    """Yield the quotes of each article (speakers resolved within the article).

    Parameters
    ----------
    articles : iterable of Article or str
        Plain strings get ids ``text-1``, ``text-2``, ...
    config : PipelineConfig, optional
        Defaults to ``PipelineConfig()``.
    report : RunReport, optional
        Receives per-article failures; they never stop the stream.

    Notes
    -----
    Corpus-wide canonical names (``Kirby`` in one article and ``John Kirby`` in
    another) are linked by `run` and the ``from_*`` constructors, not here.

    Raises
    ------
    TypeError
        When ``articles`` is one ``str`` (it would be read character by character).
    """
    _reject_bare_text(articles, "extract")  # at the call, not at the first next()
    results = iter_results(_as_articles(articles), config=config, report=report)
    return (quote for result in results for quote in result.quotes)


def run(
    inputs: Iterable[str | Path],
    *,
    config: PipelineConfig | None = None,
    report: RunReport | None = None,
    keep_articles: bool = True,
) -> QuoteGraph:
    """Read, extract and link a corpus; the one-call path behind ``quotegraph build``.

    The returned graph's ``report`` says what happened to every input.
    """
    report = report if report is not None else RunReport()
    qg = link(iter_results(inputs, config=config, report=report), config=config, keep_articles=keep_articles)
    qg.report_corrections(report)
    qg.report = report
    return qg


def score(
    gold_path: str | Path,
    *,
    config: PipelineConfig | None = None,
    thresholds: Sequence[float] = (0.3, 0.8),
    join_quote_runs: bool = False,
    relative_mentions: bool = False,
) -> dict[str, Any]:
    """Extract quotes from a gold file's texts and score them (`quotegraph.evaluate.evaluate`).

    ``join_quote_runs`` is the user's choice of convention, used both to
    extract and to score; ``relative_mentions`` (score "who" in "Kirby, who
    said" as the mention, as PolNeAR marks it) only to score. The gold file is
    never read to choose either.
    """
    from quotegraph.evaluate import evaluate, read_jsonl

    settings = replace(config or PipelineConfig(), join_quote_runs=join_quote_runs)
    articles = [Article(doc_id=str(d["doc_id"]), text=str(d["text"])) for d in read_jsonl(gold_path)]
    predicted = [quote.to_dict() for quote in extract(articles, config=settings)]
    return evaluate(
        gold_path, predicted=predicted, thresholds=thresholds, config=settings, join_quote_runs=join_quote_runs,
        relative_mentions=relative_mentions,
    )


def from_texts(
    texts: Iterable[str] | Mapping[str, str], *, config: PipelineConfig | None = None
) -> QuoteGraph:
    """Build a `QuoteGraph` from raw strings (or a mapping of id to text).

    >>> qg = from_texts([])
    >>> len(qg)
    0
    >>> from_texts("It failed, Kirby said.")
    Traceback (most recent call last):
    ...
    TypeError: from_texts() takes a list of texts, not one str: write from_texts([text])
    """
    _reject_bare_text(texts, "from_texts")
    if isinstance(texts, Mapping):
        articles: Iterable[Article | str] = [Article(str(k), text) for k, text in texts.items()]
    else:
        articles = texts
    return link(iter_results(_as_articles(articles), config=config), config=config)


def from_paths(
    paths: Iterable[str | Path] | str | Path,
    *,
    config: PipelineConfig | None = None,
    report: RunReport | None = None,
) -> QuoteGraph:
    """Build a `QuoteGraph` from files and folders (txt, md, html, jsonl, csv).

    Parameters
    ----------
    paths : path or iterable of paths
        Files and folders (read recursively); ``"-"`` reads stdin. Relative
        paths are relative to the working directory.
    config : PipelineConfig, optional
        Defaults to ``PipelineConfig()``.
    report : RunReport, optional
        Receives what happened to every input; also kept as ``qg.report``.

    Returns
    -------
    QuoteGraph
        With ``report`` (a `RunReport`): ``processed`` articles, ``quotes``,
        ``failed`` inputs (each with its reason) and ``notices`` (skipped files).

    Raises
    ------
    FileNotFoundError
        When a path does not exist (nothing is read then).

    Warns
    -----
    UserWarning
        When the paths exist but no article in them could be read.
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    for path in paths:
        if str(path) != "-" and not Path(path).exists():
            raise FileNotFoundError(2, f"No such file or folder (working directory {Path.cwd()})", str(path))
    qg = run(paths, config=config, report=report)
    if qg.report.processed == 0:
        warnings.warn(_nothing_read(paths, qg.report), UserWarning, stacklevel=2)
    return qg


def from_quotes(
    path: str | Path,
    *,
    articles: str | Path | None = None,
    config: PipelineConfig | None = None,
) -> QuoteGraph:
    """Load a ``quotes.jsonl`` written by a build; no parsing, same graph.

    ``articles`` defaults to ``articles.jsonl`` beside it, when present (it
    lets `QuoteGraph.highlight` show the articles). Genders are kept as saved
    (corrections included); the text evidence counts behind them are read again.
    """
    from quotegraph.io import iter_articles_jsonl, read_quotes_jsonl
    from quotegraph.nlp.gender import assign_genders

    path = Path(path)
    quotes = read_quotes_jsonl(path)
    articles_path = Path(articles) if articles else path.with_name("articles.jsonl")
    loaded = {}
    if articles_path.is_file():
        loaded = {a.doc_id: a for a in iter_articles_jsonl(articles_path)}
    texts = {doc_id: article.text for doc_id, article in loaded.items()}
    votes = assign_genders(quotes, texts=texts, mode="text").votes
    return QuoteGraph(quotes, articles=loaded, config=config, gender_votes=votes)


def _read(
    inputs: Iterable[str | Path | Article], config: PipelineConfig, report: RunReport, exclude: Iterable[str | Path]
) -> Iterator[Article]:
    """Articles as given, or read from paths; read failures go to the report."""
    from quotegraph.io import InputFailure, iter_articles

    items = iter(inputs)
    first = next(items, None)
    if first is None:
        return
    if isinstance(first, Article):
        for item in chain([first], items):
            if not isinstance(item, Article):
                raise TypeError(f"inputs mix Article objects and paths ({item!r}); give one kind")
            yield item
        return
    for read in iter_articles(chain([first], items), exclude=exclude):  # type: ignore[arg-type]
        if isinstance(read, InputFailure):
            report.record(read)
            _maybe_stop(read, config)
        else:
            yield read


def _reject_bare_text(items: object, name: str) -> None:
    if isinstance(items, str):
        target = "from_texts([text])" if name == "from_texts" else "extract([text]) or quotegraph.from_texts([text])"
        raise TypeError(f"{name}() takes a list of texts, not one str: write {target}")


def _nothing_read(paths: Sequence[str | Path], report: RunReport) -> str:
    shown = ", ".join(str(p) for p in paths[:3]) + (", ..." if len(paths) > 3 else "")
    problems = report.failed + report.notices
    detail = "; ".join(f.message for f in problems[:2]) + ("; ..." if len(problems) > 2 else "")
    return f"no article could be read from {shown}{f' ({detail})' if detail else ''}; see qg.report"


def _as_articles(items: Iterable[Article | str]) -> Iterator[Article]:
    for number, item in enumerate(items, start=1):
        yield item if isinstance(item, Article) else Article(f"text-{number}", str(item))


def _maybe_stop(failure: InputFailure, config: PipelineConfig) -> None:
    from quotegraph.errors import InputFormatError

    if config.strict and failure.level != "notice":
        raise InputFormatError(failure.path, failure.reason, line=failure.line)


def _open_cache(config: PipelineConfig, journal: str | Path | None = None) -> Any:
    from quotegraph.cache import QuoteCache
    from quotegraph.journal import Journal

    cache = QuoteCache(config.cache, commit_every=config.batch_size) if config.cache else None
    if journal is not None:
        return Journal(journal, backing=cache)  # closing the journal closes the cache
    return cache if cache is not None else nullcontext()


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
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from quotegraph.config import PipelineConfig
from quotegraph.model import Article, Entity, Quote

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from quotegraph.corrections import CorrectionReport
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
]

logger = logging.getLogger(__name__)

#: What `QuoteGraph.save` writes by default (``quotes.jsonl`` and ``articles.jsonl`` always).
ALL_FORMATS = ("html", "graphml", "gexf", "csv", "json")

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
    """
    for result in iter_results(_as_articles(articles), config=config, report=report):
        yield from result.quotes


def run(
    inputs: Iterable[str | Path],
    *,
    config: PipelineConfig | None = None,
    report: RunReport | None = None,
    keep_articles: bool = True,
) -> QuoteGraph:
    """Read, extract and link a corpus; the one-call path behind ``quotegraph build``."""
    results = iter_results(inputs, config=config, report=report)
    qg = link(results, config=config, keep_articles=keep_articles)
    if report is not None:
        qg.report_corrections(report)
    return qg


def from_texts(
    texts: Iterable[str] | Mapping[str, str], *, config: PipelineConfig | None = None
) -> QuoteGraph:
    """Build a `QuoteGraph` from raw strings (or a mapping of id to text).

    >>> qg = from_texts([])
    >>> len(qg)
    0
    """
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
    """Build a `QuoteGraph` from files and folders (txt, md, html, jsonl, csv)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return run(paths, config=config, report=report)


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


def check_formats(formats: Iterable[str]) -> list[str]:
    """The chosen output formats, checked against `ALL_FORMATS`.

    >>> check_formats(["html", " csv", ""])
    ['html', 'csv']
    """
    chosen = [f.strip().lower() for f in formats if f.strip()]
    unknown = sorted(set(chosen) - set(ALL_FORMATS))
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(ALL_FORMATS)}")
    return chosen


class QuoteGraph:
    """A corpus's quotes, its speaker graph, tables and exports.

    Build one with `from_texts`, `from_paths` or `from_quotes`.
    """

    def __init__(
        self,
        quotes: Sequence[Quote],
        *,
        articles: Mapping[str, Article] | None = None,
        entities: Sequence[Entity] | None = None,
        config: PipelineConfig | None = None,
        gender_votes: Mapping[str, Mapping[str, int]] | None = None,
        corrections: CorrectionReport | None = None,
    ) -> None:
        self.quote_list: list[Quote] = list(quotes)
        self.articles: dict[str, Article] = dict(articles or {})
        self.entities: list[Entity] = list(entities or ())
        self.config = config or PipelineConfig()
        #: Per speaker id, how many articles' text evidence said female / male.
        self.gender_votes: dict[str, dict[str, int]] = {k: dict(v) for k, v in (gender_votes or {}).items()}
        #: What ``config.corrections`` did (None when no corrections file was given).
        self.corrections = corrections
        #: Node positions of an earlier build: the layout starts from them (`quotegraph.incremental`).
        self.previous_positions: dict[str, tuple[float, float]] | None = None

    @classmethod
    def linked(
        cls,
        quotes: Sequence[Quote],
        *,
        articles: Mapping[str, Article] | None = None,
        config: PipelineConfig | None = None,
    ) -> QuoteGraph:
        """Link speaker names across the corpus, apply corrections, infer genders; wrap the result."""
        from quotegraph.annotate import annotate_speakers
        from quotegraph.nlp.entities import link_entities
        from quotegraph.nlp.keyness import select_topics
        from quotegraph.nlp.topics import load_user_topics
        from quotegraph.reprints import mark_reprints

        from quotegraph.timings import stage

        config = config or PipelineConfig()
        with stage("link"):
            linked, entities = link_entities(quotes)
            texts = {doc_id: article.text for doc_id, article in (articles or {}).items()}
            annotated, votes, report = annotate_speakers(linked, texts=texts, config=config)
            # Reprints after corrections (a reassigned speaker changes what is one statement),
            # then the corpus's topics (a reprint adds no support).
            marked = mark_reprints(annotated, seed=config.seed)
            user = load_user_topics(config.topics_file)
            chosen = select_topics(marked, entities=entities, keep=set(user or ()))
        return cls(chosen, articles=articles, entities=entities, config=config,
                   gender_votes=votes, corrections=report)

    def __len__(self) -> int:
        return len(self.quote_list)

    def __repr__(self) -> str:
        return (
            f"<QuoteGraph {len(self.quote_list)} quotes, {len(self.articles)} articles, "
            f"{self.graph.number_of_nodes()} nodes>"
        )

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """One row per quote, flat columns (the same as ``quotes.csv``)."""
        import pandas as pd

        from quotegraph.io import QUOTE_COLUMNS, quotes_to_rows

        return pd.DataFrame(quotes_to_rows(self.quote_list), columns=list(QUOTE_COLUMNS))

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The speaker, organisation and topic graph (built once, then cached)."""
        from quotegraph.graph.build import build_speaker_graph

        from quotegraph.graph.style import apply_style
        from quotegraph.timings import stage

        with stage("graph"):
            graph = build_speaker_graph(
                self.quote_list,
                min_topic_support=self.config.min_topic_support,
                count=self.config.count,
                unnamed_sources=self.config.unnamed_sources,
                seed=self.config.seed,
                layout=False,
            )
        with stage("layout"):
            apply_style(graph, seed=self.config.seed, previous=self.previous_positions)
        for node, data in graph.nodes(data=True):  # both counts behind a person's one gender
            if data.get("kind") == "person" and "gender" in data:
                votes = self.gender_votes.get(node, {})
                data["gender_text_female"] = votes.get("female", 0)
                data["gender_text_male"] = votes.get("male", 0)
        return graph

    def sources(self) -> pd.DataFrame:
        """One row per article and speaker: outlet, date, gender, evidence, quote count.

        The same table as ``sources.csv`` (`quotegraph.graph.diversity.source_rows`).
        """
        import pandas as pd

        from quotegraph.graph.diversity import SOURCE_COLUMNS, source_rows

        return pd.DataFrame(source_rows(self.quote_list, articles=self.articles), columns=list(SOURCE_COLUMNS))

    def diversity(self, by: str = "source") -> pd.DataFrame:
        """Share of female, male and unknown sources and quotes per group, with 95% intervals.

        Parameters
        ----------
        by : {"source", "month", "topic", "all"}, optional (default="source")
            Per outlet, per month, per topic, or the whole corpus. ``diversity.csv``
            holds the "all", "source" and "month" rows.

        Notes
        -----
        ``unknown`` is always a row and always in the denominator; the
        ``*_if_unknown_female``/``*_if_unknown_male`` columns bound what the
        unknowns could change (`quotegraph.graph.diversity`).
        """
        import pandas as pd

        from quotegraph.graph.diversity import DIVERSITY_COLUMNS, diversity_rows, source_rows, unattributed_counts

        sources = source_rows(self.quote_list, articles=self.articles)
        rows = diversity_rows(sources, by=by, unattributed=unattributed_counts(self.quote_list), seed=self.config.seed)
        return pd.DataFrame(rows, columns=list(DIVERSITY_COLUMNS))

    def report_corrections(self, report: RunReport) -> None:
        """Record every correction that matched nothing in ``report`` (as a notice)."""
        from quotegraph.io import InputFailure

        if self.corrections is None or self.config.corrections is None:
            return
        for fix in self.corrections.unmatched:
            reason = f"correction {fix.action} {fix.target!r} ({fix.where}) matches nothing"
            report.record(InputFailure(str(self.config.corrections), reason, level="notice"))


    def speakers(self) -> pd.DataFrame:
        """Speakers by quote count: id, name, kind, role, organisation, aliases, articles."""
        # spoken_count, not quote_count: an organisation's count includes its members' quotes.
        return self._nodes(
            lambda data: data.get("kind") != "topic" and data.get("spoken_count", 0) > 0,
            by="spoken_count",
        )

    def topics(self) -> pd.DataFrame:
        """Topics by the number of quotes about them."""
        return self._nodes(lambda data: data.get("kind") == "topic", by="quote_count")

    def filter(
        self,
        *,
        speaker: str | None = None,
        topic: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> QuoteGraph:
        """A new QuoteGraph with the quotes that match every given condition.

        ``speaker`` matches the canonical name, the mention or the entity id
        (case-insensitive); ``topic`` a topic label; ``since``/``until`` are
        inclusive ISO dates (quotes with no date are dropped by a date filter).
        """
        kept = [
            q
            for q in self.quote_list
            if _matches(q, speaker=speaker, topic=topic, source=source, since=since, until=until)
        ]
        docs = {q.doc_id for q in kept}
        articles = {k: v for k, v in self.articles.items() if k in docs}
        return QuoteGraph(kept, articles=articles, entities=self.entities, config=self.config,
                          gender_votes=self.gender_votes, corrections=self.corrections)

    def to_jsonl(self, path: str | Path) -> Path:
        from quotegraph.io import write_quotes_jsonl

        write_quotes_jsonl(self.quote_list, path)
        return Path(path)

    def to_csv(self, out_dir: str | Path) -> list[Path]:
        """Write ``quotes.csv``, ``nodes.csv`` and ``edges.csv`` into ``out_dir``."""
        from quotegraph.graph.export import export_graph
        from quotegraph.io import write_quotes_csv

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        write_quotes_csv(self.quote_list, out / "quotes.csv")
        return [out / "quotes.csv", *export_graph(self.graph, out, formats=("csv",))]

    def to_graphml(self, path: str | Path) -> Path:
        from quotegraph.graph.export import write_graphml

        write_graphml(self.graph, path)
        return Path(path)

    def to_gexf(self, path: str | Path) -> Path:
        from quotegraph.graph.export import write_gexf

        write_gexf(self.graph, path)
        return Path(path)

    def to_json(self, path: str | Path) -> Path:
        from quotegraph.graph.export import write_json

        write_json(self.graph, path)
        return Path(path)

    def to_html(self, path: str | Path | None = None, *, title: str = "quotegraph") -> str | Path:
        """The interactive page as a string, or written to ``path``."""
        from quotegraph.views.page import render_html, write_html

        articles = list(self.articles.values())
        if path is None:
            return render_html(self.graph, self.quote_list, articles, title=title)
        return write_html(self.graph, self.quote_list, path, articles=articles, title=title)

    def save(
        self, out_dir: str | Path, *, formats: Iterable[str] = ALL_FORMATS, title: str = "quotegraph"
    ) -> list[Path]:
        """Write ``quotes.jsonl``, ``articles.jsonl`` and the chosen formats into ``out_dir``."""
        from quotegraph.graph.diversity import write_tables
        from quotegraph.graph.export import export_graph
        from quotegraph.io import write_articles_jsonl, write_quotes_csv, write_quotes_jsonl
        from quotegraph.timings import stage

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        chosen = check_formats(formats)
        graph = self.graph  # built (and laid out) before the export clock starts
        with stage("export"):
            texts = {doc_id: article.text for doc_id, article in self.articles.items()}
            write_quotes_jsonl(self.quote_list, out / "quotes.jsonl", texts=texts or None)
            write_articles_jsonl(self.articles.values(), out / "articles.jsonl")
            written = [out / "quotes.jsonl", out / "articles.jsonl"]
            if "csv" in chosen:
                write_quotes_csv(self.quote_list, out / "quotes.csv")
                written += [out / "quotes.csv", *write_tables(self.quote_list, out, articles=self.articles, seed=self.config.seed)]
            if self.corrections is not None:
                _write_json(self.corrections.to_dict(), out / "corrections.json")
                written.append(out / "corrections.json")
            graph_formats = tuple(f for f in chosen if f != "html")
            written += export_graph(graph, out, formats=graph_formats)
        if "html" in chosen:
            with stage("page"):
                written.append(Path(self.to_html(out / "graph.html", title=title)))
                written += self._write_article_views(out)
        return written

    def highlight(self, doc_id: str) -> Any:
        """The article with its quotes highlighted, for inline display in Jupyter."""
        from quotegraph.views.page import iframe_srcdoc
        from quotegraph.views.articles import render_article

        if doc_id not in self.articles:
            known = ", ".join(sorted(self.articles)[:10]) or "none loaded"
            raise KeyError(f"no article {doc_id!r}; known: {known}")
        quotes = [q for q in self.quote_list if q.doc_id == doc_id]
        return _HTML(iframe_srcdoc(render_article(self.articles[doc_id], quotes)))

    def show(self, *, height: int = 650) -> Any:
        """Display the interactive graph inline (Jupyter, VS Code, Colab)."""
        from quotegraph.views.page import iframe_srcdoc

        return _HTML(iframe_srcdoc(str(self.to_html()), height=height))

    def _repr_html_(self) -> str:
        from quotegraph.views.page import iframe_srcdoc

        return iframe_srcdoc(str(self.to_html()))

    def _write_article_views(self, out: Path) -> list[Path]:
        from quotegraph.views.articles import write_highlights

        if not self.articles:
            return []
        return write_highlights(list(self.articles.values()), self.quote_list, out / "articles")

    def _nodes(self, keep: Any, *, by: str) -> pd.DataFrame:
        import pandas as pd

        rows = [
            {"id": node, **_flat(data)} for node, data in self.graph.nodes(data=True) if keep(data)
        ]
        frame = pd.DataFrame(rows)
        if frame.empty:
            return frame
        return frame.sort_values([by, "id"], ascending=[False, True]).reset_index(drop=True)


class _HTML:
    """Minimal rich-display object, so the API works without IPython installed."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html


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


def _as_articles(items: Iterable[Article | str]) -> Iterator[Article]:
    for number, item in enumerate(items, start=1):
        yield item if isinstance(item, Article) else Article(f"text-{number}", str(item))


def _matches(quote: Quote, **conditions: str | None) -> bool:
    speaker, topic = conditions["speaker"], conditions["topic"]
    if speaker is not None:
        needle = speaker.casefold()
        mention = quote.speaker.mention.text if quote.speaker.mention else ""
        names = (quote.speaker.name, mention, quote.speaker.entity_id or "")
        if not any(needle in name.casefold() for name in names):
            return False
    if topic is not None and topic.casefold() not in {t.casefold() for t in quote.topics}:
        return False
    if conditions["source"] is not None and quote.source != conditions["source"]:
        return False
    since, until = conditions["since"], conditions["until"]
    if (since or until) and not quote.date:
        return False
    if since and quote.date and quote.date < since:
        return False
    return not (until and quote.date and quote.date > until)


def _flat(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: ("; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v) for k, v in data.items()}


def _maybe_stop(failure: InputFailure, config: PipelineConfig) -> None:
    from quotegraph.errors import InputFormatError

    if config.strict and failure.level != "notice":
        raise InputFormatError(failure.path, failure.reason, line=failure.line)


def _write_json(data: Any, path: Path) -> None:
    import json

    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _open_cache(config: PipelineConfig, journal: str | Path | None = None) -> Any:
    from quotegraph.cache import QuoteCache
    from quotegraph.journal import Journal

    cache = QuoteCache(config.cache, commit_every=config.batch_size) if config.cache else None
    if journal is not None:
        return Journal(journal, backing=cache)  # closing the journal closes the cache
    return cache if cache is not None else nullcontext()


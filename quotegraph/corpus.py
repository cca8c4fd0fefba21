"""`QuoteGraph`: a corpus's linked quotes with its tables, its graph, its pages and its exports.

Built by the runner in `quotegraph.api` (`run`, `from_texts`, `from_paths`), or
from a saved ``quotes.jsonl`` with `quotegraph.api.from_quotes`.

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> kirby = Speaker("John Kirby", entity_id="person:john-kirby", kind=SpeakerKind.PERSON)
>>> qg = QuoteGraph([Quote("a1", "a1:0-8", '"It is."', 0, 8, QuoteKind.DIRECT, kirby)])
>>> qg.speakers().loc[0, "id"]
'person:john-kirby'
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Protocol, Sequence

from quotegraph.config import PipelineConfig
from quotegraph.model import Article, Entity, Quote

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from quotegraph.corrections import CorrectionReport
    from quotegraph.io import InputFailure

__all__ = ["ALL_FORMATS", "QuoteGraph", "check_formats"]

#: What `QuoteGraph.save` writes by default (``quotes.jsonl`` and ``articles.jsonl`` always).
ALL_FORMATS = ("html", "graphml", "gexf", "csv", "json")


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
        #: What happened to each input (a `quotegraph.api.RunReport`), set by `run`/`from_paths`.
        self.report: Any = None

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
        from quotegraph.nlp.node_ids import settle_ids
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
            chosen = settle_ids(select_topics(marked, entities=entities, keep=set(user or ())))
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

    def report_corrections(self, report: _Recorder) -> None:
        """Record every correction that matched nothing in ``report`` (a `quotegraph.api.RunReport`)."""
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
        from quotegraph.views.quotefile import quote_file_path

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
                written += [p for p in [quote_file_path(out / "graph.html")] if p.is_file()]  # big archives
                written += self._write_article_views(out)
        return written

    def highlight(self, doc_id: str) -> Any:
        """The article with its quotes highlighted, for inline display in Jupyter."""
        from quotegraph.views.page import iframe_srcdoc
        from quotegraph.views.articles import render_article

        if doc_id not in self.articles:
            raise KeyError(_unknown_article(doc_id, self.articles))
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


class _Recorder(Protocol):
    def record(self, failure: InputFailure) -> None: ...


class _HTML:
    """Minimal rich-display object, so the API works without IPython installed."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html


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


def _write_json(data: Any, path: Path) -> None:
    import json

    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _unknown_article(doc_id: str, articles: Mapping[str, Article]) -> str:
    """The KeyError message: how many ids there are and the closest ones.

    >>> _unknown_article("2026-03-02_haldport", {"2026-03-02_haldport-strike": None, "b": None})
    "no article '2026-03-02_haldport' among 2 articles; did you mean '2026-03-02_haldport-strike'? (ids: qg.articles)"
    """
    import difflib

    if not articles:
        return f"no article {doc_id!r}: this QuoteGraph has no articles loaded"
    close = difflib.get_close_matches(doc_id, list(articles), n=3, cutoff=0.4)
    hint = "did you mean " + " or ".join(repr(c) for c in close) + "? " if close else ""
    return f"no article {doc_id!r} among {len(articles)} articles; {hint}(ids: qg.articles)"

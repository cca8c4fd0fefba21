from __future__ import annotations

import networkx as nx
import pytest

import quotegraph
from quotegraph.api import QuoteGraph, RunReport
from quotegraph.config import PipelineConfig
from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind, TextSpan


def _quote(doc: str, start: int, name: str, *, topics=(), source="Wire", date="2026-03-02") -> Quote:
    text = f'"Quote {start} by {name}."'
    speaker = Speaker(
        name,
        mention=None,
        entity_id=f"person:{name.lower().replace(' ', '-')}",
        kind=SpeakerKind.PERSON,
        organisation="Harbour Authority" if "Lind" in name else None,
    )
    return Quote(doc, f"{doc}:{start}", text, start, start + len(text), QuoteKind.DIRECT, speaker,
                 cue=TextSpan(0, 4, "said"), topics=topics, source=source, date=date)


QUOTES = [
    _quote("a", 0, "Mara Lindqvist", topics=("port strike",)),
    _quote("a", 100, "Tomas Reyes", topics=("port strike",), date="2026-03-02"),
    _quote("b", 0, "Tomas Reyes", topics=("port strike", "wages"), source="Gazette", date="2026-03-05"),
    _quote("c", 0, "Ana Ruiz", topics=("flood",), source="Gazette", date=None),
]


@pytest.mark.parametrize(
    "conditions, expected",
    [
        ({"speaker": "reyes"}, ["a:100", "b:0"]),
        ({"speaker": "person:ana-ruiz"}, ["c:0"]),
        ({"topic": "Port Strike"}, ["a:0", "a:100", "b:0"]),
        ({"source": "Gazette"}, ["b:0", "c:0"]),
        ({"since": "2026-03-03"}, ["b:0"]),
        ({"until": "2026-03-02"}, ["a:0", "a:100"]),
        ({"speaker": "Reyes", "source": "Wire"}, ["a:100"]),
    ],
    ids=["surname", "entity-id", "topic-casefold", "source", "since", "until", "combined"],
)
def test_api_filter(conditions, expected):
    assert [q.quote_id for q in QuoteGraph(QUOTES).filter(**conditions).quote_list] == expected


def test_api_quotes_table_has_one_flat_row_per_quote():
    table = QuoteGraph(QUOTES).quotes
    assert len(table) == 4
    assert list(table["speaker_name"]) == ["Mara Lindqvist", "Tomas Reyes", "Tomas Reyes", "Ana Ruiz"]
    assert table.loc[2, "topics"] == "port strike; wages"


def test_api_run_report_exit_code():
    from quotegraph.io import InputFailure

    report = RunReport()
    report.record(InputFailure("empty.txt", "empty file", level="notice"))
    assert report.exit_code == 0
    report.record(InputFailure("bad.csv", "no 'text' column", line=1))
    assert report.exit_code == 1
    assert report.summary() == "0 articles, 0 quotes, 1 skipped, 1 failed"


def test_api_save_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="unknown format.*pdf"):
        QuoteGraph(QUOTES).save(tmp_path, formats=["html", "pdf"])


def test_api_from_quotes_gives_the_same_graph(tmp_path):
    original = QuoteGraph(QUOTES)
    original.save(tmp_path, formats=["json"])
    reloaded = quotegraph.from_quotes(tmp_path / "quotes.jsonl")
    assert reloaded.quote_list == QUOTES
    assert nx.utils.graphs_equal(original.graph, reloaded.graph)


@pytest.mark.model
def test_api_from_texts_extracts_and_links(nlp):
    qg = quotegraph.from_texts(
        {
            "one": '"The port stays shut," Harbour Authority chief executive Mara Lindqvist said on Monday.',
            "two": 'Ms Lindqvist said the strike had cost millions. "We need a deal," she added.',
            "three": 'Lindqvist said talks would resume on Friday.',
        },
        config=PipelineConfig(workers=1),
    )
    assert len(qg) == 4
    assert set(qg.quotes["speaker_name"]) == {"Mara Lindqvist"}  # a lone surname tagged ORG too
    html = qg._repr_html_()
    assert html.startswith("<iframe") and "srcdoc=" in html


@pytest.mark.model
def test_api_build_then_from_quotes_gives_the_same_graph(tmp_path, examples_dir, nlp):
    built = quotegraph.from_paths(examples_dir, config=PipelineConfig(workers=1))
    built.save(tmp_path, formats=["json"])
    reloaded = quotegraph.from_quotes(tmp_path / "quotes.jsonl")
    assert nx.utils.graphs_equal(built.graph, reloaded.graph)
    assert set(reloaded.articles) == set(built.articles)


# ---- issue 17: the API as a newcomer meets it ---------------------------------------------


@pytest.mark.parametrize("path", ["no/such/folder", "examples/artciles"], ids=["missing", "typo"])
def test_issue17_from_paths_missing_path_raises(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="No such file or folder") as caught:
        quotegraph.from_paths(path)
    assert caught.value.filename == path


@pytest.mark.parametrize("files", [{}, {"notes.pdf": b"%PDF-1.4", "data.xlsx": b"PK"}], ids=["empty", "unsupported"])
def test_issue17_from_paths_nothing_readable_warns(files, tmp_path):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with pytest.warns(UserWarning, match="no article could be read from"):
        qg = quotegraph.from_paths(tmp_path, config=PipelineConfig(workers=1))
    assert len(qg) == 0 and qg.report.processed == 0
    assert qg.report.notices or qg.report.failed  # the reason, for `qg.report`


@pytest.mark.parametrize("call", ["extract", "from_texts"])
def test_issue17_bare_string_is_rejected(call):
    with pytest.raises(TypeError, match=r"from_texts\(\[text\]\)"):
        getattr(quotegraph, call)("“It failed,” Kirby said.")  # at the call, before any iteration


def test_issue17_highlight_key_error_counts_and_suggests():
    from quotegraph.model import Article

    ids = [f"2026-03-{day:02d}_story-{day}" for day in range(1, 13)]
    qg = QuoteGraph([], articles={i: Article(i, "Text.") for i in ids})
    with pytest.raises(KeyError) as caught:
        qg.highlight("2026-03-11_story")
    message = caught.value.args[0]
    assert "among 12 articles" in message and "did you mean '2026-03-11_story-11'" in message

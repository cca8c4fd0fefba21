"""Corrections: read YAML and CSV, apply every action, report what matched nothing, survive the cache."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from quotegraph.corrections import Correction, apply_genders, apply_structural, read_corrections
from quotegraph.errors import InputFormatError
from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind, make_entity_id


def person(name: str) -> Speaker:
    return Speaker(name, entity_id=make_entity_id(SpeakerKind.PERSON, name), kind=SpeakerKind.PERSON)


QUOTES = [
    Quote("a", "a:0-5", '"One"', 0, 5, QuoteKind.DIRECT, person("Tamsin Oduya")),
    Quote("b", "b:0-5", '"Two"', 0, 5, QuoteKind.DIRECT, person("T. Oduya")),
    Quote("b", "b:9-14", '"Six"', 9, 14, QuoteKind.DIRECT, person("Ravi Anand")),
    Quote("b", "b:20-25", '"Ten"', 20, 25, QuoteKind.DIRECT, person("Ravi Anand")),
]


def test_corrections_merge_split_reassign_not_quote_gender(caplog: pytest.LogCaptureFixture) -> None:
    fixes = [
        Correction("merge", "T. Oduya", "Tamsin Oduya"),
        Correction("split", "b:20-25", "Ravi Anand Jr."),
        Correction("reassign", "b:9-14", "person:tamsin-oduya"),
        Correction("not_quote", "a:0-5"),
        Correction("gender", "Tamsin Oduya", "female"),
        Correction("merge", "Nobody Here", "Tamsin Oduya"),
    ]
    with caplog.at_level(logging.WARNING, logger="quotegraph.corrections"):
        quotes, report = apply_structural(QUOTES, fixes)
        quotes = apply_genders(quotes, fixes, report)
    assert [(q.quote_id, q.speaker.name, q.speaker.gender, q.corrected) for q in quotes] == [
        ("b:0-5", "Tamsin Oduya", "female", ("speaker", "gender")),
        ("b:9-14", "Tamsin Oduya", "female", ("speaker", "gender")),
        ("b:20-25", "Ravi Anand Jr.", None, ("speaker",)),
    ]
    assert quotes[0].speaker.gender_evidence == "corrected"
    assert quotes[2].speaker.entity_id == "person:ravi-anand-jr"
    assert report.removed == ["a:0-5"] and report.applied == 5
    assert [(c.action, c.target) for c in report.unmatched] == [("merge", "Nobody Here")]
    assert "matches nothing" in caplog.text


@pytest.mark.parametrize(
    ("fix", "why"),
    [
        pytest.param(Correction("reassign", "z:0-1", "Ravi Anand"), "quote", id="reassign-missing-quote"),
        pytest.param(Correction("not_quote", "z:0-1"), "quote", id="not-quote-missing"),
        pytest.param(Correction("split", "z:0-1", "New Person"), "quote", id="split-missing"),
        pytest.param(Correction("merge", "Ravi Anand", "Nobody"), "merge into", id="merge-into-missing"),
        pytest.param(Correction("gender", "Nobody", "male"), "speaker", id="gender-missing"),
    ],
)
def test_corrections_unmatched_are_reported(fix: Correction, why: str) -> None:
    quotes, report = apply_structural(QUOTES, [fix])
    quotes = apply_genders(quotes, [fix], report)
    assert report.unmatched == [fix] and quotes == QUOTES
    assert report.to_dict()["unmatched"][0]["target"] == fix.target


YAML = """\
corrections:
  - {action: merge, target: T. Oduya, value: Tamsin Oduya}
  - {action: gender, target: Tamsin Oduya, value: Female}
  - action: split
    target: [b:0-5, b:9-14]
    value: Someone Else
"""
CSV = "action,target,value\nmerge,T. Oduya,Tamsin Oduya\n\nnot_quote,a:0-5,\n"


def test_corrections_read_yaml_and_csv(tmp_path: Path) -> None:
    (tmp_path / "fix.yaml").write_text(YAML, encoding="utf-8")
    (tmp_path / "fix.csv").write_text(CSV, encoding="utf-8")
    yaml_fixes = read_corrections(tmp_path / "fix.yaml")
    assert [(c.action, c.target, c.value) for c in yaml_fixes] == [
        ("merge", "T. Oduya", "Tamsin Oduya"), ("gender", "Tamsin Oduya", "female"),
        ("split", "b:0-5;b:9-14", "Someone Else")]
    csv_fixes = read_corrections(tmp_path / "fix.csv")
    assert [(c.action, c.target, c.where.rsplit(":", 1)[1]) for c in csv_fixes] == [
        ("merge", "T. Oduya", "2"), ("not_quote", "a:0-5", "4")]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        pytest.param("bad.csv", "action,target,value\nrename,X,Y\n", "bad.csv:2: unknown action 'rename'", id="action"),
        pytest.param("bad.csv", "who,what\nx,y\n", "bad.csv:1: needs the columns", id="columns"),
        pytest.param("bad.csv", "action,target,value\ngender,X,tall\n", "gender 'tall'", id="gender"),
        pytest.param("bad.yaml", "- {action: merge, target: X}\n", "item 1: merge needs a value", id="value"),
        pytest.param("bad.yaml", "{action: [\n", "not YAML", id="yaml"),
        pytest.param("bad.yaml", "just text\n", "expected a list", id="shape"),
    ],
)
def test_corrections_bad_files_name_file_and_reason(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFormatError, match=message.replace("(", r"\(")) as error:
        read_corrections(path)
    assert str(path) in str(error.value)


ARTICLES = {
    "a.txt": 'Tamsin Oduya, who runs the Harbour Food Bank, spoke on Monday. "We have never seen lines '
             'this long," she said.\n\nPaul Verhoeven, the budget chief, disagreed. "The numbers are flat," '
             "Verhoeven said.\n",
    "b.txt": '"The shelves are empty," said T. Oduya on Friday.\n\nRavi Anand said the council would meet '
             "again in May.\n",
}
FIXES = """\
- {action: merge, target: T. Oduya, value: Tamsin Oduya}
- {action: gender, target: Ravi Anand, value: unknown}
- {action: reassign, target: "a:157-180", value: Ravi Anand}
- {action: not_quote, target: "z:1-2"}
"""


@pytest.mark.model
def test_corrections_change_quotes_graph_tables_and_survive_the_cache(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from quotegraph.cli import app

    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(FIXES, encoding="utf-8")
    outputs = []
    for run in ("first", "cached"):
        out = tmp_path / run
        result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(out), "--cache", str(tmp_path / "c.db"),
                                          "--corrections", str(fixes), "--workers", "1", "--formats", "csv"])
        assert result.exit_code == 0, result.output
        assert "z:1-2" in result.output  # the correction that matched nothing is reported
        outputs.append(out)
    assert "from cache" in result.output
    for out in outputs:
        quotes = {q["quote_id"]: q for q in map(json.loads, (out / "quotes.jsonl").read_text().splitlines())}
        assert quotes["b:0-24"]["speaker"]["name"] == "Tamsin Oduya"
        assert quotes["b:0-24"]["corrected"] == ["speaker"]
        assert quotes["a:157-180"]["speaker"]["name"] == "Ravi Anand"
        assert quotes["a:157-180"]["speaker"]["gender"] == "unknown"
        assert quotes["a:157-180"]["speaker"]["gender_evidence"] == "corrected"
        nodes = {row.split(",")[0]: row for row in (out / "nodes.csv").read_text().splitlines()[1:]}
        assert "person:t-oduya" not in nodes and "person:tamsin-oduya" in nodes
        sources = (out / "sources.csv").read_text()
        assert "person:t-oduya" not in sources and "b,person:tamsin-oduya,Tamsin Oduya" in sources
        assert json.loads((out / "corrections.json").read_text())["unmatched"][0]["target"] == "z:1-2"
    assert (outputs[0] / "diversity.csv").read_text() == (outputs[1] / "diversity.csv").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--gender", "guess"], "gender mode 'guess' is unknown", id="gender-mode"),
        pytest.param(["--corrections", "{bad}"], "bad.csv:2: unknown action 'rename'", id="corrections-file"),
    ],
)
def test_corrections_cli_setup_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from quotegraph.cli import app

    bad = tmp_path / "bad.csv"
    bad.write_text("action,target,value\nrename,X,Y\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text('"Yes," she said.\n', encoding="utf-8")
    args = [a.replace("{bad}", str(bad)) for a in args]
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output

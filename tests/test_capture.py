"""Quiet by default: per-article warnings are counted, listed in errors.jsonl, printed at --verbose."""

from __future__ import annotations

import json
import logging

import pytest
from typer.testing import CliRunner

from quotegraph.capture import article_warnings
from quotegraph.cli import app

runner = CliRunner()
UNCLOSED = 'The mayor said: "We will rebuild the pier. Then she left the room.\n'


@pytest.mark.parametrize(
    ("message", "expected"),
    [("a1: quote not closed", {"a1": ["quote not closed"]}), ("a9: other article", {})],
    ids=["this-batch", "other"],
)
def test_capture_files_warnings_under_their_article(message, expected, caplog):
    with caplog.at_level(logging.WARNING, logger="quotegraph"):
        with article_warnings(["a1", "a2"]) as caught:
            logging.getLogger("quotegraph.nlp.quote_marks").warning(message)
    assert dict(caught) == expected
    assert (message in caplog.text) == (not expected)  # only what names no article goes on


@pytest.mark.model
@pytest.mark.parametrize("verbose", [False, True], ids=["default", "verbose"])
def test_issue16_quote_mark_warnings_are_quiet_by_default(tmp_path, nlp, verbose):
    article = tmp_path / "a.txt"
    article.write_text(UNCLOSED, encoding="utf-8")
    out = tmp_path / "q.jsonl"
    args = ["extract", str(article), "-o", str(out), "--workers", "1"] + (["--verbose"] if verbose else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ("not closed" in result.stderr) == verbose
    assert "1 warning" in result.stderr.splitlines()[-1]
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert [e["level"] for e in errors] == ["warning"]
    assert "not closed" in errors[0]["reason"] and errors[0]["path"].endswith("a.txt (a)")


@pytest.mark.model
def test_issue16_warnings_survive_a_rerun_from_the_cache(tmp_path, nlp):
    article = tmp_path / "a.txt"
    article.write_text(UNCLOSED, encoding="utf-8")
    args = ["build", str(article), "-o", str(tmp_path / "out"), "--workers", "1", "--formats", "json"]
    for _ in range(2):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "1 warning" in result.stderr
        errors = (tmp_path / "out" / "errors.jsonl").read_text()
        assert "not closed" in errors

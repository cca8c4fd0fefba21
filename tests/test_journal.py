"""Crash safety of extraction: the journal and the per-batch cache commits (issue 16)."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotegraph.journal import Journal, journal_path
from quotegraph.model import Article, Quote, QuoteKind, Speaker

ARTICLE = Article("a1", '"It held," Ana Ruiz said.')
QUOTE = Quote("a1", "a1:0-10", '"It held,"', 0, 10, QuoteKind.DIRECT, Speaker("Ana Ruiz"))


def test_journal_resumes_and_skips_a_line_cut_short(tmp_path):
    path = journal_path(tmp_path / "quotes.jsonl")
    with Journal(path) as journal:
        journal.put(ARTICLE, [QUOTE], model="m")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"key": "cut sho')  # the process died mid-line
    resumed = Journal(path)
    assert resumed.get(ARTICLE, model="m") == [QUOTE]
    assert resumed.get(ARTICLE, model="other settings") is None
    other = Article("a2", "Another text.")
    resumed.put(other, [], model="m")
    resumed.close()
    assert Journal(path).get(other, model="m") == []  # written on a line of its own
    assert path.name == "quotes.jsonl.journal"


@pytest.mark.model
def test_issue16_killed_extract_resumes_without_reparsing(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(40):
            text = f'"Pier {i} reopens on Monday," Mayor Ana Ruiz said. Fares fall by {i} cents, she added.'
            handle.write(json.dumps({"doc_id": f"a{i}", "text": text}) + "\n")
    output = tmp_path / "quotes.jsonl"
    command = [sys.executable, "-m", "quotegraph", "extract", str(corpus), "-o", str(output), "--workers", "1"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = journal_path(output)
    deadline = time.monotonic() + 300
    while _lines(journal) < 8:  # one batch committed
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    committed = _lines(journal)
    assert not output.exists() and 8 <= committed < 40
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = re.search(r"(\d+) articles, \d+ quotes, (\d+) from cache", done.stderr)
    assert summary is not None, done.stderr
    assert (int(summary.group(1)), int(summary.group(2))) == (40, committed)
    assert not journal.exists()
    assert {json.loads(line)["doc_id"] for line in output.read_text().splitlines()} == {f"a{i}" for i in range(40)}


def _lines(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.endswith("}"))

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.conventions import gold_items, gold_joins_runs, predicted_items
from quotegraph.evaluate import evaluate, format_report

RUN = '"We won," she said. "Again."'
GOLD = {"doc_id": "d1", "text": RUN, "quotes": [
    {"quote_span": [0, 28], "quote_parts": [[0, 9], [20, 28]], "type": "direct",
     "speaker_name": "she", "speaker_span": [10, 13], "cue": "said"}]}


@pytest.mark.parametrize("join, expected", [(True, [[0, 28]]), (False, [[0, 9], [20, 28]])],
                         ids=["joined", "separate"])
def test_conventions_gold_items(join, expected):
    assert [g["quote_span"] for g in gold_items(GOLD["quotes"], join=join)] == expected


@pytest.mark.parametrize("join, expected", [(True, [(0, 28)]), (False, [(0, 9), (20, 28)])],
                         ids=["joined", "separate"])
def test_conventions_predicted_items_from_a_statement(join, expected):
    row = {"start": 0, "end": 28, "text": RUN, "parts": [
        {"start": 0, "end": 9, "text": RUN[:9]}, {"start": 20, "end": 28, "text": RUN[20:]}]}
    assert [(r["start"], r["end"]) for r in predicted_items([row], join=join, text=RUN)] == expected


def test_conventions_predicted_items_rejoin_pieces():
    rows = [{"start": 0, "end": 9, "text": RUN[:9], "statement_id": "s"},
            {"start": 20, "end": 28, "text": RUN[20:], "statement_id": "s"},
            {"start": 10, "end": 13, "text": "she"}]
    joined = predicted_items(rows, join=True, text=RUN)
    assert [(r["start"], r["end"], r["text"]) for r in joined] == [(0, 28, RUN), (10, 13, "she")]


@pytest.mark.parametrize("join, hint", [(False, True), (True, False)], ids=["hint", "no-hint"])
def test_conventions_evaluate_never_switches_on_the_gold(tmp_path, join, hint):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n" + json.dumps(dict(GOLD, doc_id="d2")) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("", encoding="utf-8")
    result = evaluate(gold, pred_path=pred, join_quote_runs=join)
    assert result["join_quote_runs"] is join
    assert (result["hint"] is not None) is hint
    assert ("--join-quote-runs" in format_report(result)) is hint


@pytest.mark.shared
@pytest.mark.parametrize(
    "relative, expected",
    [("corpora/polnear/dev.jsonl", True), ("seeds/gold.jsonl", False)],
    ids=["polnear-joins-runs", "seeds-separate-runs"],
)
def test_evaluate_detects_the_gold_convention_for_quote_runs(shared_dir, relative, expected):
    from quotegraph.conventions import gold_joins_runs

    path = shared_dir / relative
    if not path.is_file():
        pytest.skip(f"evaluation data (../shared) not present: {path} is missing")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert gold_joins_runs(docs) is expected


def test_evaluate_our_cases_keep_quote_runs_separate():
    from pathlib import Path

    from quotegraph.conventions import gold_joins_runs

    path = Path(__file__).parent / "data" / "cases" / "examples.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert gold_joins_runs(docs) is False

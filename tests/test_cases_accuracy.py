"""Our own gold (``tests/data/cases/*.jsonl``) as a regression test of extraction.

Each article of the cases is extracted and scored as ``quotegraph evaluate``
scores a gold file (quote runs kept apart, as our cases annotate them): every
required quote found with its speaker's name and type, and nothing spurious.
Known failures are listed with their reason; any other document that stops
passing fails the suite.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotegraph.config import PipelineConfig
from quotegraph.conventions import gold_items, names_agree, predicted_items
from quotegraph.evaluate import score_document
from quotegraph.model import Article

CASES = Path(__file__).resolve().parent / "data" / "cases"

#: Documents that do not pass yet, and why (the speaker stage owns most of these).
KNOWN: dict[str, str] = {
    "2026-03-18_regulator-caps-corvane": "speaker: 'the regulator' is not linked to the Energy Regulatory Office",
    "2026-03-20_lower-senn-election": "speaker: a quote of Helena Marsh comes out 'unknown'",
    "indirect_nominal_spokesperson": "speaker: 'Its spokesperson' keeps its own words; gold names it 'a spokesperson for the hospital'",
}


def _records() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            marks = [pytest.mark.xfail(reason=KNOWN[record["doc_id"]])] if record["doc_id"] in KNOWN else []
            params.append(pytest.param(record, id=f"{path.stem}-{record['doc_id']}", marks=marks))
    return params


@pytest.mark.model
@pytest.mark.parametrize("record", _records())
def test_cases_accuracy_each_document(nlp, record):
    from quotegraph.nlp.pipeline import extract_quotes

    article = Article(doc_id=record["doc_id"], text=record["text"])
    quotes = extract_quotes(nlp(article.text), article, config=PipelineConfig())
    pred = predicted_items([q.to_dict() for q in quotes], join=False, text=article.text)
    gold = gold_items(record["quotes"], join=False)
    scores = score_document(gold, pred, thresholds=(0.8,))["0.8"]
    missed = [g["text"] for i, g in enumerate(gold)
              if not g.get("optional") and i not in {a for a, _ in scores["pairs"]}]
    spurious = [p["text"] for i, p in enumerate(pred) if i not in {b for _, b in scores["pairs"]}]
    assert (missed, spurious) == ([], [])
    wrong = [
        (gold[g]["text"][:40], gold[g]["type"], gold[g]["speaker_name"], pred[p]["type"], pred[p]["speaker"]["name"])
        for g, p in scores["pairs"]
        if not gold[g].get("optional") and (
            gold[g]["type"] != pred[p]["type"]
            or not names_agree(gold[g]["speaker_name"], pred[p]["speaker"]["name"], kind=pred[p]["speaker"]["kind"]))
    ]
    assert wrong == []

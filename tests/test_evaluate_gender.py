"""Source-gender scoring the GGT way: full-name sets per article, summed; lenient surnames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.evaluate_gender import has_source_genders, score_genders

GOLD = [
    {"doc_id": "a", "sources_female": ["Ann Lee", "Cy Diaz"], "sources_male": ["Bo Tran"]},
    {"doc_id": "b", "sources_female": [], "sources_male": ["Bo Tran", "Dev Rao"]},
    {"doc_id": "c", "quotes": []},  # no source lists: not scored
]


def test_evaluate_gender_strict_and_lenient_counts() -> None:
    predicted = {
        "a": [("ann lee", "female"), ("Diaz", "female"), ("Bo Tran", "female")],
        "b": [("Bo Tran", "male"), ("Rao", "male"), ("Eve Park", "male")],
        "c": [("Gil Roy", "male")],
    }
    result = score_genders(GOLD, predicted)
    assert result["articles"] == 2
    female, male = result["strict"]["female"], result["strict"]["male"]
    assert (female["tp"], female["fp"], female["fn"]) == (1, 2, 1)
    assert (male["tp"], male["fp"], male["fn"]) == (1, 2, 2)
    lenient = result["lenient"]
    assert (lenient["female"]["tp"], lenient["female"]["fp"]) == (2, 1)
    assert (lenient["male"]["tp"], lenient["male"]["fn"]) == (2, 1)
    assert female["precision"] == pytest.approx(1 / 3) and female["recall"] == pytest.approx(1 / 2)


def test_evaluate_gender_only_with_source_lists() -> None:
    assert has_source_genders(GOLD) and not has_source_genders([{"doc_id": "x", "quotes": []}])


def test_evaluate_reports_source_gender_from_a_quotes_file(tmp_path: Path) -> None:
    from quotegraph.evaluate import evaluate, format_report
    from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind

    text = '"We are ready," Ann Lee said.'
    gold = {"doc_id": "a", "text": text, "sources_female": ["Ann Lee"], "sources_male": [],
            "quotes": [{"quote_span": [0, 15], "type": "direct", "speaker_name": "Ann Lee",
                        "speaker_span": [16, 23], "cue": "said"}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    ann = Speaker("Ann Lee", entity_id="person:ann-lee", kind=SpeakerKind.PERSON, gender="female",
                  gender_evidence="name")
    quote = Quote("a", "a:0-15", text[:15], 0, 15, QuoteKind.DIRECT, ann)
    (tmp_path / "pred.jsonl").write_text(json.dumps(quote.to_dict()) + "\n", encoding="utf-8")
    result = evaluate(tmp_path / "gold.jsonl", pred_path=tmp_path / "pred.jsonl")
    assert result["source_gender"]["strict"]["female"]["f1"] == 1.0
    assert "strict  female  P 1.000  R 1.000  F1 1.000" in format_report(result)

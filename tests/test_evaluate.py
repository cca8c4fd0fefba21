from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotegraph.errors import InputFormatError
from quotegraph.evaluate import evaluate, format_report, names_agree, score_document

TEXT = "Kirby said the war was costly. He added that talks failed. Nobody else spoke here."


def _gold(start, end, **extra):
    item = {"quote_span": [start, end], "type": "indirect", "speaker_name": "John Kirby",
            "speaker_span": [0, 5], "cue": "said"}
    item.update(extra)
    return item


def _pred(start, end, **extra):
    item = {"start": start, "end": end, "type": "indirect", "text": TEXT[start:end],
            "cue": {"text": "said", "start": 6, "end": 10},
            "speaker": {"name": "Kirby", "mention": {"text": "Kirby", "start": 0, "end": 5}}}
    item.update(extra)
    return item


@pytest.mark.parametrize(
    "gold, pred, expected",
    [
        ([_gold(0, 10)], [_pred(0, 4)], {"0.3": (1, 0, 0), "0.8": (0, 1, 1)}),
        ([_gold(0, 10)], [_pred(0, 3)], {"0.3": (0, 1, 1), "0.8": (0, 1, 1)}),
        ([_gold(5, 10)], [_pred(0, 60)], {"0.3": (1, 0, 0), "0.8": (1, 0, 0)}),
        ([_gold(0, 10), _gold(0, 10)], [_pred(0, 10)], {"0.3": (1, 0, 1), "0.8": (1, 0, 1)}),
        ([_gold(0, 10, optional=True)], [_pred(0, 10)], {"0.3": (0, 0, 0), "0.8": (0, 0, 0)}),
        ([_gold(0, 10, optional=True)], [], {"0.3": (0, 0, 0), "0.8": (0, 0, 0)}),
        ([], [_pred(0, 10)], {"0.3": (0, 1, 0), "0.8": (0, 1, 0)}),
    ],
    ids=["asymmetric-partial", "at-threshold-is-no-match", "long-pred-covers",
         "prediction-used-once", "optional-matched", "optional-missed", "spurious"],
)
def test_evaluate_score_document_counts(gold, pred, expected):
    scores = score_document(gold, pred, thresholds=(0.3, 0.8))
    got = {key: (scores[key]["tp"], scores[key]["fp"], scores[key]["fn"]) for key in ("0.3", "0.8")}
    assert got == expected


def test_evaluate_score_document_greedy_best_first():
    # The wide prediction covers both gold quotes; the tight one only the second.
    gold = [_gold(0, 30), _gold(31, 58)]
    pred = [_pred(0, 58), _pred(31, 58)]
    scores = score_document(gold, pred, thresholds=(0.3,))
    assert scores["0.3"]["pairs"] == [(0, 0), (1, 1)]


def test_evaluate_score_document_prefers_required_gold_on_ties():
    gold = [_gold(0, 10, optional=True), _gold(0, 10)]
    scores = score_document(gold, [_pred(0, 10)], thresholds=(0.3,))
    assert (scores["0.3"]["tp"], scores["0.3"]["fn"]) == (1, 0)


@pytest.mark.parametrize(
    "gold, pred, expected",
    [
        ("John Kirby", "Kirby", True),
        ("John Kirby", "John Kirby", True),
        ("Antony Blinken", "Blinken", True),
        ("John Kirby", "Antony Blinken", False),
        ("The Ukrainian military", "the Ukrainian military", True),
        ("John Kirby", "unknown", False),
        ("", "Kirby", False),
        ("Jane Smith", "John Smith", False),
        ("Kirby", "John Kirby", True),
    ],
    ids=[
        "surname", "same", "other-surname", "different", "case-and-article", "unknown", "empty",
        "same-surname-other-person", "gold-shorter",
    ],
)
def test_evaluate_names_agree(gold, pred, expected):
    assert names_agree(gold, pred) is expected


def test_evaluate_names_of_organisations_need_more_than_a_last_word(tmp_path):
    text = "The army said it had advanced."
    gold = _write(tmp_path / "gold.jsonl", [{"doc_id": "d1", "text": text, "quotes": [
        dict(_gold(14, 29, type="indirect"), speaker_name="Russian military")]}])
    pred = _write(tmp_path / "pred.jsonl", [dict(_pred(14, 29), doc_id="d1", speaker={
        "name": "Ukrainian military", "kind": "organisation", "mention": None})])
    assert evaluate(gold, pred_path=pred)["speaker_name_accuracy"] == 0.0


RUN = '"We won," she said. "Again."'


@pytest.mark.parametrize(
    "join, pred_rows, expected",
    [
        (False, [{"start": 0, "end": 28, "parts": [
            {"start": 0, "end": 9, "text": RUN[0:9]}, {"start": 20, "end": 28, "text": RUN[20:28]}]}], 2),
        (True, [{"start": 0, "end": 9, "statement_id": "d1:0-28"},
                {"start": 20, "end": 28, "statement_id": "d1:0-28"}], 1),
    ],
    ids=["statement-scored-per-piece", "pieces-scored-as-statement"],
)
def test_evaluate_evaluate_scores_either_convention(tmp_path, join, pred_rows, expected):
    quote = dict(_gold(0, 28), quote_parts=[[0, 9], [20, 28]])
    gold = _write(tmp_path / "gold.jsonl", [{"doc_id": "d1", "text": RUN, "quotes": [quote]}])
    rows = [dict(_pred(0, 1), doc_id="d1", **row) for row in pred_rows]
    result = evaluate(gold, pred_path=_write(tmp_path / "pred.jsonl", rows), join_quote_runs=join)
    scores = result["thresholds"]["0.8"]
    assert (scores["tp"], scores["fp"], scores["fn"], result["join_quote_runs"]) == (expected, 0, 0, join)


def _write(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_evaluate_evaluate_scores_a_prediction_file(tmp_path):
    gold = _write(tmp_path / "gold.jsonl", [{"doc_id": "d1", "text": TEXT, "quotes": [
        _gold(11, 29, type="indirect"),
        _gold(45, 57, type="indirect", speaker_span=[31, 33]),
        _gold(59, 83, type="direct", optional=True),
    ]}])
    pred = _write(tmp_path / "pred.jsonl", [
        dict(_pred(11, 29), doc_id="d1"),
        dict(_pred(45, 57, type="mixed"), doc_id="d1",
             speaker={"name": "He", "mention": {"text": "He", "start": 31, "end": 33}}),
        dict(_pred(0, 5), doc_id="d1"),
        dict(_pred(0, 5), doc_id="other-doc"),
    ])
    result = evaluate(gold, pred_path=pred)
    assert (result["gold_quotes"], result["optional"], result["predicted"]) == (2, 1, 3)
    assert result["thresholds"]["0.3"]["tp"] == 2 and result["thresholds"]["0.3"]["fp"] == 1
    assert result["thresholds"]["0.3"]["recall"] == 1.0
    assert result["type_accuracy"] == 0.5
    assert result["speaker_mention_accuracy"] == 1.0
    assert result["speaker_name_accuracy"] == 0.5  # "He" is not "John Kirby"
    assert result["fields"]["content"]["exact"]["tp"] == 2
    assert result["fields"]["cue"]["overlap"]["recall"] == 1.0
    assert [m["text"] for m in result["false_positives"]] == ["Kirby"]
    report = format_report(result)
    assert "0.3" in report and "type accuracy: 0.500" in report and "Kirby" in report
    json.dumps(result)  # JSON-ready


def test_evaluate_evaluate_rejects_a_bad_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "d1", "text": "x", "quotes": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"gold.jsonl:2: not JSON"):
        evaluate(gold, pred_path=gold)


def test_evaluate_module_does_not_import_spacy():
    code = "import sys, quotegraph.evaluate; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.model
def test_evaluate_seeds_meet_acceptance(nlp, seeds_gold, tmp_path):
    from quotegraph.nlp.direct import extract_direct
    from quotegraph.nlp.indirect import extract_indirect

    rows = []
    for line in seeds_gold.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        doc = nlp(gold["text"])
        for quote in extract_indirect(doc, direct=list(extract_direct(doc))):
            rows.append(dict(quote.to_dict(), doc_id=gold["doc_id"]))
    result = evaluate(seeds_gold, pred_path=_write(tmp_path / "pred.jsonl", rows))
    assert result["thresholds"]["0.3"]["recall"] == 1.0
    assert result["thresholds"]["0.3"]["precision"] >= 0.9
    assert result["type_accuracy"] >= 0.9
    assert result["speaker_mention_accuracy"] >= 0.9


_REL_TEXT = "Ports are idle, said Ola Brandt, who added that the cranes had failed."


@pytest.mark.parametrize(
    "relative_mentions, gold_span, expected",
    [
        (True, [33, 36], 1.0),   # PolNeAR marks "who": scored on the relative pronoun
        (False, [33, 36], 0.0),  # GGT convention: the antecedent "Ola Brandt" is not "who"
        (False, [21, 31], 1.0),  # GGT convention: the antecedent is the mention
        (True, [21, 31], 0.0),   # PolNeAR convention: the antecedent alone is not the source span
    ],
    ids=["relative-who", "antecedent-vs-who", "antecedent", "relative-vs-antecedent"],
)
def test_evaluate_relative_mentions_convention(tmp_path, relative_mentions, gold_span, expected):
    assert _REL_TEXT[33:36] == "who" and _REL_TEXT[21:31] == "Ola Brandt"
    gold = _write(tmp_path / "gold.jsonl", [{"doc_id": "d1", "text": _REL_TEXT, "quotes": [
        {"quote_span": [43, 70], "type": "indirect", "speaker_name": "Ola Brandt",
         "speaker_span": gold_span, "cue": "added"}]}])
    pred = _write(tmp_path / "pred.jsonl", [{
        "doc_id": "d1", "start": 43, "end": 70, "type": "indirect", "text": _REL_TEXT[43:70],
        "cue": {"text": "added", "start": 37, "end": 42},
        "speaker": {"name": "Ola Brandt", "mention": {"text": "Ola Brandt", "start": 21, "end": 31},
                    "relative": {"text": "who", "start": 33, "end": 36}}}])
    result = evaluate(gold, pred_path=pred, relative_mentions=relative_mentions)
    assert result["speaker_mention_accuracy"] == expected
    assert result["relative_mentions"] is relative_mentions


def test_evaluate_relative_mentions_without_relative_uses_mention(tmp_path):
    gold = _write(tmp_path / "gold.jsonl", [{"doc_id": "d1", "text": _REL_TEXT, "quotes": [
        {"quote_span": [0, 14], "type": "indirect", "speaker_name": "Ola Brandt",
         "speaker_span": [21, 31], "cue": "said"}]}])
    pred = _write(tmp_path / "pred.jsonl", [{
        "doc_id": "d1", "start": 0, "end": 14, "type": "indirect", "text": _REL_TEXT[:14],
        "speaker": {"name": "Ola Brandt", "mention": {"text": "Ola Brandt", "start": 21, "end": 31},
                    "relative": None}}])
    assert evaluate(gold, pred_path=pred, relative_mentions=True)["speaker_mention_accuracy"] == 1.0

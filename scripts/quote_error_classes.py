"""Quote span error analysis: misses, false positives and boundary errors, by class.

Parses a gold JSONL once (parses cached under ``--cache``, shared with
``speaker_errors.py``), runs extraction as `quotegraph evaluate` does, matches
predictions to gold with the scorer's own rule, and sorts every error into a
class: a miss (gold unmatched at 0.3), a false positive (prediction unmatched
at 0.3) or a boundary error (matched at 0.3, not at 0.8). For development
only: it reads ``../shared`` in place and writes nothing into the repository.

Usage::

    .venv/bin/python scripts/quote_error_classes.py ../shared/corpora/ggt/dev.jsonl
    .venv/bin/python scripts/quote_error_classes.py ../shared/corpora/polnear/dev.jsonl --join-quote-runs --headline-quotes
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from quotegraph.config import PipelineConfig
from quotegraph.conventions import gold_items, predicted_items
from quotegraph.evaluate import score_document
from quotegraph.model import Article
from quotegraph.nlp.entities import link_entities
from quotegraph.nlp.pipeline import extract_quotes, load_pipeline

from speaker_errors import _parses  # noqa: E402  (same directory, same cache)

_MARKS = re.compile("[\"“”«»]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--join-quote-runs", action="store_true")
    parser.add_argument("--headline-quotes", action="store_true")
    parser.add_argument("--cache", default="/tmp/quotegraph-parses")
    parser.add_argument("--show", type=int, default=12, help="examples listed per class")
    parser.add_argument("--only", help="list only classes containing this text")
    args = parser.parse_args()

    golds = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    nlp = load_pipeline()
    docs = _parses(nlp, golds, Path(args.cache), args.gold + ":")
    config = PipelineConfig(join_quote_runs=args.join_quote_runs, headline_quotes=args.headline_quotes)
    quotes = []
    for gold, doc in zip(golds, docs):
        quotes.extend(extract_quotes(doc, Article(doc_id=str(gold["doc_id"]), text=gold["text"]), config=config))
    linked, _ = link_entities(quotes)
    by_doc: dict[str, list[dict]] = {}
    for quote in linked:
        by_doc.setdefault(quote.doc_id, []).append(quote.to_dict())
    errors, totals = [], Counter()
    for gold in golds:
        text = gold["text"]
        items = gold_items(gold.get("quotes") or [], join=args.join_quote_runs)
        preds = predicted_items(by_doc.get(str(gold["doc_id"]), []), join=args.join_quote_runs, text=text)
        errors += _classify(str(gold["doc_id"]), text, items, preds, totals)
    _report(errors, totals, args.show, args.only)


def _classify(doc_id: str, text: str, items: list, preds: list, totals: Counter) -> list[dict]:
    scored = score_document(items, preds, thresholds=(0.3, 0.8))
    low, high = dict(scored["0.3"]["pairs"]), dict(scored["0.8"]["pairs"])
    low_p = set(low.values())
    for key in ("0.3", "0.8"):
        for field in ("tp", "fp", "fn"):
            totals[f"{key} {field}"] += scored[key][field]
    out = []
    for g, item in enumerate(items):
        if item.get("optional"):
            continue
        gs, ge = item["quote_span"]
        if g not in low:
            near = [p for p in preds if p["start"] < ge and gs < p["end"]]
            out.append(_row("miss", _miss_class(text, item, near), doc_id, text, gs, ge, near))
        elif g not in high:
            p = preds[low[g]]
            out.append(_row("boundary", _boundary_class(text, item, p), doc_id, text, gs, ge, [p]))
    for p, pred in enumerate(preds):
        if p not in low_p:
            near = [i for i in items if i["quote_span"][0] < pred["end"] and pred["start"] < i["quote_span"][1]]
            out.append(_row("fp", _fp_class(text, pred, near), doc_id, text, pred["start"], pred["end"], [],
                            cue=(pred.get("cue") or {}).get("text"), res=(pred.get("speaker") or {}).get("resolution")))
    return out


def _miss_class(text: str, item: dict, near: list) -> str:
    gs, ge = item["quote_span"]
    kind = item.get("type")
    where = "overlapped-but-<0.3" if near else "nothing-there"
    extra = " cue-less" if not item.get("cue") else ""
    extra += " multi-para" if "\n" in text[gs:ge].strip() else ""
    return f"{kind}{extra} ({where})"


def _boundary_class(text: str, item: dict, pred: dict) -> str:
    gs, ge = item["quote_span"]
    ps, pe = pred["start"], pred["end"]
    side = []
    if ps > gs:
        side.append("pred-starts-late")
    if pe < ge:
        side.append("pred-ends-early")
    if ps < gs:
        side.append("pred-starts-early")
    if pe > ge:
        side.append("pred-ends-late")
    return f"{item.get('type')}/{pred.get('type')} " + "+".join(side)


def _fp_class(text: str, pred: dict, near: list) -> str:
    res = (pred.get("speaker") or {}).get("resolution")
    cue = "cue" if pred.get("cue") else "no-cue"
    where = "overlaps-gold" if near else "alone"
    return f"{pred.get('type')} {cue} {res} ({where})"


def _row(what, cls, doc_id, text, start, end, near, **extra) -> dict:
    return {"what": what, "class": cls, "doc_id": doc_id, "span": (start, end), "text": text[start:end],
            "context": text[max(0, start - 120):start], "near": [(p["start"], p["end"], p.get("type")) for p in near],
            **extra}


def _report(errors: list[dict], totals: Counter, show: int, only: str | None) -> None:
    for key in ("0.3", "0.8"):
        tp, fp, fn = (totals[f"{key} {f}"] for f in ("tp", "fp", "fn"))
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"@{key}: tp {tp} fp {fp} fn {fn}  P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")
    for what in ("miss", "fp", "boundary"):
        group = [e for e in errors if e["what"] == what]
        print(f"\n##### {what}: {len(group)}")
        for cls, count in Counter(e["class"] for e in group).most_common():
            print(f"  {count:4d}  {cls}")
    for what in ("miss", "fp", "boundary"):
        for cls, count in Counter(e["class"] for e in errors if e["what"] == what).most_common():
            if only and only not in f"{what} {cls}":
                continue
            print(f"\n== {what}: {cls}: {count}")
            for e in [e for e in errors if e["what"] == what and e["class"] == cls][:show]:
                ctx = " ".join(e["context"].split())[-90:]
                body = e["text"].replace("\n", " ¶ ")
                print(f"  [{e['doc_id'][:10]} {e['span'][0]}] …{ctx} ⟦{body[:220]}⟧ near={e['near']}"
                      + (f" cue={e.get('cue')!r}" if what == "fp" else ""))


if __name__ == "__main__":
    main()

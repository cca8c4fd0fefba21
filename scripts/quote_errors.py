"""Quote span errors: misses, false positives and boundary errors, by cue word or by shape.

Parses a gold JSONL once (cached as `speaker_errors.py` does), runs extraction
as `quotegraph evaluate` does, matches with the scorer's own rule and lists
gold quotes missed at 0.3, predictions matching nothing and matches at 0.3 that
fail at 0.8 (boundary errors), grouped by cue word (``--by cue``) or by shape
(``--by shape``: type, cue-less, which end is off). For development only: it
reads ``../shared`` in place and writes nothing into the repository.

Usage::

    .venv/bin/python scripts/quote_errors.py ../shared/corpora/polnear/dev.jsonl --join-quote-runs --headline-quotes
    .venv/bin/python scripts/quote_errors.py ../shared/corpora/polnear/train.jsonl --docs 0:250 --join-quote-runs
    .venv/bin/python scripts/quote_errors.py ../shared/corpora/ggt/dev.jsonl --by shape --only miss
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from speaker_errors import _parses  # noqa: E402

from quotegraph.config import PipelineConfig  # noqa: E402
from quotegraph.conventions import gold_items, predicted_items  # noqa: E402
from quotegraph.evaluate import score_document  # noqa: E402
from quotegraph.model import Article  # noqa: E402
from quotegraph.nlp.pipeline import extract_quotes, load_pipeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--docs", default=":", help="slice of documents, e.g. 0:250")
    parser.add_argument("--join-quote-runs", action="store_true")
    parser.add_argument("--headline-quotes", action="store_true")
    parser.add_argument("--cache", default="/tmp/quotegraph-parses-s14")
    parser.add_argument("--show", type=int, default=8, help="examples listed per class")
    parser.add_argument("--json", help="write every error as JSON lines here")
    parser.add_argument("--by", choices=("cue", "shape"), default="cue", help="how errors are grouped")
    parser.add_argument("--only", help="list only groups whose heading contains this text")
    args = parser.parse_args()

    start, _, stop = args.docs.partition(":")
    golds = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    golds = golds[int(start) if start else None : int(stop) if stop else None]
    docs = _parses(load_pipeline(), golds, Path(args.cache), args.gold + args.docs)
    config = PipelineConfig(join_quote_runs=args.join_quote_runs, headline_quotes=args.headline_quotes)
    errors, counts = [], Counter()
    for gold, doc in zip(golds, docs):
        article = Article(doc_id=str(gold["doc_id"]), text=gold["text"])
        rows = [q.to_dict() for q in extract_quotes(doc, article, config=config)]
        errors += _doc_errors(gold, rows, args.join_quote_runs, counts)
    _report(errors, counts, args.show, by=args.by, only=args.only)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            for error in errors:
                out.write(json.dumps(error) + "\n")


def _doc_errors(gold: dict, rows: list[dict], join: bool, counts: Counter) -> list[dict]:
    text = gold["text"]
    items = gold_items(gold.get("quotes") or [], join=join)
    preds = predicted_items(rows, join=join, text=text)
    scored = score_document(items, preds, thresholds=(0.3, 0.8))
    loose, tight = scored["0.3"]["pairs"], scored["0.8"]["pairs"]
    for key in ("tp", "fp", "fn"):
        counts[f"{key}@0.3"] += scored["0.3"][key]
        counts[f"{key}@0.8"] += scored["0.8"][key]
    out = []
    matched_g, matched_p = {g for g, _ in loose}, {p for _, p in loose}
    tight_g = {g for g, _ in tight}

    def ctx(a: int, b: int) -> str:
        return (text[max(0, a - 120):a] + "⟦" + text[a:b] + "⟧" + text[b:b + 60]).replace("\n", " | ")

    for g, item in enumerate(items):
        if item.get("optional"):
            continue
        a, b = item["quote_span"]
        if g not in matched_g:
            near = any(p["start"] < b and a < p["end"] for p in preds)
            shape = f"{item.get('type')}{'' if item.get('cue') else ' cue-less'}"
            shape += (" multi-para" if "\n" in text[a:b].strip() else "") + (" (overlapped)" if near else " (nothing there)")
            out.append({"class": "miss", "cue": str(item.get("cue", "")).lower(), "doc": gold["doc_id"],
                        "context": ctx(a, b), "type": item.get("type"), "shape": shape})
        elif g not in tight_g:
            p = next(p for gg, p in loose if gg == g)
            pa, pb = preds[p]["start"], preds[p]["end"]
            side = ("starts late" if pa > a else "starts early" if pa < a else "") + (
                " ends early" if pb < b else " ends late" if pb > b else "")
            out.append({"class": "boundary", "cue": str(item.get("cue", "")).lower(), "doc": gold["doc_id"],
                        "context": ctx(a, b), "pred": text[pa:pb], "side": side.strip(),
                        "shape": f"{item.get('type')}/{preds[p].get('type')} {side.strip()}"})
    for p, pred in enumerate(preds):
        if p in matched_p:
            continue
        cue = (pred.get("cue") or {}).get("text", "<none>").lower()
        near = any(i["quote_span"][0] < pred["end"] and pred["start"] < i["quote_span"][1] for i in items)
        resolution = (pred.get("speaker") or {}).get("resolution")
        shape = f"{pred.get('type')} {'cue' if pred.get('cue') else 'no-cue'} {resolution}"
        out.append({"class": "fp", "cue": cue, "doc": gold["doc_id"], "type": pred.get("type"),
                    "context": ctx(pred["start"], pred["end"]),
                    "shape": shape + (" (overlaps gold)" if near else " (alone)")})
    return out


def _report(errors: list[dict], counts: Counter, show: int, *, by: str, only: str | None) -> None:
    print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    for cls in ("miss", "fp", "boundary"):
        chosen = [e for e in errors if e["class"] == cls]
        print(f"\n######## {cls}: {len(chosen)}")
        for group, n in Counter(e[by] for e in chosen).most_common():
            if only and only not in f"{cls} / {group}":
                continue
            print(f"\n== {cls} / {group}: {n}")
            for e in [e for e in chosen if e[by] == group][:show]:
                print("   ", e.get("side", e.get("type", "")), e["context"][-300:])
                if "pred" in e:
                    print("      pred:", e["pred"][:200].replace("\n", " | "))


if __name__ == "__main__":
    main()

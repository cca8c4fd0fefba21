"""Speaker error analysis: wrong or unknown speaker names and mentions, by pattern.

Parses a gold JSONL once (the parses are cached under ``--cache``), then runs
extraction, speaker resolution and corpus linking as `quotegraph evaluate`
does, matches predictions to gold quotes with the scorer's own rule, and lists
every matched quote whose speaker name or mention is wrong, grouped by the
kind of mention and how it was resolved. For development only: it reads
``../shared`` in place and writes nothing into the repository.

Usage::

    .venv/bin/python scripts/speaker_errors.py ../shared/corpora/ggt/dev.jsonl
    .venv/bin/python scripts/speaker_errors.py ../shared/corpora/polnear/train.jsonl \
        --docs 0:250 --join-quote-runs --show 40
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

import numpy
from spacy.tokens import DocBin

from quotegraph.config import PipelineConfig
from quotegraph.evaluate import names_agree, score_document
from quotegraph.model import Article
from quotegraph.nlp import coref
from quotegraph.nlp.entities import link_entities
from quotegraph.nlp.pipeline import extract_quotes, load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("--docs", default=":", help="slice of documents, e.g. 0:250")
    parser.add_argument("--join-quote-runs", action="store_true")
    parser.add_argument("--cache", default="/tmp/quotegraph-parses")
    parser.add_argument("--show", type=int, default=25, help="examples listed per pattern")
    parser.add_argument("--json", help="write every error as JSON lines here")
    parser.add_argument("--no-coref", action="store_true", help="pronouns by rules only")
    args = parser.parse_args()

    start, _, stop = args.docs.partition(":")
    golds = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    golds = golds[int(start) if start else None : int(stop) if stop else None]
    nlp = load_pipeline()
    if args.no_coref:
        coref.coref_available = lambda doc: False  # the rules alone, for comparison
    docs = _parses(nlp, golds, Path(args.cache), args.gold + args.docs)
    config = PipelineConfig(join_quote_runs=args.join_quote_runs)
    quotes = []
    for gold, doc in zip(golds, docs):
        article = Article(doc_id=str(gold["doc_id"]), text=gold["text"])
        quotes.extend(extract_quotes(doc, article, config=config))
    linked, _ = link_entities(quotes)
    by_doc: dict[str, list[dict]] = {}
    for quote in linked:
        by_doc.setdefault(quote.doc_id, []).append(quote.to_dict())
    errors, totals = _errors(golds, by_doc)
    _report(errors, totals, args.show)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            for error in errors:
                out.write(json.dumps(error) + "\n")


def _parses(nlp, golds: list[dict], cache: Path, key: str) -> list:
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1((key + nlp.meta.get("version", "")).encode()).hexdigest()[:16]
    path, tensors = cache / f"{digest}.spacy", cache / f"{digest}.npz"
    if path.is_file() and tensors.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        with numpy.load(tensors) as saved:
            for index, doc in enumerate(docs):
                doc.tensor = saved[str(index)]  # coreferee reads token vectors from the tensor
        return docs
    docs = list(nlp.pipe((g["text"] for g in golds), batch_size=8))
    bin_ = DocBin(store_user_data=True)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(path)
    numpy.savez(tensors, **{str(i): doc.tensor for i, doc in enumerate(docs)})
    return docs


def _errors(golds: list[dict], by_doc: dict[str, list[dict]]) -> tuple[list[dict], Counter]:
    errors, totals = [], Counter()
    for gold in golds:
        doc_id, text = str(gold["doc_id"]), gold["text"]
        items, preds = gold.get("quotes") or [], by_doc.get(doc_id, [])
        pairs = score_document(items, preds, thresholds=(0.3,))["0.3"]["pairs"]
        for g, p in pairs:
            item, pred = items[g], preds[p]
            if item.get("optional"):
                continue
            totals["matched"] += 1
            speaker = pred.get("speaker") or {}
            mention = speaker.get("mention")
            name_ok = names_agree(str(item.get("speaker_name") or ""), str(speaker.get("name") or ""))
            span = item.get("speaker_span")
            mention_ok = None
            if span:
                totals["with_span"] += 1
                mention_ok = bool(mention) and mention["start"] < span[1] and span[0] < mention["end"]
                totals["mention_ok"] += mention_ok
            totals["name_ok"] += name_ok
            if name_ok and mention_ok is not False:
                continue
            errors.append({
                "doc_id": doc_id,
                "pattern": _pattern(speaker, mention, name_ok, mention_ok),
                "gold_name": item.get("speaker_name"),
                "gold_mention": text[span[0]:span[1]] if span else None,
                "pred_name": speaker.get("name"),
                "pred_mention": mention["text"] if mention else None,
                "resolution": speaker.get("resolution"),
                "kind": speaker.get("kind"),
                "quote": text[pred["start"]:pred["end"]][:90],
                "context": text[max(0, pred["start"] - 160):pred["start"]].replace("\n", " | ")[-160:],
            })
    return errors, totals


def _pattern(speaker: dict, mention: dict | None, name_ok: bool, mention_ok: bool | None) -> str:
    what = "mention" if mention_ok is False else "name"
    if not name_ok and speaker.get("name") == "unknown":
        return f"{what}: unknown, {'no mention' if mention is None else 'mention kept'}"
    return f"{what}: wrong via {speaker.get('resolution')} ({speaker.get('kind')})"


def _report(errors: list[dict], totals: Counter, show: int) -> None:
    n, m = totals["matched"], totals["with_span"]
    print(f"matched {n}; name {totals['name_ok'] / max(n, 1):.3f}; mention {totals['mention_ok'] / max(m, 1):.3f}")
    for pattern, count in Counter(e["pattern"] for e in errors).most_common():
        print(f"\n== {pattern}: {count}")
        for e in [e for e in errors if e["pattern"] == pattern][:show]:
            print(f"  gold {e['gold_name']!r} [{e['gold_mention']}]  pred {e['pred_name']!r} [{e['pred_mention']}]")
            print(f"     …{e['context'][-110:]} ⟦{e['quote'][:60]}⟧")


if __name__ == "__main__":
    main()

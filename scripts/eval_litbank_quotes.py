"""Speaker accuracy on LitBank's quotation attribution (``../shared/corpora/litbank/quotations``).

LitBank gives each quotation (line/token offsets) the coreference entity that
speaks it (``ATTRIB Q12 Florence-2``); ``coref/brat`` lists that entity's
mentions and which of them are proper names (``PROP_PER``). A gold quote counts
when its speaker is *named or a pronoun* near it: a proper-name or pronoun
mention of the speaking entity stands outside quote marks on the lines the
quote spans, and the entity has a proper name somewhere in the text (an
entity only ever called "the boy" cannot be named right). For those quotes we
run quotegraph's extraction and speaker resolution and report:

* ``found``: a predicted quote overlaps the gold quote by more than 0.3 of it;
* ``mention``: its speaker mention overlaps a mention of the gold entity;
* ``name``: its resolved speaker name agrees with one of the entity's proper
  names (a shared surname or first name counts, as in ``evaluate.names_agree``).

Usage::

    python scripts/eval_litbank_quotes.py [--limit N] [--no-coref] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from quotegraph.model import Quote
from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect
from quotegraph.nlp.pipeline import load_pipeline
from quotegraph.nlp.speakers import resolve_speakers

ROOT = Path(__file__).resolve().parent.parent
LITBANK = ROOT.parent / "shared" / "corpora" / "litbank"
PRONOUNS = frozenset("he she him her i you we they me us them".split())
OVERLAP = 0.3

logger = logging.getLogger("eval_litbank_quotes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--no-coref", action="store_true", help="rules only, no coreferee")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--litbank", type=Path, default=LITBANK)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    nlp = load_pipeline(use_coref=not args.no_coref)
    names = sorted(p.stem for p in (args.litbank / "quotations").glob("*.ann"))
    names = names[: args.limit] if args.limit else names
    totals: dict[str, int] = defaultdict(int)
    started = time.time()
    for name in names:
        for key, value in _score(nlp, args.litbank, name).items():
            totals[key] += value
    figures = _figures(totals, len(names), time.time() - started, not args.no_coref)
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def _score(nlp: Any, litbank: Path, name: str) -> dict[str, int]:
    text = (litbank / "quotations" / f"{name}.txt").read_text(encoding="utf-8")
    gold = _gold_quotes(text, (litbank / "quotations" / f"{name}.ann").read_text(encoding="utf-8"))
    mentions = _entity_mentions((litbank / "coref" / "brat" / f"{name}.ann").read_text(encoding="utf-8"))
    doc = nlp(text)
    direct = list(extract_direct(doc))
    predicted = resolve_speakers(doc, list(extract_indirect(doc, direct=direct)))
    quoted = [(q.start, q.end) for q in predicted] + [(s, e) for s, e, _ in gold]
    counts = defaultdict(int)
    for start, end, entity in gold:
        entity_mentions = mentions.get(entity, [])
        if not _named_nearby(text, start, end, entity_mentions, quoted):
            continue
        counts["eligible"] += 1
        quote = _best(predicted, start, end)
        if quote is None:
            continue
        counts["found"] += 1
        mention = quote.speaker.mention
        if mention and any(min(mention.end, e) > max(mention.start, s) for s, e, _ in entity_mentions):
            counts["mention"] += 1
        if _name_agrees(quote.speaker.name, entity_mentions):
            counts["name"] += 1
    return counts


def _gold_quotes(text: str, ann: str) -> list[tuple[int, int, str]]:
    """``(start, end, entity)`` per quotation, offsets from LitBank's line/token positions."""
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)

    def offset(line: int, token: int, end: bool) -> int:
        spans = [m.span() for m in re.finditer(r"\S+", lines[line])]
        s, e = spans[token - 1] if end else spans[token]
        return line_starts[line] + (e if end else s)

    spans, speakers = {}, {}
    for row in ann.splitlines():
        fields = row.split("\t")
        if fields[0] == "QUOTE":
            sl, st, el, et = (int(x) for x in fields[2:6])
            spans[fields[1]] = (offset(sl, st, False), offset(el, et, True))
        elif fields[0] == "ATTRIB":
            speakers[fields[1]] = fields[2]
    return [(s, e, speakers[q]) for q, (s, e) in spans.items() if q in speakers]


def _entity_mentions(ann: str) -> dict[str, list[tuple[int, int, str]]]:
    """Coreference entity label → its pronoun and proper-name mentions ``(start, end, text)``."""
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    proper = set()
    rows = [row.split("\t") for row in ann.splitlines()]
    for fields in rows:
        if len(fields) == 3 and fields[1].startswith("PROP_"):
            _, start, end = fields[1].split()
            proper.add((int(start), int(end)))
    for fields in rows:
        if len(fields) == 3 and "-" in fields[1].split()[0]:
            label, start, end = fields[1].split()
            span = (int(start), int(end))
            if span in proper or fields[2].lower() in PRONOUNS:
                found[label].append((*span, fields[2]))
    return {label: ms for label, ms in found.items() if any(m[2].lower() not in PRONOUNS for m in ms)}


def _named_nearby(text: str, start: int, end: int, mentions: list, quoted: list) -> bool:
    """A proper-name or pronoun mention of the speaker outside quotes on the quote's lines."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    for s, _, _ in mentions:
        if left <= s < right and not any(a <= s < b for a, b in quoted):
            return True  # every kept mention is a proper name or a pronoun
    return False


def _best(predicted: list[Quote], start: int, end: int) -> Quote | None:
    def overlap(q: Quote) -> float:
        return max(0, min(end, q.end) - max(start, q.start)) / max(1, end - start)

    best = max(predicted, key=overlap, default=None)
    return best if best is not None and overlap(best) > OVERLAP else None


def _name_agrees(predicted: str, mentions: list[tuple[int, int, str]]) -> bool:
    words = {w for w in re.findall(r"[^\W_]+", predicted.lower())} - {"the", "a", "an", "mr", "mrs", "miss"}
    if not words or predicted == "unknown":
        return False
    for _, _, text in mentions:
        if text.lower() not in PRONOUNS:
            gold = {w for w in re.findall(r"[^\W_]+", text.lower())} - {"the", "a", "an", "mr", "mrs", "miss"}
            if gold and (gold <= words or words <= gold):
                return True
    return False


def _figures(totals: dict[str, int], documents: int, seconds: float, coref: bool) -> dict[str, Any]:
    eligible = totals["eligible"] or 1
    found = totals["found"] or 1
    return {
        "documents": documents,
        "coreferee": coref,
        "eligible_quotes": totals["eligible"],
        "found": totals["found"],
        "found_rate": round(totals["found"] / eligible, 3),
        "speaker_mention_accuracy_of_found": round(totals["mention"] / found, 3),
        "speaker_name_accuracy_of_found": round(totals["name"] / found, 3),
        "speaker_name_accuracy_of_eligible": round(totals["name"] / eligible, 3),
        "seconds": round(seconds, 1),
    }


if __name__ == "__main__":
    raise SystemExit(main())

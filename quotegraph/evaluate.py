"""Score extracted quotes against gold annotations.

The scoring convention is the Gender Gap Tracker's (``../shared/README.md``):
a predicted quote matches a gold quote when ``|gold ∩ pred| / |gold|`` exceeds a
threshold; matching is greedy, best first, and uses each prediction at most
once; gold items marked ``optional`` count neither way. Besides precision,
recall and F1 at each threshold, `evaluate` reports type accuracy, speaker
mention and name accuracy, exact and overlap P/R/F for content, cue and speaker
separately, and the worst misses.

Examples
--------
>>> gold = [{"quote_span": [0, 10], "type": "direct", "speaker_span": None,
...          "speaker_name": "Kirby", "cue": "said"}]
>>> pred = [{"start": 0, "end": 9, "type": "direct", "cue": None,
...          "speaker": {"name": "John Kirby", "mention": None}, "text": ""}]
>>> score_document(gold, pred, thresholds=(0.3, 0.95))["0.3"]["tp"]
1
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from quotegraph.conventions import gold_items, gold_joins_runs, name_words, names_agree, predicted_items
from quotegraph.errors import InputFormatError
from quotegraph.evaluate_gender import format_gender_report, has_source_genders, score_source_gender

if TYPE_CHECKING:
    from quotegraph.config import PipelineConfig

__all__ = ["evaluate", "format_report", "score_document", "names_agree", "read_jsonl"]

logger = logging.getLogger(__name__)

Item = Mapping[str, Any]
_WORST = 10


def evaluate(
    gold_path: str | Path,
    *,
    pred_path: str | Path | None = None,
    predicted: Iterable[Mapping[str, Any]] | None = None,
    thresholds: Sequence[float] = (0.3, 0.8),
    config: PipelineConfig | None = None,
    join_quote_runs: bool = False,
    relative_mentions: bool = False,
) -> dict[str, Any]:
    """Score predictions against a gold JSONL file (this module never runs extraction).

    Parameters
    ----------
    gold_path : str or Path
        Gold file: one ``{doc_id, text, quotes: [...]}`` object per line.
    pred_path : str or Path, optional (default=None)
        Quotes JSONL (one ``Quote.to_dict()`` per line, ``doc_id`` matching the
        gold).
    predicted : iterable of dict, optional (default=None)
        The same rows already in memory, instead of ``pred_path``
        (`quotegraph.api.score` extracts them from the gold texts).
    thresholds : sequence of float, optional (default=(0.3, 0.8))
        Overlap thresholds; the first one is used for the accuracies, the
        field scores and the lists of misses.
    config : PipelineConfig, optional (default=None)
        ``gender`` and ``lang`` for scoring source genders (GGT gold).
    join_quote_runs : bool, optional (default=False)
        The convention to score in, chosen by the user: a statement in pieces
        (``"A," X said. "B."``, ``A, X said, B``) is one quote (True, as PolNeAR
        annotates it) or one quote per piece (False, as GGT and the seeds do).
        Gold quotes with ``quote_parts`` and predictions with ``parts`` or a
        shared ``statement_id`` are brought to it (`quotegraph.conventions`).
        The gold file is never read to choose it; when it looks joined and
        this is False, ``hint`` in the result says so.
    relative_mentions : bool, optional (default=False)
        The mention convention, chosen by the user: in "Kirby, who said ..."
        gold marks the antecedent "Kirby" (False: GGT, the seeds) or the
        relative pronoun "who" (True: PolNeAR's source spans). When True, a
        prediction read through a relative pronoun (``speaker.relative``) is
        scored on that pronoun's span instead of its ``mention``.

    Returns
    -------
    dict
        JSON-ready: counts, ``thresholds`` (per threshold ``tp``, ``fp``, ``fn``,
        ``precision``, ``recall``, ``f1``), ``type_accuracy``,
        ``speaker_mention_accuracy``, ``speaker_name_accuracy``, ``fields``
        (exact and overlap P/R/F for content, cue and speaker),
        ``false_negatives``, ``false_positives``, ``join_quote_runs`` and
        ``hint`` (None, or a note on the convention the gold seems to follow).

    Raises
    ------
    InputFormatError
        When a gold or prediction line cannot be read.
    """
    if not thresholds:
        raise ValueError("thresholds is empty; give at least one value in (0, 1)")
    if (pred_path is None) == (predicted is None):
        raise ValueError("give the predictions as exactly one of pred_path and predicted")
    gold_docs = list(read_jsonl(gold_path))
    joined = join_quote_runs
    by_doc = _group(read_jsonl(pred_path) if pred_path is not None else predicted or ())
    total = _Totals(thresholds, relative_mentions=relative_mentions)
    for doc in gold_docs:
        doc_id, text = str(doc.get("doc_id")), str(doc.get("text", ""))
        gold = gold_items(doc.get("quotes") or [], join=joined)
        total.add(doc_id, text, gold, predicted_items(by_doc.get(doc_id, []), join=joined, text=text))
    result = total.result()
    result.update(gold=str(gold_path), pred=str(pred_path) if pred_path else None, join_quote_runs=joined,
                  relative_mentions=relative_mentions)
    looks_joined = gold_joins_runs(gold_docs)
    result["hint"] = None if looks_joined == joined else (
        "the gold file seems to " + ("join" if looks_joined else "separate")
        + " quote runs; score it with " + ("--join-quote-runs" if looks_joined else "--separate-quote-runs"))
    if has_source_genders(gold_docs):  # GGT's per-article source lists
        result["source_gender"] = score_source_gender(gold_docs, by_doc, config=config)
    return result


def format_report(result: Mapping[str, Any]) -> str:
    """Render the dict of `evaluate` as a short plain-text report.

    >>> print(format_report({"documents": 0, "gold_quotes": 0, "optional": 0,
    ...                      "predicted": 0, "thresholds": {}}).splitlines()[0])
    documents 0, gold quotes 0 (+0 optional), predicted 0
    """
    lines = [
        f"documents {result['documents']}, gold quotes {result['gold_quotes']} "
        f"(+{result['optional']} optional), predicted {result['predicted']}",
        "",
        "threshold  precision  recall     f1      tp    fp    fn",
    ]
    runs = "one quote" if result.get("join_quote_runs") else "one quote per piece"
    lines.insert(1, f'statements in pieces ("A," X said. "B.") scored as {runs}')
    if result.get("hint"):
        lines.insert(2, f"hint: {result['hint']}")
    for key, s in result["thresholds"].items():
        lines.append(
            f"{key:<9}  {s['precision']:9.3f}  {s['recall']:6.3f}  {s['f1']:6.3f}  "
            f"{s['tp']:5d} {s['fp']:5d} {s['fn']:5d}"
        )
    for key in ("type_accuracy", "speaker_mention_accuracy", "speaker_name_accuracy"):
        if key in result:
            lines.append(f"{key.replace('_', ' ')}: {_fmt(result[key])}")
    lines += _format_fields(result.get("fields", {}))
    for key, title in (("false_negatives", "missed (gold not found)"),
                       ("false_positives", "spurious (predicted, not in gold)")):
        if result.get(key):
            lines += ["", f"worst {title}:"]
            lines += [f"  {m['doc_id']} [{m['start']}:{m['end']}] {m['type']}: {_clip(m['text'])}"
                      for m in result[key]]
    lines += ["", format_gender_report(result["source_gender"])] if "source_gender" in result else []
    return "\n".join(lines)


def score_document(
    gold: Sequence[Item], pred: Sequence[Item], *, thresholds: Sequence[float] = (0.3, 0.8)
) -> dict[str, Any]:
    """Match one document's gold and predicted quotes at each threshold.

    Returns a dict keyed by threshold (``"0.3"``) with ``tp``, ``fp``, ``fn`` and
    ``pairs`` (matched ``(gold_index, pred_index)``), plus ``"exact"`` (pairs
    whose spans are identical).
    """
    out: dict[str, Any] = {}
    for threshold in thresholds:
        pairs = _match(gold, pred, threshold)
        out[_key(threshold)] = _counts(gold, pred, pairs)
    exact = [(g, p) for g, p in _match(gold, pred, 0.0) if _span(gold[g]) == _span(pred[p])]
    out["exact"] = _counts(gold, pred, exact)
    return out


# -- matching -----------------------------------------------------------------


def _match(gold: Sequence[Item], pred: Sequence[Item], threshold: float) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one matching on |gold ∩ pred| / |gold|."""
    candidates = []
    for g, item in enumerate(gold):
        gs, ge = _span(item)
        for p, guess in enumerate(pred):
            ps, pe = _span(guess)
            common = min(ge, pe) - max(gs, ps)
            if common <= 0 or ge <= gs:
                continue
            cover = common / (ge - gs)
            if cover > threshold:
                # Ties go to required gold, then to the tighter prediction.
                tight = common / (max(ge, pe) - min(gs, ps))
                candidates.append((-cover, bool(item.get("optional")), -tight, g, p))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, _, g, p in candidates:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def _counts(gold: Sequence[Item], pred: Sequence[Item], pairs: list[tuple[int, int]]) -> dict[str, Any]:
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    tp = sum(1 for g, _ in pairs if not gold[g].get("optional"))
    fn = sum(1 for g, item in enumerate(gold) if g not in matched_g and not item.get("optional"))
    fp = sum(1 for p in range(len(pred)) if p not in matched_p)
    return {"tp": tp, "fp": fp, "fn": fn, "pairs": pairs}


class _Totals:
    """Running sums over documents."""

    def __init__(self, thresholds: Sequence[float], *, relative_mentions: bool = False) -> None:
        self.thresholds = tuple(thresholds)
        self.relative = relative_mentions
        self.counts: dict[str, Counter[str]] = {_key(t): Counter() for t in self.thresholds}
        self.counts["exact"] = Counter()
        self.checks: Counter[str] = Counter()
        self.types: Counter[str] = Counter()
        self.misses: list[dict[str, Any]] = []
        self.spurious: list[dict[str, Any]] = []
        self.docs = self.gold = self.optional = self.pred = 0

    def add(self, doc_id: str, text: str, gold: Sequence[Item], pred: Sequence[Item]) -> None:
        self.docs += 1
        self.gold += sum(1 for g in gold if not g.get("optional"))
        self.optional += sum(1 for g in gold if g.get("optional"))
        self.pred += len(pred)
        scores = score_document(gold, pred, thresholds=self.thresholds)
        for key, s in scores.items():
            self.counts[key].update({k: s[k] for k in ("tp", "fp", "fn")})
        pairs = scores[_key(self.thresholds[0])]["pairs"]
        self._check_pairs(text, gold, pred, pairs)
        self._field_totals(gold, pred, pairs)
        self._collect_misses(doc_id, text, gold, pred, pairs)

    def _check_pairs(self, text: str, gold: Sequence[Item], pred: Sequence[Item],
                     pairs: list[tuple[int, int]]) -> None:
        for g, p in pairs:
            if gold[g].get("optional"):
                continue
            gtype, ptype = str(gold[g].get("type")), str(pred[p].get("type"))
            self.types[f"{gtype}->{ptype}"] += 1
            self.checks["type_n"] += 1
            self.checks["type_ok"] += gtype == ptype
            self.checks["name_n"] += 1
            self.checks["name_ok"] += names_agree(
                str(gold[g].get("speaker_name") or ""), _pred_name(pred[p]),
                kind=str((pred[p].get("speaker") or {}).get("kind") or "person"))
            if gold[g].get("speaker_span"):
                self.checks["mention_n"] += 1
                mention = _pred_mention(pred[p], relative=self.relative)
                self.checks["mention_ok"] += mention is not None and _overlaps(
                    gold[g]["speaker_span"], mention)

    def _field_totals(self, gold: Sequence[Item], pred: Sequence[Item],
                      pairs: list[tuple[int, int]]) -> None:
        required = [g for g in gold if not g.get("optional")]
        for field in ("cue", "speaker"):
            self.checks[f"{field}_gold"] += sum(1 for g in required if _gold_field(g, field))
            self.checks[f"{field}_pred"] += sum(
                1 for p in pred if _pred_field(p, field, relative=self.relative) is not None)
        for g, p in pairs:
            if gold[g].get("optional"):
                continue
            for field in ("cue", "speaker"):
                exact, overlap = _field_match(gold[g], pred[p], field, relative=self.relative)
                self.checks[f"{field}_exact"] += exact
                self.checks[f"{field}_overlap"] += overlap

    def _collect_misses(self, doc_id: str, text: str, gold: Sequence[Item], pred: Sequence[Item],
                        pairs: list[tuple[int, int]]) -> None:
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for g, item in enumerate(gold):
            if g not in matched_g and not item.get("optional"):
                s, e = _span(item)
                self.misses.append(_miss(doc_id, s, e, item.get("type"), text[s:e]))
        for p, item in enumerate(pred):
            if p not in matched_p:
                s, e = _span(item)
                self.spurious.append(_miss(doc_id, s, e, item.get("type"), text[s:e]))

    def result(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.docs,
            "gold_quotes": self.gold,
            "optional": self.optional,
            "predicted": self.pred,
            "thresholds": {_key(t): _prf(self.counts[_key(t)]) for t in self.thresholds},
            "type_accuracy": _ratio(self.checks["type_ok"], self.checks["type_n"]),
            "type_confusion": dict(sorted(self.types.items())),
            "speaker_mention_accuracy": _ratio(self.checks["mention_ok"], self.checks["mention_n"]),
            "speaker_name_accuracy": _ratio(self.checks["name_ok"], self.checks["name_n"]),
            "fields": self._fields(),
        }
        longest = sorted(self.misses, key=lambda m: m["end"] - m["start"], reverse=True)
        out["false_negatives"] = longest[:_WORST]
        out["false_positives"] = sorted(
            self.spurious, key=lambda m: m["end"] - m["start"], reverse=True)[:_WORST]
        return out

    def _fields(self) -> dict[str, Any]:
        first = self.counts[_key(self.thresholds[0])]
        fields: dict[str, Any] = {
            "content": {"exact": _prf(self.counts["exact"]), "overlap": _prf(first)},
        }
        for field in ("cue", "speaker"):
            n_gold, n_pred = self.checks[f"{field}_gold"], self.checks[f"{field}_pred"]
            fields[field] = {
                mode: _prf({"tp": self.checks[f"{field}_{mode}"],
                            "fp": n_pred - self.checks[f"{field}_{mode}"],
                            "fn": n_gold - self.checks[f"{field}_{mode}"]})
                for mode in ("exact", "overlap")
            }
        return fields


# -- fields -------------------------------------------------------------------


def _gold_field(item: Item, field: str) -> Any:
    if field == "cue":
        return item.get("cue_span") or item.get("cue")
    return item.get("speaker_span")


def _pred_field(item: Item, field: str, *, relative: bool = False) -> Any:
    if field == "cue":
        return item.get("cue")
    return _pred_mention(item, relative=relative)


def _field_match(gold: Item, pred: Item, field: str, *, relative: bool = False) -> tuple[bool, bool]:
    """(exact, overlap) agreement of one field of a matched pair."""
    want, got = _gold_field(gold, field), _pred_field(pred, field, relative=relative)
    if not want or got is None:
        return False, False
    got_span = (int(got["start"]), int(got["end"])) if isinstance(got, Mapping) else tuple(got)
    if isinstance(want, str):  # a cue given as text only (the seeds)
        words = set(name_words(want))
        got_words = set(name_words(str(got.get("text", "")))) if isinstance(got, Mapping) else set()
        return want.lower() == str(got.get("text", "")).lower(), bool(words & got_words)
    want_span = (int(want[0]), int(want[1]))
    return want_span == got_span, _overlaps(want_span, got_span)


def _pred_mention(item: Item, *, relative: bool = False) -> tuple[int, int] | None:
    """The predicted mention's span; with ``relative``, its relative pronoun's when it has one."""
    speaker = item.get("speaker") or {}
    mention = (relative and speaker.get("relative")) or speaker.get("mention")
    if not mention:
        return None
    return int(mention["start"]), int(mention["end"])


def _pred_name(item: Item) -> str:
    return str((item.get("speaker") or {}).get("name") or "")


# -- helpers ------------------------------------------------------------------


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of a gold or prediction JSONL file, each with a ``doc_id``."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputFormatError(str(path), f"not JSON ({error.msg})", line=number) from None
            if not isinstance(row, dict) or "doc_id" not in row:
                raise InputFormatError(str(path), "expected an object with a 'doc_id'", line=number)
            yield row


def _group(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(str(row["doc_id"]), []).append(row)
    return grouped


def _span(item: Item) -> tuple[int, int]:
    if "quote_span" in item:
        start, end = item["quote_span"]
        return int(start), int(end)
    return int(item["start"]), int(item["end"])


def _overlaps(a: Sequence[int], b: Sequence[int]) -> bool:
    return min(int(a[1]), int(b[1])) > max(int(a[0]), int(b[0]))


def _prf(counts: Mapping[str, int]) -> dict[str, Any]:
    tp, fp, fn = int(counts.get("tp", 0)), int(counts.get("fp", 0)), int(counts.get("fn", 0))
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _key(threshold: float) -> str:
    return f"{threshold:g}"


def _miss(doc_id: str, start: int, end: int, kind: Any, text: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "start": start, "end": end, "type": str(kind), "text": text}


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def _clip(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _format_fields(fields: Mapping[str, Any]) -> list[str]:
    if not fields:
        return []
    lines = ["", "field     mode     precision  recall     f1"]
    for name, modes in fields.items():
        for mode, s in modes.items():
            lines.append(f"{name:<9} {mode:<8} {s['precision']:9.3f}  {s['recall']:6.3f}  {s['f1']:6.3f}")
    return lines

"""Source-gender scoring the Gender Gap Tracker's way.

GGT annotates, per article, the full names of the people quoted by gender
(``sources_female``, ``sources_male``). It scores a system on lower-cased
full-name sets per article, with true positives, false positives and false
negatives summed over articles (Asr et al. 2021). `score_source_gender` does
exactly that (``strict``) and a ``lenient`` variant in which a predicted lone
surname matches the gold full name that ends with it (each gold name is matched
once).

Examples
--------
>>> gold = [{"doc_id": "a", "sources_female": ["Ann Lee"], "sources_male": ["Bo Tran"]}]
>>> pred = {"a": [("Ann Lee", "female"), ("Tran", "male")]}
>>> result = score_genders(gold, pred)
>>> result["strict"]["female"]["f1"], result["strict"]["male"]["recall"], result["lenient"]["male"]["f1"]
(1.0, 0.0, 1.0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from quotegraph.model import Quote, SpeakerKind

if TYPE_CHECKING:
    from quotegraph.config import PipelineConfig

__all__ = ["has_source_genders", "score_genders", "score_source_gender", "format_gender_report"]

_GENDERS = ("female", "male")


def has_source_genders(gold_docs: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any gold article carries GGT's ``sources_female``/``sources_male`` lists."""
    return any("sources_female" in d or "sources_male" in d for d in gold_docs)


def score_source_gender(
    gold_docs: Sequence[Mapping[str, Any]],
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    config: PipelineConfig | None = None,
) -> dict[str, Any]:
    """Score the genders of predicted speakers against GGT's per-article source lists.

    Parameters
    ----------
    gold_docs : sequence of mapping
        Gold articles (``doc_id``, ``text``, ``sources_female``, ``sources_male``).
    predicted : mapping of doc_id to quote dicts
        ``Quote.to_dict()`` rows. Rows that carry no ``gender`` (a fresh
        per-article extraction) are first linked across the corpus and given
        genders as ``quotegraph build`` does, with ``config.gender``.
    config : PipelineConfig, optional
        Supplies ``gender`` and ``lang``.

    Returns
    -------
    dict
        ``strict`` and ``lenient``: per gender ``tp``, ``fp``, ``fn``,
        ``precision``, ``recall``, ``f1``; plus ``articles`` scored.
    """
    from quotegraph.config import PipelineConfig

    config = config or PipelineConfig()
    quotes = [Quote.from_dict(row) for rows in predicted.values() for row in rows]
    if not any((row.get("speaker") or {}).get("gender") for rows in predicted.values() for row in rows):
        quotes = _with_genders(quotes, gold_docs, config)
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for quote in quotes:
        speaker = quote.speaker
        # GGT's lists hold named people only: "a spokeswoman" is a source, not a name to score.
        if speaker.kind is SpeakerKind.PERSON and speaker.gender in _GENDERS and speaker.name[:1].isupper():
            by_doc.setdefault(quote.doc_id, []).append((speaker.name, speaker.gender))
    return score_genders(gold_docs, by_doc)


def score_genders(
    gold_docs: Sequence[Mapping[str, Any]], predicted: Mapping[str, Sequence[tuple[str, str]]]
) -> dict[str, Any]:
    """Strict and lenient P/R/F1 of ``(name, gender)`` pairs per article, summed."""
    totals = {mode: {g: {"tp": 0, "fp": 0, "fn": 0} for g in _GENDERS} for mode in ("strict", "lenient")}
    scored = 0
    for doc in gold_docs:
        if "sources_female" not in doc and "sources_male" not in doc:
            continue
        scored += 1
        pairs = predicted.get(str(doc.get("doc_id")), ())
        for gender in _GENDERS:
            gold = {_norm(n) for n in doc.get(f"sources_{gender}") or ()}
            pred = {_norm(n) for n, g in pairs if g == gender}
            for mode in ("strict", "lenient"):
                tp = len(gold & pred) if mode == "strict" else _lenient_hits(gold, pred)
                counts = totals[mode][gender]
                counts["tp"] += tp
                counts["fp"] += len(pred) - tp
                counts["fn"] += len(gold) - tp
    result: dict[str, Any] = {m: {g: _prf(c) for g, c in by.items()} for m, by in totals.items()}
    result["articles"] = scored
    return result


def format_gender_report(result: Mapping[str, Any]) -> str:
    """Plain-text lines for `score_source_gender`'s dict."""
    lines = [f"source gender (GGT: lower-cased full-name sets per article, {result['articles']} articles)"]
    for mode in ("strict", "lenient"):
        for gender in _GENDERS:
            s = result[mode][gender]
            lines.append(
                f"  {mode:8s}{gender:7s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
            )
    return "\n".join(lines)


def _with_genders(quotes: list[Quote], gold_docs: Sequence[Mapping[str, Any]], config: PipelineConfig) -> list[Quote]:
    from quotegraph.annotate import annotate_speakers
    from quotegraph.nlp.entities import link_entities

    linked, _ = link_entities(quotes)
    texts = {str(d.get("doc_id")): str(d.get("text") or "") for d in gold_docs}
    return annotate_speakers(linked, texts=texts, config=config)[0]


def _lenient_hits(gold: set[str], pred: set[str]) -> int:
    """Exact matches, then each lone predicted surname against one unmatched gold full name."""
    hits = gold & pred
    left = sorted(gold - hits)
    count = len(hits)
    for name in sorted(pred - hits):
        if " " in name:
            continue
        match = next((g for g in left if g.split()[-1] == name), None)
        if match is not None:
            left.remove(match)
            count += 1
    return count


def _norm(name: str) -> str:
    return " ".join(str(name).lower().split())


def _prf(counts: Mapping[str, int]) -> dict[str, Any]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


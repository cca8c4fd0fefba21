"""Scoring conventions: quote runs whole or in pieces, and when two names agree.

Gold sets differ in how they cut a statement that comes in pieces
(``"A," X said. "B."``, ``A, X said, B``): PolNeAR annotates one attribution
with ``quote_parts``, GGT and the seeds one quote per piece. The user picks the
convention (``--join-quote-runs`` / ``--separate-quote-runs``); `gold_items`
and `predicted_items` bring the gold and the predictions to it. The gold is
never read to choose extraction settings: `gold_joins_runs` only feeds a hint.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from quotegraph.nlp.names import fits_name

__all__ = ["names_agree", "gold_joins_runs", "gold_items", "predicted_items", "name_words"]

Item = Mapping[str, Any]


def names_agree(gold: str, pred: str, *, kind: str | None = "person") -> bool:
    """Canonical names agree: the same words, or one stands for the other.

    Two personal names (``kind`` is the predicted speaker's; both capitalised)
    agree by the one name-fitting rule, `fits_name` ("Kirby" for "John Kirby",
    not "Jane Smith" for "John Smith"). Other names and descriptions agree when
    the words of one are all in the other ("a nurse" for "a nurse who was on
    duty"; "Russian military" is not "Ukrainian military").

    >>> names_agree("John Kirby", "Kirby"), names_agree("John Kirby", "Blinken")
    (True, False)
    >>> names_agree("Jane Smith", "John Smith")
    False
    >>> names_agree("Russian military", "Ukrainian military", kind="organisation")
    False
    """
    g, p = name_words(gold), name_words(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    if kind == "person" and gold.strip()[:1].isupper() and pred.strip()[:1].isupper():
        return fits_name(" ".join(p), " ".join(g)) or fits_name(" ".join(g), " ".join(p))
    return set(g) <= set(p) or set(p) <= set(g)


def gold_joins_runs(gold_docs: Iterable[Mapping[str, Any]]) -> bool:
    """Whether a gold file seems to annotate ``"A," X said. "B."`` as one quote (a hint only).

    PolNeAR does (its quote parts are split by an attribution that ends a
    sentence); the seeds and our cases make "B" a quote of its own. Two such
    quotes are taken as the file's convention.

    >>> text = '"We won," she said. "Again."'
    >>> gold_joins_runs([{"text": text, "quotes": [{"quote_parts": [[0, 9], [20, 28]]}] * 2}])
    True
    >>> text = '"We won," she said, "again."'
    >>> gold_joins_runs([{"text": text, "quotes": [{"quote_parts": [[0, 9], [20, 28]]}] * 2}])
    False
    """
    runs = 0
    for doc in gold_docs:
        text = str(doc.get("text", ""))
        for quote in doc.get("quotes") or []:
            parts = sorted(quote.get("quote_parts") or [])
            between = (text[a[1] : b[0]] for a, b in zip(parts, parts[1:]))
            runs += any(_SENTENCE_END.search(gap) for gap in between)
            if runs >= 2:
                return True
    return False


def gold_items(quotes: Iterable[Item], *, join: bool) -> list[Item]:
    """Gold quotes in the chosen convention: as annotated, or one per ``quote_parts`` piece.

    >>> gold = [{"quote_span": [0, 28], "quote_parts": [[0, 9], [20, 28]], "type": "direct"}]
    >>> [g["quote_span"] for g in gold_items(gold, join=False)]
    [[0, 9], [20, 28]]
    """
    out: list[Item] = []
    for quote in quotes:
        parts = quote.get("quote_parts") or []
        if join or len(parts) < 2:
            out.append(quote)
        else:
            out += [{**quote, "quote_span": list(part), "quote_parts": [list(part)]} for part in parts]
    return out


def predicted_items(rows: Iterable[Item], *, join: bool, text: str) -> list[Item]:
    """Predicted quotes (``Quote.to_dict()`` rows) in the chosen convention.

    Joined, the pieces of one ``statement_id`` become one quote; separate, a
    quote with several ``parts`` becomes one quote per part.

    >>> rows = [{"start": 0, "end": 9, "statement_id": "s"}, {"start": 20, "end": 28, "statement_id": "s"}]
    >>> [(r["start"], r["end"]) for r in predicted_items(rows, join=True, text="")]
    [(0, 28)]
    """
    out: list[Item] = []
    statements: dict[str, dict[str, Any]] = {}
    for row in rows:
        parts = row.get("parts") or []
        if not join and len(parts) > 1:
            out += [{**row, "start": p["start"], "end": p["end"], "text": p["text"], "parts": [p]} for p in parts]
        elif join and row.get("statement_id"):
            key = str(row["statement_id"])
            if key not in statements:
                statements[key] = dict(row, parts=list(parts))
                out.append(statements[key])
            else:
                whole = statements[key]
                whole["start"], whole["end"] = min(whole["start"], row["start"]), max(whole["end"], row["end"])
                whole["text"] = text[whole["start"] : whole["end"]]
                whole["parts"] += list(parts)
        else:
            out.append(row)
    return out


_SENTENCE_END = re.compile(r"[.!?]\s")


def name_words(name: str) -> list[str]:
    """Lower-case words of a name without articles: ``['white', 'house']``."""
    return [w for w in re.findall(r"[^\W_]+", name.lower()) if w not in ("the", "a", "an")]

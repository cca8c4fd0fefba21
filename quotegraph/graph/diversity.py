"""Who gets a voice: the sources table and source-diversity shares.

Pure functions from model objects to plain rows (no spaCy, no pandas): the
build writes them as ``sources.csv`` and ``diversity.csv``, and the API turns
them into DataFrames.

A *source* is one speaker in one article. Shares count people only: an
organisation, place or group has no gender, and a quote with no attributed
speaker has no source; their numbers stay visible in the columns
``other_sources`` and ``unattributed_quotes`` rather than being folded into
``unknown``. ``unknown`` (a person whose gender nothing told) is always a row of
its own and always in the denominator.

Every share carries a 95% interval over articles: the wider of the Wilson score
interval on the counts and a percentile bootstrap that resamples whole articles
(sources in one article are not independent; ``seed`` fixes the resampling).
``if_unknown_female``/``if_unknown_male`` give the share if every unknown source
were a woman, or every one a man: the range no gender inference can leave.

Examples
--------
>>> from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
>>> ann = Speaker("Ann Lee", kind=SpeakerKind.PERSON, gender="female", gender_evidence="pronoun")
>>> rows = source_rows([Quote("a", "a:0-4", '"Y."', 0, 4, QuoteKind.DIRECT, ann, source="Wire")])
>>> rows[0]["speaker_name"], rows[0]["gender"], rows[0]["quote_count"]
('Ann Lee', 'female', 1)
>>> [(r["gender"], r["sources"]) for r in diversity_rows(rows, by="all")]
[('female', 1), ('male', 0), ('unknown', 0)]
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Mapping, Sequence

from quotegraph.model import Article, Quote, SpeakerKind

__all__ = [
    "SOURCE_COLUMNS",
    "DIVERSITY_COLUMNS",
    "DIVERSITY_GROUPS",
    "source_rows",
    "diversity_rows",
    "unattributed_counts",
    "wilson_interval",
    "write_rows_csv",
    "write_tables",
]

SOURCE_COLUMNS: tuple[str, ...] = (
    "doc_id", "speaker_id", "speaker_name", "speaker_kind", "outlet", "date", "month",
    "gender", "gender_evidence", "quote_count", "topics", "corrected",
)  # fmt: skip

DIVERSITY_COLUMNS: tuple[str, ...] = (
    "by", "group", "gender", "articles", "sources", "source_share", "source_low", "source_high",
    "source_if_unknown_female", "source_if_unknown_male",
    "quotes", "quote_share", "quote_low", "quote_high",
    "quote_if_unknown_female", "quote_if_unknown_male",
    "people_sources", "other_sources", "unattributed_quotes",
)  # fmt: skip

#: ``by`` values: the whole corpus, each outlet (``source``), each month, each topic.
DIVERSITY_GROUPS = ("all", "source", "month", "topic")
_GENDER_ROWS = ("female", "male", "unknown")
_NO_OUTLET, _NO_DATE = "(no outlet)", "(no date)"
_SEPARATOR = "; "


def source_rows(quotes: Iterable[Quote], *, articles: Mapping[str, Article] | None = None) -> list[dict[str, Any]]:
    """One row per article and attributed speaker, in article then speaker order.

    Parameters
    ----------
    quotes : iterable of Quote
        Quotes with genders set (`quotegraph.nlp.gender.assign_genders`);
        quotes whose speaker is unknown give no row.
    articles : mapping of doc_id to Article, optional
        Fills outlet and date where a quote lacks them.

    Returns
    -------
    list of dict
        Keys of `SOURCE_COLUMNS`; ``gender`` is None for non-people.
    """
    articles = articles or {}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for quote in quotes:
        speaker = quote.speaker
        if not speaker.is_known:
            continue
        sid = speaker.entity_id or f"{speaker.kind.value}:{speaker.name.casefold()}"
        article = articles.get(quote.doc_id)
        row = rows.setdefault((quote.doc_id, sid), _new_source(quote, sid, article))
        row["quote_count"] += 1
        row["topics"].update(quote.topics)
        row["corrected"] |= bool(quote.corrected)
    out = []
    for key in sorted(rows):
        row = rows[key]
        row["topics"] = _SEPARATOR.join(sorted(row["topics"]))
        out.append(row)
    return out


def diversity_rows(
    sources: Sequence[Mapping[str, Any]],
    *,
    by: str = "source",
    unattributed: Mapping[str, int] | None = None,
    seed: int = 0,
    resamples: int = 1000,
) -> list[dict[str, Any]]:
    """Shares of female, male and unknown sources (and their quotes) per group.

    Parameters
    ----------
    sources : sequence of mapping
        Rows of `source_rows` (or ``sources.csv`` read back).
    by : {"source", "month", "topic", "all"}, optional (default="source")
        Group by outlet, by month of the article date, by topic (a source counts
        in every topic it spoke on), or one group for the whole corpus.
    unattributed : mapping of doc_id to int, optional
        Quotes with no attributed speaker per article (shown, never shared out).
    seed : int, optional (default=0)
        Seed of the bootstrap over articles.
    resamples : int, optional (default=1000)
        Bootstrap resamples.

    Returns
    -------
    list of dict
        Three rows (female, male, unknown) per group, keys of `DIVERSITY_COLUMNS`.

    Raises
    ------
    ValueError
        When ``by`` is not one of `DIVERSITY_GROUPS`.
    """
    if by not in DIVERSITY_GROUPS:
        raise ValueError(f"cannot group diversity by {by!r}; choose from {', '.join(DIVERSITY_GROUPS)}")
    groups: dict[str, _Group] = {}
    for row in sources:
        for name in _groups_of(row, by):
            groups.setdefault(name, _Group()).add(row)
    for doc_id, count in (unattributed or {}).items():
        for group in groups.values():
            if doc_id in group.articles:
                group.unattributed += count
    out: list[dict[str, Any]] = []
    for offset, name in enumerate(sorted(groups)):
        out.extend(groups[name].rows(by, name, seed=seed + offset, resamples=resamples))
    return out


def wilson_interval(hits: int, total: int, *, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of ``hits / total`` (95% by default).

    >>> [round(x, 4) for x in wilson_interval(5, 10)]
    [0.2366, 0.7634]
    >>> wilson_interval(0, 0)
    (0.0, 1.0)
    """
    if total <= 0:
        return 0.0, 1.0
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def write_rows_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], path_or_stream: str | Path | IO[str]) -> int:
    """Write rows as CSV with a fixed header (None as an empty cell); return the count."""
    if not isinstance(path_or_stream, (str, Path)):
        return _write_csv(rows, columns, path_or_stream)
    with open(path_or_stream, "w", encoding="utf-8", newline="") as handle:
        return _write_csv(rows, columns, handle)


def unattributed_counts(quotes: Iterable[Quote]) -> dict[str, int]:
    """Quotes with no attributed speaker, per article."""
    counts: Counter[str] = Counter(q.doc_id for q in quotes if not q.speaker.is_known)
    return dict(counts)


def write_tables(
    quotes: Sequence[Quote], out_dir: str | Path, *, articles: Mapping[str, Article] | None = None, seed: int = 0
) -> list[Path]:
    """Write ``sources.csv`` and ``diversity.csv`` (the "all", per-outlet and per-month rows)."""
    out = Path(out_dir)
    sources = source_rows(quotes, articles=articles)
    write_rows_csv(sources, SOURCE_COLUMNS, out / "sources.csv")
    unattributed = unattributed_counts(quotes)
    rows = [
        row
        for by in ("all", "source", "month")
        for row in diversity_rows(sources, by=by, unattributed=unattributed, seed=seed)
    ]
    write_rows_csv(rows, DIVERSITY_COLUMNS, out / "diversity.csv")
    return [out / "sources.csv", out / "diversity.csv"]


# -- helpers ------------------------------------------------------------------


@dataclass
class _Group:
    """Per-article counts of one group: sources and quotes by gender."""

    articles: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    others: int = 0
    unattributed: int = 0

    def add(self, row: Mapping[str, Any]) -> None:
        counts = self.articles.setdefault(str(row["doc_id"]), Counter())
        if row.get("speaker_kind") != SpeakerKind.PERSON.value:
            self.others += 1
            return
        gender = str(row["gender"]) if row.get("gender") in _GENDER_ROWS else "unknown"
        counts[("s", gender)] += 1
        counts[("q", gender)] += int(row.get("quote_count") or 0)

    def rows(self, by: str, name: str, *, seed: int, resamples: int) -> list[dict[str, Any]]:
        docs = sorted(self.articles)
        table = {
            (unit, g): [self.articles[d][(unit, g)] for d in docs] for unit in "sq" for g in _GENDER_ROWS
        }
        people = sum(sum(table[("s", g)]) for g in _GENDER_ROWS)
        rows = []
        for gender in _GENDER_ROWS:
            row: dict[str, Any] = {"by": by, "group": name, "gender": gender, "articles": len(docs)}
            for unit, label in (("s", "source"), ("q", "quote")):
                row.update(_shares(table, unit, gender, label, seed=seed, resamples=resamples))
            row["sources"], row["quotes"] = sum(table[("s", gender)]), sum(table[("q", gender)])
            row.update(people_sources=people, other_sources=self.others, unattributed_quotes=self.unattributed)
            rows.append({c: row.get(c) for c in DIVERSITY_COLUMNS})
        return rows


def _shares(
    table: Mapping[tuple[str, str], list[int]], unit: str, gender: str, label: str, *, seed: int, resamples: int
) -> dict[str, Any]:
    hits = table[(unit, gender)]
    totals = [sum(col) for col in zip(*(table[(unit, g)] for g in _GENDER_ROWS))]
    k, n, unknown = sum(hits), sum(totals), sum(table[(unit, "unknown")])
    if n == 0:
        return {f"{label}_{s}": None for s in ("share", "low", "high", "if_unknown_female", "if_unknown_male")}
    low, high = wilson_interval(k, n)
    boot_low, boot_high = _bootstrap(hits, totals, seed=seed, resamples=resamples)
    extra = {"female": unknown, "male": 0, "unknown": -unknown}
    extra_male = {"female": 0, "male": unknown, "unknown": -unknown}
    return {
        f"{label}_share": k / n,
        f"{label}_low": min(low, boot_low),
        f"{label}_high": max(high, boot_high),
        f"{label}_if_unknown_female": (k + extra[gender]) / n,
        f"{label}_if_unknown_male": (k + extra_male[gender]) / n,
    }


def _bootstrap(hits: Sequence[int], totals: Sequence[int], *, seed: int, resamples: int) -> tuple[float, float]:
    """Percentile interval of ``sum(hits)/sum(totals)`` resampling articles."""
    import numpy as np

    hit, total = np.asarray(hits, dtype=float), np.asarray(totals, dtype=float)
    keep = total > 0
    hit, total = hit[keep], total[keep]
    if len(total) < 2:
        share = float(hit.sum() / total.sum()) if total.sum() else 0.0
        return share, share
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(total), size=(resamples, len(total)))
    ratios = hit[picks].sum(axis=1) / total[picks].sum(axis=1)
    low, high = np.percentile(ratios, [2.5, 97.5])
    return float(low), float(high)


def _new_source(quote: Quote, sid: str, article: Article | None) -> dict[str, Any]:
    speaker = quote.speaker
    outlet = quote.source or (article.source if article else None)
    date = quote.date or (article.date if article else None)
    return {
        "doc_id": quote.doc_id, "speaker_id": sid, "speaker_name": speaker.name,
        "speaker_kind": speaker.kind.value, "outlet": outlet, "date": date,
        "month": date[:7] if date and len(date) >= 7 else None,
        "gender": speaker.gender, "gender_evidence": speaker.gender_evidence,
        "quote_count": 0, "topics": set(), "corrected": False,
    }  # fmt: skip


def _groups_of(row: Mapping[str, Any], by: str) -> list[str]:
    if by == "all":
        return ["all"]
    if by == "source":
        return [str(row.get("outlet") or _NO_OUTLET)]
    if by == "month":
        month = row.get("month") or (str(row.get("date") or "")[:7] or None)
        return [str(month or _NO_DATE)]
    topics = row.get("topics") or ""
    names = topics.split(_SEPARATOR) if isinstance(topics, str) else list(topics)
    return [t for t in names if t] or ["(no topic)"]


def _write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], handle: IO[str]) -> int:
    writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({c: ("" if row.get(c) is None else row.get(c)) for c in columns})
        count += 1
    return count

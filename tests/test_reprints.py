"""Reprints: one statement printed by several articles (issue 14), on quotes we wrote."""

from __future__ import annotations

import pytest

from quotegraph.graph.build import build_speaker_graph
from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind
from quotegraph.reprints import mark_reprints

REYES = Speaker("Tomas Reyes", entity_id="person:tomas-reyes", kind=SpeakerKind.PERSON,
                organisation="Transport Workers' Union")  # fmt: skip
LINDQVIST = Speaker("Mara Lindqvist", entity_id="person:mara-lindqvist", kind=SpeakerKind.PERSON)

WIRE = [
    (REYES, '"We have been patient for eleven months. Patience has not paid a single bill,"'),
    (REYES, "the union was seeking a 9 percent pay rise over two years and an end to rolling shifts"),
    (LINDQVIST, '"Our offer of 5 percent is the most generous this port has made in a decade,"'),
]


def _article(doc: str, source: str, quotes: list[tuple[Speaker, str]]) -> list[Quote]:
    return [
        Quote(doc, f"{doc}:{n}", text, n * 200, n * 200 + len(text), QuoteKind.DIRECT, speaker,
              topics=("pay talks",), source=source, date="2026-03-02")  # fmt: skip
        for n, (speaker, text) in enumerate(quotes)
    ]


@pytest.fixture()
def syndicated() -> list[Quote]:
    """One wire story (KPA) reprinted by two outlets, as the issue's test corpus asks."""
    return [
        *_article("kpa", "Kestria Press Agency", WIRE),
        *_article("ledger", "Northern Ledger", WIRE),
        *_article("mail", "Haldport Evening Mail", WIRE),
    ]


def test_issue14_syndicated_quotes_share_one_reprint_id(syndicated: list[Quote]) -> None:
    marked = mark_reprints(syndicated)
    by_text: dict[str, set[str]] = {}
    for quote in marked:
        by_text.setdefault(quote.text, set()).add(quote.reprint_id or "")
        assert quote.occurrences == 3
    assert all(len(ids) == 1 for ids in by_text.values())
    assert len({q.reprint_id for q in marked}) == len(WIRE)


def test_issue14_reprint_reprinted_by_one_more_outlet_has_two_occurrences() -> None:
    marked = mark_reprints([*_article("kpa", "KPA", WIRE), *_article("ledger", "Ledger", WIRE)])
    assert {q.occurrences for q in marked} == {2}
    assert len({q.reprint_id for q in marked}) == len(WIRE)


def test_issue14_graph_counts_a_reprinted_statement_once(syndicated: list[Quote]) -> None:
    marked = mark_reprints(syndicated)
    graph = build_speaker_graph(marked, layout=False)
    edge = graph.edges["person:tomas-reyes", "organisation:transport-workers-union", "affiliated_with"]
    assert (edge["weight"], len(edge["quote_ids"])) == (2, 6)
    every = build_speaker_graph(marked, count="reprints", layout=False)
    edge = every.edges["person:tomas-reyes", "organisation:transport-workers-union", "affiliated_with"]
    assert edge["weight"] == 6
    assert graph.graph["distinct_statements"] == len(WIRE)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("the union was seeking a 9 percent pay rise over two years and an end to rolling 12-hour shifts",
         "the union was seeking a 9 percent rise over two years and an end to rolling 12-hour shifts", True),
        ("“We have been patient for eleven months,” he said.",
         '"We have been PATIENT for eleven months" he said', True),
        ("the union was seeking a 9 percent pay rise over two years",
         "the authority would not raise its offer of 5 percent this year", False),
        ("No.", "No.", False),
    ],
    ids=["light-edit", "marks-and-case", "different", "too-short"],
)
def test_reprints_near_duplicates(first: str, second: str, same: bool) -> None:
    quotes = [
        Quote(doc, f"{doc}:0", text, 0, len(text), QuoteKind.INDIRECT, REYES)
        for doc, text in (("a", first), ("b", second))
    ]
    a, b = mark_reprints(quotes)
    assert (a.reprint_id == b.reprint_id) is same
    assert a.occurrences == b.occurrences == (2 if same else 1)


@pytest.mark.parametrize("where", ["same-article", "other-speaker"])
def test_reprints_need_two_articles_and_one_speaker(where: str) -> None:
    text = '"Every day the gates stay shut, shipping lines look elsewhere."'
    other = LINDQVIST if where == "other-speaker" else REYES
    doc = "a" if where == "same-article" else "b"
    quotes = [
        Quote("a", "a:0", text, 0, len(text), QuoteKind.DIRECT, REYES),
        Quote(doc, f"{doc}:100", text, 100, 100 + len(text), QuoteKind.DIRECT, other),
    ]
    a, b = mark_reprints(quotes)
    assert a.reprint_id != b.reprint_id and a.occurrences == b.occurrences == 1


def test_reprints_id_is_stable_and_survives_json(syndicated: list[Quote]) -> None:
    first = mark_reprints(syndicated)
    again = mark_reprints(list(reversed(syndicated)))
    assert {q.quote_id: q.reprint_id for q in first} == {q.quote_id: q.reprint_id for q in again}
    assert [Quote.from_dict(q.to_dict()) for q in first] == first


def test_reprints_threshold_is_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        mark_reprints([], threshold=0)


def test_reprints_prolific_speaker_goes_through_minhash() -> None:
    """Over 40 distinct quotes of one speaker: candidates come from LSH, still checked exactly."""
    texts = [f"the harbour will stay closed on day {n} of the strike unless the union {n} returns"
             for n in range(60)]  # fmt: skip
    quotes = [Quote(f"d{n}", f"d{n}:0", t, 0, len(t), QuoteKind.DIRECT, REYES) for n, t in enumerate(texts)]
    edited = texts[7].replace(" returns", " comes back")
    quotes.append(Quote("ledger", "ledger:0", edited, 0, len(edited), QuoteKind.DIRECT, REYES))
    marked = mark_reprints(quotes)
    assert marked[-1].reprint_id == marked[7].reprint_id and marked[-1].occurrences == 2
    assert len({q.reprint_id for q in marked}) == 60

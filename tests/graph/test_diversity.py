"""Sources and diversity tables on a constructed corpus with known counts."""

from __future__ import annotations

import csv
import math

import pytest

from quotegraph.graph.diversity import (
    DIVERSITY_COLUMNS,
    SOURCE_COLUMNS,
    diversity_rows,
    source_rows,
    unattributed_counts,
    wilson_interval,
)
from quotegraph.model import Quote, QuoteKind, Speaker, SpeakerKind, make_entity_id

#: (doc_id, outlet, date, speaker, kind, gender, quotes)
CORPUS = [
    ("a", "Wire", "2025-01-03", "Ann Lee", "person", "female", 2),
    ("a", "Wire", "2025-01-03", "Bo Tran", "person", "male", 1),
    ("b", "Wire", "2025-01-20", "Cy Diaz", "person", "male", 1),
    ("b", "Wire", "2025-01-20", "Dev Rao", "person", "male", 1),
    ("b", "Wire", "2025-01-20", "Eli Park", "person", "unknown", 1),
    ("c", "Post", "2025-02-11", "Fay Moss", "person", "female", 1),
    ("c", "Post", "2025-02-11", "Harbour Trust", "organisation", None, 2),
    ("d", "Post", "2025-02-15", "Gil Roy", "person", "unknown", 3),
    ("d", "Post", "2025-02-15", None, "unknown", None, 1),
]


def corpus() -> list[Quote]:
    quotes = []
    for doc_id, outlet, date, name, kind, gender, count in CORPUS:
        speaker = (Speaker(name, entity_id=make_entity_id(kind, name), kind=SpeakerKind(kind), gender=gender,
                           gender_evidence="name" if gender in ("female", "male") else None)
                   if name else Speaker.unknown())
        for i in range(count):
            start = len(quotes) * 10
            quotes.append(Quote(doc_id, f"{doc_id}:{start}-{start + 5}", '"Yes"', start, start + 5,
                                QuoteKind.DIRECT, speaker, source=outlet, date=date, topics=("rent",)))
    return quotes


def rows_by(by: str) -> dict[tuple[str, str], dict]:
    quotes = corpus()
    rows = diversity_rows(source_rows(quotes), by=by, unattributed=unattributed_counts(quotes), seed=3)
    return {(r["group"], r["gender"]): r for r in rows}


def test_diversity_sources_one_row_per_article_and_speaker() -> None:
    rows = source_rows(corpus())
    assert [(r["doc_id"], r["speaker_name"], r["gender"], r["quote_count"]) for r in rows][:3] == [
        ("a", "Ann Lee", "female", 2), ("a", "Bo Tran", "male", 1), ("b", "Cy Diaz", "male", 1)]
    assert len(rows) == 8  # the unattributed quote is no source
    assert set(rows[0]) == set(SOURCE_COLUMNS)
    assert [r["gender"] for r in rows if r["speaker_kind"] == "organisation"] == [None]


@pytest.mark.parametrize(
    ("gender", "sources", "share", "if_female", "if_male", "quotes"),
    [
        pytest.param("female", 2, 2 / 7, 4 / 7, 2 / 7, 3, id="female"),
        pytest.param("male", 3, 3 / 7, 3 / 7, 5 / 7, 3, id="male"),
        pytest.param("unknown", 2, 2 / 7, 0.0, 0.0, 4, id="unknown"),
    ],
)
def test_diversity_overall_counts_shares_and_unknown_bounds(gender, sources, share, if_female, if_male, quotes) -> None:
    row = rows_by("all")[("all", gender)]
    assert (row["sources"], row["quotes"], row["articles"]) == (sources, quotes, 4)
    assert row["source_share"] == pytest.approx(share)
    assert row["source_if_unknown_female"] == pytest.approx(if_female)
    assert row["source_if_unknown_male"] == pytest.approx(if_male)
    assert row["quote_share"] == pytest.approx(quotes / 10)
    assert (row["people_sources"], row["other_sources"], row["unattributed_quotes"]) == (7, 1, 1)


@pytest.mark.parametrize("gender", ["female", "male", "unknown"])
def test_diversity_interval_covers_wilson_and_the_share(gender: str) -> None:
    row = rows_by("all")[("all", gender)]
    low, high = wilson_interval(row["sources"], 7)
    assert row["source_low"] <= low <= row["source_share"] <= high <= row["source_high"]
    assert 0.0 <= row["source_low"] and row["source_high"] <= 1.0


def test_diversity_wilson_known_values() -> None:
    low, high = wilson_interval(2, 7)
    # Wilson (1927) score interval for 2/7 at 95%, computed by hand.
    z = 1.959964
    centre = (2 / 7 + z * z / 14) / (1 + z * z / 7)
    half = z * math.sqrt((2 / 7) * (5 / 7) / 7 + z * z / 196) / (1 + z * z / 7)
    assert (low, high) == pytest.approx((centre - half, centre + half))
    assert (round(low, 4), round(high, 4)) == (0.0822, 0.6411)


def test_diversity_bootstrap_is_seeded() -> None:
    assert rows_by("all") == rows_by("all")


def test_diversity_per_outlet_and_month_keep_unknown_rows() -> None:
    outlets = rows_by("source")
    assert outlets[("Wire", "female")]["source_share"] == pytest.approx(1 / 5)
    assert outlets[("Post", "unknown")]["sources"] == 1
    assert outlets[("Post", "male")]["sources"] == 0 and outlets[("Post", "male")]["source_share"] == 0.0
    months = rows_by("month")
    assert sorted({g for g, _ in months}) == ["2025-01", "2025-02"]
    assert months[("2025-02", "unknown")]["quote_share"] == pytest.approx(3 / 4)
    assert len(months) == 6  # female, male and unknown for each month


def test_diversity_by_topic_and_bad_grouping() -> None:
    assert rows_by("topic")[("rent", "female")]["sources"] == 2
    with pytest.raises(ValueError, match="source, month, topic"):
        diversity_rows([], by="outlet")


def test_diversity_tables_round_trip_and_agree_with_quotes_jsonl(tmp_path) -> None:
    from quotegraph.api import QuoteGraph, from_quotes

    qg = QuoteGraph(corpus())
    qg.save(tmp_path, formats=("csv",))
    with open(tmp_path / "sources.csv", newline="", encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    reloaded = from_quotes(tmp_path / "quotes.jsonl")
    expected = source_rows(reloaded.quote_list)
    assert [r["speaker_id"] for r in written] == [r["speaker_id"] for r in expected]
    assert [(r["gender"] or None, int(r["quote_count"])) for r in written] == [
        (r["gender"], r["quote_count"]) for r in expected]
    frame = qg.sources()
    assert frame["quote_count"].sum() == 13 - 1 and list(frame.columns) == list(SOURCE_COLUMNS)
    with open(tmp_path / "diversity.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == list(DIVERSITY_COLUMNS)
    again = diversity_rows(written, by="source", unattributed=unattributed_counts(reloaded.quote_list), seed=0)
    from_csv = [r for r in table if r["by"] == "source"]
    assert [(r["group"], r["gender"], int(r["sources"]), float(r["source_share"])) for r in from_csv] == [
        (r["group"], r["gender"], r["sources"], pytest.approx(r["source_share"])) for r in again]
    api = reloaded.diversity(by="source")
    assert list(api["sources"]) == [int(r["sources"]) for r in from_csv]


def test_diversity_gender_reaches_graph_graphml_gexf_and_speakers(tmp_path) -> None:
    import networkx as nx

    from quotegraph.api import QuoteGraph

    qg = QuoteGraph(corpus(), gender_votes={"person:ann-lee": {"female": 1, "male": 0}})
    nodes = qg.graph.nodes
    assert (nodes["person:ann-lee"]["gender"], nodes["person:ann-lee"]["gender_evidence"]) == ("female", "name")
    assert nodes["person:ann-lee"]["gender_text_female"] == 1 and nodes["person:bo-tran"]["gender_text_male"] == 0
    assert "gender" not in nodes["organisation:harbour-trust"]
    graphml = nx.read_graphml(qg.to_graphml(tmp_path / "g.graphml"))
    assert graphml.nodes["person:eli-park"]["gender"] == "unknown"
    gexf = qg.to_gexf(tmp_path / "g.gexf").read_text(encoding="utf-8")  # networkx cannot read mixed edges back
    assert 'title="gender"' in gexf and 'title="gender_evidence"' in gexf and 'value="female"' in gexf
    speakers = qg.speakers().set_index("id")
    assert speakers.loc["person:gil-roy", "gender"] == "unknown"

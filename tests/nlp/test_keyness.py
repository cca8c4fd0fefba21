"""Topics by keyness (issue 14): corpus-wide selection on quotes we wrote, no model."""

from __future__ import annotations

import pytest

from quotegraph.model import Entity, Quote, QuoteKind, Speaker, SpeakerKind
from quotegraph.nlp.keyness import english_per_million, select_topics

FLOOD = [
    ("a", "Ivo Brandt", "The casualty figures from the floods will rise, and the decision is hard.",
     ("casualty figures", "floods", "decision")),
    ("b", "Ruth Calloway", "The casualties were avoidable: the embankment at Millford failed.",
     ("casualties", "embankment", "Millford")),
    ("c", "Anneke Visser", "The Millford embankment was built for the river of 1960, a decision of its time.",
     ("Millford embankment", "river", "decision", "time")),
    ("d", "Ivo Brandt", "The Millford embankment failed; the casualty figures tell the story of the floods.",
     ("Millford embankment", "casualty figures", "story", "floods")),
]  # fmt: skip


def _corpus(rows=FLOOD) -> list[Quote]:
    return [
        Quote(doc, f"{doc}:0", text, 0, len(text), QuoteKind.DIRECT,
              Speaker(who, kind=SpeakerKind.PERSON, entity_id=f"person:{who.lower()}"), topics=topics)
        for doc, who, text, topics in rows
    ]  # fmt: skip


def _topics(quotes: list[Quote]) -> set[str]:
    return {t for q in quotes for t in q.topics}


def test_keyness_general_words_name_no_subject() -> None:
    chosen = _topics(select_topics(_corpus()))
    assert not chosen & {"decision", "time", "story", "river"}
    assert {"casualty figures", "Millford embankment", "floods"} <= chosen


def test_keyness_variants_merge_under_the_most_frequent_surface_form() -> None:
    marked = select_topics(_corpus())
    # "casualties" folds into "casualty figures"; "embankment" into "Millford embankment".
    assert marked[1].topics == ("casualty figures", "Millford embankment")
    assert marked[0].topics == ("casualty figures", "floods")


def test_keyness_entity_names_are_no_topics() -> None:
    millford = Entity("place:millford", "Millford", SpeakerKind.PLACE, aliases=("Millford",))
    rows = [(d, w, t, topics + ("Millford",)) for d, w, t, topics in FLOOD]
    assert "Millford" not in _topics(select_topics(_corpus(rows), entities=[millford]))


def test_keyness_needs_two_speakers_or_two_articles() -> None:
    rows = [("a", "Ivo Brandt", "The sandbag wall held, the sandbag wall held.", ("sandbag wall",)),
            ("a", "Ivo Brandt", "Another sandbag wall went up.", ("sandbag wall",))]  # fmt: skip
    assert _topics(select_topics(_corpus(rows))) == set()
    rows[1] = ("b",) + rows[1][1:]
    assert _topics(select_topics(_corpus(rows))) == {"sandbag wall"}


def test_keyness_user_topics_are_kept_as_they_are() -> None:
    rows = [(d, w, t, ("Flood policy",) + topics) for d, w, t, topics in FLOOD[:1]]
    assert select_topics(_corpus(rows), keep={"Flood policy"})[0].topics == ("Flood policy",)


def test_keyness_reprints_add_no_support() -> None:
    text = "The sandbag wall held through the night."
    speaker = Speaker("Ivo Brandt", kind=SpeakerKind.PERSON, entity_id="person:ivo-brandt")
    quotes = [
        Quote(doc, f"{doc}:0", text, 0, len(text), QuoteKind.DIRECT, speaker,
              topics=("sandbag wall",), reprint_id="r:1", occurrences=2)
        for doc in ("wire", "ledger")
    ]  # fmt: skip
    assert _topics(select_topics(quotes)) == set()


@pytest.mark.parametrize(
    ("common", "rare"),
    [("decision", "casualty figures"), ("time", "embankment"), ("long time", "winter offensive")],
)
def test_keyness_english_rates(common: str, rare: str) -> None:
    assert english_per_million(common) > english_per_million(rare)

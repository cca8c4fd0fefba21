from __future__ import annotations

import pytest

from quotegraph.model import EntityMention, Quote, QuoteKind, Speaker, SpeakerKind, TextSpan
from quotegraph.statements import join_statements, split_statement, write_statements

RUN = '"We won in Haldport," she said. "Again."'


def _statement() -> Quote:
    parts = (TextSpan.of(RUN, 0, 21), TextSpan.of(RUN, 32, 40))
    entity = EntityMention("Haldport", 11, 19, SpeakerKind.PLACE, "Haldport")
    return Quote("d1", "d1:0-40", RUN, 0, 40, QuoteKind.DIRECT, Speaker("she"),
                 cue=TextSpan.of(RUN, 26, 30), parts=parts, entities=(entity,))


def test_statements_split_statement_one_quote_per_part():
    first, second = split_statement(_statement())
    assert (first.text, first.quote_id, first.statement_id) == ('"We won in Haldport,"', "d1:0-21", "d1:0-40")
    assert (second.text, second.quote_id, second.statement_id) == ('"Again."', "d1:32-40", "d1:0-40")
    assert first.cue == _statement().cue and second.cue is None  # GGT: a run's next piece has no cue
    assert first.speaker == second.speaker
    assert [e.text for e in first.entities] == ["Haldport"] and second.entities == ()
    assert first.parts == () and second.parts == ()
    for piece in (first, second):
        piece.check(RUN)


def test_statements_split_statement_leaves_one_piece_alone():
    quote = Quote("d1", "d1:0-21", RUN[:21], 0, 21, QuoteKind.DIRECT, Speaker("she"))
    assert split_statement(quote) == [quote]


def test_statements_join_statements_undoes_split():
    assert join_statements(split_statement(_statement()), RUN) == [_statement()]


@pytest.mark.parametrize("join, expected", [(True, ["d1:0-40"]), (False, ["d1:0-21", "d1:32-40"])],
                         ids=["joined", "separate"])
def test_statements_write_statements(join, expected):
    assert [q.quote_id for q in write_statements([_statement()], join=join)] == expected


SPLIT = '"We won," she said, "and we stay."'
LONG = 'She said: "We won.\n\n"We stay."'


@pytest.mark.parametrize(
    "text, parts, cue, expected",
    [
        (SPLIT, ((0, 9), (20, 34)), (14, 18), ["said", "said"]),
        (LONG, ((10, 18), (20, 30)), (4, 8), ["said", None]),
        ('"We won."\n\n"We stay," she said.', ((0, 9), (11, 21)), (26, 30), [None, "said"]),
    ],
    ids=["same-sentence-split-shares-cue", "next-paragraph-has-none", "cue-after-last-piece"],
)
def test_statements_split_statement_cue_stays_with_the_pieces_it_tags(text, parts, cue, expected):
    quote = Quote("d1", f"d1:{parts[0][0]}-{parts[-1][1]}", text[parts[0][0] : parts[-1][1]], parts[0][0],
                  parts[-1][1], QuoteKind.DIRECT, Speaker("Ana Ruiz", mention=TextSpan.of(text, cue[0] - 4, cue[0] - 1)),
                  cue=TextSpan.of(text, *cue), parts=tuple(TextSpan.of(text, *p) for p in parts))
    pieces = split_statement(quote)
    assert [p.cue.text if p.cue else None for p in pieces] == expected
    assert {p.speaker for p in pieces} == {quote.speaker}  # every piece keeps the speaker and mention
    assert join_statements(pieces, text) == [quote]

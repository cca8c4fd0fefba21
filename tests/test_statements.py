from __future__ import annotations

import pytest

from quotegraph.model import EntityMention, Quote, QuoteKind, Speaker, SpeakerKind, TextSpan
from quotegraph.statements import join_statements, split_statement, write_statements

RUN = '"We won in Haldport," she said. "Again."'


def _statement() -> Quote:
    parts = (TextSpan.of(RUN, 0, 21), TextSpan.of(RUN, 32, 40))
    entity = EntityMention("Haldport", 11, 19, SpeakerKind.PLACE, "Haldport")
    return Quote("d1", "d1:0-40", RUN, 0, 40, QuoteKind.DIRECT, Speaker("she"),
                 cue=TextSpan.of(RUN, 27, 31), parts=parts, entities=(entity,))


def test_statements_split_statement_one_quote_per_part():
    first, second = split_statement(_statement())
    assert (first.text, first.quote_id, first.statement_id) == ('"We won in Haldport,"', "d1:0-21", "d1:0-40")
    assert (second.text, second.quote_id, second.statement_id) == ('"Again."', "d1:32-40", "d1:0-40")
    assert first.cue == second.cue and first.speaker == second.speaker
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
